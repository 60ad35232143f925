//! Drawing one prepared plot: lines or stacked bands, event markers as
//! labelled vertical lines, a legend, a hover read-out with units, and a time
//! axis linked across every plot.

use egui::{Align2, Color32, Id, Ui};
use egui_plot::{Corner, FilledArea, HoverPosition, Legend, Line, LineStyle, Plot, VLine};

use crate::sim::{Marker, MarkerKind};

use super::catalog::PlotSpec;
use super::prepare::PreparedPlot;

/// The link group of every time axis.
pub fn time_axis_group() -> Id {
    Id::unique("diverge-time-axis")
}

/// Compact number for axes and read-outs: 1.23 k, 4.5 M, 6.7 G, 0.0123.
pub fn compact(x: f64) -> String {
    let a = x.abs();
    let (v, suffix) = if a >= 1e12 {
        (x / 1e12, " T")
    } else if a >= 1e9 {
        (x / 1e9, " G")
    } else if a >= 1e6 {
        (x / 1e6, " M")
    } else if a >= 1e4 {
        (x / 1e3, " k")
    } else {
        (x, "")
    };
    let digits = if v.abs() >= 100.0 || v == v.trunc() {
        0
    } else if v.abs() >= 10.0 {
        1
    } else if v.abs() >= 0.01 || v == 0.0 {
        2
    } else {
        4
    };
    if v.abs() < 0.001 && v != 0.0 { format!("{x:.2e}") } else { format!("{v:.digits$}{suffix}") }
}

/// `YYYY-MM` of a fractional-year x coordinate.
pub fn month_label(x: f64) -> String {
    let year = x.floor();
    let month = ((x - year) * 12.0).floor().clamp(0.0, 11.0) as u32 + 1;
    format!("{}-{month:02}", year as i32)
}

/// Series colours, distinguishable in light and dark themes.
const PALETTE: [Color32; 10] = [
    Color32::from_rgb(0x4e, 0x79, 0xa7),
    Color32::from_rgb(0xf2, 0x8e, 0x2b),
    Color32::from_rgb(0x59, 0xa1, 0x4f),
    Color32::from_rgb(0xe1, 0x57, 0x59),
    Color32::from_rgb(0x76, 0xb7, 0xb2),
    Color32::from_rgb(0xed, 0xc9, 0x48),
    Color32::from_rgb(0xb0, 0x7a, 0xa1),
    Color32::from_rgb(0xff, 0x9d, 0xa7),
    Color32::from_rgb(0x9c, 0x75, 0x5f),
    Color32::from_rgb(0xba, 0xb0, 0xac),
];

/// The colour of the `i`-th series of a plot.
pub fn series_color(i: usize) -> Color32 {
    PALETTE[i % PALETTE.len()]
}

fn marker_color(kind: MarkerKind) -> Color32 {
    match kind {
        MarkerKind::Halving => Color32::from_rgb(0xe0, 0xa0, 0x20),
        MarkerKind::ScenarioEvent => Color32::from_rgb(0xd0, 0x50, 0x50),
        MarkerKind::DataExhaustion | MarkerKind::AiEvent => Color32::from_rgb(0x50, 0x90, 0xe0),
        MarkerKind::ProjectionStart => Color32::GRAY,
    }
}

/// The legend: smaller text when many series would hide the plot.
fn legend(series: usize) -> Legend {
    let legend = Legend::default().position(Corner::LeftTop).background_alpha(0.75);
    if series > 4 { legend.text_style(egui::TextStyle::Small) } else { legend }
}

/// Draws `prepared` in a plot of `height` points.
pub fn draw(ui: &mut Ui, spec: &PlotSpec, prepared: &PreparedPlot, log: bool, markers: &[Marker], height: f32) {
    let units: Vec<(String, String)> = prepared
        .lines
        .iter()
        .map(|l| (l.name.clone(), l.unit.clone()))
        .chain(prepared.bands.iter().map(|b| (b.name.clone(), b.unit.clone())))
        .collect();
    let y_label =
        prepared.common_unit().map(|u| if log { format!("{u} (log)") } else { u.to_owned() }).unwrap_or_default();
    let value = move |y: f64| if log { 10f64.powf(y) } else { y };
    let readout = move |pos: &HoverPosition<'_>| -> Option<String> {
        match pos {
            HoverPosition::NearDataPoint { plot_name, position, .. } => {
                let unit = units.iter().find(|(n, _)| n == plot_name).map_or("", |(_, u)| u.as_str());
                Some(format!("{plot_name}\n{}: {} {unit}", month_label(position.x), compact(value(position.y))))
            }
            HoverPosition::Elsewhere { position } => Some(month_label(position.x)),
        }
    };
    let mut plot = Plot::new(spec.id)
        .height(height)
        .legend(legend(prepared.lines.len() + prepared.bands.len()))
        .link_axis(time_axis_group(), [true, false])
        .link_cursor(time_axis_group(), [true, false])
        .label_formatter(readout)
        .x_axis_formatter(|mark, _| format!("{}", mark.value.round() as i64))
        .y_axis_label(y_label)
        .allow_scroll(false);
    if log {
        plot = plot.y_axis_formatter(|mark, range| log_tick_label(mark.value, range));
    } else {
        plot = plot.y_axis_formatter(|mark, _| compact(mark.value));
    }
    if !prepared.bands.is_empty() {
        plot = plot.include_y(0.0).include_y(1.0);
    }
    let response = plot.show(ui, |plot_ui| {
        for (i, band) in prepared.bands.iter().enumerate() {
            let color = series_color(i);
            plot_ui.add(
                FilledArea::new(band.name.clone(), &band.xs, &band.lo, &band.hi)
                    .fill_color(color.gamma_multiply(0.75))
                    .stroke(egui::Stroke::new(1.0, color)),
            );
        }
        for (i, line) in prepared.lines.iter().enumerate() {
            plot_ui.line(Line::new(line.name.clone(), line.points.as_slice()).width(1.5).color(series_color(i)));
        }
        for m in markers {
            let color = marker_color(m.kind).gamma_multiply(0.7);
            let x = m.month.as_year_fraction();
            plot_ui.add(VLine::new("", x).color(color).style(LineStyle::dashed_loose()).allow_hover(false));
        }
    });
    marker_labels(ui, &response.transform, markers);
}

/// Marker labels written up along their lines, at the top of the plot frame
/// and clipped to it; a label that would touch the previous one is left out
/// (its line stays, and the month shows in the hover read-out).
fn marker_labels(ui: &Ui, transform: &egui_plot::PlotTransform, markers: &[Marker]) {
    let frame = *transform.frame();
    let painter = ui.painter_at(frame);
    let font = egui::FontId::proportional(10.0);
    let mut last_x = f32::NEG_INFINITY;
    let mut sorted: Vec<&Marker> = markers.iter().collect();
    sorted.sort_by_key(|m| m.month);
    for m in sorted {
        let x = transform.position_from_point_x(m.month.as_year_fraction());
        if x < frame.left() || x > frame.right() || x - last_x < 13.0 {
            continue;
        }
        last_x = x;
        let galley = painter.layout_no_wrap(m.label.clone(), font.clone(), marker_color(m.kind));
        let pos = egui::pos2(x + 2.0, frame.top() + 4.0);
        painter.add(
            egui::epaint::TextShape::new(pos, galley, marker_color(m.kind))
                .with_angle_and_anchor(std::f32::consts::FRAC_PI_2, Align2::LEFT_BOTTOM),
        );
    }
}

/// Tick label on a log axis (values are log10). When a decade or more is
/// visible only powers of ten are labelled, so the minor marks between them
/// (1259, 1585, 1995…) do not pile up into unreadable text.
fn log_tick_label(log_value: f64, range: &std::ops::RangeInclusive<f64>) -> String {
    let span = range.end() - range.start();
    if span >= 1.0 && (log_value - log_value.round()).abs() > 1e-6 {
        return String::new();
    }
    compact(10f64.powf(log_value))
}

#[cfg(test)]
mod tests {
    use super::log_tick_label;

    #[test]
    fn log_axis_labels_only_powers_of_ten_when_a_decade_is_visible() {
        let wide = 0.0..=4.0;
        assert_eq!(log_tick_label(2.0, &wide), super::compact(100.0));
        assert!(log_tick_label(2.1, &wide).is_empty());
        let narrow = 3.0..=3.5;
        assert!(!log_tick_label(3.1, &narrow).is_empty());
    }
}
