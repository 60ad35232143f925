//! What the experiments draw behind the current run on every plot: the
//! Monte Carlo bands (p5–p95 light, p25–p75 darker, the median as a thin
//! line) and a second scenario's run in a dashed, faded style, each with a
//! legend row of its own.
//!
//! The experiments hand the views an [`OverlayData`] (shared `Arc`s and a
//! version); the points of each plot are prepared once per version and
//! scale, like the plots' own, so a frame only draws. Line plots get bands
//! of each line; stacked plots get the comparison's layer edges (a
//! percentile of a stack's edge is not the sum of its layers' percentiles,
//! so no bands are stacked).

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, RichText, Ui};
use egui_plot::{FilledArea, Line, LineStyle, PlotPoint};

use crate::experiments::montecarlo::Bands;
use crate::sim::Results;

use super::catalog::{PlotKind, PlotSpec};
use super::prepare::{self, cap_of, capped_draw_value, columns_of};
use super::style;

/// What the experiments want drawn behind the plots.
#[derive(Debug, Clone, Default)]
pub struct OverlayData {
    /// Monte Carlo bands of the runs finished so far.
    pub bands: Option<Arc<Bands>>,
    /// A second scenario's run and its name for the legend.
    pub compare: Option<(String, Arc<Results>)>,
    /// Changes whenever either does.
    pub version: u64,
}

/// One line's band, in plot coordinates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Range {
    /// Colour of the line it belongs to.
    pub color: Color32,
    /// Time axis of `p5`/`p95`.
    pub outer_x: Vec<f64>,
    /// Lower edge of the light band.
    pub p5: Vec<f64>,
    /// Upper edge of the light band.
    pub p95: Vec<f64>,
    /// Time axis of `p25`/`p75`.
    pub inner_x: Vec<f64>,
    /// Lower edge of the dark band.
    pub p25: Vec<f64>,
    /// Upper edge of the dark band.
    pub p75: Vec<f64>,
    /// The median.
    pub median: Vec<PlotPoint>,
}

/// A line of the compared scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareLine {
    /// Series name (for the plot's item list).
    pub name: String,
    /// Its colour in the current run.
    pub color: Color32,
    /// Points in plot coordinates.
    pub points: Vec<PlotPoint>,
}

/// One plot's overlay, ready to draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreparedOverlay {
    /// A band per line (line plots).
    pub ranges: Vec<Range>,
    /// Runs the bands are made of (0: no bands).
    pub runs: usize,
    /// The compared scenario's lines (layer edges on stacked plots).
    pub compare: Vec<CompareLine>,
    /// The compared scenario's name, when there is a comparison.
    pub compare_label: Option<String>,
}

impl PreparedOverlay {
    /// Whether there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.compare.is_empty()
    }
}

/// The overlay the views draw, and its per-plot cache.
#[derive(Debug, Default)]
pub struct Overlay {
    /// What to draw (set by the app every frame).
    pub data: OverlayData,
    cache: HashMap<(&'static str, bool), PreparedOverlay>,
    cache_version: u64,
}

impl Overlay {
    /// The prepared overlay of `spec` at this scale (`None` when there is
    /// nothing to draw).
    pub fn of(&mut self, spec: &PlotSpec, log: bool) -> Option<&PreparedOverlay> {
        if self.data.version != self.cache_version {
            self.cache.clear();
            self.cache_version = self.data.version;
        }
        let data = &self.data;
        let prepared = self.cache.entry((spec.id, log)).or_insert_with(|| prepare_overlay(spec, data, log));
        (!prepared.is_empty()).then_some(&*prepared)
    }
}

/// Builds one plot's overlay from `data`.
pub fn prepare_overlay(spec: &PlotSpec, data: &OverlayData, log: bool) -> PreparedOverlay {
    let mut out = PreparedOverlay::default();
    if let Some(bands) = data.bands.as_deref().filter(|b| b.runs > 0 && spec.kind == PlotKind::Lines) {
        out.ranges = ranges(spec, bands, log);
        out.runs = bands.runs;
    }
    if let Some((label, results)) = &data.compare {
        let prepared = prepare::prepare(spec, results, log);
        out.compare = prepared
            .lines
            .into_iter()
            .map(|l| CompareLine { name: format!("{} ({label})", l.name), color: l.style.color, points: l.points })
            .chain(prepared.bands.into_iter().map(|b| CompareLine {
                name: format!("{} ({label})", b.name),
                color: b.style.color,
                points: b.xs.iter().zip(&b.hi).map(|(&x, &y)| PlotPoint::new(x, y)).collect(),
            }))
            .collect();
        out.compare_label = Some(label.clone());
    }
    out
}

/// The bands of every line of `spec`.
fn ranges(spec: &PlotSpec, bands: &Bands, log: bool) -> Vec<Range> {
    let shape = Results::new(bands.specs.clone(), 0);
    let xs: Vec<f64> = bands.months.iter().map(|m| m.as_year_fraction()).collect();
    let step = xs.len().div_ceil(prepare::MAX_POINTS).max(1);
    columns_of(spec, &shape)
        .into_iter()
        .map(|c| {
            let cap = cap_of(&bands.specs[c.index].key);
            let stats = &bands.stats[c.index];
            let at = |m: usize, p: usize| {
                let v = stats[m].percentiles[p];
                let v = match &cap {
                    Some(cap) if v > cap.above => capped_draw_value(cap),
                    _ => v,
                };
                if log { if v > 0.0 { v.log10() } else { f64::NAN } } else { v }
            };
            let months: Vec<usize> = (0..xs.len()).step_by(step).collect();
            let pair = |lo: usize, hi: usize| {
                let kept: Vec<usize> =
                    months.iter().copied().filter(|&m| at(m, lo).is_finite() && at(m, hi).is_finite()).collect();
                let x: Vec<f64> = kept.iter().map(|&m| xs[m]).collect();
                (x, kept.iter().map(|&m| at(m, lo)).collect(), kept.iter().map(|&m| at(m, hi)).collect())
            };
            let (outer_x, p5, p95) = pair(0, 4);
            let (inner_x, p25, p75) = pair(1, 3);
            let median =
                months.iter().filter(|&&m| at(m, 2).is_finite()).map(|&m| PlotPoint::new(xs[m], at(m, 2))).collect();
            Range { color: c.style.color, outer_x, p5, p95, inner_x, p25, p75, median }
        })
        .filter(|r| !r.outer_x.is_empty())
        .collect()
}

/// Draws the overlay (call before the plot's own lines, so they stay on top).
pub fn draw<'a>(plot_ui: &mut egui_plot::PlotUi<'a>, overlay: &'a PreparedOverlay, dark: bool) {
    for r in &overlay.ranges {
        let color = style::readable(r.color, dark);
        plot_ui.add(
            FilledArea::new("Monte Carlo p5–p95", &r.outer_x, &r.p5, &r.p95)
                .fill_color(color.gamma_multiply(0.14))
                .stroke(egui::Stroke::NONE)
                .allow_hover(false),
        );
        plot_ui.add(
            FilledArea::new("Monte Carlo p25–p75", &r.inner_x, &r.p25, &r.p75)
                .fill_color(color.gamma_multiply(0.30))
                .stroke(egui::Stroke::NONE)
                .allow_hover(false),
        );
        plot_ui.line(
            Line::new("Monte Carlo median", r.median.as_slice())
                .width(1.0)
                .color(color.gamma_multiply(0.9))
                .allow_hover(false),
        );
    }
    for line in &overlay.compare {
        let color = style::readable(line.color, dark).gamma_multiply(0.6);
        plot_ui.line(
            Line::new(line.name.clone(), line.points.as_slice())
                .width(1.5)
                .color(color)
                .style(LineStyle::dashed_loose())
                .allow_hover(false),
        );
    }
}

/// The overlay's legend row: what the bands and the dashed lines are.
pub fn legend(ui: &mut Ui, overlay: &PreparedOverlay) {
    // Brighter than weak text: the swatch stands for a band, which is pale.
    let weak = ui.visuals().text_color();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        if overlay.runs > 0 {
            swatch_fill(ui, weak, 0.45);
            ui.label(RichText::new(format!("Monte Carlo of {} runs: p25–p75, lighter p5–p95, thin line median", overlay.runs)).small())
                .on_hover_text("Each band spans the given percentiles of the runs at every month; the solid line is this scenario's own seed.");
            ui.add_space(8.0);
        }
        if let Some(label) = &overlay.compare_label {
            swatch_dashed(ui, weak);
            ui.label(RichText::new(format!("dashed, faded: {label}")).small())
                .on_hover_text("The compared scenario's run, in each series' colour, drawn behind the current one.");
        }
    });
}

fn swatch_fill(ui: &mut Ui, color: Color32, alpha: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color.gamma_multiply(alpha));
}

fn swatch_dashed(ui: &mut Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
    let y = rect.center().y;
    for i in 0..3 {
        let x = rect.left() + i as f32 * 7.0;
        ui.painter().line_segment([egui::pos2(x, y), egui::pos2(x + 3.0, y)], egui::Stroke::new(2.0, color));
    }
}
