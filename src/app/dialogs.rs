//! Windows shown over the app: the unsaved-changes question, error messages,
//! a path prompt where no native file dialog exists, About, and the keyboard
//! shortcuts.

use std::path::PathBuf;

use egui::{Context, Id, RichText};

use super::command::{Command, PendingAction};
use super::files::DialogPurpose;
use super::param_widget::ERROR_RED;

/// A window shown on top of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// Save, discard or cancel before `action`.
    Unsaved(PendingAction),
    /// An error, shown once until dismissed.
    Error(String),
    /// Type a path (no native dialog available).
    PathPrompt {
        /// Open or Save As.
        purpose: DialogPurpose,
        /// The path typed so far.
        text: String,
    },
    /// About Diverge.
    About,
    /// The keyboard shortcuts.
    Shortcuts,
}

/// The shortcuts, for the Help window and the menus.
pub const SHORTCUTS: [(&str, &str); 11] = [
    ("Ctrl+N", "New scenario"),
    ("Ctrl+O", "Open…"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save As…"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z", "Redo"),
    ("Ctrl+R", "Run again"),
    ("Esc", "Cancel the run"),
    ("F11", "Full screen"),
    ("Drag a .ron file", "Open it"),
    ("Double-click a plot", "Reset its zoom"),
];

/// Draws `modal`; returns it while it stays open, and the commands chosen.
pub fn ui(ctx: &Context, modal: &Modal) -> (Option<Modal>, Vec<Command>) {
    let mut commands = Vec::new();
    let mut keep = true;
    let mut next = modal.clone();
    let response = egui::Modal::new(Id::unique("diverge-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match &mut next {
            Modal::Unsaved(action) => {
                ui.heading("Unsaved changes");
                ui.label("The scenario has changes that are not saved. Save them first?");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        commands.push(Command::SaveThen(action.clone()));
                        keep = false;
                    }
                    if ui.button("Discard").clicked() {
                        commands.push(Command::Discard(action.clone()));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            }
            Modal::Error(message) => {
                ui.heading("Something went wrong");
                ui.label(RichText::new(message.as_str()).color(ERROR_RED).monospace());
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    keep = false;
                }
            }
            Modal::PathPrompt { purpose, text } => {
                let what = if *purpose == DialogPurpose::Open { "Open scenario" } else { "Save scenario as" };
                ui.heading(what);
                ui.label("No file dialog is available here; type the path of the .ron file.");
                let l = ui.label("Path");
                let r = ui.add(egui::TextEdit::singleline(text).desired_width(460.0)).labelled_by(l.id);
                r.request_focus();
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
                        commands.push(Command::ChosenPath(*purpose, PathBuf::from(text.trim())));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            }
            Modal::About => {
                ui.heading(format!("Diverge {}", env!("CARGO_PKG_VERSION")));
                ui.label("A scenario lab for decentralisation: Bitcoin mining concentrated into few operators while its map spread out; AI compute moves from cloud data centres to the edge.");
                ui.label("Edit a scenario on the left; every change re-runs the monthly simulation and redraws both sectors side by side.");
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    keep = false;
                }
            }
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    keep = false;
                }
            }
        }
    });
    if response.should_close() && !matches!(next, Modal::Unsaved(_)) {
        keep = false;
    }
    if response.should_close() && matches!(next, Modal::Unsaved(_)) {
        keep = false;
    }
    (keep.then_some(next), commands)
}
