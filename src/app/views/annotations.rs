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
    // From the data, not the plot's bounds: a label at the bounds' top
    // would widen the automatic bounds a little every frame.
    let Some((bottom, top)) = data_range(input) else { return };
    let height = (top - bottom).max(1.0e-9);
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

/// The lowest and highest plotted value of the plot's lines and bands.
fn data_range(input: &PlotInput<'_>) -> Option<(f64, f64)> {
    let lines = input.prepared.lines.iter().flat_map(|l| l.points.iter().map(|p| p.y));
    let bands = input.prepared.bands.iter().flat_map(|b| b.lo.iter().chain(&b.hi).copied());
    lines.chain(bands).filter(|y| y.is_finite()).fold(None, |acc, y| match acc {
        None => Some((y, y)),
        Some((lo, hi)) => Some((f64::min(lo, y), f64::max(hi, y))),
    })
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
