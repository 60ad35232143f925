//! Charts without a window: every view of the results as SVG (real paths
//! and text, sharp in a paper), as PNG (that SVG rasterised by `resvg`), its
//! visible series as CSV, and a self-contained HTML report of a scenario.
//!
//! One chart model ([`Chart`]) is built from the GUI-free description of
//! each view ([`crate::views::catalog`]) with the window's column choice and
//! colours ([`crate::views::columns`], [`crate::views::palette`]) and tick
//! labels ([`crate::views::ticks`]), so an exported chart is the chart on
//! screen. With a Monte Carlo ([`crate::experiments::montecarlo`]) each
//! line carries its p5–p95 and p25–p75 bands. Nothing here depends on a
//! GUI toolkit: the command line (`diverge plot`, `diverge report`) and the
//! app share it.

pub mod csv;
pub mod headline;
pub mod png;
pub mod report;
pub mod svg;

use crate::experiments::montecarlo::Bands;
use crate::scenario::Annotation;
use crate::sim::{Marker, Results};
use crate::views::catalog::{PlotKind, PlotSpec, Tab};
use crate::views::columns::{Cap, cap_of, columns_of};
use crate::views::palette::SeriesStyle;

/// What every export says about where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The scenario's name.
    pub scenario: String,
    /// The seed of the run (of run 0 of a Monte Carlo).
    pub seed: u64,
    /// Runs behind the bands (1: a single run, no bands).
    pub runs: usize,
}

impl Meta {
    /// The small source line under every chart:
    /// "Diverge x.y.z, scenario …, seed …".
    pub fn source_line(&self) -> String {
        let runs = if self.runs > 1 {
            format!(", {} runs (bands: p5–p95 light, p25–p75 dark)", self.runs)
        } else {
            String::new()
        };
        format!(
            "Diverge {}, scenario \u{201c}{}\u{201d}, seed {}{runs}",
            env!("CARGO_PKG_VERSION"),
            self.scenario,
            self.seed
        )
    }
}

/// The spread of one series over the runs of a Monte Carlo.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// 5th percentile by month.
    pub p5: Vec<f64>,
    /// 25th percentile by month.
    pub p25: Vec<f64>,
    /// 75th percentile by month.
    pub p75: Vec<f64>,
    /// 95th percentile by month.
    pub p95: Vec<f64>,
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    /// Column key.
    pub key: String,
    /// Legend name.
    pub name: String,
    /// Unit of the values.
    pub unit: String,
    /// Colour and dash, as in the window.
    pub style: SeriesStyle,
    /// The scenario's own run, by month.
    pub values: Vec<f64>,
    /// The ceiling above which values are drawn in a labelled band.
    pub cap: Option<Cap>,
    /// The Monte Carlo spread, when there is one.
    pub spread: Option<Spread>,
}

/// One plot of a view, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The plot's id in the catalogue.
    pub id: &'static str,
    /// Title above the plot.
    pub title: &'static str,
    /// What a reader needs to know (empty when the title says it all).
    pub note: &'static str,
    /// Log value axis.
    pub log: bool,
    /// Stacked areas instead of lines.
    pub stacked: bool,
    /// Time axis, fractional years, one per month.
    pub xs: Vec<f64>,
    /// Series in legend order (bottom of the stack first).
    pub series: Vec<ChartSeries>,
    /// Halvings and events drawn as vertical lines.
    pub markers: Vec<Marker>,
    /// The scenario's notes, drawn as dotted lines with their text.
    pub annotations: Vec<Annotation>,
}

impl Chart {
    /// The unit all series share, if they share one.
    pub fn common_unit(&self) -> Option<&str> {
        let first = self.series.first()?.unit.as_str();
        self.series.iter().all(|s| s.unit == first).then_some(first)
    }

    /// The value-axis label: the shared unit, marked `(log)` on log axes.
    pub fn axis_label(&self) -> String {
        match self.common_unit() {
            Some(u) if self.log => format!("{u} (log)"),
            Some(u) => u.to_owned(),
            None => String::new(),
        }
    }
}

/// One view (a tab of the window): its title and the plots that have data.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Which tab.
    pub tab: Tab,
    /// Its plots with data, in the window's order.
    pub charts: Vec<Chart>,
}

impl View {
    /// This view with the scenario's `annotations` on every chart.
    #[must_use]
    pub fn annotated(mut self, annotations: &[Annotation]) -> Self {
        for chart in &mut self.charts {
            chart.annotations = annotations.to_vec();
        }
        self
    }
}

/// Every view with the scenario's `annotations` on every chart.
pub fn annotate_all(views: Vec<View>, annotations: &[Annotation]) -> Vec<View> {
    views.into_iter().map(|v| v.annotated(annotations)).collect()
}

/// The chart of `spec` from `results`, with the spread of `bands` when
/// given; `markers` are drawn as they are.
pub fn chart(spec: &PlotSpec, results: &Results, bands: Option<&Bands>, markers: &[Marker]) -> Chart {
    let xs: Vec<f64> = results.months.iter().map(|m| m.as_year_fraction()).collect();
    let stacked = spec.kind == PlotKind::Stacked;
    let series = columns_of(spec, &results.specs)
        .into_iter()
        .map(|c| {
            let col = &results.specs[c.index];
            let spread = if stacked { None } else { bands.and_then(|b| spread_of(b, &col.key, xs.len())) };
            ChartSeries {
                key: col.key.clone(),
                name: c.name,
                unit: col.unit.clone(),
                style: c.style,
                values: results.values[c.index].clone(),
                cap: cap_of(&col.key),
                spread,
            }
        })
        .filter(|s| s.values.iter().any(|v| v.is_finite() && (!stacked || *v != 0.0)))
        .collect();
    Chart {
        id: spec.id,
        title: spec.title,
        note: spec.note,
        log: spec.log,
        stacked,
        xs,
        series,
        markers: markers.to_vec(),
        annotations: Vec::new(),
    }
}

fn spread_of(bands: &Bands, key: &str, months: usize) -> Option<Spread> {
    let c = bands.specs.iter().position(|s| s.key == key)?;
    let pick = |i: usize| bands.stats[c].iter().take(months).map(|s| s.percentiles[i]).collect::<Vec<f64>>();
    Some(Spread { p5: pick(0), p25: pick(1), p75: pick(3), p95: pick(4) })
}

/// The view of `tab`: every plot with data, with the markers the window
/// draws on that tab.
pub fn view(tab: Tab, results: &Results, bands: Option<&Bands>) -> View {
    let markers: Vec<Marker> = results.markers.iter().filter(|m| tab.shows_marker(m.kind)).cloned().collect();
    let charts =
        tab.plots().iter().map(|spec| chart(spec, results, bands, &markers)).filter(|c| !c.series.is_empty()).collect();
    View { tab, charts }
}

/// Every view, in the window's tab order.
pub fn all_views(results: &Results, bands: Option<&Bands>) -> Vec<View> {
    Tab::ALL.into_iter().map(|t| view(t, results, bands)).filter(|v| !v.charts.is_empty()).collect()
}
