//! Drawing one prepared plot: a legend above it (outside the data, at body
//! size, in stacking order), a strip of marker labels between legend and
//! plot (staggered so none covers another, and never over the data), the
//! lines or stacked bands with dashed marker lines, a vertical cursor shared
//! by every plot of the tab, and one read-out for the hovered month listing
//! every series.
//!
//! Zoom: the scroll wheel zooms the time axis around the pointer (Shift +
//! wheel the value axis), right-drag zooms to a box, drag pans and a
//! double-click resets; the time axis is linked across the plots.

use egui::{Align2, Color32, Id, RichText, Ui, Vec2};
use egui_plot::{Axis, FilledArea, Line, LineStyle, Plot, PlotPoint, Span, Text, VLine};

use crate::sim::Marker;

use super::axes;
use super::catalog::PlotSpec;
use super::prepare::{PreparedPlot, nearest_month};
use super::style;

/// The link group of every time axis.
pub fn time_axis_group() -> Id {
    Id::unique("diverge-time-axis")
}

/// The id of the plot drawing `spec` (its zoom and pan live under it).
pub fn plot_id(spec: &PlotSpec) -> Id {
    Id::unique(("diverge-plot", spec.id))
}

/// Compact number for read-outs: three significant digits with an SI
/// prefix (see [`axes::si`]).
pub fn compact(x: f64) -> String {
    axes::si(x)
}

/// `YYYY-MM` of a fractional-year x coordinate.
pub fn month_label(x: f64) -> String {
    let months = (x * 12.0 + 1e-6).floor() as i64;
    format!("{}-{:02}", months.div_euclid(12), months.rem_euclid(12) + 1)
}

/// Height of one row of marker labels, in points.
const MARKER_ROW: f32 = 14.0;

/// Rows of marker labels at most; a label that fits in none is left out
/// (its line stays, and the read-out names it).
const MARKER_ROWS: usize = 2;

/// What drawing a plot reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlotOutput {
    /// The time under the pointer when it is over this plot.
    pub hovered_x: Option<f64>,
}

/// Everything one plot needs.
pub struct PlotInput<'a> {
    /// What the plot shows.
    pub spec: &'a PlotSpec,
    /// Its prepared data.
    pub prepared: &'a PreparedPlot,
    /// Whether the value axis is logarithmic.
    pub log: bool,
    /// Markers to draw.
    pub markers: &'a [Marker],
    /// The scenario's annotations.
    pub annotations: &'a [crate::scenario::Annotation],
    /// The shared cursor's time (from the plot hovered last frame).
    pub cursor_x: Option<f64>,
    /// Monte Carlo bands and a compared run drawn behind the lines.
    pub overlay: Option<&'a super::overlay::PreparedOverlay>,
    /// Factor on the width of the series' lines (2 when presenting).
    pub line_scale: f32,
}

/// Draws the legend, marker strip and plot in `height` points.
pub fn draw(ui: &mut Ui, input: &PlotInput<'_>, height: f32) -> PlotOutput {
    let top = ui.cursor().top();
    legend(ui, input.prepared);
    if let Some(o) = input.overlay {
        super::overlay::legend(ui, o);
    }
    let strip = if input.markers.is_empty() {
        None
    } else {
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(ui.available_width(), MARKER_ROW * MARKER_ROWS as f32),
            egui::Sense::hover(),
        );
        Some(rect)
    };
    let plot_height = (top + height - ui.cursor().top()).max(80.0);
    let (dark, cursor_color) = (ui.visuals().dark_mode, ui.visuals().strong_text_color().gamma_multiply(0.7));
    let response = plot(input, plot_height).show(ui, |plot_ui| {
        add_items(plot_ui, input, dark, cursor_color);
        wheel_zoom(plot_ui);
        if plot_ui.response().hovered() { plot_ui.pointer_coordinate().map(|p| p.x) } else { None }
    });
    if let Some(strip) = strip {
        marker_labels(ui, strip, &response.transform, input.markers);
    }
    let hovered_x = response.inner;
    if let Some(x) = hovered_x {
        egui::Tooltip::for_enabled(&response.response)
            .at_pointer()
            .gap(16.0)
            .accessible_name(format!("Values: {}", input.spec.title))
            .show(|ui| readout(ui, input, x));
    }
    PlotOutput { hovered_x }
}

fn plot<'a>(input: &PlotInput<'a>, height: f32) -> Plot<'a> {
    let prepared = input.prepared;
    let y_label =
        prepared.common_unit().map(|u| if input.log { format!("{u} (log)") } else { u.to_owned() }).unwrap_or_default();
    let mut plot = Plot::new(input.spec.id)
        .id(plot_id(input.spec))
        .height(height)
        .link_axis(time_axis_group(), [true, false])
        .show_x(false)
        .show_y(false)
        .allow_scroll(false)
        .grid_spacing(axes::GRID_MIN..=300.0)
        .x_grid_spacer(|g| axes::time_marks(&g))
        .x_axis_formatter(|mark, _| axes::time_label(mark.value, mark.step_size))
        .y_axis_label(y_label)
        .y_axis_min_width(44.0);
    plot = if input.log {
        plot.y_grid_spacer(|g| axes::log_marks(&g))
            .y_axis_formatter(|mark, range| axes::log_label(mark.value, (*range.start(), *range.end())))
    } else {
        plot.y_grid_spacer(|g| axes::linear_marks(&g)).y_axis_formatter(|mark, range| {
            axes::linear_label(mark.value, mark.step_size, (*range.start(), *range.end()))
        })
    };
    if !prepared.bands.is_empty() {
        plot = plot.include_y(0.0).include_y(1.0);
    }
    plot
}

fn add_items<'a>(plot_ui: &mut egui_plot::PlotUi<'a>, input: &PlotInput<'a>, dark: bool, cursor_color: Color32) {
    for band in &input.prepared.bands {
        let color = band.style.color;
        plot_ui.add(
            FilledArea::new(band.name.clone(), &band.xs, &band.lo, &band.hi)
                .fill_color(color.gamma_multiply(0.8))
                .stroke(egui::Stroke::new(1.0, color))
                .allow_hover(false),
        );
    }
    if let Some(o) = input.overlay {
        super::overlay::draw(plot_ui, o, dark);
    }
    for line in &input.prepared.lines {
        if let Some(cap) = line.cap {
            let (lo, hi) = (cap.above, cap.above * 10.0);
            let range = if input.log { lo.log10()..=hi.log10() } else { lo..=hi };
            let middle = if input.log { (lo * 3.0).log10() } else { lo * 3.0 };
            plot_ui.add(
                Span::new("", range)
                    .axis(Axis::Y)
                    .fill(line.style.color.gamma_multiply(0.12))
                    .border_color(line.style.color.gamma_multiply(0.5)),
            );
            // At the first month, so the label never widens the time axis.
            let left = input.prepared.months.first().copied().unwrap_or_default();
            let text = RichText::new(cap.band).color(style::readable(line.style.color, dark)).small();
            plot_ui.text(Text::new("", PlotPoint::new(left, middle), text).anchor(Align2::LEFT_BOTTOM));
        }
        let color = style::readable(line.style.color, dark);
        let style = if line.style.dashed { LineStyle::dashed_dense() } else { LineStyle::Solid };
        plot_ui.line(
            Line::new(line.name.clone(), line.points.as_slice())
                .width(2.0 * input.line_scale)
                .color(color)
                .style(style)
                .allow_hover(false),
        );
    }
    for m in input.markers {
        let color = style::marker(m.kind, dark).gamma_multiply(0.7);
        plot_ui.add(
            VLine::new("", m.month.as_year_fraction()).color(color).style(LineStyle::dashed_loose()).allow_hover(false),
        );
    }
    super::annotations::draw(plot_ui, input, dark);
    if let Some(x) = input.cursor_x {
        plot_ui.add(VLine::new("", x).color(cursor_color).width(1.5).allow_hover(false));
    }
}

/// Scroll-wheel zoom around the pointer: the wheel zooms time, Shift + wheel
/// (which egui turns into horizontal scrolling) the value axis. The scroll
/// is used up here so nothing else scrolls with it.
fn wheel_zoom(plot_ui: &mut egui_plot::PlotUi<'_>) {
    if !plot_ui.response().hovered() {
        return;
    }
    let delta = plot_ui.ctx().input(|i| i.smooth_scroll_delta);
    if delta == Vec2::ZERO {
        return;
    }
    let factor = Vec2::new((delta.y / 200.0).exp(), (delta.x / 200.0).exp());
    plot_ui.zoom_bounds_around_hovered(factor);
    plot_ui.ctx().input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
}

/// The legend: one swatch and name per series at body size, in the order
/// the eye meets them (top of the stack first for stacked plots).
fn legend(ui: &mut Ui, prepared: &PreparedPlot) {
    let dark = ui.visuals().dark_mode;
    let entries: Vec<(&str, style::SeriesStyle)> = if prepared.bands.is_empty() {
        prepared.lines.iter().map(|l| (l.name.as_str(), l.style)).collect()
    } else {
        prepared.bands.iter().rev().map(|b| (b.name.as_str(), b.style)).collect()
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (name, s) in entries {
            // Swatch and name wrap together: start a new row when the pair
            // does not fit in what is left of this one.
            let font = egui::TextStyle::Body.resolve(ui.style());
            let width = ui.painter().layout_no_wrap(name.to_owned(), font, Color32::WHITE).size().x + 22.0;
            let left = ui.max_rect().right() - ui.cursor().left();
            if width > left && ui.cursor().left() > ui.max_rect().left() + 1.0 {
                ui.end_row();
            }
            swatch(ui, s, dark);
            ui.label(name);
            ui.add_space(8.0);
        }
    });
}

/// A short line (dashed when the series is) in the series colour.
fn swatch(ui: &mut Ui, s: style::SeriesStyle, dark: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
    let color = style::readable(s.color, dark);
    let y = rect.center().y;
    let stroke = egui::Stroke::new(3.0, color);
    if s.dashed {
        for i in 0..3 {
            let x = rect.left() + i as f32 * 7.0;
            ui.painter().line_segment([egui::pos2(x, y), egui::pos2((x + 4.0).min(rect.right()), y)], stroke);
        }
    } else {
        ui.painter().line_segment([egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)], stroke);
    }
}

/// The read-out for the month under the pointer: every series' value with
/// its unit, and the markers of that month.
fn readout(ui: &mut Ui, input: &PlotInput<'_>, x: f64) {
    let prepared = input.prepared;
    let Some(i) = nearest_month(&prepared.months, x) else { return };
    let month = prepared.months[i];
    ui.label(RichText::new(month_label(month)).strong());
    let dark = ui.visuals().dark_mode;
    egui::Grid::new("readout").num_columns(3).spacing([6.0, 2.0]).show(ui, |ui| {
        for line in &prepared.lines {
            let v = line.values.get(i).copied().unwrap_or(f64::NAN);
            swatch(ui, line.style, dark);
            ui.label(&line.name);
            ui.label(value_text(v, &line.unit));
            ui.end_row();
        }
        for band in prepared.bands.iter().rev() {
            let Some(j) = nearest_month(&band.xs, x) else { continue };
            swatch(ui, band.style, dark);
            ui.label(&band.name);
            ui.label(value_text(band.values[j], &band.unit));
            ui.end_row();
        }
    });
    for line in &prepared.lines {
        if let Some(cap) = line.cap.filter(|c| line.values.get(i).is_some_and(|v| *v > c.above)) {
            ui.label(RichText::new(format!("{}: {}", line.name, cap.note)).weak());
        }
    }
    for m in input.markers.iter().filter(|m| (m.month.as_year_fraction() - month).abs() < 0.5 / 12.0) {
        ui.label(RichText::new(format!("| {}", m.label)).color(style::marker(m.kind, dark)));
    }
}

fn value_text(v: f64, unit: &str) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if unit.starts_with("fraction") {
        return format!("{:.1} %", v * 100.0);
    }
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    format!("{}{unit}", compact(v))
}

/// Narrowest room, in points, a marker label is shown in; a label that
/// does not fit before the strip's right edge ends in "…" (the read-out
/// under the pointer gives it whole).
const MIN_LABEL_ROOM: f32 = 36.0;

/// Marker labels in the strip above the plot, each starting at its line:
/// a label goes in the first row where it does not touch the previous one
/// and is left out when no row has room.
fn marker_labels(ui: &Ui, strip: egui::Rect, transform: &egui_plot::PlotTransform, markers: &[Marker]) {
    let frame = *transform.frame();
    let painter = ui.painter_at(strip.intersect(egui::Rect::everything_right_of(frame.left())));
    let right = painter.clip_rect().right();
    let dark = ui.visuals().dark_mode;
    let font = egui::FontId::proportional(11.0);
    // Taken spans per row; events are placed before halvings, which are
    // regular and named by number alone.
    let mut rows: [Vec<(f32, f32)>; MARKER_ROWS] = Default::default();
    let mut sorted: Vec<&Marker> = markers.iter().collect();
    sorted.sort_by_key(|m| (m.kind == crate::sim::MarkerKind::Halving, m.month));
    for m in sorted {
        let x = transform.position_from_point(&PlotPoint::new(m.month.as_year_fraction(), 0.0)).x;
        if x < frame.left() || x > frame.right() {
            continue;
        }
        let color = style::marker(m.kind, dark);
        let Some(job) = label_job(short_label(m), font.clone(), color, right - (x + 2.0)) else { continue };
        let galley = painter.layout_job(job);
        let span = (x - 3.0, x + galley.size().x + 6.0);
        let free = |r: &Vec<(f32, f32)>| r.iter().all(|(a, b)| span.1 < *a || span.0 > *b);
        let Some(row) = rows.iter().position(free) else { continue };
        rows[row].push(span);
        let pos = egui::pos2(x + 2.0, strip.top() + row as f32 * MARKER_ROW);
        // A tick in the label's own row only, so it never crosses the labels
        // of the other row; the marker's line continues in the plot below.
        painter.line_segment(
            [egui::pos2(x, pos.y + 2.0), egui::pos2(x, pos.y + MARKER_ROW)],
            egui::Stroke::new(1.0, color.gamma_multiply(0.6)),
        );
        painter.galley(pos, galley, Color32::PLACEHOLDER);
    }
}

/// A marker label laid out in one row of at most `room` points, ending in
/// "…" when it is longer; `None` when the room is too narrow for a label.
fn label_job(text: &str, font: egui::FontId, color: Color32, room: f32) -> Option<egui::text::LayoutJob> {
    if room < MIN_LABEL_ROOM {
        return None;
    }
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(room);
    Some(job)
}

/// A marker's label in the strip: halvings by their number only
/// ("Halving 3"), their subsidy is in the read-out.
fn short_label(m: &Marker) -> &str {
    if m.kind == crate::sim::MarkerKind::Halving { m.label.split(':').next().unwrap_or(&m.label) } else { &m.label }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_label_too_long_for_its_room_ends_in_an_ellipsis() {
        let ctx = egui::Context::default();
        // A frame sets the fonts up; its textures are not drawn anywhere.
        ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
        let font = egui::FontId::proportional(11.0);
        let lay_out = |text: &str, room: f32| {
            label_job(text, font.clone(), Color32::WHITE, room).map(|job| ctx.fonts_mut(|f| f.layout_job(job)))
        };
        let long = lay_out("South American hydro surplus offered to miners", 100.0).expect("room for a label");
        assert!(long.elided, "the long label is cut (and ends in an ellipsis)");
        assert!(long.size().x <= 100.5, "and fits its room: {}", long.size().x);
        let short = lay_out("Halving 3", 100.0).expect("room for a label");
        assert!(!short.elided && short.text() == "Halving 3", "a short label is whole");
        assert!(lay_out("Halving 3", MIN_LABEL_ROOM - 1.0).is_none(), "too little room shows none");
    }

    #[test]
    fn month_labels_read_the_month_of_the_x_coordinate() {
        assert_eq!(month_label(2021.0), "2021-01");
        assert_eq!(month_label(2021.0 + 5.0 / 12.0), "2021-06");
        assert_eq!(month_label(2021.999), "2021-12");
    }

    #[test]
    fn shares_read_as_percentages_and_units_follow_values() {
        assert_eq!(value_text(0.256, "fraction 0–1"), "25.6 %");
        assert_eq!(value_text(742.0, "EH/s"), "742 EH/s");
        assert_eq!(value_text(f64::NAN, "EH/s"), "—");
    }
}
