//! The key-parameter panel of a slide: each of the scenario's key
//! parameters ([`crate::scenario::key_params`]) as a large slider with its
//! label and current value, so an audience can watch a "what if" live.
//!
//! A slider returns the same [`Edit::Set`] the editor's row does, so a move
//! is undoable, marks the scenario unsaved and re-runs it on the worker
//! while the plots keep the last complete run. Ranges are the registry's;
//! ranges wider than a hundred times their lower end (a halving time of 1
//! to 240 months, a cost of 0 to 10 000) use a logarithmic slider so the
//! usual values are not crammed into one end.

use egui::{Color32, RichText, Slider, SliderClamping, Ui};

use crate::app::command::{Command, Edit, Scalar};
use crate::app::param_widget::{ERROR_RED, describe, tooltip};
use crate::scenario::key_params::KeyParam;
use crate::scenario::validate::Problems;

/// The panel's width as a share of the window, within [`PANEL_WIDTH`].
const PANEL_SHARE: f32 = 0.26;

/// The panel's width range in points.
const PANEL_WIDTH: egui::Rangef = egui::Rangef { min: 300.0, max: 480.0 };

/// Draws the panel at the right of the slide; returns the edits.
#[must_use]
pub fn panel(ui: &mut Ui, keys: &[KeyParam], problems: Option<&Problems>) -> Vec<Command> {
    let mut commands = Vec::new();
    let width = (ui.available_width() * PANEL_SHARE).clamp(PANEL_WIDTH.min, PANEL_WIDTH.max);
    egui::Panel::right("key-parameters").resizable(false).exact_size(width).show(ui, |ui| {
        ui.add_space(8.0);
        ui.heading("What if…");
        ui.label(RichText::new("Move a slider: the plots follow. Ctrl+Z undoes.").weak());
        ui.add_space(8.0);
        for key in keys {
            if let Some(command) = key_slider(ui, key, problems) {
                commands.push(command);
            }
            ui.add_space(10.0);
        }
    });
    commands
}

/// Whether `key`'s range is better walked on a logarithmic scale.
pub fn is_logarithmic(key: &KeyParam) -> bool {
    let (min, max) = (key.param.min, key.param.max);
    min >= 0.0 && max > 100.0 * min.max(1.0e-3) && max - min > 20.0
}

/// One key parameter: label and value on a line (the value under the label
/// when both do not fit), the slider under them.
fn key_slider(ui: &mut Ui, key: &KeyParam, problems: Option<&Problems>) -> Option<Command> {
    let p = &key.param;
    let shown = if key.integer { Scalar::U32(key.value.round() as u32) } else { Scalar::F64(key.value) };
    let value = describe(shown, p.unit);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = |text: &str| ui.painter().layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE).size().x;
    // The value beside the label when both fit, under it otherwise.
    let fits = width(p.label) + width(&value) + 3.0 * ui.spacing().item_spacing.x <= ui.available_width();
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(RichText::new(p.label).strong()).on_hover_text(tooltip(p));
            if fits {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(&value));
            }
            label
        })
        .inner;
    if !fits {
        ui.horizontal(|ui| ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(&value)));
    }
    let mut x = key.value;
    ui.spacing_mut().slider_width = ui.available_width();
    let mut slider = Slider::new(&mut x, p.min..=p.max)
        .show_value(false)
        .clamping(SliderClamping::Never)
        .logarithmic(is_logarithmic(key))
        .trailing_fill(true);
    if key.integer {
        slider = slider.step_by(1.0).fixed_decimals(0);
    }
    let response = ui.add(slider).labelled_by(label.id).on_hover_text(tooltip(p));
    if let Some(problem) = problems.and_then(|ps| ps.for_path(&key.path)) {
        ui.label(RichText::new(&problem.message).color(ERROR_RED));
    }
    if !response.changed() || x == key.value {
        return None;
    }
    let value =
        if key.integer { Scalar::U32(x.round().clamp(0.0, f64::from(u32::MAX)) as u32) } else { Scalar::F64(x) };
    Some(Command::Edit(Edit::Set { path: key.path.clone(), value }))
}
