//! The desktop app: one eframe window hosting the scenario editor, the
//! simulation and the plot views. Built only with the default `gui` feature.
//!
//! One file per panel, each with a `ui` function that returns
//! [`command::Command`]s; [`state::DivergeApp::apply`] is the one place they
//! change the scenario, the history and the run. The simulation runs on a
//! worker thread ([`runner`]); the UI thread never waits.

pub mod actions;
pub mod command;
pub mod dialogs;
pub mod document;
pub mod editor;
pub mod editor_annotations;
pub mod editor_lists;
pub mod edits;
pub mod experiments;
pub mod export;
pub mod files;
pub mod menu;
pub mod param_widget;
pub mod prefs;
pub mod present;
pub mod recovery;
pub mod runner;
pub mod screenshot;
pub mod state;
pub mod status;
pub mod timing;
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
    /// The plot tab to show instead of the one shown last.
    pub tab: Option<views::Tab>,
    /// Window size in physical pixels (the size of the screenshot PNG).
    pub size: Option<[u32; 2]>,
    /// Open in presentation mode.
    pub present: bool,
    /// The theme instead of the one chosen last.
    pub theme: Option<egui::ThemePreference>,
}

/// The eframe shell around [`DivergeApp`]: persistence and the outcome of a
/// `--screenshot` run.
struct Shell {
    app: DivergeApp,
    /// Whether preferences and layout are saved on exit (not for
    /// `--screenshot`, whose window must not change the next launch).
    persist: bool,
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.persist {
            eframe::set_value(storage, eframe::APP_KEY, &self.app.prefs);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.persist
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

/// The window: the requested size (pixels, taken as points here; the
/// screenshot corrects for scaling), and no saved geometry when a size is
/// requested or a screenshot taken.
fn native_options(options: &LaunchOptions) -> eframe::NativeOptions {
    let shooting = options.screenshot.is_some();
    let size = options.size.map_or([1440.0, 900.0], |[w, h]| [w as f32, h as f32]);
    let mut viewport =
        egui::ViewportBuilder::default().with_title("Diverge").with_inner_size(size).with_drag_and_drop(true);
    if !shooting {
        viewport = viewport.with_min_inner_size([800.0, 500.0]);
    }
    eframe::NativeOptions { viewport, persist_window: !shooting && options.size.is_none(), ..Default::default() }
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
    let shooting = options.screenshot.is_some();
    let native = native_options(&options);
    let screenshot = options.screenshot.clone();
    let outcome = std::sync::Arc::new(std::sync::Mutex::new(None));
    let shot_outcome = outcome.clone();
    eframe::run_native(
        "Diverge",
        native,
        Box::new(move |cc| {
            let mut prefs: Prefs = if shooting {
                // Neither the preferences nor the layout (panel width, open
                // sections) of the last run: a screenshot is reproducible.
                cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
                Prefs::default()
            } else {
                cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default()
            };
            if let Some(tab) = options.tab {
                prefs.tab = tab;
            }
            if let Some(theme) = options.theme {
                prefs.theme = theme;
            }
            cc.egui_ctx.set_theme(prefs.theme);
            let mut app = DivergeApp::new(scenario, path, &origin, prefs);
            if !shooting && let Some(dir) = eframe::storage_dir("Diverge") {
                app.use_recovery(recovery::Recovery::new(dir));
            }
            if let Some(e) = load_error {
                app.modal = Some(dialogs::Modal::Error(e));
            }
            if options.present {
                app.present_at_launch(&cc.egui_ctx, !shooting);
            }
            if let Some(out) = options.screenshot.clone() {
                app.screenshot_when_done(out, options.size);
                app.set_screenshot_outcome(shot_outcome);
            }
            Ok(Box::new(Shell { app, persist: !shooting }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    report(outcome.lock().ok().and_then(|mut o| o.take()), screenshot.is_some())
}

/// What `launch` returns once the window has closed: a `--screenshot`
/// run's outcome, said on the terminal.
fn report(result: Option<Result<PathBuf, String>>, shooting: bool) -> anyhow::Result<()> {
    match result {
        Some(Ok(path)) => {
            eprintln!("diverge: wrote {}", path.display());
            Ok(())
        }
        Some(Err(e)) => anyhow::bail!(e),
        None if shooting => {
            anyhow::bail!("the window closed before the screenshot was taken")
        }
        None => Ok(()),
    }
}
