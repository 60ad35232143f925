//! The desktop app: one eframe window hosting the scenario editor, the
//! simulation and the plot views. Built only with the default `gui` feature.
//!
//! One file per panel, each with a `ui` function that returns
//! [`command::Command`]s; [`state::DivergeApp::apply`] is the one place they
//! change the scenario, the history and the run. The simulation runs on a
//! worker thread ([`runner`]); the UI thread never waits.

pub mod command;
pub mod dialogs;
pub mod document;
pub mod editor;
pub mod editor_lists;
pub mod edits;
pub mod files;
pub mod menu;
pub mod param_widget;
pub mod prefs;
pub mod runner;
pub mod screenshot;
pub mod state;
pub mod status;
pub mod views;

use std::path::PathBuf;

use prefs::Prefs;
pub use state::DivergeApp;

/// How the window is opened from the command line.
#[derive(Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Scenario file path or preset name to open; the default scenario when
    /// `None`.
    pub file: Option<String>,
    /// When set, save a PNG of the window here once the run has finished,
    /// then exit.
    pub screenshot: Option<PathBuf>,
}

/// The eframe shell around [`DivergeApp`]: persistence and the outcome of a
/// `--screenshot` run.
struct Shell {
    app: DivergeApp,
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.app.prefs);
    }

    fn on_exit(&mut self) {
        if std::env::var_os("DIVERGE_TIMING").is_some() {
            let t = &self.app.timing;
            eprintln!(
                "diverge timing: first plot {:?} after start; slowest frame {:?}; slowest frame while dragging {:?}; last run {:?}",
                t.first_plot, t.slowest_frame, t.slowest_drag_frame, self.app.runner.last_elapsed
            );
        }
    }
}

/// Opens the window and returns when it closes.
pub fn launch(options: LaunchOptions) -> anyhow::Result<()> {
    let default = || (files::default_scenario(), None, files::DEFAULT_PRESET.to_owned());
    let ((scenario, path, origin), load_error) = match options.file.as_deref().map(files::open_argument) {
        None => (default(), None),
        Some(Ok(opened)) => (opened, None),
        Some(Err(e)) if options.screenshot.is_some() => anyhow::bail!(e),
        Some(Err(e)) => {
            // Say it on the terminal too: the window may fail to open, and a
            // person scripting launches reads stderr, not dialogs.
            eprintln!("diverge: {e}; opening the default scenario instead");
            (default(), Some(e))
        }
    };
    let size = if options.screenshot.is_some() { [1600.0, 900.0] } else { [1440.0, 900.0] };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Diverge")
            .with_inner_size(size)
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true),
        persist_window: options.screenshot.is_none(),
        ..Default::default()
    };
    let screenshot = options.screenshot.clone();
    let outcome = std::sync::Arc::new(std::sync::Mutex::new(None));
    let shot_outcome = outcome.clone();
    eframe::run_native(
        "Diverge",
        native,
        Box::new(move |cc| {
            let prefs: Prefs = if options.screenshot.is_some() {
                Prefs::default()
            } else {
                cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default()
            };
            cc.egui_ctx.set_theme(prefs.theme);
            let mut app = DivergeApp::new(scenario, path, &origin, prefs);
            if let Some(e) = load_error {
                app.modal = Some(dialogs::Modal::Error(e));
            }
            if let Some(out) = options.screenshot.clone() {
                app.screenshot_when_done(out);
                app.set_screenshot_outcome(shot_outcome);
            }
            Ok(Box::new(Shell { app }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    let result = outcome.lock().ok().and_then(|mut o| o.take());
    match result {
        Some(Ok(path)) => {
            eprintln!("diverge: wrote {}", path.display());
            Ok(())
        }
        Some(Err(e)) => anyhow::bail!(e),
        None if screenshot.is_some() => {
            anyhow::bail!("the window closed before the screenshot was taken")
        }
        None => Ok(()),
    }
}
