//! The plot views: one tab per topic, each a grid of plots.
//!
//! What a plot shows is a table in [`catalog`]; [`prepare`] turns results into
//! plot-ready points once per results update (cached here by plot and scale);
//! [`plot`] draws them. Views read the latest results and the tab choice and
//! return [`Command`]s; they never touch the scenario or the run.

pub mod catalog;
pub mod plot;
pub mod prepare;

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::sim::Results;

pub use catalog::{PlotSpec, Tab};
use prepare::PreparedPlot;

use super::command::Command;

/// The central panel: tab bar and the current tab's plots.
#[derive(Default)]
pub struct Views {
    /// Log-scale choice per plot id, where the user changed it.
    pub log: HashMap<&'static str, bool>,
    cache: HashMap<(&'static str, bool), PreparedPlot>,
    cache_version: u64,
}

impl Views {
    /// Whether a plot is on a log scale.
    pub fn is_log(&self, spec: &PlotSpec) -> bool {
        spec.log_toggle && self.log.get(spec.id).copied().unwrap_or(spec.log)
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
        ui.separator();
        if version != self.cache_version {
            self.cache.clear();
            self.cache_version = version;
        }
        let Some(results) = results.filter(|r| !r.is_empty()) else {
            empty_state(ui, "No results yet", "The plots appear as soon as the first months of a run arrive.");
            return commands;
        };
        self.plots(ui, tab, results);
        commands
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
        let columns = if shown.len() > 1 && ui.available_width() > 700.0 { 2 } else { 1 };
        let rows = shown.len().div_ceil(columns);
        let header = ui.spacing().interact_size.y + ui.spacing().item_spacing.y * 2.0;
        let height =
            ((ui.available_height() - rows as f32 * header) / rows as f32 - ui.spacing().item_spacing.y).max(120.0);
        let width = (ui.available_width() - ui.spacing().item_spacing.x * (columns as f32 - 1.0)) / columns as f32;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let markers: Vec<crate::sim::Marker> =
                results.markers.iter().filter(|m| tab.shows_marker(m.kind)).cloned().collect();
            for row in shown.chunks(columns) {
                ui.horizontal(|ui| {
                    for spec in row {
                        ui.allocate_ui(egui::vec2(width, height + header), |ui| {
                            ui.set_width(width);
                            ui.vertical(|ui| self.one_plot(ui, spec, results, &markers, height));
                        });
                    }
                });
            }
        });
    }

    fn one_plot(
        &mut self,
        ui: &mut Ui,
        spec: &PlotSpec,
        results: &Results,
        markers: &[crate::sim::Marker],
        height: f32,
    ) {
        let mut log = self.is_log(spec);
        ui.horizontal(|ui| {
            ui.label(RichText::new(spec.title).strong());
            if spec.log_toggle {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let r = ui.checkbox(&mut log, "log").accessible_name(format!("Log scale: {}", spec.title));
                    if r.changed() {
                        self.log.insert(spec.id, log);
                    }
                });
            }
        });
        let prepared = self.cache.entry((spec.id, log)).or_insert_with(|| prepare::prepare(spec, results, log));
        plot::draw(ui, spec, prepared, log, markers, height);
    }
}

fn empty_state(ui: &mut Ui, title: &str, detail: &str) {
    ui.add_space(ui.available_height() * 0.35);
    ui.vertical_centered(|ui| {
        ui.heading(title);
        ui.label(RichText::new(detail).weak());
    });
}
