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
        /// Why the last path typed did not work.
        error: Option<String>,
    },
    /// A recovery copy from an earlier run: restore it or delete it.
    Recover(Box<super::recovery::RecoveryFile>),
    /// A recovery copy that cannot be read.
    RecoveryError(String),
    /// About Diverge.
    About,
    /// The keyboard shortcuts.
    Shortcuts,
}

/// Draws `modal`; returns it while it stays open, and the commands chosen.
pub fn ui(ctx: &Context, modal: &Modal) -> (Option<Modal>, Vec<Command>) {
    let mut commands = Vec::new();
    let mut next = modal.clone();
    let mut closed = false;
    let response = egui::Modal::new(Id::unique("diverge-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        closed = match &mut next {
            Modal::Unsaved(action) => unsaved(ui, action, &mut commands),
            Modal::Error(message) => {
                ui.heading("Something went wrong");
                ui.label(RichText::new(message.as_str()).color(ERROR_RED).monospace());
                ui.add_space(8.0);
                ui.button("OK").clicked()
            }
            Modal::PathPrompt { purpose, text, error } => match path_prompt(ui, *purpose, text, error.as_deref()) {
                PromptAnswer::Waiting => false,
                PromptAnswer::Cancel => true,
                PromptAnswer::Path(command) => {
                    commands.push(command);
                    true
                }
            },
            Modal::Recover(copy) => recover(ui, copy, &mut commands),
            Modal::RecoveryError(message) => recovery_error(ui, message, &mut commands),
            Modal::About => {
                ui.heading(format!("Diverge {}", env!("CARGO_PKG_VERSION")));
                ui.label("A scenario lab for decentralisation: Bitcoin mining concentrated into few operators while its map spread out; AI compute moves from cloud data centres to the edge.");
                ui.label("Edit a scenario on the left; every change re-runs the monthly simulation and redraws both sectors side by side.");
                ui.add_space(8.0);
                ui.button("Close").clicked()
            }
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                shortcuts_grid(ui);
                ui.add_space(8.0);
                ui.button("Close").clicked()
            }
        };
    });
    // Esc or a click outside closes any window except the recovery prompt,
    // which needs an answer.
    if response.should_close() && !matches!(next, Modal::Recover(_)) {
        closed = true;
    }
    ((!closed).then_some(next), commands)
}

/// Save, discard, (on quit) keep a recovery copy, or cancel; `true` when
/// answered.
fn unsaved(ui: &mut egui::Ui, action: &PendingAction, commands: &mut Vec<Command>) -> bool {
    ui.heading("Unsaved changes");
    ui.label("The scenario has changes that are not saved. Save them first?");
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            commands.push(Command::SaveThen(action.clone()));
            return true;
        }
        if ui.button("Discard").clicked() {
            commands.push(Command::Discard(action.clone()));
            return true;
        }
        if *action == PendingAction::Close
            && ui
                .button("Quit, keep a recovery copy")
                .on_hover_text("Quit without saving; the next launch offers to restore the changes")
                .clicked()
        {
            commands.push(Command::QuitKeepingRecovery);
            return true;
        }
        ui.button("Cancel").clicked()
    })
    .inner
}

/// Restore or delete the recovery copy; `true` when answered.
fn recover(ui: &mut egui::Ui, copy: &super::recovery::RecoveryFile, commands: &mut Vec<Command>) -> bool {
    ui.heading("Restore unsaved work?");
    ui.label(format!(
        "Diverge did not close normally. A recovery copy of unsaved changes to {} was kept at {}.",
        copy.subject(),
        copy.when()
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Restore").clicked() {
            commands.push(Command::RestoreRecovery(Box::new(copy.clone())));
            return true;
        }
        if ui.button("Delete the copy").clicked() {
            commands.push(Command::DiscardRecovery);
            return true;
        }
        false
    })
    .inner
}

/// An unreadable recovery copy: delete it or keep it for later.
fn recovery_error(ui: &mut egui::Ui, message: &str, commands: &mut Vec<Command>) -> bool {
    ui.heading("The recovery copy cannot be read");
    ui.label(RichText::new(message).color(ERROR_RED).monospace());
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Delete it").clicked() {
            commands.push(Command::DiscardRecovery);
            return true;
        }
        ui.button("Keep it").clicked()
    })
    .inner
}

/// The shortcuts window's table: every action with a shortcut, from the
/// one table the menus and the keyboard use, then the mouse gestures.
fn shortcuts_grid(ui: &mut egui::Ui) {
    use super::actions::{ACTIONS, GESTURES};
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for spec in ACTIONS.iter().filter(|s| !s.keys.is_empty()) {
            let keys: Vec<String> = spec.keys.iter().map(|k| ui.ctx().format_shortcut(k)).collect();
            ui.label(RichText::new(keys.join(" / ")).monospace());
            ui.label(spec.label);
            ui.end_row();
        }
        for (gesture, what) in GESTURES {
            ui.label(RichText::new(gesture).monospace());
            ui.label(what);
            ui.end_row();
        }
    });
}

/// What the path prompt did this frame.
enum PromptAnswer {
    /// Still open.
    Waiting,
    /// Cancelled.
    Cancel,
    /// OK (or Enter) with this path.
    Path(Command),
}

/// The path prompt's body. Enter is OK; the field has the focus from the
/// start.
fn path_prompt(ui: &mut egui::Ui, purpose: DialogPurpose, text: &mut String, error: Option<&str>) -> PromptAnswer {
    let (what, ext) = match purpose {
        DialogPurpose::Open => ("Open scenario", "ron"),
        DialogPurpose::SaveAs => ("Save scenario as", "ron"),
        DialogPurpose::Export(kind) => ("Export to", kind.extension()),
    };
    ui.heading(what);
    ui.label(format!("No file dialog is available here; type the path of the .{ext} file."));
    let l = ui.label("Path");
    let r = ui.add(egui::TextEdit::singleline(text).desired_width(460.0)).labelled_by(l.id);
    let enter = (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if !r.has_focus() && !r.lost_focus() {
        r.request_focus();
    }
    if let Some(e) = error {
        super::param_widget::problem_message(ui, e);
    }
    let mut outcome = PromptAnswer::Waiting;
    ui.horizontal(|ui| {
        if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
            outcome = PromptAnswer::Path(Command::ChosenPath(purpose, PathBuf::from(text.trim())));
        }
        if ui.button("Cancel").clicked() {
            outcome = PromptAnswer::Cancel;
        }
    });
    outcome
}
