//! The plot views: one tab per topic, each a grid of plots.
//!
//! What a plot shows is a table in [`catalog`]; [`prepare`] turns results into
//! plot-ready points once per results update (cached here by plot and scale);
//! [`plot`] draws them, with the colours of [`style`] and the ticks of
//! [`axes`]. Views read the latest results and the tab choice and return
//! [`Command`]s; they never touch the scenario or the run.
//!
//! A plot is never drawn smaller than [`MIN_PLOT`]: when the tab's plots do
//! not all fit, the tab shows as many as fit and pages through the rest.

pub mod annotations;
pub mod axes;
pub mod overlay;
pub use crate::views::catalog;
pub mod plot;
pub mod prepare;
pub mod style;

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::sim::Results;

pub use catalog::{PlotSpec, Tab};
use prepare::PreparedPlot;

use super::command::Command;

/// Smallest plot cell in points: title, a one-row legend, the marker strip
/// and a plot area of about 160 points; each further legend row adds
/// [`LEGEND_ROW`].
pub const MIN_PLOT: egui::Vec2 = egui::vec2(380.0, 230.0);

/// Height of one legend row, in points.
pub const LEGEND_ROW: f32 = 22.0;

/// Legend entries that fit on one row of a plot at its smallest width.
const LEGEND_PER_ROW: usize = 4;

/// The central panel: tab bar and the current tab's plots.
pub struct Views {
    /// Log-scale choice per plot id, where the user changed it.
    pub log: HashMap<&'static str, bool>,
    /// Whether halving markers are drawn.
    pub show_halvings: bool,
    /// Whether event markers (scenario and AI events, data exhaustion, the
    /// projection start) are drawn.
    pub show_events: bool,
    /// What the experiments draw behind the plots (Monte Carlo bands, a
    /// compared scenario).
    pub overlay: overlay::Overlay,
    /// The scenario's annotations, drawn on every plot (set each frame).
    pub annotations: Vec<crate::scenario::Annotation>,
    /// Factor on the width of the series' lines (thicker when presenting).
    pub line_scale: f32,
    /// Whether the plots are on a presentation slide (no Export buttons).
    pub presenting: bool,
    /// The page of each tab whose plots do not fit at once.
    page: HashMap<Tab, usize>,
    /// The time under the pointer, from the plot hovered last frame.
    cursor_x: Option<f64>,
    /// An export asked for with a plot's Export button this frame.
    export: Option<crate::app::export::ExportKind>,
    cache: HashMap<(&'static str, bool), PreparedPlot>,
    cache_version: u64,
}

impl Default for Views {
    fn default() -> Self {
        Self {
            log: HashMap::new(),
            show_halvings: true,
            show_events: true,
            overlay: overlay::Overlay::default(),
            annotations: Vec::new(),
            line_scale: 1.0,
            presenting: false,
            page: HashMap::new(),
            cursor_x: None,
            export: None,
            cache: HashMap::new(),
            cache_version: 0,
        }
    }
}

/// How the plots of a tab are laid out: columns, rows per page, pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Plots side by side.
    pub columns: usize,
    /// Rows on one page.
    pub rows: usize,
    /// Pages.
    pub pages: usize,
}

/// The layout of `count` plots, the largest with `series` series, in
/// `space`: two columns when both are at least [`MIN_PLOT`] wide, as many
/// rows as fit at [`MIN_PLOT`] height (more for long legends), and pages for
/// the rest.
pub fn layout(count: usize, series: usize, space: egui::Vec2) -> Layout {
    let columns = if count > 1 && space.x >= 2.0 * MIN_PLOT.x { 2 } else { 1 };
    let needed_rows = count.div_ceil(columns).max(1);
    let legend_rows = series.div_ceil(LEGEND_PER_ROW).max(1);
    let min_height = MIN_PLOT.y + LEGEND_ROW * (legend_rows - 1) as f32;
    let rows = ((space.y / min_height).floor() as usize).clamp(1, needed_rows);
    let pages = count.div_ceil(columns * rows).max(1);
    Layout { columns, rows, pages }
}

impl Views {
    /// Whether a plot is on a log scale.
    pub fn is_log(&self, spec: &PlotSpec) -> bool {
        spec.log_toggle && self.log.get(spec.id).copied().unwrap_or(spec.log)
    }

    /// Whether markers of `kind` are drawn.
    pub fn shows(&self, kind: crate::sim::MarkerKind) -> bool {
        if kind == crate::sim::MarkerKind::Halving { self.show_halvings } else { self.show_events }
    }

    /// Draws the tab bar and the plots of `tab` from `results` (version
    /// `version`; the cache is rebuilt when it changes).
    #[must_use]
    pub fn ui(&mut self, ui: &mut Ui, tab: Tab, results: Option<&Results>, version: u64) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            for t in Tab::ALL {
                if ui.selectable_label(t == tab, t.title()).clicked() && t != tab {
                    commands.push(Command::ShowTab(t));
                }
            }
        });
        self.toolbar(ui, tab);
        ui.separator();
        commands.extend(self.slide(ui, tab, results, version));
        commands
    }

    /// The plots of `tab` alone, without the tab bar and the toolbar: the
    /// body of the window's tab and of a presentation slide.
    #[must_use]
    pub fn slide(&mut self, ui: &mut Ui, tab: Tab, results: Option<&Results>, version: u64) -> Option<Command> {
        if version != self.cache_version {
            self.cache.clear();
            self.cache_version = version;
        }
        let Some(results) = results.filter(|r| !r.is_empty()) else {
            empty_state(ui, "No results yet", "The plots appear as soon as the first months of a run arrive.");
            return None;
        };
        self.plots(ui, tab, results);
        self.export.take().map(Command::Export)
    }

    /// Marker switches and the zoom hint.
    fn toolbar(&mut self, ui: &mut Ui, tab: Tab) {
        ui.horizontal_wrapped(|ui| {
            if tab != Tab::Ai {
                ui.checkbox(&mut self.show_halvings, "Show halvings");
            }
            ui.checkbox(&mut self.show_events, "Show events");
            ui.separator();
            ui.label(
                RichText::new("Scroll to zoom time · Shift+scroll zooms values · drag to pan · double-click resets")
                    .weak(),
            );
        });
    }

    fn plots(&mut self, ui: &mut Ui, tab: Tab, results: &Results) {
        let specs = tab.plots();
        for spec in specs {
            let log = self.is_log(spec);
            self.cache.entry((spec.id, log)).or_insert_with(|| prepare::prepare(spec, results, log));
        }
        let shown: Vec<&PlotSpec> = specs.iter().filter(|s| !self.cache[&(s.id, self.is_log(s))].is_empty()).collect();
        if shown.is_empty() {
            empty_state(
                ui,
                "No data for this view",
                "This run has none of the series this view draws; the sector that produces them is not part of the simulation yet.",
            );
            return;
        }
        let pager_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let mut space = ui.available_size();
        let series = shown
            .iter()
            .map(|s| {
                let p = &self.cache[&(s.id, self.is_log(s))];
                p.lines.len() + p.bands.len()
            })
            .max()
            .unwrap_or(1);
        let mut grid = layout(shown.len(), series, space);
        if grid.pages > 1 {
            space.y -= pager_height;
            grid = layout(shown.len(), series, space);
        }
        let page = self.page.get(&tab).copied().unwrap_or(0).min(grid.pages - 1);
        if grid.pages > 1 {
            self.pager(ui, tab, page, grid.pages);
        }
        let spacing = ui.spacing().item_spacing;
        let height = (space.y / grid.rows as f32 - spacing.y).max(MIN_PLOT.y - spacing.y);
        let width = (space.x - spacing.x * (grid.columns as f32 - 1.0)) / grid.columns as f32;
        let markers: Vec<crate::sim::Marker> =
            results.markers.iter().filter(|m| tab.shows_marker(m.kind) && self.shows(m.kind)).cloned().collect();
        let per_page = grid.columns * grid.rows;
        let mut hovered = None;
        for row in shown.iter().skip(page * per_page).take(per_page).collect::<Vec<_>>().chunks(grid.columns) {
            ui.horizontal(|ui| {
                for spec in row {
                    ui.allocate_ui(egui::vec2(width, height), |ui| {
                        ui.set_width(width);
                        ui.vertical(|ui| {
                            if let Some(x) = self.one_plot(ui, spec, results, &markers, height) {
                                hovered = Some(x);
                            }
                        });
                    });
                }
            });
        }
        if hovered != self.cursor_x {
            self.cursor_x = hovered;
            ui.ctx().request_repaint();
        }
    }

    fn pager(&mut self, ui: &mut Ui, tab: Tab, page: usize, pages: usize) {
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(page > 0, egui::Button::new("< Previous plots")).clicked() {
                self.page.insert(tab, page - 1);
            }
            ui.label(format!("Plots page {} of {pages}", page + 1));
            if ui.add_enabled(page + 1 < pages, egui::Button::new("Next plots >")).clicked() {
                self.page.insert(tab, page + 1);
            }
            ui.label(RichText::new("(a larger window, or Ctrl+E, shows more at once)").weak())
                .on_hover_text("The window is too small to show every plot of this tab at a readable size.");
        });
    }

    fn one_plot(
        &mut self,
        ui: &mut Ui,
        spec: &PlotSpec,
        results: &Results,
        markers: &[crate::sim::Marker],
        height: f32,
    ) -> Option<f64> {
        let top = ui.cursor().top();
        let mut log = self.is_log(spec);
        ui.horizontal(|ui| {
            ui.label(RichText::new(spec.title).strong()).on_hover_text(spec.note);
            if !spec.note.is_empty() {
                ui.label(RichText::new("(?)").weak()).on_hover_text(spec.note);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if !self.presenting {
                    self.export_button(ui, spec);
                }
                if spec.log_toggle {
                    let r = ui.checkbox(&mut log, "log").accessible_name(format!("Log scale: {}", spec.title));
                    if r.changed() {
                        self.log.insert(spec.id, log);
                    }
                }
            });
        });
        let prepared = self.cache.entry((spec.id, log)).or_insert_with(|| prepare::prepare(spec, results, log));
        let overlay = self.overlay.of(spec, log);
        let annotations = &self.annotations;
        let line_scale = self.line_scale;
        let input =
            plot::PlotInput { spec, prepared, log, markers, annotations, cursor_x: self.cursor_x, overlay, line_scale };
        let rest = height - (ui.cursor().top() - top);
        plot::draw(ui, &input, rest).hovered_x
    }
}

impl Views {
    /// The small Export menu at the right of a plot's title.
    fn export_button(&mut self, ui: &mut Ui, spec: &PlotSpec) {
        use crate::app::export::ExportKind;
        ui.menu_button(RichText::new("Export plot").small(), |ui| {
            for kind in [ExportKind::PlotSvg(spec.id), ExportKind::PlotPng(spec.id)] {
                if ui.button(kind.label()).clicked() {
                    self.export = Some(kind);
                }
            }
        })
        .response
        .on_hover_text(format!("Export “{}” as a vector (SVG) or bitmap (PNG) image", spec.title));
    }
}

fn empty_state(ui: &mut Ui, title: &str, detail: &str) {
    ui.add_space(ui.available_height() * 0.35);
    ui.vertical_centered(|ui| {
        ui.heading(title);
        ui.label(RichText::new(detail).weak());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_windows_page_through_plots_instead_of_shrinking_them() {
        assert_eq!(layout(4, 3, egui::vec2(1000.0, 780.0)), Layout { columns: 2, rows: 2, pages: 1 });
        assert_eq!(layout(6, 7, egui::vec2(1000.0, 780.0)), Layout { columns: 2, rows: 3, pages: 1 });
        let small = layout(4, 3, egui::vec2(620.0, 470.0));
        assert_eq!(small, Layout { columns: 1, rows: 2, pages: 2 });
        // Ten stacked regions need a three-row legend: one plot a page.
        assert_eq!(layout(2, 10, egui::vec2(620.0, 470.0)), Layout { columns: 1, rows: 1, pages: 2 });
    }
}
