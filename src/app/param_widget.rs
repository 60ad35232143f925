//! The one generic widget that draws any registered parameter: label with
//! the help text as tooltip, a clamped slider or drag value with the unit,
//! the validation message in red below it, and a button that resets the
//! field to the value of the preset or file it came from.
//!
//! [`ParamDrawer`] is a [`Visitor`]: calling a scenario group's `visit` with
//! it draws every field of that group, so a parameter added to the registry
//! appears in the editor without any code here.

use std::fmt::Write as _;

use egui::{Color32, DragValue, RichText, Slider, SliderClamping, Ui};

use crate::scenario::Month;
use crate::scenario::params::{Param, Value, Visitor};
use crate::scenario::validate::Problems;

use super::command::{Command, Edit, Scalar};
use super::edits::scalar_of;
use super::experiments::Request;

/// Width of the label column, in points.
pub const LABEL_WIDTH: f32 = 150.0;

/// Colour of validation messages.
pub const ERROR_RED: Color32 = Color32::from_rgb(0xe0, 0x40, 0x40);

/// Draws every parameter it visits and collects the commands they emit.
pub struct ParamDrawer<'a> {
    /// Where to draw.
    pub ui: &'a mut Ui,
    /// Problems of the scenario, shown next to their fields.
    pub problems: Option<&'a Problems>,
    /// Value of a field in the preset or file, by path.
    pub reference: &'a dyn Fn(&str) -> Option<Scalar>,
    /// Commands emitted so far.
    pub commands: &'a mut Vec<Command>,
    /// Paths containing any of these are left out (drawn by hand elsewhere).
    pub skip: &'a [&'a str],
    /// The scenario's key parameters (shown when presenting), by path.
    pub presented: &'a [String],
}

impl Visitor for ParamDrawer<'_> {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        if self.skip.iter().any(|s| path.contains(s)) {
            return;
        }
        let current = scalar_of(&value);
        let reference = (self.reference)(path);
        let problem = self.problems.and_then(|p| p.for_path(path)).map(|p| p.message.clone());
        let id = egui::Id::unique(path);
        let presented =
            matches!(current, Scalar::F64(_) | Scalar::U32(_)).then(|| self.presented.iter().any(|p| p == path));
        let row = self.ui.push_id(id, |ui| {
            if let Some(new) = param_row(ui, param, current, reference, (problem.is_some(), presented)) {
                self.commands.push(match new {
                    RowChange::Set(value) => Command::Edit(Edit::Set { path: path.to_owned(), value }),
                    RowChange::Reset => Command::ResetField(path.to_owned()),
                    RowChange::Sweep => Command::Experiment(Request::OpenSweep(path.to_owned())),
                    RowChange::Present(shown) => Command::Edit(Edit::KeyParameter { path: path.to_owned(), shown }),
                });
            }
            if let Some(message) = problem {
                problem_message(ui, &message);
            }
        });
        super::experiments::highlight::mark(self.ui, path, row.response.rect);
    }
}

enum RowChange {
    Set(Scalar),
    Reset,
    /// Right-click ▸ Sweep….
    Sweep,
    /// Right-click ▸ Show when presenting (on or off).
    Present(bool),
}

/// Width kept at the end of every row for the Reset button, whether or not
/// it shows, so a Reset appearing never widens the row (and the panel).
const RESET_WIDTH: f32 = 46.0;

/// One row: label, widget with its unit, reset button. Returns what changed.
/// The row fits the width it is given: the label column and the slider take
/// what the value box and the Reset slot leave. `state` is whether the value
/// is invalid and, for a number, whether it is a key parameter.
fn param_row(
    ui: &mut Ui,
    param: &Param,
    current: Scalar,
    reference: Option<Scalar>,
    (invalid, presented): (bool, Option<bool>),
) -> Option<RowChange> {
    let mut change = None;
    let total = ui.available_width();
    ui.horizontal(|ui| {
        let label_width = (total * 0.4).clamp(90.0, LABEL_WIDTH);
        let label = label_cell(ui, param.label, label_width).on_hover_text(tooltip(param));
        let widget_width = (ui.available_width() - RESET_WIDTH - ui.spacing().item_spacing.x).max(0.0);
        let mut value = current;
        let response = ui
            .allocate_ui_with_layout(
                egui::vec2(widget_width, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_max_width(widget_width);
                    value_widget(ui, param, &mut value, label.id)
                },
            )
            .inner
            .on_hover_text(tooltip(param));
        if invalid {
            frame_invalid(ui, response.rect);
        }
        if !matches!(current, Scalar::Month(_)) {
            // Right-click on the label (a slider senses drags only) or a
            // value box.
            for r in [label.interact(egui::Sense::click()), response.clone()] {
                r.context_menu(|ui| {
                    if let Some(c) = row_menu(ui, presented) {
                        change = Some(c);
                    }
                });
            }
        }
        let escaped = escaped(ui, &response);
        if value != current && !escaped {
            change = Some(RowChange::Set(value));
        }
        if let Some(r) = reference.filter(|r| *r != current) {
            let reset = ui
                .add_sized([RESET_WIDTH, ui.spacing().interact_size.y], egui::Button::new("Reset").small())
                .on_hover_text(format!("Reset to the preset value: {}", describe(r, param.unit)))
                .accessible_name(format!("Reset {}", param.label));
            if reset.clicked() {
                change = Some(RowChange::Reset);
            }
        }
        let _ = response;
    });
    change
}

/// The row's context menu: Sweep…, and for numbers Show when presenting.
fn row_menu(ui: &mut Ui, presented: Option<bool>) -> Option<RowChange> {
    let mut change = None;
    let hint = "Run this parameter over a range and chart an output at a month";
    if ui.button("Sweep…").on_hover_text(hint).clicked() {
        change = Some(RowChange::Sweep);
    }
    if let Some(mut shown) = presented {
        let hint = "Show this parameter as a large slider in presentation mode (F5); \
                    with none chosen a default set is shown";
        if ui.checkbox(&mut shown, "Show when presenting").on_hover_text(hint).changed() {
            change = Some(RowChange::Present(shown));
        }
    }
    change
}

/// Whether Esc was pressed while `response`'s field was being typed in, so
/// whatever it parsed from the text is dropped and the old value stays. A
/// drag value still reports having lost focus the frame after Esc, and
/// then applies its text, so the Esc is remembered until that frame is over.
fn escaped(ui: &Ui, response: &egui::Response) -> bool {
    let key = response.id.with("escaped");
    let now = ui.input(|i| i.key_pressed(egui::Key::Escape)) && (response.lost_focus() || response.has_focus());
    let before = ui.data(|d| d.get_temp::<bool>(key)).unwrap_or(false);
    if now {
        ui.data_mut(|d| d.insert_temp(key, true));
    } else if before && !response.lost_focus() {
        ui.data_mut(|d| d.remove::<bool>(key));
    }
    now || (before && response.lost_focus())
}

/// Frames a field holding an invalid value in the error colour.
pub fn frame_invalid(ui: &Ui, rect: egui::Rect) {
    let stroke = egui::Stroke::new(2.0, ERROR_RED);
    ui.painter().rect_stroke(rect.expand(2.0), 3.0, stroke, egui::StrokeKind::Outside);
}

/// A validation message under its field, in the error colour at body size.
pub fn problem_message(ui: &mut Ui, message: &str) {
    ui.add(egui::Label::new(RichText::new(message).color(ERROR_RED)).wrap());
}

/// A left-aligned label in a fixed-width cell, so widgets line up.
pub fn label_cell(ui: &mut Ui, text: &str, width: f32) -> egui::Response {
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_min_width(width);
        ui.add(egui::Label::new(text).truncate())
    })
    .inner
}

/// The tooltip of a parameter: its help, unit and valid range.
pub fn tooltip(param: &Param) -> String {
    let mut text = param.help.to_owned();
    if !param.unit.is_empty() && param.unit != "month" {
        let _ = write!(text, "\nUnit: {}", param.unit);
    }
    if param.min < param.max {
        let (min, max) = (crate::scenario::validate::show(param.min), crate::scenario::validate::show(param.max));
        let _ = write!(text, "\nRange: {min} to {max}");
    }
    text
}

/// A value with its unit, for tooltips.
pub fn describe(value: Scalar, unit: &str) -> String {
    let unit = if unit == "month" { "" } else { unit };
    let number = match value {
        Scalar::F64(x) => crate::scenario::validate::show(x),
        Scalar::U32(x) | Scalar::OptU32(Some(x)) => x.to_string(),
        Scalar::U64(x) => x.to_string(),
        Scalar::Bool(b) => return if b { "on".into() } else { "off".into() },
        Scalar::Month(m) => return m.to_string(),
        Scalar::OptU32(None) => return "permanent".into(),
    };
    if unit.is_empty() { number } else { format!("{number} {unit}") }
}

fn value_widget(ui: &mut Ui, param: &Param, value: &mut Scalar, label: egui::Id) -> egui::Response {
    match value {
        Scalar::F64(x) => number_widget(ui, param, x, false, label),
        Scalar::U32(x) => {
            let mut f = f64::from(*x);
            let r = number_widget(ui, param, &mut f, true, label);
            if r.changed() {
                *x = f.round().clamp(0.0, f64::from(u32::MAX)) as u32;
            }
            r
        }
        Scalar::U64(x) => ui.add(DragValue::new(x).speed(1.0).update_while_editing(false)).labelled_by(label),
        Scalar::Bool(b) => ui.checkbox(b, "").labelled_by(label),
        Scalar::Month(m) => month_widget(ui, m, label),
        Scalar::OptU32(opt) => {
            let mut permanent = opt.is_none();
            let r = ui.checkbox(&mut permanent, "permanent").labelled_by(label);
            if r.changed() {
                *opt = if permanent { None } else { Some(12) };
            }
            if let Some(x) = opt {
                let mut f = f64::from(*x);
                if number_widget(ui, param, &mut f, true, label).changed() {
                    *x = f.round().clamp(1.0, f64::from(u32::MAX)) as u32;
                }
            }
            r
        }
    }
}

/// Sliders for modest ranges, drag values for the rest. Dragging stays
/// within range; a value typed or loaded outside it is kept and shown with
/// its validation message. Typed text is committed only on Enter or when the
/// field loses focus (Esc puts the old value back), so a half-typed year is
/// never validated, clamped and rewritten under the cursor; integers show no
/// decimals.
fn number_widget(ui: &mut Ui, param: &Param, x: &mut f64, integer: bool, label: egui::Id) -> egui::Response {
    let (min, max) = (param.min, param.max);
    let unit = if param.unit.is_empty() { String::new() } else { format!(" {}", param.unit) };
    // The value box's width with its unit, measured, so the slider takes
    // exactly what is left.
    let shown =
        if integer { format!("{x:.0}{unit}") } else { format!("{}{unit}", crate::scenario::validate::show(*x)) };
    let text_width =
        ui.painter().layout_no_wrap(shown, egui::TextStyle::Button.resolve(ui.style()), Color32::WHITE).size().x;
    let value_width = (text_width + 2.0 * ui.spacing().button_padding.x + 4.0).max(ui.spacing().interact_size.x);
    let slider_width = ui.available_width() - value_width - 2.0 * ui.spacing().item_spacing.x;
    if min < max && (max - min) <= 100.0 && slider_width >= 50.0 {
        ui.spacing_mut().slider_width = slider_width.min(220.0);
        let mut slider =
            Slider::new(x, min..=max).clamping(SliderClamping::Never).suffix(unit).update_while_editing(false);
        slider = if integer { slider.fixed_decimals(0).step_by(1.0) } else { slider.max_decimals(6) };
        ui.add(slider).labelled_by(label)
    } else {
        let speed = (x.abs() * 0.01).max((max - min).abs().min(1.0) * 0.001).max(1e-6);
        let mut drag = DragValue::new(x).speed(speed).suffix(unit).update_while_editing(false);
        drag = if integer { drag.fixed_decimals(0) } else { drag.max_decimals(6) };
        if min < max {
            drag = drag.range(min..=max).clamp_existing_to_range(false);
        }
        ui.add(drag).labelled_by(label)
    }
}

fn month_widget(ui: &mut Ui, m: &mut Month, label: egui::Id) -> egui::Response {
    let (mut year, mut month) = (m.year(), m.month());
    let r1 =
        ui.add(DragValue::new(&mut year).range(1900..=2300).speed(0.1).update_while_editing(false)).labelled_by(label);
    let r2 = ui
        .add(DragValue::new(&mut month).range(1..=12).speed(0.05).prefix("M").update_while_editing(false))
        .labelled_by(label);
    if let Some(new) = Month::new(year, month) {
        *m = new;
    }
    r1 | r2
}
