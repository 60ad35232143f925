//! The whole monthly path of one output against a sparse reference series:
//! every month the ensemble's median and p5–p95 band of the model against
//! the reference, and the stretches where the band misses it.
//!
//! The point references of [`super::references`] judge a dozen months; the
//! path between them can still wander (a boom a year early, a stall after a
//! halving) and pass every point. Public series of the network hash rate
//! come to Diverge only as the rows of one table in `data/bitcoin.md`, so
//! the reference of a month between two rows is their **log-linear
//! interpolation** ([`Series::at`]): growth at a constant rate from one row
//! to the next, the shape a hash rate that grows by factors takes. It is an
//! interpolation, not data; the real network did not grow smoothly between
//! rows, so a departure in the middle of a long gap says less than one at a
//! row. Months outside the table's span have no reference at all rather
//! than an extrapolated one.
//!
//! A month is within tolerance when the band and the reference's own
//! uncertainty (±15 % for the table's "approx." figures) overlap; a
//! [`Departure`] is a run of consecutive months that miss on the same side.
//! The comparison knows nothing of hash rate: any output and any series of
//! positive values can be judged the same way.

use std::fmt::Write as _;

use super::{Ensemble, Spread, When};
use crate::scenario::Month;

/// A reference series known at some months, read in between by log-linear
/// interpolation.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    points: Vec<(Month, f64)>,
}

impl Series {
    /// The series through `points`, which must be in strictly increasing
    /// months, with positive finite values, and at least one of them.
    pub fn new(points: Vec<(Month, f64)>) -> Result<Self, String> {
        if points.is_empty() {
            return Err("a reference series needs at least one point".into());
        }
        if let Some(w) = points.windows(2).find(|w| w[1].0 <= w[0].0) {
            return Err(format!("reference months must increase: {} then {}", w[0].0, w[1].0));
        }
        if let Some((m, x)) = points.iter().find(|(_, x)| !(x.is_finite() && *x > 0.0)) {
            return Err(format!("reference value {x} in {m} is not a positive number"));
        }
        Ok(Self { points })
    }

    /// The first and last months with a point.
    pub fn span(&self) -> (Month, Month) {
        (self.points[0].0, self.points[self.points.len() - 1].0)
    }

    /// The points the series was built from.
    pub fn points(&self) -> &[(Month, f64)] {
        &self.points
    }

    /// The reference in `month`: the point itself at a point, the log-linear
    /// interpolation between the two points around it, `None` outside the
    /// span.
    pub fn at(&self, month: Month) -> Option<f64> {
        let after = self.points.partition_point(|&(m, _)| m < month);
        let &(m1, x1) = self.points.get(after)?;
        if m1 == month {
            return Some(x1);
        }
        let &(m0, x0) = self.points.get(after.checked_sub(1)?)?;
        let t = f64::from(month.months_since(m0)) / f64::from(m1.months_since(m0));
        Some((x0.ln() + t * (x1 / x0).ln()).exp())
    }
}

/// Which side of the reference a month's band lies on when it misses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The whole band is below the reference's lower bound.
    Low,
    /// The whole band is above the reference's upper bound.
    High,
    /// The runs have no value this month.
    Absent,
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Side::Low => "low",
            Side::High => "high",
            Side::Absent => "absent",
        })
    }
}

/// One month of the comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthFit {
    /// The month.
    pub month: Month,
    /// The (interpolated) reference.
    pub reference: f64,
    /// The ensemble's median and band.
    pub spread: Spread,
}

impl MonthFit {
    /// Model median over reference.
    pub fn ratio(&self) -> f64 {
        self.spread.median / self.reference
    }

    /// Where the band misses the reference widened by `tolerance` (a
    /// fraction either way), or `None` when they overlap.
    pub fn miss(&self, tolerance: f64) -> Option<Side> {
        let (lo, hi) = (self.reference * (1.0 - tolerance), self.reference * (1.0 + tolerance));
        let s = self.spread;
        if s.p5.is_nan() || s.p95.is_nan() {
            Some(Side::Absent)
        } else if s.p95 < lo {
            Some(Side::Low)
        } else if s.p5 > hi {
            Some(Side::High)
        } else {
            None
        }
    }
}

/// A run of consecutive months whose band misses on the same side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Departure {
    /// The side it misses on.
    pub side: Side,
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// The smallest and the largest median/reference over its months.
    pub ratio: (f64, f64),
}

impl Departure {
    /// Its length in months.
    pub fn months(&self) -> i32 {
        self.to.months_since(self.from) + 1
    }
}

/// The monthly comparison of one output with a reference series.
#[derive(Debug, Clone, PartialEq)]
pub struct PathFit {
    /// The output column compared.
    pub key: String,
    /// The reference's uncertainty, a fraction either way.
    pub tolerance: f64,
    /// Runs in the ensemble.
    pub runs: usize,
    /// Every month compared, in order.
    pub months: Vec<MonthFit>,
}

impl PathFit {
    /// Compares `key` in every month of the ensemble's timeline that lies
    /// inside the span of `reference`.
    pub fn judge(ensemble: &Ensemble, key: &str, reference: &Series, tolerance: f64) -> Self {
        let t = &ensemble.scenario.timeline;
        let (first, last) = reference.span();
        let months = first
            .max(t.start)
            .through(last.min(t.end))
            .filter_map(|month| {
                let reference = reference.at(month)?;
                Some(MonthFit { month, reference, spread: Spread::of(&ensemble.values(key, When::Month(month))) })
            })
            .collect();
        Self { key: key.to_owned(), tolerance, runs: ensemble.runs.len(), months }
    }

    /// Months whose band is within tolerance of the reference.
    pub fn within(&self) -> usize {
        self.months.iter().filter(|m| m.miss(self.tolerance).is_none()).count()
    }

    /// Share of the months compared that are within tolerance (NaN when
    /// none were compared).
    pub fn within_share(&self) -> f64 {
        self.within() as f64 / self.months.len() as f64
    }

    /// The stretches that miss, in order: each maximal run of consecutive
    /// months missing on one side.
    pub fn departures(&self) -> Vec<Departure> {
        let mut out: Vec<Departure> = Vec::new();
        for fit in &self.months {
            let Some(side) = fit.miss(self.tolerance) else { continue };
            let r = fit.ratio();
            match out.last_mut() {
                Some(d) if d.side == side && fit.month.months_since(d.to) == 1 => {
                    d.to = fit.month;
                    d.ratio = (d.ratio.0.min(r), d.ratio.1.max(r));
                }
                _ => out.push(Departure { side, from: fit.month, to: fit.month, ratio: (r, r) }),
            }
        }
        out
    }

    /// The comparison as text: a summary, one line per year (months within
    /// tolerance, the range of median/reference, the halvings in
    /// `halvings` that fall in it), then every departure.
    pub fn to_text(&self, halvings: &[Month]) -> String {
        let mut out = format!(
            "{} months compared; the p5–p95 band within ±{:.0} % of the reference in {} ({:.0} %)\n",
            self.months.len(),
            self.tolerance * 100.0,
            self.within(),
            self.within_share() * 100.0
        );
        let _ = writeln!(out, "{:<6} {:>7}  {:<28} halving", "year", "within", "median/reference (min–max)");
        let mut years: Vec<i32> = self.months.iter().map(|m| m.month.year()).collect();
        years.dedup();
        for year in years {
            self.year_line(&mut out, year, halvings);
        }
        let departures = self.departures();
        let _ =
            writeln!(out, "Departures (band entirely outside ±{:.0} %): {}", self.tolerance * 100.0, departures.len());
        for d in &departures {
            let ratios = match d.side {
                Side::Absent => "no values".to_owned(),
                _ => format!("median/reference {}–{}", ratio(d.ratio.0), ratio(d.ratio.1)),
            };
            let months = if d.months() == 1 { "month " } else { "months" };
            let _ =
                writeln!(out, "  {} … {} {:>3} {months} {:<6} {ratios}", d.from, d.to, d.months(), d.side.to_string());
        }
        out
    }

    fn year_line(&self, out: &mut String, year: i32, halvings: &[Month]) {
        let fits: Vec<&MonthFit> = self.months.iter().filter(|m| m.month.year() == year).collect();
        let within = fits.iter().filter(|m| m.miss(self.tolerance).is_none()).count();
        let ratios = fits.iter().map(|m| m.ratio()).filter(|r| !r.is_nan());
        let (lo, hi) = ratios.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| (lo.min(r), hi.max(r)));
        let range = if lo > hi { "–".to_owned() } else { format!("{}–{}", ratio(lo), ratio(hi)) };
        let halving: Vec<String> = halvings.iter().filter(|h| h.year() == year).map(ToString::to_string).collect();
        let count = format!("{within}/{}", fits.len());
        let _ = writeln!(out, "{year:<6} {count:>7}  {range:<28} {}", halving.join(" "));
    }
}

/// A ratio in three significant digits, scientific below 0.01.
fn ratio(x: f64) -> String {
    if x.is_finite() && x.abs() < 0.01 && x != 0.0 { format!("{x:.2e}") } else { format!("{x:.3}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> Month {
        Month::ym(y, mo)
    }

    fn series() -> Series {
        Series::new(vec![(m(2012, 12), 1.0), (m(2013, 12), 4096.0), (m(2014, 3), 8.0)]).unwrap()
    }

    #[test]
    fn the_interpolation_is_exact_at_the_points() {
        let s = series();
        for &(month, x) in s.points() {
            assert_eq!(s.at(month), Some(x), "{month}");
        }
    }

    #[test]
    fn between_points_the_interpolation_grows_at_a_constant_rate() {
        let s = series();
        // 1 → 4096 over twelve months is ×2 a month; 4096 → 8 over three is ÷8.
        for k in 0..=12 {
            let x = s.at(m(2012, 12).offset(k)).unwrap();
            assert!((x / 2f64.powi(k) - 1.0).abs() < 1e-12, "month {k}: {x}");
        }
        assert!((s.at(m(2014, 1)).unwrap() - 512.0).abs() < 1e-9);
        assert!((s.at(m(2014, 2)).unwrap() - 64.0).abs() < 1e-9);
        // The geometric, not the arithmetic, mean halfway.
        let two = Series::new(vec![(m(2020, 1), 10.0), (m(2020, 3), 1000.0)]).unwrap();
        assert!((two.at(m(2020, 2)).unwrap() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn there_is_no_reference_outside_the_span() {
        let s = series();
        assert_eq!(s.span(), (m(2012, 12), m(2014, 3)));
        assert_eq!(s.at(m(2012, 11)), None);
        assert_eq!(s.at(m(2014, 4)), None);
        assert_eq!(s.at(m(1999, 1)), None);
        let one = Series::new(vec![(m(2020, 5), 3.0)]).unwrap();
        assert_eq!((one.at(m(2020, 5)), one.at(m(2020, 4)), one.at(m(2020, 6))), (Some(3.0), None, None));
    }

    #[test]
    fn a_series_out_of_order_or_not_positive_is_refused() {
        assert!(Series::new(vec![]).is_err());
        assert!(Series::new(vec![(m(2020, 5), 1.0), (m(2020, 5), 2.0)]).is_err());
        assert!(Series::new(vec![(m(2020, 5), 1.0), (m(2020, 4), 2.0)]).is_err());
        assert!(Series::new(vec![(m(2020, 5), 0.0)]).is_err());
        assert!(Series::new(vec![(m(2020, 5), f64::NAN)]).is_err());
    }

    fn fit(month: Month, reference: f64, p5: f64, median: f64, p95: f64) -> MonthFit {
        MonthFit { month, reference, spread: Spread { p5, median, p95 } }
    }

    #[test]
    fn a_band_reaching_into_the_widened_reference_is_within() {
        let f = |p5, p95| fit(m(2020, 1), 100.0, p5, f64::midpoint(p5, p95), p95).miss(0.15);
        assert_eq!(f(60.0, 85.01), None);
        assert_eq!(f(60.0, 84.99), Some(Side::Low));
        assert_eq!(f(114.99, 200.0), None);
        assert_eq!(f(115.01, 200.0), Some(Side::High));
        assert_eq!(f(10.0, 1000.0), None);
        assert_eq!(fit(m(2020, 1), 100.0, f64::NAN, f64::NAN, f64::NAN).miss(0.15), Some(Side::Absent));
    }

    /// Twelve months: 0–2 low, 3 inside, 4–5 low, 6–7 high, 8 inside, 10–11
    /// absent with 9 inside, so four departures, each ending where the side
    /// changes or a month falls inside.
    #[test]
    fn departures_are_runs_of_months_missing_on_one_side() {
        let start = m(2016, 1);
        let bands = [
            (10.0, 20.0, 30.0),
            (10.0, 40.0, 50.0),
            (10.0, 30.0, 50.0),
            (80.0, 100.0, 120.0),
            (40.0, 50.0, 60.0),
            (40.0, 45.0, 60.0),
            (120.0, 200.0, 300.0),
            (120.0, 250.0, 300.0),
            (50.0, 100.0, 150.0),
            (50.0, 100.0, 150.0),
            (f64::NAN, f64::NAN, f64::NAN),
            (f64::NAN, f64::NAN, f64::NAN),
        ];
        let months = bands.iter().enumerate().map(|(k, &(a, b, c))| fit(start.offset(k as i32), 100.0, a, b, c));
        let path = PathFit { key: "x".into(), tolerance: 0.15, runs: 1, months: months.collect() };
        let d = path.departures();
        let got: Vec<(Side, Month, Month)> = d.iter().map(|d| (d.side, d.from, d.to)).collect();
        assert_eq!(
            got,
            [
                (Side::Low, m(2016, 1), m(2016, 3)),
                (Side::Low, m(2016, 5), m(2016, 6)),
                (Side::High, m(2016, 7), m(2016, 8)),
                (Side::Absent, m(2016, 11), m(2016, 12)),
            ]
        );
        assert_eq!((d[0].ratio, d[0].months()), ((0.2, 0.4), 3));
        assert_eq!(d[2].ratio, (2.0, 2.5));
        assert_eq!(path.within(), 3);
        let text = path.to_text(&[m(2016, 7)]);
        assert!(text.contains("12 months compared") && text.contains("in 3 (25 %)"), "{text}");
        assert!(text.contains("2016-07 … 2016-08   2 months high   median/reference 2.000–2.500"), "{text}");
        assert!(text.contains("3/12") && text.ends_with("absent no values\n"), "{text}");
    }

    #[test]
    fn a_gap_in_the_months_ends_a_departure() {
        let low = |month| fit(month, 100.0, 1.0, 2.0, 3.0);
        let path =
            PathFit { key: "x".into(), tolerance: 0.15, runs: 1, months: vec![low(m(2016, 1)), low(m(2016, 3))] };
        assert_eq!(path.departures().len(), 2);
    }
}
