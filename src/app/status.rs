//! The status bar: file name with the dirty marker, run state with progress
//! and Cancel, the duration of the last run (and which sectors it kept from
//! the run before), and the latest message.

use egui::{ProgressBar, RichText, Ui};

use super::command::Command;
use super::param_widget::ERROR_RED;
use super::runner::RunState;
use super::state::DivergeApp;
use crate::sim::SectorKind;

/// Runs longer than this show a progress bar and a Cancel button.
const SHOW_PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// Draws the status bar.
#[must_use]
pub fn ui(ui: &mut Ui, app: &DivergeApp) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let dirty = if app.doc.is_dirty() { " •" } else { "" };
            ui.label(RichText::new(format!("{}{dirty}", app.doc.display_name())).strong())
                .on_hover_text(if dirty.is_empty() { "No unsaved changes" } else { "Unsaved changes" });
            ui.separator();
            run_state(ui, app, &mut commands);
            super::experiments::status(ui, &app.experiments, &mut commands);
            if let Some(elapsed) = app.runner.last_elapsed {
                ui.separator();
                last_run(ui, elapsed.as_millis(), &app.runner.last_replayed);
            }
            if let Some(m) = &app.message {
                ui.separator();
                let text = RichText::new(&m.text);
                ui.label(if m.is_error { text.color(ERROR_RED) } else { text });
            }
        });
    });
    commands
}

/// How long the last run took, and which sectors it kept from the run
/// before because the edit did not change their inputs.
fn last_run(ui: &mut Ui, ms: u128, replayed: &[SectorKind]) {
    if replayed.is_empty() {
        ui.label(format!("last run {ms} ms")).on_hover_text("Every sector was simulated");
        return;
    }
    let names: Vec<&str> = replayed.iter().map(|k| sector_name(*k)).collect();
    let kept = names.join(" and ");
    let (sector, reads) = if names.len() > 1 { ("sectors", "read") } else { ("sector", "reads") };
    ui.label(format!("last run {ms} ms, {kept} kept")).on_hover_text(format!(
        "The last edit did not change what the {kept} {sector} {reads}, so the results were kept from the run \
         before (they are identical); only the rest was simulated"
    ));
}

/// A sector's name in the status bar.
fn sector_name(kind: SectorKind) -> &'static str {
    match kind {
        SectorKind::Mining => "mining",
        SectorKind::Ai => "AI",
    }
}

fn run_state(ui: &mut Ui, app: &DivergeApp, commands: &mut Vec<Command>) {
    match &app.runner.state {
        RunState::Idle => {
            ui.label("not run yet");
        }
        RunState::Running { done, total } => {
            let long = app.runner.running_for().is_some_and(|d| d >= SHOW_PROGRESS_AFTER);
            if long && *total > 0 {
                let fraction = *done as f32 / *total as f32;
                ui.add(ProgressBar::new(fraction).desired_width(160.0).text(format!("{done}/{total} months")));
                if ui.button("Cancel").on_hover_text("Stop this run (Esc)").clicked() {
                    commands.push(Command::Cancel);
                }
            } else {
                ui.spinner();
                ui.label("running");
            }
        }
        RunState::Finished { .. } => {
            ui.label("run finished");
        }
        RunState::Cancelled => {
            ui.label("run cancelled");
        }
        RunState::Failed(_) => {
            ui.label(RichText::new("run failed").color(ERROR_RED));
        }
    }
    if app.doc.problems.is_some() {
        ui.label(RichText::new("scenario has problems").color(ERROR_RED));
    }
}
