//! The scenario's annotations on an exported chart: a dotted vertical line
//! at the month with the note's text beside it, inside the plot area, and a
//! ringed dot where the note points at a series the chart draws.
//!
//! Drawn in one colour of their own (not a marker kind's), dotted where
//! markers are dashed, so a reader tells the author's notes from the
//! model's halvings and events. Labels are staggered down the plot so that
//! neighbouring notes do not print over one another.

use std::fmt::Write as _;

use super::{Frame, axis_value, drawn_values, text, text_width};
use crate::export::Chart;

/// The colour of every annotation (a violet no series or marker uses).
pub const ANNOTATION_COLOR: &str = "#7a2e9c";
/// Height of one row of annotation labels.
const ROW: f64 = 13.0;

/// Draws every annotation of `chart` whose month lies on its time axis.
pub(super) fn annotations(out: &mut String, chart: &Chart, f: &Frame) {
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    for a in &chart.annotations {
        let year = a.month.as_year_fraction();
        let x = f.px(year);
        if !(f.area.x..=f.area.x + f.area.w).contains(&x) {
            continue;
        }
        let _ = writeln!(
            out,
            r#"<line class="annotation" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{ANNOTATION_COLOR}" stroke-width="1.2" stroke-dasharray="1.5 3"/>"#,
            f.area.y,
            f.area.y + f.area.h
        );
        let width = text_width(&a.text, 10.0) + 6.0;
        let flip = x + width > f.area.x + f.area.w;
        let span = if flip { (x - width, x) } else { (x, x + width) };
        let row = rows.iter().position(|r| r.iter().all(|(s, e)| span.1 < *s || span.0 > *e)).unwrap_or(rows.len());
        if row == rows.len() {
            rows.push(Vec::new());
        }
        rows[row].push(span);
        let y = f.area.y + 12.0 + row as f64 * ROW;
        let (tx, anchor) = if flip { (x - 3.0, "end") } else { (x + 3.0, "start") };
        let attrs =
            format!(r#"fill="{ANNOTATION_COLOR}" class="annotation-label" text-anchor="{anchor}" font-style="italic""#);
        text(out, tx, y, 10.0, &attrs, &a.text);
        if let Some(v) = series_value(chart, &a.series, year) {
            let _ = writeln!(
                out,
                r#"<circle class="annotation-dot" cx="{x:.1}" cy="{:.1}" r="3.5" fill="{ANNOTATION_COLOR}" stroke="white" stroke-width="1.2"/>"#,
                f.py(v)
            );
        }
    }
}

/// The axis coordinate of series `key` at the month nearest `year` (the top
/// of its band on stacked charts); `None` when the chart does not draw it.
fn series_value(chart: &Chart, key: &str, year: f64) -> Option<f64> {
    if key.is_empty() {
        return None;
    }
    let k = chart.series.iter().position(|s| s.key == key)?;
    let i = chart.xs.iter().position(|&x| x >= year - 1.0e-6)?;
    let v = if chart.stacked {
        chart.series[..=k].iter().map(|s| s.values.get(i).copied().filter(|v| v.is_finite()).unwrap_or(0.0)).sum()
    } else {
        *drawn_values(&chart.series[k]).get(i)?
    };
    axis_value(v, chart.log)
}
