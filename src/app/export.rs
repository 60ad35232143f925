//! File ▸ Export: the current view as SVG or PNG, its series as CSV, and the
//! HTML report, written by the GUI-free [`crate::export`] from the latest
//! run, so what is exported is what the window shows: with the Monte Carlo
//! bands when the window draws them.
//!
//! The file is chosen with the same save dialog (or typed-path fallback) as
//! Save As; the export itself takes well under a second and runs on the UI
//! thread, with the outcome in the status bar.

use std::path::{Path, PathBuf};

use crate::export::{self, Meta};
use crate::scenario::io::write_atomically;
use crate::views::Tab;

use super::state::DivergeApp;

/// Pixel size of an exported view (PNG at twice this, for slides).
pub const VIEW_SIZE: [u32; 2] = [1200, 800];
/// Pixel size of one exported plot.
pub const PLOT_SIZE: [u32; 2] = [900, 560];

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The current view as SVG.
    ViewSvg,
    /// The current view as PNG (2×).
    ViewPng,
    /// The current view's series as CSV.
    ViewCsv,
    /// The report of the scenario as HTML.
    Report,
    /// One plot (by id) as SVG.
    PlotSvg(&'static str),
    /// One plot (by id) as PNG (2×).
    PlotPng(&'static str),
}

impl ExportKind {
    /// The file extension written.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::ViewSvg | ExportKind::PlotSvg(_) => "svg",
            ExportKind::ViewPng | ExportKind::PlotPng(_) => "png",
            ExportKind::ViewCsv => "csv",
            ExportKind::Report => "html",
        }
    }

    /// The name of the file type, for dialog filters.
    pub fn filter_name(self) -> &'static str {
        match self.extension() {
            "svg" => "SVG image",
            "png" => "PNG image",
            "csv" => "CSV table",
            _ => "HTML report",
        }
    }

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::ViewSvg => "View as SVG…",
            ExportKind::ViewPng => "View as PNG (2×)…",
            ExportKind::ViewCsv => "Visible series as CSV…",
            ExportKind::Report => "Report (HTML)…",
            ExportKind::PlotSvg(_) => "This plot as SVG…",
            ExportKind::PlotPng(_) => "This plot as PNG (2×)…",
        }
    }

    /// A file name for the export of `scenario`'s `tab`.
    pub fn file_name(self, scenario: &str, tab: Tab) -> String {
        let stem = scenario.trim().replace(['/', '\\', ' '], "-");
        let stem = if stem.is_empty() { "scenario".to_owned() } else { stem };
        let what = match self {
            ExportKind::Report => "report".to_owned(),
            ExportKind::PlotSvg(id) | ExportKind::PlotPng(id) => id.replace('.', "-"),
            _ => tab.slug().to_owned(),
        };
        format!("{stem}-{what}.{}", self.extension())
    }
}

/// `path` with the export's extension when it has none.
pub fn with_extension(path: PathBuf, kind: ExportKind) -> PathBuf {
    if path.extension().is_some() { path } else { path.with_extension(kind.extension()) }
}

impl DivergeApp {
    /// Writes the export `kind` of the latest results to `path`, saying in
    /// the status bar what happened.
    pub(super) fn export_to(&mut self, kind: ExportKind, path: &Path) {
        match self.export_bytes(kind) {
            Ok(bytes) => match write_atomically(path, &bytes, false) {
                Ok(()) => self.say(format!("Exported {}", path.display()), false),
                Err((what, e)) => self.say(format!("{}: {what}: {e}", path.display()), true),
            },
            Err(e) => self.say(format!("Cannot export: {e}"), true),
        }
    }

    fn export_bytes(&self, kind: ExportKind) -> Result<Vec<u8>, String> {
        let results = self.runner.results.as_deref().filter(|r| !r.is_empty()).ok_or("there are no results yet")?;
        let scenario = &self.doc.scenario;
        // The Monte Carlo bands the window draws (cleared when the scenario
        // is edited, so they are always of this scenario), as `--runs` draws
        // them in the command line's exports.
        let bands = self.experiments.mc.bands.as_deref();
        let runs = bands.map_or(1, |b| b.runs);
        let meta = Meta { scenario: scenario.name.clone(), seed: scenario.seed, runs };
        let tab = self.prefs.tab;
        let mut view = export::view(tab, results, bands).annotated(&scenario.annotations);
        if let ExportKind::PlotSvg(id) | ExportKind::PlotPng(id) = kind {
            view.charts.retain(|c| c.id == id);
        }
        let chart_svg = |size: [u32; 2]| match view.charts.first() {
            Some(chart) => Ok(export::svg::chart_svg(chart, &meta, size[0], size[1])),
            None => Err("this plot has no data".to_owned()),
        };
        let png = |svg: String, size: [u32; 2]| {
            export::png::render(&svg, size[0] * 2, size[1] * 2).map_err(|e| e.to_string())
        };
        match kind {
            ExportKind::ViewSvg => Ok(export::svg::view_svg(&view, &meta, VIEW_SIZE[0], VIEW_SIZE[1]).into_bytes()),
            ExportKind::ViewPng => png(export::svg::view_svg(&view, &meta, VIEW_SIZE[0], VIEW_SIZE[1]), VIEW_SIZE),
            ExportKind::ViewCsv => export::csv::view_csv(&view, &results.months).map_err(|e| e.to_string()),
            ExportKind::PlotSvg(_) => chart_svg(PLOT_SIZE).map(String::into_bytes),
            ExportKind::PlotPng(_) => png(chart_svg(PLOT_SIZE)?, PLOT_SIZE),
            ExportKind::Report => {
                let baseline = crate::scenario::presets::default_scenario();
                let views = export::annotate_all(export::all_views(results, bands), &scenario.annotations);
                let command = format!("Diverge app: File ▸ Export ▸ Report of {}", self.doc.display_name());
                Ok(export::report::report_html(&export::report::ReportInput {
                    scenario,
                    baseline: &baseline,
                    results,
                    views: &views,
                    meta: &meta,
                    command: &command,
                })
                .into_bytes())
            }
        }
    }
}
