//! File ▸ Compare with…: a second scenario (a file, a preset, or the
//! scenario as it was opened, before the edits) run in the background and
//! drawn behind the current one on every plot, and the table of what
//! differs with each difference's effect on the headline outputs
//! ([`crate::experiments::explain`]).
//!
//! A is the scenario the differences are applied to: the opened file when
//! comparing with it (so the rows say what the edits did), the current
//! scenario otherwise (so they say what the other file changes).

use std::sync::Arc;

use egui::{Context, RichText};

use crate::experiments::explain::{self, HEADLINE_OUTPUTS, Row};
use crate::experiments::montecarlo::run_one;
use crate::experiments::{OutputAt, thread_pool};
use crate::scenario::Scenario;
use crate::sim::Results;

use super::Request;
use super::job::{Job, Polled};

/// The compared scenario and its run.
pub struct Compared {
    /// Its name in legends ("opened file", a preset name, a file name).
    pub label: String,
    /// The scenario.
    pub scenario: Scenario,
    /// Whether the current scenario is B (comparing with the opened file).
    pub current_is_b: bool,
    /// Its run, once finished.
    pub results: Option<Arc<Results>>,
    run: Option<Job<Results>>,
}

/// The explanation table and what it was computed for.
pub struct Explanation {
    /// Rows: one per difference, then `total` and `interaction`.
    pub rows: Vec<Row>,
    /// The current scenario when it was computed.
    pub of: Scenario,
}

/// The comparison state of the window.
#[derive(Default)]
pub struct Compare {
    /// The compared scenario.
    pub compared: Option<Compared>,
    /// Whether the difference window is open.
    pub table_open: bool,
    /// The typed path of Compare with ▸ File…, when that prompt is open.
    pub prompt: Option<String>,
    explaining: Option<Job<Vec<Row>>>,
    /// The latest explanation.
    pub explanation: Option<Explanation>,
}

impl Compare {
    /// Compares with `scenario`, named `label`; starts its run.
    pub fn set(
        &mut self,
        label: String,
        scenario: Scenario,
        current_is_b: bool,
        wake: impl Fn() + Send + Sync + 'static,
    ) {
        let s = scenario.clone();
        let run = Job::spawn(format!("run of {label}"), wake, move |tracker, _| run_one(&s, s.seed, 0, tracker));
        self.compared = Some(Compared { label, scenario, current_is_b, results: None, run: Some(run) });
        self.explanation = None;
        self.explaining = None;
    }

    /// Drops the comparison.
    pub fn clear(&mut self) {
        self.compared = None;
        self.explanation = None;
        self.explaining = None;
        self.table_open = false;
    }

    /// Takes the runs' reports: whether the overlay changed, and a message.
    pub fn poll(&mut self) -> (bool, Option<(String, bool)>) {
        let mut out = (false, None);
        if let Some(c) = &mut self.compared
            && let Some(job) = &mut c.run
            && let Polled::Done(outcome) = job.poll()
        {
            c.run = None;
            out = match outcome {
                Ok(r) => {
                    c.results = Some(Arc::new(r));
                    (true, Some((format!("Comparing with {}: dashed lines on every plot", c.label), false)))
                }
                Err(e) => (false, Some((format!("The compared scenario did not run: {e}"), true))),
            };
        }
        if let Some(job) = &mut self.explaining
            && let Polled::Done(outcome) = job.poll()
        {
            self.explaining = None;
            match outcome {
                Ok(rows) => {
                    if let Some(e) = &mut self.explanation {
                        e.rows = rows;
                    }
                }
                Err(e) => out.1 = Some((format!("The differences could not be explained: {e}"), true)),
            }
        }
        out
    }

    /// Starts explaining the differences between `current` and the compared
    /// scenario.
    pub fn explain(&mut self, current: &Scenario, wake: impl Fn() + Send + Sync + 'static) {
        let Some(c) = &self.compared else { return };
        let (a, b) =
            if c.current_is_b { (c.scenario.clone(), current.clone()) } else { (current.clone(), c.scenario.clone()) };
        self.explanation = Some(Explanation { rows: Vec::new(), of: current.clone() });
        self.explaining = Some(Job::spawn("explanation", wake, move |tracker, _| {
            let pool = thread_pool(None)?;
            explain::explain(&a, &b, &headline_outputs(), &pool, tracker)
        }));
    }

    /// Whether an explanation is being computed.
    pub fn is_explaining(&self) -> bool {
        self.explaining.is_some()
    }

    /// Stops the background work.
    pub fn cancel(&mut self) -> bool {
        let mut any = self.explaining.take().map(|j| j.cancel()).is_some();
        if let Some(c) = &mut self.compared {
            any |= c.run.take().map(|j| j.cancel()).is_some();
        }
        any
    }

    /// The overlay's part: label and results.
    pub fn overlay(&self) -> Option<(String, Arc<Results>)> {
        let c = self.compared.as_ref()?;
        Some((c.label.clone(), Arc::clone(c.results.as_ref()?)))
    }

    /// The File ▸ Compare with ▸ File… prompt.
    pub fn prompt_ui(&mut self, ctx: &Context) -> Option<Request> {
        let mut text = self.prompt.take()?;
        let mut request = None;
        let mut open = true;
        egui::Window::new("Compare with a scenario file")
            .default_pos(super::WINDOW_POS)
            .collapsible(false)
            .open(&mut open)
            .show(ctx, |ui| {
                let label = ui.label("Scenario file (.ron)");
                let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(420.0)).labelled_by(label.id);
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Compare").clicked() || enter {
                    request = Some(Request::CompareWithPath(text.clone().into()));
                }
            });
        if open && request.is_none() {
            self.prompt = Some(text);
        }
        request
    }
}

/// The headline outputs at the last month.
pub fn headline_outputs() -> Vec<OutputAt> {
    HEADLINE_OUTPUTS.iter().map(|c| OutputAt { column: (*c).to_owned(), month: None }).collect()
}

/// The difference window.
pub fn table_ui(ctx: &Context, compare: &mut Compare, current: &Scenario) -> Option<Request> {
    let mut open = compare.table_open;
    let mut request = None;
    let Some(c) = &compare.compared else { return None };
    let (a, b) =
        if c.current_is_b { (c.label.as_str(), "current scenario") } else { ("current scenario", c.label.as_str()) };
    egui::Window::new("Differences").default_pos(super::WINDOW_POS).default_size([720.0, 420.0]).open(&mut open).show(ctx, |ui| {
        ui.label(format!("A: {a}   B: {b}. Each row: the change in the headline outputs at the last month when only that difference is applied to A."));
        let stale = compare.explanation.as_ref().is_some_and(|e| e.of != *current);
        ui.horizontal(|ui| {
            if compare.is_explaining() {
                ui.spinner();
                ui.label("explaining…");
            } else if ui.button(if stale { "Recompute (the scenario changed)" } else { "Recompute" }).clicked() {
                request = Some(Request::Explain);
            }
        });
        if let Some(e) = &compare.explanation {
            rows_grid(ui, &e.rows);
        }
    });
    compare.table_open = open;
    request
}

fn rows_grid(ui: &mut egui::Ui, rows: &[Row]) {
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("differences").striped(true).num_columns(HEADLINE_OUTPUTS.len() + 2).show(ui, |ui| {
            ui.label(RichText::new("Difference").strong());
            for o in HEADLINE_OUTPUTS {
                ui.label(RichText::new(format!("Δ {o}")).strong()).on_hover_text("B − A at the last month");
            }
            ui.label(RichText::new("Note").strong());
            ui.end_row();
            for r in rows {
                let strong = r.label == "total" || r.label == "interaction";
                let label = if strong { RichText::new(&r.label).strong() } else { RichText::new(&r.label) };
                // The note (why a row has no effect) sits in the last column,
                // often past the window's edge: the row's hover tells it too.
                let hover = if r.note.is_empty() { r.label.clone() } else { format!("{}\n{}", r.label, r.note) };
                ui.add_sized([300.0, 18.0], egui::Label::new(label).truncate()).on_hover_text(&hover);
                for e in &r.effects {
                    if e.is_finite() {
                        ui.label(super::super::views::plot::compact(*e));
                    } else {
                        ui.label("—").on_hover_text(if r.note.is_empty() { "no value" } else { &r.note });
                    }
                }
                ui.label(RichText::new(&r.note).weak());
                ui.end_row();
            }
        });
    });
}
