//! Right-click a parameter ▸ Sweep…: one parameter (or two) over a grid
//! taken from its registry range, each point one run on the scenario's seed
//! in the background, then a chart of a chosen output at a chosen month
//! against the parameter (a line) or a heat map for two.
//!
//! Each point keeps its whole run, so the output and month can be changed
//! after the sweep without running it again. Points the scenario's rules
//! refuse (a capacity above its ceiling) have no value and are left out of
//! the line or drawn hatched-grey in the heat map.

use egui::{Color32, Context, RichText, Sense, Ui};
use egui_plot::{Line, Plot, Points};
use rayon::prelude::*;

use crate::experiments::montecarlo::run_one;
use crate::experiments::paths::{Field, Kind, model_parameters};
use crate::experiments::sweep::{Axis, Plan, scenario_at};
use crate::experiments::{ExperimentError, OutputAt, thread_pool};
use crate::scenario::{Month, Scenario};
use crate::sim::Results;

use super::job::{Job, Polled};
use super::{Effect, OutputPicker, Request};

/// Most steps per parameter.
pub const MAX_STEPS: usize = 41;

/// Steps offered for one parameter, and per parameter for two.
const DEFAULT_STEPS: [usize; 2] = [11, 7];

/// One swept parameter as the dialog edits it.
#[derive(Debug, Clone)]
pub struct AxisDraft {
    /// The registry field.
    pub field: Field,
    /// First value.
    pub from: f64,
    /// Last value.
    pub to: f64,
    /// Number of values.
    pub steps: usize,
}

impl AxisDraft {
    fn new(field: Field, steps: usize) -> Self {
        Self { from: field.param.min, to: field.param.max, steps, field }
    }

    /// The values: `steps` evenly spaced from `from` to `to` (rounded for
    /// whole numbers, duplicates dropped).
    pub fn values(&self) -> Vec<f64> {
        let n = self.steps.max(2);
        let mut out: Vec<f64> = (0..n)
            .map(|i| self.from + (self.to - self.from) * i as f64 / (n - 1) as f64)
            .map(|v| if self.field.kind == Kind::Real { v } else { v.round() })
            .collect();
        out.dedup();
        out
    }
}

/// A finished sweep.
pub struct SweepResult {
    /// The parameters and their values.
    pub axes: Vec<Axis>,
    /// Units of the parameters.
    pub units: Vec<String>,
    /// Each point's run in grid order (the first parameter slowest);
    /// `None` where the scenario's rules refuse the point.
    pub runs: Vec<Option<Results>>,
    /// The scenario swept.
    pub of: Scenario,
}

/// The sweep dialog, job and chart.
#[derive(Default)]
pub struct Sweep {
    /// The dialog: the first parameter and the optional second.
    pub dialog: Option<(AxisDraft, Option<AxisDraft>)>,
    job: Option<Job<SweepResult>>,
    /// The latest sweep.
    pub result: Option<SweepResult>,
    /// Output column charted.
    pub column: String,
    /// Month charted (`YYYY-MM`; empty: the last month).
    pub month: String,
    fields: Vec<Field>,
    columns: Vec<String>,
}

impl Sweep {
    /// Opens the dialog for the parameter at `path`.
    pub fn open(&mut self, scenario: &Scenario, path: &str, results: Option<&Results>) -> Effect {
        self.fields = model_parameters(scenario);
        let Some(field) = self.fields.iter().find(|f| f.path == path).cloned() else {
            return Effect::Say(format!("{path} cannot be swept: it is not a model parameter with a range"), true);
        };
        if let Some(r) = results {
            self.columns = r.specs.iter().map(|s| s.key.clone()).collect();
        }
        if self.column.is_empty() {
            self.column = "hashrate_ehs".into();
        }
        self.dialog = Some((AxisDraft::new(field, DEFAULT_STEPS[0]), None));
        Effect::None
    }

    /// Whether a sweep runs.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Stops the sweep.
    pub fn cancel(&mut self) -> bool {
        self.job.take().map(|j| j.cancel()).is_some()
    }

    /// Starts the sweep set in the dialog.
    pub fn start(&mut self, scenario: &Scenario, wake: impl Fn() + Send + Sync + 'static) -> Effect {
        let Some((first, second)) = self.dialog.take() else { return Effect::None };
        let drafts: Vec<AxisDraft> = std::iter::once(first).chain(second).collect();
        let axes: Vec<Axis> = drafts.iter().map(|d| Axis { path: d.field.path.clone(), values: d.values() }).collect();
        let units: Vec<String> = drafts.iter().map(|d| d.field.param.unit.to_owned()).collect();
        let plan = Plan { axes: axes.clone(), runs: 1, seed: scenario.seed, shard: None };
        let points = plan.points();
        self.cancel();
        let s = scenario.clone();
        self.job = Some(Job::spawn(format!("sweep of {points} points"), wake, move |tracker, _| {
            let pool = thread_pool(None)?;
            tracker.add_total(points);
            let runs = pool.install(|| {
                (0..points)
                    .into_par_iter()
                    .map(|p| match scenario_at(&s, &plan, p) {
                        Ok(point) => run_one(&point, plan.seed, 0, tracker).map(Some),
                        Err(ExperimentError::Invalid { .. }) => Ok(None),
                        Err(e) => Err(e),
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?;
            Ok(SweepResult { axes, units, runs, of: s })
        }));
        Effect::Say(format!("Sweep of {points} points started; Esc cancels"), false)
    }

    /// Takes the sweep's outcome.
    pub fn poll(&mut self) -> Option<(String, bool)> {
        let job = self.job.as_mut()?;
        let Polled::Done(outcome) = job.poll() else { return None };
        self.job = None;
        match outcome {
            Ok(r) => {
                let refused = r.runs.iter().filter(|x| x.is_none()).count();
                let text =
                    format!("Sweep finished: {} points, {refused} refused by the scenario's rules", r.runs.len());
                self.result = Some(r);
                Some((text, false))
            }
            Err(e) => Some((format!("Sweep stopped: {e}"), !matches!(e, ExperimentError::Cancelled))),
        }
    }

    /// Progress and Cancel in the status bar.
    pub fn status(&self, ui: &mut Ui) -> Option<Request> {
        super::tornado::progress_row(ui, self.job.as_ref()?, "Cancel sweep")
    }

    /// The dialog and the chart window.
    pub fn ui(&mut self, ctx: &Context, current: &Scenario) -> Option<Request> {
        let request = self.dialog_ui(ctx);
        let mut open = self.result.is_some();
        let mut chart_request = None;
        if open {
            egui::Window::new("Sweep chart")
                .default_pos(super::WINDOW_POS)
                .default_size([640.0, 460.0])
                .open(&mut open)
                .show(ctx, |ui| {
                    chart_request = self.chart_ui(ui, current);
                });
            if !open {
                self.result = None;
            }
        }
        request.or(chart_request)
    }

    fn dialog_ui(&mut self, ctx: &Context) -> Option<Request> {
        let (mut first, mut second) = self.dialog.take()?;
        let mut open = true;
        let mut request = None;
        egui::Window::new("Sweep").default_pos(super::WINDOW_POS).collapsible(false).open(&mut open).show(ctx, |ui| {
            axis_rows(ui, &mut first, "First");
            ui.separator();
            let label = ui.label("Second parameter");
            let chosen = second.as_ref().map_or("none (a line chart)", |d| d.field.path.as_str()).to_owned();
            egui::ComboBox::from_id_salt("sweep-second")
                .selected_text(chosen)
                .width(300.0)
                .show_ui(ui, |ui| {
                    if ui.selectable_label(second.is_none(), "none (a line chart)").clicked() {
                        second = None;
                    }
                    for f in self.fields.iter().filter(|f| f.path != first.field.path) {
                        if ui.selectable_label(false, &f.path).on_hover_text(f.param.label).clicked() {
                            second = Some(AxisDraft::new(f.clone(), DEFAULT_STEPS[1]));
                            first.steps = first.steps.min(DEFAULT_STEPS[1].max(first.steps / 2));
                        }
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("Sweep a second parameter too: a heat map of every pair of values");
            if let Some(d) = &mut second {
                axis_rows(ui, d, "Second");
            }
            let points = first.values().len() * second.as_ref().map_or(1, |d| d.values().len());
            ui.label(RichText::new(format!("{points} runs on the scenario's seed")).weak());
            if ui.button("Run sweep").on_hover_text("Start; progress and Cancel in the status bar").clicked() {
                request = Some(Request::StartSweep);
            }
        });
        if open {
            self.dialog = Some((first, second));
        }
        request
    }

    fn chart_ui(&mut self, ui: &mut Ui, current: &Scenario) -> Option<Request> {
        let result = self.result.as_ref()?;
        if result.of != *current {
            ui.label(RichText::new("This sweep is of an earlier version of the scenario.").weak());
        }
        let picker = OutputPicker { id: "sweep-output", output_hint: "The output charted against the parameter" };
        picker.ui(ui, &mut self.column, &self.columns, &mut self.month, "YYYY-MM; empty for the last month");
        let month = self.month.trim().parse::<Month>().ok();
        let output = OutputAt { column: self.column.clone(), month };
        let values: Vec<f64> =
            result.runs.iter().map(|r| r.as_ref().map_or(f64::NAN, |r| output.read(r, &result.of))).collect();
        if result.axes.len() == 1 {
            line_chart(ui, result, &values, &output);
        } else {
            heat_map(ui, result, &values, &output);
        }
        None
    }
}

fn axis_rows(ui: &mut Ui, d: &mut AxisDraft, which: &str) {
    let (min, max) = (d.field.param.min, d.field.param.max);
    ui.label(RichText::new(format!("{which}: {} — {}", d.field.path, d.field.param.label)).strong());
    ui.horizontal(|ui| {
        let unit = d.field.param.unit;
        let help = format!("Range {min} to {max} {unit} (from the parameter registry)");
        let label = ui.label("From");
        ui.add(egui::DragValue::new(&mut d.from).range(min..=max).suffix(format!(" {unit}")))
            .labelled_by(label.id)
            .on_hover_text(&help);
        let label = ui.label("To");
        ui.add(egui::DragValue::new(&mut d.to).range(min..=max).suffix(format!(" {unit}")))
            .labelled_by(label.id)
            .on_hover_text(&help);
        let label = ui.label("Steps");
        ui.add(egui::DragValue::new(&mut d.steps).range(2..=MAX_STEPS))
            .labelled_by(label.id)
            .on_hover_text("How many values from From to To, evenly spaced");
    });
}

fn line_chart(ui: &mut Ui, result: &SweepResult, values: &[f64], output: &OutputAt) {
    let axis = &result.axes[0];
    let points: Vec<[f64; 2]> =
        axis.values.iter().zip(values).filter(|(_, y)| y.is_finite()).map(|(x, y)| [*x, *y]).collect();
    ui.label(format!("{output} against {}", axis.path));
    Plot::new("sweep-line")
        .x_axis_label(if result.units[0].is_empty() {
            axis.path.clone()
        } else {
            format!("{} ({})", axis.path, result.units[0])
        })
        .y_axis_label(output_title(result, &output.column))
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new(output.column.clone(), points.clone()).width(2.0));
            plot_ui.points(Points::new("points", points).radius(3.5));
        });
}

/// The output's label and unit as the runs describe it
/// ("Network hash rate (EH/s)"), or its key when no run has it.
fn output_title(result: &SweepResult, column: &str) -> String {
    let spec = result.runs.iter().flatten().find_map(|r| r.specs.iter().find(|s| s.key == column));
    match spec {
        Some(s) if !s.unit.is_empty() => format!("{} ({})", s.label, s.unit),
        Some(s) => s.label.clone(),
        None => column.to_owned(),
    }
}

/// A colour-blind-safe sequential scale (viridis, five stops) at `t` in 0–1.
pub fn viridis(t: f64) -> Color32 {
    const STOPS: [[u8; 3]; 5] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    let t = t.clamp(0.0, 1.0) * 4.0;
    let i = (t.floor() as usize).min(3);
    let f = t - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    Color32::from_rgb(
        mix(STOPS[i][0], STOPS[i + 1][0]),
        mix(STOPS[i][1], STOPS[i + 1][1]),
        mix(STOPS[i][2], STOPS[i + 1][2]),
    )
}

fn heat_map(ui: &mut Ui, result: &SweepResult, values: &[f64], output: &OutputAt) {
    let (ax, ay) = (&result.axes[0], &result.axes[1]);
    let (nx, ny) = (ax.values.len(), ay.values.len());
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (lo, hi) = finite.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let compact = super::super::views::plot::compact;
    ui.label(format!(
        "{output}: {} across, {} up. Colour: {} from {} (dark) to {} (yellow).",
        ax.path,
        ay.path,
        output_title(result, &output.column),
        compact(lo),
        compact(hi)
    ));
    let size = egui::vec2(ui.available_width(), (ui.available_height() - 30.0).max(160.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let area = egui::Rect::from_min_max(rect.min + egui::vec2(70.0, 4.0), rect.max - egui::vec2(8.0, 28.0));
    let painter = ui.painter_at(rect);
    let (cw, ch) = (area.width() / nx as f32, area.height() / ny as f32);
    let cell = |i: usize, j: usize| {
        egui::Rect::from_min_size(
            egui::pos2(area.left() + i as f32 * cw, area.bottom() - (j + 1) as f32 * ch),
            egui::vec2(cw, ch),
        )
    };
    for i in 0..nx {
        for j in 0..ny {
            let v = values[i * ny + j];
            let color =
                if v.is_finite() { viridis(if hi > lo { (v - lo) / (hi - lo) } else { 0.5 }) } else { Color32::GRAY };
            painter.rect_filled(cell(i, j).shrink(0.5), 0.0, color);
        }
    }
    axis_ticks(ui, &painter, result, &cell, area);
    if let Some(p) = response.hover_pos().filter(|p| area.contains(*p)) {
        let i = (((p.x - area.left()) / cw) as usize).min(nx - 1);
        let j = (((area.bottom() - p.y) / ch) as usize).min(ny - 1);
        let v = values[i * ny + j];
        let shown = if v.is_finite() { compact(v) } else { "refused by the scenario's rules".into() };
        response.on_hover_text(format!(
            "{} = {}\n{} = {}\n{}: {shown}",
            ax.path, ax.values[i], ay.path, ay.values[j], output.column
        ));
    }
}

/// The parameter values along the heat map's edges (at most about eight a side).
fn axis_ticks(
    ui: &Ui,
    painter: &egui::Painter,
    result: &SweepResult,
    cell: &dyn Fn(usize, usize) -> egui::Rect,
    area: egui::Rect,
) {
    let compact = super::super::views::plot::compact;
    let (ax, ay) = (&result.axes[0], &result.axes[1]);
    let text = ui.visuals().text_color();
    let font = egui::FontId::proportional(11.0);
    for (i, x) in ax.values.iter().enumerate().step_by(ax.values.len().div_ceil(8).max(1)) {
        let at = egui::pos2(cell(i, 0).center().x, area.bottom() + 4.0);
        painter.text(at, egui::Align2::CENTER_TOP, compact(*x), font.clone(), text);
    }
    for (j, y) in ay.values.iter().enumerate().step_by(ay.values.len().div_ceil(8).max(1)) {
        let at = egui::pos2(area.left() - 4.0, cell(0, j).center().y);
        painter.text(at, egui::Align2::RIGHT_CENTER, compact(*y), font.clone(), text);
    }
}

#[cfg(test)]
mod tests {
    use super::{SweepResult, output_title};
    use crate::scenario::presets::default_scenario;
    use crate::sim::Results;
    use crate::sim::results::ColumnSpec;

    #[test]
    fn the_output_is_named_with_its_label_and_unit() {
        let specs =
            vec![ColumnSpec::new("hashrate_ehs", "Network hash rate", "EH/s"), ColumnSpec::new("n", "Count", "")];
        let result = SweepResult {
            axes: Vec::new(),
            units: Vec::new(),
            runs: vec![None, Some(Results::new(specs, 1))],
            of: default_scenario(),
        };
        assert_eq!(output_title(&result, "hashrate_ehs"), "Network hash rate (EH/s)");
        assert_eq!(output_title(&result, "n"), "Count", "no empty brackets for a unitless output");
        assert_eq!(output_title(&result, "missing"), "missing", "an unknown key is shown as it is");
    }
}
