//! The scenario's annotations on the window's plots: a dotted violet line
//! at each note's month with its text near the top of the plot, and a dot
//! on the series the note points at when this plot draws it.
//!
//! Dotted and violet so a note never reads as a model marker (those are
//! dashed, coloured by kind); the same colour as in exported SVGs
//! ([`crate::export::svg::ANNOTATION_COLOR`]), so a chart on screen and
//! its export agree. Labels step down in three rows by month order so
//! neighbouring notes do not print over one another.

use egui::{Align2, Color32, RichText};
use egui_plot::{LineStyle, PlotPoint, Points, Text, VLine};

use super::plot::PlotInput;

/// Violet of annotations in the light theme (`#7a2e9c`).
const LIGHT: Color32 = Color32::from_rgb(0x7a, 0x2e, 0x9c);
/// Violet of annotations in the dark theme, readable on dark grey.
const DARK: Color32 = Color32::from_rgb(0xc9, 0x8b, 0xe8);

/// The annotation colour for the theme.
pub fn color(dark: bool) -> Color32 {
    if dark { DARK } else { LIGHT }
}

/// Draws every annotation of `input` into the plot.
pub fn draw(plot_ui: &mut egui_plot::PlotUi<'_>, input: &PlotInput<'_>, dark: bool) {
    if input.annotations.is_empty() {
        return;
    }
    let color = color(dark);
    let bounds = plot_ui.plot_bounds();
    let (top, height) = (bounds.max()[1], bounds.height());
    let mut order: Vec<usize> = (0..input.annotations.len()).collect();
    order.sort_by_key(|&i| input.annotations[i].month);
    for (row, &i) in order.iter().enumerate() {
        let a = &input.annotations[i];
        let x = a.month.as_year_fraction();
        plot_ui.add(VLine::new("", x).color(color).width(1.2).style(LineStyle::dotted_dense()).allow_hover(false));
        #[allow(clippy::cast_precision_loss)] // a row index of 0..3
        let y = top - height * 0.07 * (row % 3) as f64;
        let label = RichText::new(format!(" {}", a.text)).color(color).italics().small();
        plot_ui.text(Text::new("", PlotPoint::new(x, y), label).anchor(Align2::LEFT_TOP).allow_hover(false));
        if let Some(y) = series_point(input, &a.series, x) {
            plot_ui.points(Points::new("", vec![[x, y]]).radius(4.0).color(color).allow_hover(false));
        }
    }
}

/// The plotted value of series `key` at the month `x` (`log10` on log
/// plots); `None` when the plot does not draw that series there.
fn series_point(input: &PlotInput<'_>, key: &str, x: f64) -> Option<f64> {
    if key.is_empty() {
        return None;
    }
    let line = input.prepared.lines.iter().find(|l| l.key == key)?;
    let i = input.prepared.months.iter().position(|&m| m >= x - 1.0e-6)?;
    let v = *line.values.get(i)?;
    if line.cap.is_some_and(|c| v > c.above) {
        return None;
    }
    let y = if input.log { v.log10() } else { v };
    y.is_finite().then_some(y)
}
