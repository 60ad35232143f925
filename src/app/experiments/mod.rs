//! The experiments in the window: Monte Carlo bands ([`montecarlo`]), the
//! comparison with a second scenario and the table of what differs
//! ([`compare`]), the tornado chart of a sensitivity screening
//! ([`tornado`]) and parameter sweeps ([`sweep`]).
//!
//! All of it runs on background threads ([`job`]) over the GUI-free
//! [`crate::experiments`]; the window draws what has arrived. Like every
//! panel, the windows and menu items return [`Request`]s (inside
//! [`Command::Experiment`]); [`Experiments::handle`] carries them out, so
//! the app's command loop only forwards them. Everything made of an earlier
//! version of the scenario is either cleared (the bands) or marked as such
//! (the screening, the sweep, the explanation) after an edit.

pub mod compare;
pub mod highlight;
pub mod job;
pub mod montecarlo;
pub mod sweep;
pub mod tornado;

use std::path::PathBuf;

use egui::{Context, Ui};

use crate::scenario::Scenario;
use crate::sim::Results;

use super::command::Command;
use super::document::Document;
use super::files;
use super::views::overlay::OverlayData;

/// What a person asked of the experiments.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Show the Monte Carlo dialog.
    OpenMonteCarlo,
    /// Start a Monte Carlo of this many runs.
    StartMonteCarlo(usize),
    /// Remove the bands.
    ClearBands,
    /// Show the Compare with ▸ File… prompt.
    ComparePrompt,
    /// Compare with this scenario file.
    CompareWithPath(PathBuf),
    /// Compare with this preset.
    CompareWithPreset(String),
    /// Compare with the scenario as it was opened, before the edits.
    CompareWithOpened,
    /// Show the table of differences.
    ShowDifferences,
    /// (Re)compute the explanation of the differences.
    Explain,
    /// Remove the comparison.
    ClearComparison,
    /// Show the sensitivity (tornado) window.
    OpenSensitivity,
    /// Start the screening set in that window.
    StartSensitivity,
    /// Show the sweep dialog for this parameter path.
    OpenSweep(String),
    /// Start the sweep set in that dialog.
    StartSweep,
    /// Jump to this parameter in the editor.
    SelectParameter(String),
    /// Close the Monte Carlo dialog.
    CloseDialogs,
    /// Stop every experiment in progress.
    Cancel,
}

/// Everything the experiments hold.
#[derive(Default)]
pub struct Experiments {
    /// Monte Carlo.
    pub mc: montecarlo::MonteCarlo,
    /// Comparison.
    pub compare: compare::Compare,
    /// Sensitivity screening.
    pub tornado: tornado::Tornado,
    /// Sweeps.
    pub sweep: sweep::Sweep,
    version: u64,
}

/// What a request asks of the app besides the experiments.
pub enum Effect {
    /// Nothing.
    None,
    /// Post this status message (text, is an error).
    Say(String, bool),
    /// Show the editor and jump to this parameter.
    Jump(String),
}

impl Experiments {
    /// What the plots draw behind the current run.
    pub fn overlay(&self) -> OverlayData {
        OverlayData { bands: self.mc.bands.clone(), compare: self.compare.overlay(), version: self.version }
    }

    /// Whether an experiment is running.
    pub fn is_busy(&self) -> bool {
        self.mc.job.is_some() || self.tornado.is_running() || self.sweep.is_running() || self.compare.is_explaining()
    }

    /// Takes the workers' reports and clears what an edit made stale;
    /// returns the messages for the status bar.
    pub fn poll(&mut self, current: &Scenario) -> Vec<(String, bool)> {
        let mut messages = Vec::new();
        let (a, m1) = self.mc.poll();
        let (b, m2) = self.compare.poll();
        messages.extend(m1.into_iter().chain(m2).chain(self.tornado.poll()).chain(self.sweep.poll()));
        if let Some(m) = self.mc.invalidate(current) {
            messages.push((m, false));
            self.version += 1;
        }
        if a || b {
            self.version += 1;
        }
        messages
    }

    /// Stops everything running; what was stopped, for the status bar.
    pub fn cancel(&mut self) -> Option<String> {
        let mc = self.mc.cancel().then(|| self.mc.cancelled_text());
        let others = [
            self.compare.cancel().then_some("comparison"),
            self.tornado.cancel().then_some("screening"),
            self.sweep.cancel().then_some("sweep"),
        ];
        let others: Vec<&str> = others.into_iter().flatten().collect();
        let rest = (!others.is_empty()).then(|| format!("Cancelled the {}", others.join(" and the ")));
        match (mc, rest) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        }
    }

    /// Carries out `request` for the document `doc` (run `results`).
    pub fn handle(&mut self, ctx: &Context, request: Request, doc: &Document, results: Option<&Results>) -> Effect {
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        self.version += 1;
        match request {
            Request::OpenMonteCarlo => self.mc.dialog = Some(self.mc.dialog.unwrap_or(montecarlo::DEFAULT_RUNS)),
            Request::StartMonteCarlo(n) => {
                if doc.problems.is_some() {
                    return Effect::Say("Fix the scenario's problems before a Monte Carlo".into(), true);
                }
                self.mc.dialog = None;
                self.mc.start(&doc.scenario, n, wake);
                return Effect::Say(format!("Monte Carlo of {n} runs started; Esc cancels"), false);
            }
            Request::ClearBands => self.mc.clear(),
            Request::CloseDialogs => self.mc.dialog = None,
            Request::ComparePrompt => {
                let start = doc.path.as_ref().and_then(|p| p.parent()).map(|p| p.join("")).unwrap_or_default();
                self.compare.prompt = Some(start.display().to_string());
            }
            Request::CompareWithPath(path) => match files::load_scenario(&path) {
                Ok(s) => {
                    let label = path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    self.compare.set(label, s, false, wake);
                }
                Err(e) => {
                    self.compare.prompt = Some(path.display().to_string());
                    return Effect::Say(format!("Cannot compare: {e}"), true);
                }
            },
            Request::CompareWithPreset(name) => match files::load_preset(&name) {
                Ok(s) => self.compare.set(name, s, false, wake),
                Err(e) => return Effect::Say(format!("Cannot compare: {e}"), true),
            },
            Request::CompareWithOpened => self.compare.set("opened file".into(), doc.opened().clone(), true, wake),
            Request::ShowDifferences => {
                self.compare.table_open = true;
                if self.compare.explanation.is_none() {
                    self.compare.explain(&doc.scenario, wake);
                }
            }
            Request::Explain => self.compare.explain(&doc.scenario, wake),
            Request::ClearComparison => self.compare.clear(),
            Request::OpenSensitivity => self.tornado.open(doc, results),
            Request::StartSensitivity => return self.tornado.start(&doc.scenario, results, wake),
            Request::OpenSweep(path) => return self.sweep.open(&doc.scenario, &path, results),
            Request::StartSweep => return self.sweep.start(&doc.scenario, wake),
            Request::SelectParameter(path) => return Effect::Jump(path),
            Request::Cancel => {
                if let Some(text) = self.cancel() {
                    return Effect::Say(text, false);
                }
            }
        }
        Effect::None
    }

    /// Draws the experiments' windows.
    #[must_use]
    pub fn windows(
        &mut self,
        ctx: &Context,
        doc: &Document,
        results: Option<&Results>,
        run_ms: Option<u128>,
    ) -> Vec<Command> {
        let mut requests: Vec<Request> = Vec::new();
        requests.extend(self.mc.dialog_ui(ctx, run_ms));
        requests.extend(self.compare.prompt_ui(ctx));
        requests.extend(compare::table_ui(ctx, &mut self.compare, &doc.scenario));
        requests.extend(self.tornado.ui(ctx, &doc.scenario, results));
        requests.extend(self.sweep.ui(ctx, &doc.scenario));
        requests.into_iter().map(Command::Experiment).collect()
    }
}

/// The "Output" column and "Month" row of the experiment windows that
/// judge one output at one month (sensitivity, sweep).
pub struct OutputPicker {
    /// Id of the output combo box.
    pub id: &'static str,
    /// What the output is for (its tooltip).
    pub output_hint: &'static str,
}

impl OutputPicker {
    /// Draws the picker over `column` (one of `columns`) and the month text.
    pub fn ui(&self, ui: &mut Ui, column: &mut String, columns: &[String], month: &mut String, month_hint: &str) {
        ui.horizontal(|ui| {
            let label = ui.label("Output");
            egui::ComboBox::from_id_salt(self.id)
                .selected_text(column.as_str())
                .width(220.0)
                .show_ui(ui, |ui| {
                    for c in columns {
                        ui.selectable_value(column, c.clone(), c);
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(self.output_hint);
            let label = ui.label("Month");
            ui.add(egui::TextEdit::singleline(month).hint_text("last").desired_width(70.0))
                .labelled_by(label.id)
                .on_hover_text(month_hint);
        });
    }
}

/// The Run menu's experiment items.
pub fn run_menu(ui: &mut Ui, ex: &Experiments, commands: &mut Vec<Command>) {
    ui.separator();
    let mut add = |ui: &mut Ui, label: &str, enabled: bool, hint: &str, request: Request| {
        if ui.add_enabled(enabled, egui::Button::new(label)).on_hover_text(hint).clicked() {
            commands.push(Command::Experiment(request));
        }
    };
    add(ui, "Monte Carlo…", true, "Run many seeds and draw percentile bands on every plot", Request::OpenMonteCarlo);
    add(ui, "Clear Monte Carlo bands", ex.mc.bands.is_some(), "Remove the bands from the plots", Request::ClearBands);
    add(
        ui,
        "Sensitivity (tornado)…",
        true,
        "Which parameters move an output: one at a time or Morris",
        Request::OpenSensitivity,
    );
    add(ui, "Cancel experiments", ex.is_busy(), "Stop the Monte Carlo, screening or sweep (Esc)", Request::Cancel);
}

/// The File menu's comparison items.
pub fn file_menu(ui: &mut Ui, ex: &Experiments, commands: &mut Vec<Command>) {
    ui.separator();
    ui.menu_button("Compare with…", |ui| {
        if ui.button("File…").on_hover_text("Type the path of a scenario file to draw behind this one").clicked() {
            commands.push(Command::Experiment(Request::ComparePrompt));
        }
        ui.separator();
        for p in files::presets() {
            if ui.button(&p.name).on_hover_text(&p.summary).clicked() {
                commands.push(Command::Experiment(Request::CompareWithPreset(p.name.clone())));
            }
        }
    });
    let hint = "Draw the scenario as it was opened, before your edits, behind the current one";
    if ui.button("Compare with the opened file").on_hover_text(hint).clicked() {
        commands.push(Command::Experiment(Request::CompareWithOpened));
    }
    let on = ex.compare.compared.is_some();
    if ui
        .add_enabled(on, egui::Button::new("Differences…"))
        .on_hover_text("What differs and what each difference does")
        .clicked()
    {
        commands.push(Command::Experiment(Request::ShowDifferences));
    }
    if ui.add_enabled(on, egui::Button::new("Clear comparison")).clicked() {
        commands.push(Command::Experiment(Request::ClearComparison));
    }
}

/// The status bar's part: progress and Cancel of a running experiment.
pub fn status(ui: &mut Ui, ex: &Experiments, commands: &mut Vec<Command>) {
    let request = montecarlo::status(ui, &ex.mc).or_else(|| ex.tornado.status(ui)).or_else(|| ex.sweep.status(ui));
    commands.extend(request.map(Command::Experiment));
}

/// Where the experiments' windows first open: right of the editor and below
/// the menu bar and tab row, so they never cover the menus.
pub const WINDOW_POS: egui::Pos2 = egui::pos2(430.0, 110.0);
