//! Turning result columns into plot-ready points, once per results update.
//!
//! Plots borrow these prepared points every frame instead of rebuilding them:
//! the time axis is the fractional year, log plots hold `log10(y)` (values
//! ≤ 0 are left out), and long series are decimated to at most
//! [`MAX_POINTS`] points by keeping each bucket's minimum and maximum, so a
//! frame stays fast whatever the run length while spikes stay visible.

use egui_plot::PlotPoint;

use crate::sim::Results;

use super::catalog::{PlotKind, PlotSpec};
use super::style::SeriesStyle;

/// Most points drawn per series.
pub const MAX_POINTS: usize = 1200;

pub use crate::views::columns::{CAPS, Cap, cap_of, capped_draw_value};

/// A series ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedLine {
    /// Column key (annotations point at a series by it).
    pub key: String,
    /// Legend name.
    pub name: String,
    /// Unit for the hover read-out and axis label.
    pub unit: String,
    /// Colour and dash.
    pub style: SeriesStyle,
    /// Points, decimated, `log10(y)` on log plots; capped values at the band.
    pub points: Vec<PlotPoint>,
    /// The value of every month (not decimated, never capped), by month
    /// index, for the hover read-out.
    pub values: Vec<f64>,
    /// The ceiling of this series, if any.
    pub cap: Option<Cap>,
}

/// A stacked band ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedBand {
    /// Legend name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Fill colour.
    pub style: SeriesStyle,
    /// The band's own value (its thickness) at each of `xs`.
    pub values: Vec<f64>,
    /// Time axis.
    pub xs: Vec<f64>,
    /// Lower edge (sum of the bands below).
    pub lo: Vec<f64>,
    /// Upper edge.
    pub hi: Vec<f64>,
}

/// One plot's prepared data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PreparedPlot {
    /// Lines (line plots).
    pub lines: Vec<PreparedLine>,
    /// Bands (stacked plots).
    pub bands: Vec<PreparedBand>,
    /// The time axis of [`PreparedLine::values`] (fractional years).
    pub months: Vec<f64>,
}

impl PreparedPlot {
    /// Whether nothing of this plot is in the results.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.bands.is_empty()
    }

    /// The unit shared by every series, if they share one.
    pub fn common_unit(&self) -> Option<&str> {
        let mut units = self.lines.iter().map(|l| l.unit.as_str()).chain(self.bands.iter().map(|b| b.unit.as_str()));
        let first = units.next()?;
        units.all(|u| u == first).then_some(first)
    }
}

/// One column a plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotColumn {
    /// Index in the results.
    pub index: usize,
    /// Legend name.
    pub name: String,
    /// Colour and dash.
    pub style: SeriesStyle,
}

/// The columns a plot shows, in table order, in the colours
/// [`crate::views::columns::columns_of`] gives them.
pub fn columns_of(spec: &PlotSpec, results: &Results) -> Vec<PlotColumn> {
    crate::views::columns::columns_of(spec, &results.specs)
        .into_iter()
        .map(|c| PlotColumn { index: c.index, name: c.name, style: c.style.into() })
        .collect()
}

/// Prepares a plot from results.
pub fn prepare(spec: &PlotSpec, results: &Results, log: bool) -> PreparedPlot {
    let xs: Vec<f64> = results.months.iter().map(|m| m.as_year_fraction()).collect();
    let columns = columns_of(spec, results);
    match spec.kind {
        PlotKind::Lines => PreparedPlot {
            lines: columns
                .into_iter()
                .map(|c| {
                    let cap = cap_of(&results.specs[c.index].key);
                    let values = &results.values[c.index];
                    let drawn: Vec<f64> = match &cap {
                        Some(cap) => {
                            values.iter().map(|&v| if v > cap.above { capped_draw_value(cap) } else { v }).collect()
                        }
                        None => values.clone(),
                    };
                    PreparedLine {
                        key: results.specs[c.index].key.clone(),
                        name: c.name,
                        unit: results.specs[c.index].unit.clone(),
                        style: c.style,
                        points: decimate(&series_points(&xs, &drawn, log), MAX_POINTS),
                        values: values.clone(),
                        cap,
                    }
                })
                .filter(|l| !l.points.is_empty())
                .collect(),
            bands: Vec::new(),
            months: xs,
        },
        PlotKind::Stacked => PreparedPlot { lines: Vec::new(), bands: stack(&xs, results, &columns), months: xs },
    }
}

/// The index of the month nearest to `x` in `months` (sorted).
pub fn nearest_month(months: &[f64], x: f64) -> Option<usize> {
    if months.is_empty() {
        return None;
    }
    let i = months.partition_point(|m| *m < x);
    let candidates = [i.saturating_sub(1), i.min(months.len() - 1)];
    candidates.into_iter().min_by(|a, b| (months[*a] - x).abs().total_cmp(&(months[*b] - x).abs()))
}

fn series_points(xs: &[f64], ys: &[f64], log: bool) -> Vec<PlotPoint> {
    xs.iter()
        .zip(ys)
        .filter_map(|(&x, &y)| {
            let y = if log { if y > 0.0 { y.log10() } else { f64::NAN } } else { y };
            y.is_finite().then_some(PlotPoint::new(x, y))
        })
        .collect()
}

fn stack(xs: &[f64], results: &Results, columns: &[PlotColumn]) -> Vec<PreparedBand> {
    let step = xs.len().div_ceil(MAX_POINTS).max(1);
    let xs: Vec<f64> = xs.iter().step_by(step).copied().collect();
    let mut lo = vec![0.0; xs.len()];
    let mut bands = Vec::new();
    for c in columns {
        let ys: Vec<f64> =
            results.values[c.index].iter().step_by(step).map(|y| if y.is_finite() { *y } else { 0.0 }).collect();
        if ys.iter().all(|y| *y == 0.0) {
            continue;
        }
        let hi: Vec<f64> = lo.iter().zip(&ys).map(|(a, b)| a + b).collect();
        bands.push(PreparedBand {
            name: c.name.clone(),
            unit: results.specs[c.index].unit.clone(),
            style: c.style,
            values: ys,
            xs: xs.clone(),
            lo: lo.clone(),
            hi: hi.clone(),
        });
        lo = hi;
    }
    bands
}

/// Keeps at most `max` points: the series is cut into `max / 2` buckets and
/// each keeps its lowest and highest point, in time order.
pub fn decimate(points: &[PlotPoint], max: usize) -> Vec<PlotPoint> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let buckets = max / 2;
    let size = points.len().div_ceil(buckets);
    let mut out = Vec::with_capacity(max);
    for chunk in points.chunks(size) {
        let (mut lo, mut hi) = (0, 0);
        for (i, p) in chunk.iter().enumerate() {
            if p.y < chunk[lo].y {
                lo = i;
            }
            if p.y > chunk[hi].y {
                hi = i;
            }
        }
        let (a, b) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        out.push(chunk[a]);
        if b != a {
            out.push(chunk[b]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Month;
    use crate::sim::ColumnSpec;
    use crate::views::catalog::Series;

    fn results() -> Results {
        let specs = vec![
            ColumnSpec::new("hashrate_ehs", "Hash rate", "EH/s"),
            ColumnSpec::new("region_share.us", "United States", "fraction 0–1"),
            ColumnSpec::new("region_share.cn", "China", "fraction 0–1"),
        ];
        let mut r = Results::new(specs, 3);
        r.push(Month::ym(2020, 1), &[10.0, 0.25, 0.75]);
        r.push(Month::ym(2020, 2), &[0.0, 0.5, 0.5]);
        r.push(Month::ym(2020, 3), &[1000.0, f64::NAN, 1.0]);
        r
    }

    #[test]
    fn log_plots_hold_log10_and_skip_non_positive_values() {
        let spec = PlotSpec {
            id: "t",
            title: "t",
            series: &[Series::Key("hashrate_ehs", "H"), Series::Key("missing", "M")],
            log: true,
            log_toggle: true,
            kind: PlotKind::Lines,
            note: "",
        };
        let p = prepare(&spec, &results(), true);
        assert_eq!(p.lines.len(), 1, "a missing column is left out");
        let ys: Vec<f64> = p.lines[0].points.iter().map(|p| p.y).collect();
        assert_eq!(ys, vec![1.0, 3.0]);
        assert_eq!(p.common_unit(), Some("EH/s"));
    }

    #[test]
    fn stacked_bands_add_up_and_prefix_expands_every_column() {
        let spec = PlotSpec {
            id: "t",
            title: "t",
            series: &[Series::Prefix("region_share.")],
            log: false,
            log_toggle: false,
            kind: PlotKind::Stacked,
            note: "",
        };
        let p = prepare(&spec, &results(), false);
        assert_eq!(p.bands.len(), 2);
        assert_eq!(p.bands[0].name, "United States");
        assert_eq!(p.bands[1].lo, p.bands[0].hi);
        assert_eq!(p.bands[1].hi, vec![1.0, 1.0, 1.0]);
        assert_ne!(p.bands[0].style.color, p.bands[1].style.color);
    }

    #[test]
    fn a_capped_series_is_drawn_in_its_band_and_read_out_as_is() {
        let specs = vec![ColumnSpec::new("ai_nakamoto_owner", "Nakamoto", "entities")];
        let mut r = Results::new(specs, 1);
        r.push(Month::ym(2022, 1), &[3.0]);
        r.push(Month::ym(2022, 2), &[5e8]);
        let spec = PlotSpec {
            id: "t",
            title: "t",
            series: &[Series::Key("ai_nakamoto_owner", "AI")],
            log: true,
            log_toggle: true,
            kind: PlotKind::Lines,
            note: "",
        };
        let p = prepare(&spec, &r, true);
        let line = &p.lines[0];
        let cap = line.cap.expect("capped");
        assert_eq!(line.points[1].y, capped_draw_value(&cap).log10());
        assert!(line.points[1].y < 5e8f64.log10());
        assert_eq!(line.values, vec![3.0, 5e8]);
        assert_eq!(nearest_month(&p.months, 2022.09), Some(1));
        assert_eq!(nearest_month(&p.months, 2000.0), Some(0));
    }

    #[test]
    fn decimation_keeps_extremes_and_bounds_the_count() {
        let pts: Vec<PlotPoint> =
            (0..10_000).map(|i| PlotPoint::new(f64::from(i), if i == 5_000 { 99.0 } else { 0.0 })).collect();
        let d = decimate(&pts, 100);
        assert!(d.len() <= 100);
        assert!(d.iter().any(|p| p.y == 99.0), "the spike survives");
        assert!(d.windows(2).all(|w| w[0].x < w[1].x), "time order kept");
    }
}
