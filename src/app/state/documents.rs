//! The document's commands: opening, saving and closing, the file dialogs
//! and the typed-path prompt, the unsaved-changes guard and the recent-files
//! list. Kept apart from [`super`], which applies every command, because
//! these are the ones that touch the disk and can fail; each failure leaves
//! the document as it was and says why.

use std::path::PathBuf;

use egui::{Context, ViewportCommand};

use super::{DivergeApp, MAX_RECENT};
use crate::app::command::PendingAction;
use crate::app::dialogs::Modal;
use crate::app::document::Document;
use crate::app::files::{self, DialogAnswer, DialogPurpose};

impl DivergeApp {
    /// A path typed in the prompt; one that fails keeps the prompt open
    /// with the path and the reason, so it can be corrected.
    pub(super) fn typed_path(&mut self, purpose: DialogPurpose, path: &std::path::Path) {
        self.on_dialog_answer(DialogAnswer::Chosen(purpose, path.to_path_buf()));
        if let Some(Modal::Error(e)) = &self.modal {
            let error = Some(e.clone());
            self.modal = Some(Modal::PathPrompt { purpose, text: path.display().to_string(), error });
        }
    }

    /// Closes without saving, keeping a recovery copy; if the copy cannot be
    /// written the window stays open and says why.
    pub(super) fn quit_keeping_recovery(&mut self, ctx: &Context) {
        if let Some(r) = &mut self.recovery {
            let (path, origin) = (self.doc.path.clone(), self.doc.origin.clone());
            if let Err(e) = r.write(&self.doc.scenario, path.as_deref(), &origin) {
                self.modal = Some(Modal::Error(format!("No recovery copy was kept.\n{e}")));
                return;
            }
        }
        self.allow_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// Runs `action` now, or asks first when there are unsaved changes.
    pub(super) fn guarded(&mut self, ctx: &Context, action: PendingAction) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(action));
        } else {
            self.perform(ctx, action);
        }
    }

    /// Runs `action` without asking.
    pub(super) fn perform(&mut self, ctx: &Context, action: PendingAction) {
        match action {
            PendingAction::New => {
                self.replace_document(Document::new(files::default_scenario(), None, ""));
                self.say("New scenario", false);
            }
            PendingAction::OpenDialog => self.show_dialog(ctx, DialogPurpose::Open),
            PendingAction::OpenPath(path) => self.open_path(path),
            PendingAction::OpenPreset(name) => match files::load_preset(&name) {
                Ok(s) => {
                    self.replace_document(Document::new(s, None, &name));
                    self.say(format!("Opened preset {name}"), false);
                }
                Err(e) => self.modal = Some(Modal::Error(e)),
            },
            PendingAction::Close => {
                self.clear_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.runner.cancel();
        self.run_pending = true;
        if let Some(problems) = &self.doc.problems {
            let n = problems.0.len();
            self.say(format!("{n} problem(s) in the scenario; fix them to run it"), true);
        }
    }

    /// Opens a scenario file; a load error is shown once, in a dialog.
    pub fn open_path(&mut self, path: PathBuf) {
        match files::load_scenario(&path) {
            Ok(s) => {
                self.remember(&path);
                let opened = format!("Opened {}", path.display());
                self.replace_document(Document::new(s, Some(path), ""));
                if self.doc.problems.is_none() {
                    self.say(opened, false);
                }
            }
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }

    fn remember(&mut self, path: &std::path::Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Saves to the current file (or asks for one), then runs `then`.
    pub(super) fn save(&mut self, ctx: &Context, then: Option<PendingAction>) {
        let Some(path) = self.doc.path.clone() else {
            self.after_save = then;
            self.show_dialog(ctx, DialogPurpose::SaveAs);
            return;
        };
        self.save_to(ctx, path, then);
    }

    /// Saves to `path`, then runs `then`; a failure keeps everything as it
    /// was and says why.
    pub fn save_to(&mut self, ctx: &Context, path: PathBuf, then: Option<PendingAction>) {
        match files::save_scenario(&path, &self.doc.scenario) {
            Ok(()) => {
                self.remember(&path);
                self.clear_recovery();
                self.say(format!("Saved {}", path.display()), false);
                self.doc.mark_saved(path);
                if let Some(action) = then {
                    self.perform(ctx, action);
                }
            }
            Err(e) => self.modal = Some(Modal::Error(format!("The scenario was not saved.\n{e}"))),
        }
    }

    /// Where the typed-path prompt starts: the current file's folder (or the
    /// working folder), with the current file's name, or for Save As of a
    /// new scenario a name made from the scenario's.
    fn suggested_path(&self, purpose: DialogPurpose) -> PathBuf {
        let folder = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
            .filter(|p| !p.as_os_str().is_empty())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        match (purpose, &self.doc.path) {
            (DialogPurpose::Export(kind), _) => folder.join(kind.file_name(&self.doc.scenario.name, self.prefs.tab)),
            (_, Some(p)) => folder.join(p.file_name().unwrap_or_default()),
            (DialogPurpose::Open, None) => folder.join(""),
            (DialogPurpose::SaveAs, None) => folder.join(files::file_name_for(&self.doc.scenario.name)),
        }
    }

    pub(super) fn show_dialog(&mut self, ctx: &Context, purpose: DialogPurpose) {
        let suggested = match purpose {
            DialogPurpose::Export(kind) => kind.file_name(&self.doc.scenario.name, self.prefs.tab),
            _ => files::file_name_for(&self.doc.scenario.name),
        };
        let repaint = ctx.clone();
        if let Some(answer) = self.dialogs.show(purpose, &suggested, move || repaint.request_repaint()) {
            self.on_dialog_answer(answer);
        }
    }

    pub(super) fn on_dialog_answer(&mut self, answer: DialogAnswer) {
        match answer {
            DialogAnswer::Chosen(DialogPurpose::Open, path) => self.open_path(path),
            DialogAnswer::Chosen(DialogPurpose::SaveAs, path) => {
                let then = self.after_save.take();
                let ctx = self.ctx.clone();
                if let Some(ctx) = ctx {
                    self.save_to(&ctx, path, then);
                }
            }
            DialogAnswer::Chosen(DialogPurpose::Export(kind), path) => self.export_to(kind, &path),
            DialogAnswer::Cancelled => self.after_save = None,
            DialogAnswer::Unavailable(purpose) => {
                let text = self.suggested_path(purpose).display().to_string();
                self.modal = Some(Modal::PathPrompt { purpose, text, error: None });
            }
        }
    }

    /// Asks before closing with unsaved changes.
    pub(super) fn guard_close(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(PendingAction::Close));
        }
    }
}
