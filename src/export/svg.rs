//! Charts written as SVG text: `<path>` per series, `<text>` for every
//! label, so a chart stays sharp at any size and its words can be searched
//! and copied.
//!
//! A view is laid out as the window lays out a tab (two columns when there
//! is room), under one header (view title, scenario name) and over one
//! source line. Each plot has its title, a legend above the data (never
//! over it), a strip of staggered marker labels, dashed marker lines,
//! grid lines at the window's ticks and the window's tick labels, and the
//! scenario's annotations (`annotate.rs`). Drawn on
//! white with the light-theme colours. Text widths are estimated from the
//! font size (the SVG does not know the font the viewer will use), with a
//! margin so labels do not collide.

mod annotate;

pub use annotate::ANNOTATION_COLOR;

use std::fmt::Write as _;

use super::{Chart, ChartSeries, Meta, View};
use crate::sim::{Marker, MarkerKind};
use crate::views::columns::capped_draw_value;
use crate::views::palette::{self, Rgb};
use crate::views::ticks::{self, Tick};

/// Fonts asked for, in order; every system has the last.
const FONT: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

/// Height of the view header (title and scenario name).
const HEADER: f64 = 58.0;
/// Height of the source line at the bottom.
const FOOTER: f64 = 24.0;
/// Gap between plot cells.
const GAP: f64 = 12.0;
/// Width of a plot cell at least, for two columns.
const MIN_CELL: f64 = 380.0;

/// A rectangle in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// `text` escaped for XML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Estimated width of `text` at `size` px.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.58
}

fn text(out: &mut String, x: f64, y: f64, size: f64, attrs: &str, content: &str) {
    let _ = write!(out, r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" {attrs}>{}</text>"#, esc(content));
    out.push('\n');
}

/// The whole view as one SVG document of `width` × `height` px.
pub fn view_svg(view: &View, meta: &Meta, width: u32, height: u32) -> String {
    let (w, h) = (f64::from(width), f64::from(height));
    let mut out = open_svg(w, h, view.tab.title());
    text(&mut out, 16.0, 28.0, 20.0, r##"font-weight="bold" fill="#111""##, view.tab.title());
    text(&mut out, 16.0, 48.0, 13.0, r##"fill="#333""##, &format!("Scenario: {}", meta.scenario));
    let count = view.charts.len().max(1);
    let columns = if count > 1 && w >= 2.0 * MIN_CELL + 3.0 * GAP { 2 } else { 1 };
    let rows = count.div_ceil(columns);
    let cell_w = (w - GAP * (columns as f64 + 1.0)) / columns as f64;
    let cell_h = ((h - HEADER - FOOTER) - GAP * (rows as f64 - 1.0)) / rows as f64;
    for (i, chart) in view.charts.iter().enumerate() {
        let (row, col) = (i / columns, i % columns);
        let rect = Rect {
            x: GAP + col as f64 * (cell_w + GAP),
            y: HEADER + row as f64 * (cell_h + GAP),
            w: cell_w,
            h: cell_h,
        };
        draw_chart(&mut out, chart, rect);
    }
    footer(&mut out, meta, h);
    out.push_str("</svg>\n");
    out
}

/// One plot as its own SVG document, with the plot title as the header.
pub fn chart_svg(chart: &Chart, meta: &Meta, width: u32, height: u32) -> String {
    let (w, h) = (f64::from(width), f64::from(height));
    let mut out = open_svg(w, h, chart.title);
    text(&mut out, 16.0, 22.0, 13.0, r##"fill="#333""##, &format!("Scenario: {}", meta.scenario));
    draw_chart(&mut out, chart, Rect { x: GAP, y: 28.0, w: w - 2.0 * GAP, h: h - 28.0 - FOOTER });
    footer(&mut out, meta, h);
    out.push_str("</svg>\n");
    out
}

fn open_svg(w: f64, h: f64, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##);
    out
}

fn footer(out: &mut String, meta: &Meta, h: f64) {
    text(out, 16.0, h - 8.0, 11.0, r##"fill="#555" class="source""##, &meta.source_line());
}

/// The value range of the data drawn, on the axis (log10 on log axes).
fn value_range(chart: &Chart) -> (f64, f64) {
    if chart.stacked {
        let top = (0..chart.xs.len())
            .map(|m| chart.series.iter().map(|s| finite_or_zero(s.values[m])).sum::<f64>())
            .fold(0.0, f64::max);
        return (0.0, top.max(1.0));
    }
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for s in &chart.series {
        let drawn = drawn_values(s);
        let extra = s.spread.iter().flat_map(|b| b.p5.iter().chain(&b.p95).copied());
        for v in drawn.into_iter().chain(extra) {
            if let Some(y) = axis_value(v, chart.log) {
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
        if let Some(cap) = s.cap.filter(|c| s.values.iter().any(|v| *v > c.above)) {
            hi = hi.max(axis_value(cap.above * 10.0, chart.log).unwrap_or(hi));
        }
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = if hi > lo {
        hi - lo
    } else if chart.log {
        1.0
    } else {
        lo.abs().max(1.0)
    };
    (lo - span * 0.05, hi + span * 0.05)
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// A value as drawn: capped values in their band.
fn drawn_values(s: &ChartSeries) -> Vec<f64> {
    match &s.cap {
        Some(cap) => s.values.iter().map(|&v| if v > cap.above { capped_draw_value(cap) } else { v }).collect(),
        None => s.values.clone(),
    }
}

/// The axis coordinate of a value: itself, or `log10` on log axes (none for
/// values that cannot be drawn).
fn axis_value(v: f64, log: bool) -> Option<f64> {
    let y = if log { if v > 0.0 { v.log10() } else { f64::NAN } } else { v };
    y.is_finite().then_some(y)
}

/// Maps data to the plot area.
struct Frame {
    area: Rect,
    x: (f64, f64),
    y: (f64, f64),
    log: bool,
}

impl Frame {
    fn px(&self, x: f64) -> f64 {
        self.area.x + (x - self.x.0) / (self.x.1 - self.x.0).max(1e-9) * self.area.w
    }

    fn py(&self, y: f64) -> f64 {
        self.area.y + self.area.h - (y - self.y.0) / (self.y.1 - self.y.0).max(1e-12) * self.area.h
    }
}

/// Draws one plot (title, legend, marker strip, axes, data) inside `cell`.
pub fn draw_chart(out: &mut String, chart: &Chart, cell: Rect) {
    let _ = writeln!(out, r#"<g class="chart" id="chart-{}">"#, esc(&chart.id.replace('.', "-")));
    text(out, cell.x + 4.0, cell.y + 16.0, 14.0, r##"font-weight="bold" fill="#111""##, chart.title);
    let legend_bottom = legend(out, chart, cell.x + 4.0, cell.y + 24.0, cell.w - 8.0);
    let strip = if chart.markers.is_empty() { 0.0 } else { 2.0 * MARKER_ROW };
    let left = cell.x + 64.0;
    let top = legend_bottom + strip + 4.0;
    let area = Rect {
        x: left,
        y: top,
        w: (cell.x + cell.w - 10.0 - left).max(10.0),
        h: (cell.y + cell.h - 22.0 - top).max(10.0),
    };
    let (x0, x1) = (chart.xs.first().copied().unwrap_or(0.0), chart.xs.last().copied().unwrap_or(1.0));
    let frame = Frame { area, x: (x0, x1.max(x0 + 1.0 / 12.0)), y: value_range(chart), log: chart.log };
    axes(out, chart, &frame);
    let clip = format!("clip-{}", chart.id.replace('.', "-"));
    let _ = writeln!(
        out,
        r#"<clipPath id="{clip}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath>"#,
        area.x, area.y, area.w, area.h
    );
    let _ = writeln!(out, r#"<g clip-path="url(#{clip})">"#);
    if chart.stacked {
        stacked(out, chart, &frame);
    } else {
        lines(out, chart, &frame);
    }
    marker_lines(out, &chart.markers, &frame);
    annotate::annotations(out, chart, &frame);
    out.push_str("</g>\n");
    marker_labels(out, &chart.markers, &frame, legend_bottom);
    let _ = writeln!(
        out,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#999" stroke-width="1"/>"##,
        area.x, area.y, area.w, area.h
    );
    out.push_str("</g>\n");
}

/// Legend rows from `(x, y)`; returns the bottom of the legend.
fn legend(out: &mut String, chart: &Chart, x: f64, y: f64, width: f64) -> f64 {
    const ROW: f64 = 17.0;
    const SIZE: f64 = 12.0;
    let entries: Vec<&ChartSeries> =
        if chart.stacked { chart.series.iter().rev().collect() } else { chart.series.iter().collect() };
    let (mut cx, mut cy) = (x, y);
    for s in entries {
        let w = 24.0 + text_width(&s.name, SIZE) + 12.0;
        if cx + w > x + width && cx > x {
            cx = x;
            cy += ROW;
        }
        let color = palette::readable(s.style.color, false).hex();
        let dash = if s.style.dashed { r#" stroke-dasharray="4 3""# } else { "" };
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="3"{dash}/>"#,
            cx,
            cy + 8.0,
            cx + 18.0,
            cy + 8.0
        );
        text(out, cx + 22.0, cy + 12.0, SIZE, r##"fill="#222" class="legend""##, &s.name);
        cx += w;
    }
    cy + ROW
}

/// Grid lines and tick labels of both axes, and the value-axis unit.
fn axes(out: &mut String, chart: &Chart, f: &Frame) {
    let a = f.area;
    let per_px_y = (f.y.1 - f.y.0) / a.h.max(1.0);
    let yticks: Vec<Tick> = if f.log {
        ticks::log_ticks(f.y.0, f.y.1, per_px_y * 34.0)
    } else {
        ticks::linear_ticks(f.y.0, f.y.1, per_px_y * 34.0)
    };
    for t in &yticks {
        let y = f.py(t.value);
        let label = if f.log { ticks::log_label(t.value, f.y) } else { ticks::linear_label(t.value, t.step, f.y) };
        grid_line(out, a.x, y, a.x + a.w, y);
        text(out, a.x - 5.0, y + 4.0, 11.0, r##"text-anchor="end" fill="#444" class="tick""##, &label);
    }
    let per_px_x = (f.x.1 - f.x.0) / a.w.max(1.0);
    for t in ticks::time_ticks(f.x.0, f.x.1, per_px_x * 64.0) {
        let x = f.px(t.value);
        grid_line(out, x, a.y, x, a.y + a.h);
        let label = ticks::time_label(t.value, t.step);
        text(out, x, a.y + a.h + 15.0, 11.0, r##"text-anchor="middle" fill="#444" class="tick""##, &label);
    }
    let unit = chart.axis_label();
    if !unit.is_empty() {
        let (x, y) = (a.x - 50.0, a.y + a.h / 2.0);
        let _ = writeln!(
            out,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="11" fill="#444" text-anchor="middle" class="unit" transform="rotate(-90 {x:.1} {y:.1})">{}</text>"##,
            esc(&unit)
        );
    }
}

fn grid_line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64) {
    let _ = writeln!(
        out,
        r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#e3e3e3" stroke-width="1"/>"##
    );
}

/// Path data through the drawable points, a new subpath after each gap.
fn line_path(f: &Frame, xs: &[f64], ys: &[f64]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for (&x, &v) in xs.iter().zip(ys) {
        match axis_value(v, f.log) {
            Some(y) => {
                let _ = write!(d, "{}{:.1} {:.1} ", if pen_down { "L" } else { "M" }, f.px(x), f.py(y));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d.trim_end().to_owned()
}

/// A closed area between `lo` and `hi` over the months where both draw.
fn area_path(f: &Frame, xs: &[f64], lo: &[f64], hi: &[f64]) -> String {
    let pts: Vec<(f64, f64, f64)> = xs
        .iter()
        .zip(lo.iter().zip(hi))
        .filter_map(|(&x, (&a, &b))| Some((x, axis_value(a, f.log)?, axis_value(b, f.log)?)))
        .collect();
    if pts.len() < 2 {
        return String::new();
    }
    let mut d = String::new();
    for (i, (x, _, b)) in pts.iter().enumerate() {
        let _ = write!(d, "{}{:.1} {:.1} ", if i == 0 { "M" } else { "L" }, f.px(*x), f.py(*b));
    }
    for (x, a, _) in pts.iter().rev() {
        let _ = write!(d, "L{:.1} {:.1} ", f.px(*x), f.py(*a));
    }
    d.push('Z');
    d
}

fn lines(out: &mut String, chart: &Chart, f: &Frame) {
    for s in &chart.series {
        let color = palette::readable(s.style.color, false).hex();
        if let Some(b) = &s.spread {
            for (lo, hi, opacity, class) in
                [(&b.p5, &b.p95, 0.15, "band p5-p95"), (&b.p25, &b.p75, 0.3, "band p25-p75")]
            {
                let d = area_path(f, &chart.xs, lo, hi);
                if !d.is_empty() {
                    let _ = writeln!(
                        out,
                        r#"<path class="{class}" d="{d}" fill="{color}" fill-opacity="{opacity}" stroke="none"/>"#
                    );
                }
            }
        }
        if let Some(cap) = s.cap.filter(|c| s.values.iter().any(|v| *v > c.above)) {
            cap_band(out, f, cap, s.style.color);
        }
    }
    for s in &chart.series {
        let color = palette::readable(s.style.color, false).hex();
        let dash = if s.style.dashed { r#" stroke-dasharray="6 3""# } else { "" };
        let d = line_path(f, &chart.xs, &drawn_values(s));
        let _ = writeln!(
            out,
            r#"<path class="series" data-key="{}" d="{d}" fill="none" stroke="{color}" stroke-width="2" stroke-linejoin="round"{dash}><title>{}</title></path>"#,
            esc(&s.key),
            esc(&s.name)
        );
    }
}

fn cap_band(out: &mut String, f: &Frame, cap: crate::views::columns::Cap, color: Rgb) {
    let (Some(lo), Some(hi)) = (axis_value(cap.above, f.log), axis_value(cap.above * 10.0, f.log)) else { return };
    let (top, bottom) = (f.py(hi), f.py(lo));
    let _ = writeln!(
        out,
        r#"<rect class="cap" x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{}" fill-opacity="0.12"/>"#,
        f.area.x,
        f.area.w,
        (bottom - top).max(0.0),
        color.hex()
    );
    text(out, f.area.x + 4.0, bottom - 4.0, 10.0, &format!(r#"fill="{}""#, color.hex()), cap.band);
}

fn stacked(out: &mut String, chart: &Chart, f: &Frame) {
    let mut lo = vec![0.0; chart.xs.len()];
    for s in &chart.series {
        let hi: Vec<f64> = lo.iter().zip(&s.values).map(|(a, b)| a + finite_or_zero(*b)).collect();
        let color = s.style.color.hex();
        let d = area_path(f, &chart.xs, &lo, &hi);
        let _ = writeln!(
            out,
            r#"<path class="series" data-key="{}" d="{d}" fill="{color}" fill-opacity="0.8" stroke="{color}" stroke-width="1"><title>{}</title></path>"#,
            esc(&s.key),
            esc(&s.name)
        );
        lo = hi;
    }
}

/// Height of a row of marker labels.
const MARKER_ROW: f64 = 14.0;

fn marker_lines(out: &mut String, markers: &[Marker], f: &Frame) {
    for m in markers {
        let x = f.px(m.month.as_year_fraction());
        let color = palette::marker(m.kind, false).hex();
        let _ = writeln!(
            out,
            r#"<line class="marker" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{color}" stroke-opacity="0.7" stroke-dasharray="5 4"/>"#,
            f.area.y,
            f.area.y + f.area.h
        );
    }
}

/// Marker labels in two rows above the plot, each where it does not touch
/// another; a label with no room is left out (its line stays).
fn marker_labels(out: &mut String, markers: &[Marker], f: &Frame, top: f64) {
    let mut rows: [Vec<(f64, f64)>; 2] = Default::default();
    let mut sorted: Vec<&Marker> = markers.iter().collect();
    sorted.sort_by_key(|m| (m.kind == MarkerKind::Halving, m.month));
    for m in sorted {
        let x = f.px(m.month.as_year_fraction());
        if x < f.area.x || x > f.area.x + f.area.w {
            continue;
        }
        let label =
            if m.kind == MarkerKind::Halving { m.label.split(':').next().unwrap_or(&m.label) } else { &m.label };
        let span = (x - 3.0, x + text_width(label, 10.0) + 6.0);
        if span.1 > f.area.x + f.area.w + 8.0 {
            continue; // would run off the plot's right edge
        }
        let Some(row) = rows.iter().position(|r| r.iter().all(|(a, b)| span.1 < *a || span.0 > *b)) else { continue };
        rows[row].push(span);
        let y = top + row as f64 * MARKER_ROW;
        let color = palette::marker(m.kind, false).hex();
        let _ = writeln!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{color}" stroke-opacity="0.6"/>"#,
            y + 2.0,
            y + MARKER_ROW
        );
        text(out, x + 2.0, y + 11.0, 10.0, &format!(r#"fill="{color}" class="marker-label""#), label);
    }
}
