//! The application state and the one place commands are applied.
//!
//! Every frame: take what arrived (run reports, dialog answers, dropped
//! files, shortcuts), draw the panels (each returns [`Command`]s), apply the
//! commands, feed the edit history, and start a run when the scenario
//! changed. [`DivergeApp`] builds without eframe so tests drive it through
//! [`DivergeApp::ui`] in an `egui_kittest` harness.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Context, ViewportCommand};

use crate::scenario::Scenario;

use super::command::Command;
use super::command::PendingAction;
use super::dialogs::Modal;
use super::document::Document;
use super::editor::Editor;
use super::files::{self, DialogPurpose, FileDialogs};
use super::prefs::Prefs;
use super::recovery::{Recovery, RecoveryFile};
use super::runner::{RunState, Runner};
use super::views::Views;

mod documents;

/// The editor panel's width range in points: wide enough for a label, a
/// slider and a Reset button, never more than half the window.
const EDITOR_WIDTH: egui::Rangef = egui::Rangef { min: 300.0, max: 560.0 };

/// The editor panel's width on first launch.
const EDITOR_DEFAULT_WIDTH: f32 = 390.0;

/// Most recent files remembered.
const MAX_RECENT: usize = 10;

/// A message for the status bar.
#[derive(Debug, Clone)]
pub struct Message {
    /// Text.
    pub text: String,
    /// Whether it reports a problem.
    pub is_error: bool,
    /// When it was posted.
    pub at: Instant,
}

/// The whole app.
pub struct DivergeApp {
    /// The open scenario.
    pub doc: Document,
    /// The current run and latest results.
    pub runner: Runner,
    /// Preferences kept between launches.
    pub prefs: Prefs,
    editor: Editor,
    pub(super) views: Views,
    dialogs: FileDialogs,
    /// The window shown on top, if any.
    pub modal: Option<Modal>,
    run_pending: bool,
    /// The editor panel's right edge last frame, so its contents can never
    /// widen it: only dragging that edge does.
    editor_edge: Option<f32>,
    /// The latest status message.
    pub message: Option<Message>,
    allow_close: bool,
    after_save: Option<PendingAction>,
    ctx: Option<Context>,
    title: String,
    screenshot: Option<super::screenshot::ScreenshotJob>,
    recovery: Option<Recovery>,
    /// Whether a text field had the keyboard at the end of the last frame.
    typing: bool,
    /// Timing figures.
    pub timing: super::timing::Timing,
    /// Monte Carlo, comparison, sensitivity and sweeps.
    pub experiments: super::experiments::Experiments,
    /// Presentation mode (F5).
    pub present: super::present::Presentation,
}

impl DivergeApp {
    /// The app with `scenario` open (from `path`, or a preset or new scenario
    /// named `origin`), its first run requested.
    pub fn new(scenario: Scenario, path: Option<PathBuf>, origin: &str, prefs: Prefs) -> Self {
        Self {
            doc: Document::new(scenario, path, origin),
            runner: Runner::default(),
            prefs,
            editor: Editor,
            views: Views::default(),
            dialogs: FileDialogs::default(),
            modal: None,
            run_pending: true,
            editor_edge: None,
            message: None,
            allow_close: false,
            after_save: None,
            ctx: None,
            title: String::new(),
            screenshot: None,
            recovery: None,
            typing: false,
            timing: super::timing::Timing { created: Some(Instant::now()), ..Default::default() },
            experiments: super::experiments::Experiments::default(),
            present: super::present::Presentation::default(),
        }
    }

    /// The app as tests use it: `scenario` open, default preferences.
    pub fn new_for_test(scenario: Scenario) -> Self {
        Self::new(scenario, None, "test", Prefs::default())
    }

    /// Save a PNG of the window (of `size` pixels when given) to `path` once
    /// the first run has finished, then close.
    pub fn screenshot_when_done(&mut self, path: PathBuf, size: Option<[u32; 2]>) {
        self.screenshot = Some(super::screenshot::ScreenshotJob::new(path, size));
    }

    /// Keeps recovery copies of unsaved work with `recovery`, and offers to
    /// restore the copy an earlier run left behind.
    pub fn use_recovery(&mut self, recovery: Recovery) {
        match recovery.find() {
            Some(Ok(copy)) => self.modal = Some(Modal::Recover(Box::new(copy))),
            Some(Err(message)) => self.modal = Some(Modal::RecoveryError(message)),
            None => {}
        }
        self.recovery = Some(recovery);
    }

    /// Asks for paths in the window instead of native file dialogs (as where
    /// no desktop portal exists), for tests.
    pub fn use_typed_paths(&mut self) {
        self.dialogs.native = false;
    }

    /// Where a `--screenshot` run reports its outcome.
    pub fn set_screenshot_outcome(&mut self, outcome: super::screenshot::Outcome) {
        if let Some(job) = &mut self.screenshot {
            job.outcome = outcome;
        }
    }

    /// The plot views (their marker switches and log choices).
    pub fn views(&self) -> &Views {
        &self.views
    }

    /// Whether a run is under way or about to start.
    pub fn is_busy(&self) -> bool {
        self.run_pending || self.runner.is_running()
    }

    /// Posts a status message.
    pub fn say(&mut self, text: impl Into<String>, is_error: bool) {
        self.message = Some(Message { text: text.into(), is_error, at: Instant::now() });
    }

    /// Draws one frame and applies what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let frame_start = Instant::now();
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        let mut commands = Vec::new();
        if self.runner.poll() {
            self.on_run_report();
        }
        if let Some(answer) = self.dialogs.poll() {
            self.on_dialog_answer(answer);
        }
        commands.extend(dropped_files(&ctx));
        commands.extend(super::actions::pressed(&ctx, self.modal.is_some(), self.typing));
        self.guard_close(&ctx);
        if self.present.active {
            commands.extend(self.present_frame(ui));
        } else {
            commands.extend(self.window_frame(ui, &ctx));
        }
        if let Some(modal) = self.modal.take() {
            let (keep, more) = super::dialogs::ui(&ctx, &modal);
            self.modal = keep;
            commands.extend(more);
        }

        for command in commands {
            self.apply(&ctx, command);
        }
        self.doc.feed_history(ctx.input(|i| i.time));
        self.autosave(&ctx);
        self.maybe_start_run(&ctx);
        self.update_title(&ctx);
        if let Some(job) = &mut self.screenshot {
            let finished =
                matches!(self.runner.state, RunState::Finished { .. } | RunState::Failed(_)) && !self.run_pending;
            job.step(&ctx, finished);
        }
        if self.runner.is_running() || self.experiments.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        self.typing = super::actions::typing(&ctx);
        self.record_timing(&ctx, frame_start.elapsed());
    }

    /// The window's panels: menus, status bar, editor, experiments and plots.
    fn window_frame(&mut self, ui: &mut egui::Ui, ctx: &Context) -> Vec<Command> {
        let mut commands = super::menu::ui(ui, self);
        commands.extend(super::status::ui(ui, self));
        let mut shown = !self.prefs.editor_hidden;
        let widest = self.editor_widest(ui);
        let panel = egui::Panel::left("editor")
            .resizable(true)
            .default_size(EDITOR_DEFAULT_WIDTH)
            .size_range(EDITOR_WIDTH.min..=widest)
            .show_collapsible(ui, &mut shown, |ui| {
                commands.extend(self.editor.ui(ui, &self.doc));
            });
        self.editor_edge = panel.map(|p| p.response.rect.right());
        if shown == self.prefs.editor_hidden {
            // Dragged shut (or open) by its edge.
            commands.push(Command::ToggleEditor);
        }
        let results = self.runner.results.clone();
        commands.extend(self.experiments_frame(ctx, results.as_deref()));
        self.views.annotations.clone_from(&self.doc.scenario.annotations);
        egui::CentralPanel::default().show(ui, |ui| {
            commands.extend(self.views.ui(ui, self.prefs.tab, results.as_deref(), self.runner.version));
        });
        commands
    }

    /// Writes the recovery copy when it is due (never while the restore
    /// prompt waits for an answer, which would overwrite the copy).
    fn autosave(&mut self, ctx: &Context) {
        if matches!(self.modal, Some(Modal::Recover(_) | Modal::RecoveryError(_))) {
            return;
        }
        let Some(recovery) = &mut self.recovery else { return };
        let dirty = self.doc.is_dirty();
        if let Some(wait) = recovery.tick(&self.doc.scenario, dirty, self.doc.path.as_deref(), &self.doc.origin) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Puts a recovery copy back: the edited scenario on top of its file (or
    /// preset), unsaved, so Save writes it where it belongs.
    fn restore(&mut self, copy: RecoveryFile) {
        let saved = match (&copy.file, copy.origin.as_str()) {
            (Some(p), _) => files::load_scenario(p).ok(),
            (None, "") => None,
            (None, origin) => files::load_preset(origin).ok(),
        };
        let saved = saved.unwrap_or_else(files::default_scenario);
        let (subject, when) = (copy.subject(), copy.when());
        self.replace_document(Document::restored(copy.scenario, saved, copy.file, copy.origin));
        self.say(format!("Restored the unsaved changes to {subject} from {when}"), false);
    }

    fn clear_recovery(&mut self) {
        if let Some(r) = &mut self.recovery {
            r.clear();
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let dirty = if self.doc.is_dirty() { "• " } else { "" };
        let title = format!("{dirty}{} — {} — Diverge", self.doc.scenario.name, self.doc.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The widest the editor panel may be this frame: half the window while
    /// its edge is being dragged (or before it has been drawn), otherwise
    /// the width it has, so a row that grows (a Reset button appearing, a
    /// longer number) is laid out in the room there is instead of pushing
    /// the panel wider for good.
    fn editor_widest(&self, ui: &egui::Ui) -> f32 {
        let half = (ui.available_width() * 0.5).clamp(EDITOR_WIDTH.min, EDITOR_WIDTH.max);
        let Some(edge) = self.editor_edge else { return half };
        let grab = ui.style().interaction.resize_grab_radius_side + 2.0;
        let resizing =
            ui.input(|i| i.pointer.any_down() && i.pointer.press_origin().is_some_and(|p| (p.x - edge).abs() <= grab));
        let width = edge - ui.max_rect().left();
        if resizing { half } else { width.clamp(EDITOR_WIDTH.min, half) }
    }

    /// Starts the pending run unless a slow run should wait for the end of a
    /// drag. While a slider is dragged a fast run in flight is let finish
    /// and the latest value runs next, so every frame shows a complete run
    /// at most one run behind the slider (restarting on every drag step
    /// would never finish one).
    fn maybe_start_run(&mut self, ctx: &Context) {
        if !self.run_pending {
            return;
        }
        if self.doc.problems.is_some() {
            self.run_pending = false;
            return;
        }
        let dragging = ctx.dragged_id().is_some() || ctx.input(|i| i.pointer.any_down());
        if dragging && !self.runner.is_fast() && self.runner.last_elapsed.is_some() {
            return;
        }
        if dragging && self.runner.is_running() {
            return;
        }
        self.run_pending = false;
        let repaint = ctx.clone();
        self.runner.start(&self.doc.scenario, move || repaint.request_repaint());
    }

    fn scenario_changed(&mut self) {
        if let Some(problems) = &self.doc.problems {
            let n = problems.0.len();
            self.runner.cancel();
            self.run_pending = false;
            self.say(format!("{n} problem(s) in the scenario; the plots show the last valid run"), true);
        } else {
            self.run_pending = true;
        }
    }

    /// Re-validates and re-runs after an edit, undo or reset that changed
    /// the scenario.
    fn changed_if(&mut self, changed: bool) {
        if changed {
            self.scenario_changed();
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::Edit(edit) => {
                let changed = self.doc.edit(&edit);
                self.changed_if(changed);
            }
            Command::ResetField(path) => {
                let changed = self.doc.reset_field(&path);
                self.changed_if(changed);
            }
            Command::Undo => {
                let changed = self.doc.undo();
                self.changed_if(changed);
            }
            Command::Redo => {
                let changed = self.doc.redo();
                self.changed_if(changed);
            }
            Command::New => self.guarded(ctx, PendingAction::New),
            Command::Open => self.guarded(ctx, PendingAction::OpenDialog),
            Command::OpenPath(p) => self.guarded(ctx, PendingAction::OpenPath(p)),
            Command::OpenPreset(name) => self.guarded(ctx, PendingAction::OpenPreset(name)),
            Command::Quit => self.guarded(ctx, PendingAction::Close),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.show_dialog(ctx, DialogPurpose::SaveAs),
            Command::Export(kind) => self.show_dialog(ctx, DialogPurpose::Export(kind)),
            Command::Rerun => {
                if self.doc.problems.is_none() {
                    self.run_pending = false;
                    let repaint = ctx.clone();
                    self.runner.start(&self.doc.scenario, move || repaint.request_repaint());
                }
            }
            // Esc while presenting leaves presentation mode only.
            Command::Cancel if self.present.active => self.apply_present(ctx, super::present::PresentStep::Leave),
            Command::Present(step) => self.apply_present(ctx, step),
            Command::Cancel => {
                if self.runner.is_running() {
                    self.runner.cancel();
                    self.say("Run cancelled", false);
                }
                if let Some(text) = self.experiments.cancel() {
                    self.say(text, false);
                }
            }
            Command::Experiment(request) => self.experiment(ctx, request),
            Command::QuitKeepingRecovery => self.quit_keeping_recovery(ctx),
            Command::RestoreRecovery(copy) => self.restore(*copy),
            Command::DiscardRecovery => self.clear_recovery(),
            Command::SaveThen(action) => {
                self.save(ctx, Some(action));
            }
            Command::Discard(action) => {
                self.clear_recovery();
                self.perform(ctx, action);
            }
            Command::ChosenPath(purpose, path) => self.typed_path(purpose, &path),
            other => self.apply_view(ctx, &other),
        }
    }

    /// The commands about the window rather than the document.
    fn apply_view(&mut self, ctx: &Context, command: &Command) {
        match *command {
            Command::ShowTab(tab) => self.prefs.tab = tab,
            Command::ToggleFullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!full));
            }
            Command::ToggleEditor => self.prefs.editor_hidden = !self.prefs.editor_hidden,
            Command::SetTheme(theme) => {
                self.prefs.theme = theme;
                ctx.set_theme(theme);
            }
            Command::ShowAbout => self.modal = Some(Modal::About),
            Command::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            Command::ClearRecent => self.prefs.recent.clear(),
            // The document's commands are applied by `apply`.
            _ => {}
        }
    }

    /// The experiments' part of a frame: their reports, the overlay the
    /// plots draw, and their windows.
    fn experiments_frame(&mut self, ctx: &Context, results: Option<&crate::sim::Results>) -> Vec<Command> {
        for (text, is_error) in self.experiments.poll(&self.doc.scenario) {
            self.say(text, is_error);
        }
        self.views.overlay.data = self.experiments.overlay();
        let run_ms = self.runner.last_elapsed.map(|d| d.as_millis());
        self.experiments.windows(ctx, &self.doc, results, run_ms)
    }

    /// Carries out an experiment's request.
    fn experiment(&mut self, ctx: &Context, request: super::experiments::Request) {
        let results = self.runner.results.clone();
        match self.experiments.handle(ctx, request, &self.doc, results.as_deref()) {
            super::experiments::Effect::None => {}
            super::experiments::Effect::Say(text, is_error) => self.say(text, is_error),
            super::experiments::Effect::Jump(path) => {
                self.prefs.editor_hidden = false;
                super::experiments::highlight::jump_to(ctx, &path);
                self.say(format!("Showing {path} in the editor"), false);
            }
        }
    }
}

/// `.ron` files dropped on the window.
fn dropped_files(ctx: &Context) -> Vec<Command> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
            .map(Command::OpenPath)
            .take(1)
            .collect()
    })
}
