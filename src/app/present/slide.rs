//! A slide's frame: the presentation style (large text, roomy widgets) and
//! the header with the view's title, the scenario, the slide counter
//! ("3 / 6") and the ‹ › and Leave buttons.
//!
//! The style is applied to the presentation's own `Ui` (a scope of the
//! frame), never to the context, so tooltips, the user's theme and zoom
//! are untouched and there is nothing to restore on leaving.

use egui::{Button, RichText, Ui};

use super::{PresentStep, SLIDES, slide_index};
use crate::app::command::Command;
use crate::app::views::Tab;

/// Factor on the text of the header and the key-parameter panel while
/// presenting: 14-point body text becomes 21 points, readable from the back
/// of a room on a projector.
pub const TEXT_SCALE: f32 = 1.5;

/// Factor on the plots' text (titles, legends, ticks): a little less than
/// [`TEXT_SCALE`], so a view's legends of seven series still leave its
/// plots room at 1440×900.
pub const PLOT_TEXT_SCALE: f32 = 1.3;

/// Factor on the width of the plots' series lines while presenting.
pub const LINE_SCALE: f32 = 2.0;

/// What the header shows besides the slide.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// The view on this slide.
    pub tab: Tab,
    /// The scenario's name.
    pub scenario: &'a str,
    /// Whether a run or experiment is under way (the plots will update).
    pub running: bool,
    /// Problems of the scenario (0: none).
    pub problems: usize,
    /// Runs behind the Monte Carlo bands drawn, if any.
    pub bands: Option<usize>,
}

/// Scales `style` for a room: text `scale` times larger, taller widgets and
/// thicker slider rails.
pub fn presentation_style(style: &mut egui::Style, scale: f32) {
    for font in style.text_styles.values_mut() {
        font.size *= scale;
    }
    let s = &mut style.spacing;
    s.interact_size.y *= scale;
    s.button_padding *= scale;
    s.item_spacing *= 1.25;
    s.slider_rail_height *= 1.5;
}

/// The slide counter, "3 / 6".
pub fn counter(tab: Tab) -> String {
    format!("{} / {}", slide_index(tab) + 1, SLIDES.len())
}

/// Draws the header panel; returns the buttons' commands.
#[must_use]
pub fn header(ui: &mut Ui, h: &Header<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("slide-header").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(RichText::new(h.tab.title()).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Leave").on_hover_text("Leave presentation mode (Esc or F5)").clicked() {
                    commands.push(Command::Present(PresentStep::Leave));
                }
                ui.separator();
                let i = slide_index(h.tab);
                let next = ui
                    .add_enabled(i + 1 < SLIDES.len(), Button::new(RichText::new(" › ").strong()))
                    .on_hover_text("Next slide (Right arrow, PageDown, Space)")
                    .accessible_name("Next slide");
                if next.clicked() {
                    commands.push(Command::Present(PresentStep::Next));
                }
                ui.label(RichText::new(counter(h.tab)).strong()).on_hover_text("Slide number / slides");
                let previous = ui
                    .add_enabled(i > 0, Button::new(RichText::new(" ‹ ").strong()))
                    .on_hover_text("Previous slide (Left arrow, PageUp)")
                    .accessible_name("Previous slide");
                if previous.clicked() {
                    commands.push(Command::Present(PresentStep::Previous));
                }
                ui.separator();
                status(ui, h);
            });
        });
    });
    commands
}

/// The scenario's name and what the plots show: updating, bands, problems.
fn status(ui: &mut Ui, h: &Header<'_>) {
    if h.problems > 0 {
        let text = format!("{} problem(s): the plots show the last valid run", h.problems);
        ui.label(RichText::new(text).color(crate::app::param_widget::ERROR_RED));
    } else if h.running {
        ui.spinner();
    }
    if let Some(runs) = h.bands {
        ui.label(RichText::new(format!("bands of {runs} runs")).weak())
            .on_hover_text("Monte Carlo bands: p5–p95 light, p25–p75 dark");
    }
    ui.label(RichText::new(h.scenario).weak());
}
