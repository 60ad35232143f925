//! The one table of what a person can ask for from the menus or the keyboard:
//! each [`Action`] has its label and its shortcuts here, and the menus, the
//! shortcut handling and the Help window all read this table, so a label or
//! a key is changed in one place and the three always agree.
//!
//! Actions map to [`Command`]s; like every panel, the menus and the keyboard
//! only return commands and [`super::DivergeApp::apply`] carries them out.

use egui::{Context, Key, KeyboardShortcut, Modifiers};

use super::command::Command;

/// A command given from a menu item or a shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// New scenario.
    New,
    /// Open a file.
    Open,
    /// Save.
    Save,
    /// Save as.
    SaveAs,
    /// Quit.
    Quit,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Run again.
    Rerun,
    /// Cancel the run.
    Cancel,
    /// Show or hide the editor panel.
    ToggleEditor,
    /// Full screen.
    ToggleFullscreen,
    /// Presentation mode.
    Present,
    /// The keyboard shortcuts window.
    ShowShortcuts,
    /// About Diverge.
    ShowAbout,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    /// The action.
    pub action: Action,
    /// Its label in menus and in the shortcuts window.
    pub label: &'static str,
    /// Its shortcuts; the first is the one menus show.
    pub keys: &'static [KeyboardShortcut],
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// Every action, in menu order.
pub const ACTIONS: [ActionSpec; 14] = [
    ActionSpec { action: Action::New, label: "New", keys: &[key(CMD, Key::N)] },
    ActionSpec { action: Action::Open, label: "Open…", keys: &[key(CMD, Key::O)] },
    ActionSpec { action: Action::Save, label: "Save", keys: &[key(CMD, Key::S)] },
    ActionSpec { action: Action::SaveAs, label: "Save As…", keys: &[key(CMD_SHIFT, Key::S)] },
    ActionSpec { action: Action::Quit, label: "Quit", keys: &[key(CMD, Key::Q)] },
    ActionSpec { action: Action::Undo, label: "Undo", keys: &[key(CMD, Key::Z)] },
    ActionSpec { action: Action::Redo, label: "Redo", keys: &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)] },
    ActionSpec { action: Action::Rerun, label: "Run again", keys: &[key(CMD, Key::R)] },
    ActionSpec {
        action: Action::Cancel,
        label: "Cancel the run or experiment",
        keys: &[key(Modifiers::NONE, Key::Escape)],
    },
    ActionSpec { action: Action::ToggleEditor, label: "Show the editor", keys: &[key(CMD, Key::E)] },
    ActionSpec { action: Action::ToggleFullscreen, label: "Full screen", keys: &[key(Modifiers::NONE, Key::F11)] },
    ActionSpec { action: Action::Present, label: "Present", keys: &[key(Modifiers::NONE, Key::F5)] },
    ActionSpec { action: Action::ShowShortcuts, label: "Keyboard shortcuts", keys: &[key(Modifiers::NONE, Key::F1)] },
    ActionSpec { action: Action::ShowAbout, label: "About Diverge", keys: &[] },
];

/// Gestures that are not actions, for the shortcuts window.
pub const GESTURES: [(&str, &str); 6] = [
    ("Drop a .ron file", "Open it"),
    ("Presenting: Right / PageDown / Space, Left / PageUp", "Next / previous slide (or the ‹ › buttons)"),
    ("Presenting: Esc", "Leave presentation mode (experiments keep running)"),
    ("Scroll over a plot", "Zoom the time axis (Shift+scroll: the value axis)"),
    ("Drag / right-drag a plot", "Pan / zoom to a box"),
    ("Double-click a plot", "Reset its zoom"),
];

impl Action {
    /// Its row of [`ACTIONS`].
    pub fn spec(self) -> &'static ActionSpec {
        ACTIONS.iter().find(|s| s.action == self).expect("every action has a row")
    }

    /// Its label.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// Its first shortcut as the platform writes it (`Ctrl+S`, `⌘S`), or
    /// nothing.
    pub fn shortcut_text(self, ctx: &Context) -> String {
        self.spec().keys.first().map(|k| ctx.format_shortcut(k)).unwrap_or_default()
    }

    /// The command it gives.
    pub fn command(self) -> Command {
        match self {
            Action::New => Command::New,
            Action::Open => Command::Open,
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs,
            Action::Quit => Command::Quit,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Rerun => Command::Rerun,
            Action::Cancel => Command::Cancel,
            Action::ToggleEditor => Command::ToggleEditor,
            Action::ToggleFullscreen => Command::ToggleFullscreen,
            Action::Present => Command::Present(super::present::PresentStep::Toggle),
            Action::ShowShortcuts => Command::ShowShortcuts,
            Action::ShowAbout => Command::ShowAbout,
        }
    }
}

/// The commands whose shortcuts were pressed this frame. Nothing while a
/// window is open on top; while a text field has focus (`typing`: it had
/// the focus at the end of the last frame, since egui drops the focus on
/// Esc before anyone reads the key) it keeps Ctrl+Z and Esc for its own
/// text. Shortcuts with Shift are checked first, because egui matches
/// Ctrl+S also when Shift is held.
pub fn pressed(ctx: &Context, modal_open: bool, typing: bool) -> Vec<Command> {
    let mut out = Vec::new();
    if modal_open {
        return out;
    }
    let mut keys: Vec<(KeyboardShortcut, Action)> =
        ACTIONS.iter().flat_map(|s| s.keys.iter().map(|k| (*k, s.action))).collect();
    keys.sort_by_key(|(k, _)| !k.modifiers.shift);
    ctx.input_mut(|i| {
        for (shortcut, action) in keys {
            if typing && matches!(action, Action::Undo | Action::Redo | Action::Cancel) {
                continue;
            }
            // Esc is only read, never used up: a number field being typed
            // in needs to see it to put its old value back.
            let pressed = if shortcut.logical_key == Key::Escape && shortcut.modifiers.is_none() {
                i.key_pressed(Key::Escape)
            } else {
                i.consume_shortcut(&shortcut)
            };
            if pressed {
                out.push(action.command());
            }
        }
    });
    out
}

/// Whether a text field has the keyboard now (call at the end of a frame and
/// pass the answer to [`pressed`] in the next).
pub fn typing(ctx: &Context) -> bool {
    ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_no_shortcut_is_used_twice() {
        for s in &ACTIONS {
            assert_eq!(ACTIONS.iter().filter(|t| t.action == s.action).count(), 1, "{:?}", s.action);
            assert_eq!(s.action.spec().label, s.label);
        }
        let keys: Vec<KeyboardShortcut> = ACTIONS.iter().flat_map(|s| s.keys.iter().copied()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} is bound twice");
        }
    }
}
