//! Run ▸ Sensitivity (tornado)…: which parameters move a chosen output
//! (`COLUMN` at a month), screened one at a time over every registry
//! parameter's range (or by Morris elementary effects) in the background,
//! drawn as a tornado chart whose bars jump to their parameter in the
//! editor when clicked.
//!
//! One at a time, a bar runs from the output with the parameter at the low
//! end of its range to the output at the high end, around the current
//! run's value; Morris bars are μ* (mean absolute effect per whole box).

use egui::{Color32, Context, RichText, Sense, Ui};

use crate::experiments::sensitivity::{DEFAULT_SPREAD, DEFAULT_TRAJECTORIES, Row, morris, one_at_a_time};
use crate::experiments::{OutputAt, thread_pool};
use crate::scenario::{Month, Scenario};
use crate::sim::Results;

use super::job::{Job, Polled, duration_text};
use super::{Effect, OutputPicker, Request};

/// Bars drawn at most (the largest effects).
pub const MAX_BARS: usize = 25;

/// Colour of the low end's side of a bar (Okabe–Ito blue).
const LOW: Color32 = Color32::from_rgb(0x00, 0x72, 0xb2);
/// Colour of the high end's side (Okabe–Ito vermilion).
const HIGH: Color32 = Color32::from_rgb(0xd5, 0x5e, 0x00);

/// A finished screening.
pub struct Screening {
    /// The output screened.
    pub output: OutputAt,
    /// Rows sorted by effect.
    pub rows: Vec<Row>,
    /// Whether it was Morris.
    pub morris: bool,
    /// The output in the current run when it started.
    pub base: f64,
    /// The scenario screened.
    pub of: Scenario,
}

/// The sensitivity window's state.
#[derive(Default)]
pub struct Tornado {
    /// Whether the window is open.
    pub open: bool,
    /// Output column key.
    pub column: String,
    /// Month typed (`YYYY-MM`; empty: the last month).
    pub month: String,
    /// Morris instead of one at a time.
    pub morris: bool,
    job: Option<(Job<Vec<Row>>, OutputAt, f64, Scenario)>,
    /// The latest screening.
    pub result: Option<Screening>,
    /// Output keys of the current run.
    columns: Vec<String>,
}

impl Tornado {
    /// Opens the window, choosing the hash rate at the last month first.
    pub fn open(&mut self, _doc: &super::Document, results: Option<&Results>) {
        self.open = true;
        if let Some(r) = results {
            self.columns = r.specs.iter().map(|s| s.key.clone()).collect();
        }
        if self.column.is_empty() {
            let hash = self.columns.iter().any(|c| c == "hashrate_ehs");
            self.column = if hash { "hashrate_ehs".into() } else { self.columns.first().cloned().unwrap_or_default() };
        }
    }

    /// Whether a screening runs.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Stops the screening.
    pub fn cancel(&mut self) -> bool {
        self.job.take().map(|(j, ..)| j.cancel()).is_some()
    }

    /// The output chosen in the window.
    pub fn output(&self) -> Result<OutputAt, String> {
        let month = self.month.trim();
        let month =
            if month.is_empty() { None } else { Some(month.parse::<Month>().map_err(|e| format!("Month: {e}"))?) };
        Ok(OutputAt { column: self.column.clone(), month })
    }

    /// Starts the screening of `scenario`.
    pub fn start(
        &mut self,
        scenario: &Scenario,
        results: Option<&Results>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Effect {
        let output = match self.output() {
            Ok(o) => o,
            Err(e) => return Effect::Say(e, true),
        };
        self.cancel();
        let (s, o, is_morris) = (scenario.clone(), output.clone(), self.morris);
        // The current run's value is the bars' centre line.
        let base = results.filter(|r| !r.is_empty()).map_or_else(
            || {
                crate::sim::run(scenario, scenario.seed, |_, _| std::ops::ControlFlow::Continue(()))
                    .map_or(f64::NAN, |r| output.read(&r, scenario))
            },
            |r| output.read(r, scenario),
        );
        let what = if is_morris { "Morris screening" } else { "one-at-a-time screening" };
        let job = Job::spawn(what, wake, move |tracker, _| {
            let pool = thread_pool(None)?;
            if is_morris {
                morris(&s, &o, DEFAULT_TRAJECTORIES, DEFAULT_SPREAD, &pool, tracker)
            } else {
                one_at_a_time(&s, &o, &pool, tracker)
            }
        });
        self.job = Some((job, output, base, scenario.clone()));
        Effect::Say(format!("{what} started; Esc cancels"), false)
    }

    /// Takes the screening's outcome.
    pub fn poll(&mut self) -> Option<(String, bool)> {
        let (job, ..) = self.job.as_mut()?;
        let Polled::Done(outcome) = job.poll() else { return None };
        let (_, output, base, of) = self.job.take()?;
        match outcome {
            Ok(rows) => {
                let text = format!("Screening of {output} finished: {} parameters", rows.len());
                self.result = Some(Screening { output, rows, morris: self.morris, base, of });
                Some((text, false))
            }
            Err(e) => {
                Some((format!("Screening stopped: {e}"), !matches!(e, crate::experiments::ExperimentError::Cancelled)))
            }
        }
    }

    /// Progress and Cancel in the status bar.
    pub fn status(&self, ui: &mut Ui) -> Option<Request> {
        let (job, ..) = self.job.as_ref()?;
        progress_row(ui, job, "Cancel screening")
    }

    /// The window.
    pub fn ui(&mut self, ctx: &Context, current: &Scenario, results: Option<&Results>) -> Option<Request> {
        if !self.open {
            return None;
        }
        if let Some(r) = results.filter(|_| self.columns.is_empty()) {
            self.columns = r.specs.iter().map(|s| s.key.clone()).collect();
        }
        let mut open = true;
        let mut request = None;
        egui::Window::new("Sensitivity").default_pos(super::WINDOW_POS).default_size([640.0, 560.0]).open(&mut open).show(ctx, |ui| {
            request = self.controls(ui);
            ui.separator();
            if let Some(s) = &self.result {
                if s.of != *current {
                    ui.label(RichText::new("This screening is of an earlier version of the scenario; run it again for the edited one.").weak());
                }
                request = request.take().or_else(|| chart(ui, s));
            } else if self.job.is_none() {
                ui.label("Choose an output and a month, then Run screening.");
            }
        });
        self.open = open;
        request
    }

    fn controls(&mut self, ui: &mut Ui) -> Option<Request> {
        let mut request = None;
        let picker = OutputPicker { id: "sensitivity-output", output_hint: "The output column screened" };
        picker.ui(
            ui,
            &mut self.column,
            &self.columns,
            &mut self.month,
            "YYYY-MM; empty for the last month of the timeline",
        );
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.morris, false, "One at a time")
                .on_hover_text("Each parameter alone at the low and high end of its range: two runs per parameter");
            ui.radio_value(&mut self.morris, true, "Morris").on_hover_text(format!(
                "{DEFAULT_TRAJECTORIES} trajectories of elementary effects in a ±50 % box: slower, sees interactions"
            ));
            let running = self.job.is_some();
            if ui.add_enabled(!running, egui::Button::new("Run screening")).clicked() {
                request = Some(Request::StartSensitivity);
            }
        });
        request
    }
}

/// A progress bar with runs done, time left and a Cancel button.
pub fn progress_row<T: Send + 'static>(ui: &mut Ui, job: &Job<T>, cancel: &str) -> Option<Request> {
    let (done, total) = job.progress();
    let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
    ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(format!("{done}/{total} runs")))
        .on_hover_text(job.what.clone());
    ui.label(
        job.time_left().map_or_else(|| "estimating time left".to_owned(), |d| format!("{} left", duration_text(d))),
    );
    ui.button(cancel).on_hover_text("Stop (Esc)").clicked().then_some(Request::Cancel)
}

/// The tornado chart: one clickable bar per parameter, largest first.
fn chart(ui: &mut Ui, s: &Screening) -> Option<Request> {
    let rows: Vec<&Row> = s.rows.iter().filter(|r| r.effect.is_finite() && r.effect != 0.0).take(MAX_BARS).collect();
    let still = s.rows.iter().filter(|r| r.effect == 0.0).count();
    ui.label(format!(
        "{} at {}: {} of {} parameters move it; the {} largest below. Click a bar to find the parameter in the editor.",
        s.output.column,
        s.output.month_in(&s.of),
        s.rows.len() - still - s.rows.iter().filter(|r| r.effect.is_nan()).count(),
        s.rows.len(),
        rows.len()
    ));
    if !s.morris {
        ui.horizontal(|ui| {
            legend_swatch(ui, LOW, "parameter at the low end of its range");
            legend_swatch(ui, HIGH, "at the high end");
        });
    }
    let (lo, hi) = extent(&rows, s);
    let mut request = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for row in rows {
            if bar(ui, row, s, lo, hi).clicked() {
                request = Some(Request::SelectParameter(row.path.clone()));
            }
        }
    });
    request
}

fn extent(rows: &[&Row], s: &Screening) -> (f64, f64) {
    let mut lo = if s.morris { 0.0 } else { s.base };
    let mut hi = lo;
    for r in rows {
        let ends = if s.morris { [0.0, r.effect] } else { r.detail };
        for v in ends.into_iter().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if hi > lo { (lo, hi) } else { (lo - 1.0, hi + 1.0) }
}

fn legend_swatch(ui: &mut Ui, color: Color32, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
    ui.label(text);
}

/// One bar with its parameter's path; the response is clickable and named
/// by the path for screen readers.
fn bar(ui: &mut Ui, row: &Row, s: &Screening, lo: f64, hi: f64) -> egui::Response {
    let width = ui.available_width().max(300.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 20.0), Sense::click());
    let label_w = (width * 0.42).min(300.0);
    let painter = ui.painter_at(rect);
    if response.hovered() {
        painter.rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    let text = ui.visuals().text_color();
    let name = if row.path.len() > 44 { format!("…{}", &row.path[row.path.len() - 43..]) } else { row.path.clone() };
    painter.text(
        rect.left_center() + egui::vec2(4.0, 0.0),
        egui::Align2::LEFT_CENTER,
        name,
        egui::FontId::proportional(13.0),
        text,
    );
    let area = egui::Rect::from_min_max(
        egui::pos2(rect.left() + label_w, rect.top() + 3.0),
        egui::pos2(rect.right() - 70.0, rect.bottom() - 3.0),
    );
    let x = |v: f64| area.left() + ((v - lo) / (hi - lo)) as f32 * area.width();
    let base = if s.morris { 0.0 } else { s.base };
    let segment = |painter: &egui::Painter, v: f64, color: Color32| {
        if v.is_finite() {
            let (a, b) = (x(base).min(x(v)), x(base).max(x(v)).max(x(base).min(x(v)) + 1.0));
            painter.rect_filled(egui::Rect::from_x_y_ranges(a..=b, area.y_range()), 1.0, color);
        }
    };
    if s.morris {
        segment(&painter, row.effect, HIGH);
    } else {
        segment(&painter, row.detail[0], LOW);
        segment(&painter, row.detail[1], HIGH);
    }
    painter.line_segment(
        [egui::pos2(x(base), rect.top()), egui::pos2(x(base), rect.bottom())],
        egui::Stroke::new(1.0, text),
    );
    let effect = super::super::views::plot::compact(row.effect);
    painter.text(
        rect.right_center() - egui::vec2(4.0, 0.0),
        egui::Align2::RIGHT_CENTER,
        effect,
        egui::FontId::proportional(12.0),
        text,
    );
    let hover = hover_text(row, s.morris);
    let path = row.path.clone();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &path));
    response.on_hover_text(hover)
}

/// A bar's tooltip: the values tried and what they gave.
fn hover_text(row: &Row, morris: bool) -> String {
    if morris {
        return format!("{}\nμ* = {}, μ = {}, σ = {}", row.path, row.effect, row.detail[0], row.detail[1]);
    }
    let note = if row.note.is_empty() { String::new() } else { format!("\n{}", row.note) };
    format!(
        "{}\nlow {} → {}\nhigh {} → {}\neffect (high − low) {}{note}",
        row.path, row.low, row.detail[0], row.high, row.detail[1], row.effect
    )
}
