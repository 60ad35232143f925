//! The calibration report: every reference with the ensemble's median and
//! p5–p95 band and a verdict, then every story with the seeds it fails on,
//! then the monthly hash-rate path against the public table, then a
//! year-by-year table of the headline series. Plain text, for
//! `diverge calibrate` and the notes that record the fit.

use std::fmt::Write as _;

use super::path::PathFit;
use super::references::{HASH_RATE_TABLE_TOLERANCE, Point, Story, hash_rate_series, real_halvings};
use super::{Ensemble, Spread, When};

/// The verdict on one point reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointVerdict {
    /// The reference.
    pub point: Point,
    /// What the ensemble gives there.
    pub spread: Spread,
    /// Whether it holds.
    pub holds: bool,
}

/// The verdict on one story.
#[derive(Debug, Clone)]
pub struct StoryVerdict {
    /// The story.
    pub story: Story,
    /// Seeds it fails on, with what each run did instead.
    pub failures: Vec<(u64, String)>,
    /// Whether it holds on enough runs.
    pub holds: bool,
}

/// Every verdict of an ensemble.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// Runs in the ensemble.
    pub runs: usize,
    /// The point references.
    pub points: Vec<PointVerdict>,
    /// The stories.
    pub stories: Vec<StoryVerdict>,
}

impl Calibration {
    /// Judges `ensemble` by these references and stories.
    pub fn judge(ensemble: &Ensemble, points: &[Point], stories: &[Story]) -> Self {
        let points = points
            .iter()
            .map(|&point| {
                let spread = Spread::of(&ensemble.values(point.key, point.when));
                PointVerdict { point, spread, holds: point.holds(&spread) }
            })
            .collect();
        let stories = stories
            .iter()
            .map(|&story| StoryVerdict { story, failures: story.failures(ensemble), holds: story.holds(ensemble) })
            .collect();
        Self { runs: ensemble.runs.len(), points, stories }
    }

    /// Whether every reference and story holds.
    pub fn all_hold(&self) -> bool {
        self.points.iter().all(|p| p.holds) && self.stories.iter().all(|s| s.holds)
    }

    /// The verdicts as a text table.
    pub fn to_text(&self) -> String {
        let mut out = format!("Point references ({} runs: median and p5–p95 band)\n", self.runs);
        let _ = writeln!(
            out,
            "{:<26} {:<15} {:>11} {:>11} {:>23}  {:<16} verdict",
            "output", "when", "reference", "median", "p5–p95", "tolerance"
        );
        for v in &self.points {
            let p = &v.point;
            let band = format!("{}–{}", num(v.spread.p5), num(v.spread.p95));
            let _ = writeln!(
                out,
                "{:<26} {:<15} {:>11} {:>11} {:>23}  {:<16} {}",
                p.key,
                p.when.to_string(),
                num(p.target),
                num(v.spread.median),
                band,
                p.tolerance.to_string(),
                verdict(v.holds)
            );
        }
        let _ = writeln!(out, "\nStories (must hold on at least 95 % of runs)");
        for v in &self.stories {
            let held = self.runs - v.failures.len();
            let _ = writeln!(out, "{} {held}/{} {}", verdict(v.holds), self.runs, v.story.what);
            for (seed, what) in v.failures.iter().take(3) {
                let _ = writeln!(out, "      seed {seed}: {what}");
            }
        }
        out
    }
}

fn verdict(holds: bool) -> &'static str {
    if holds { "ok  " } else { "MISS" }
}

/// A number in four significant digits, scientific when very small or large.
fn num(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x != 0.0 && (x.abs() < 1e-3 || x.abs() >= 1e6) {
        format!("{x:.3e}")
    } else {
        let digits = (3 - x.abs().max(1e-3).log10().floor() as i32).clamp(0, 6) as usize;
        format!("{x:.digits$}")
    }
}

/// The ensemble's monthly hash rate against `data/bitcoin.md`'s table,
/// interpolated month by month, within the table's ±15 %.
pub fn hash_rate_path(ensemble: &Ensemble) -> PathFit {
    PathFit::judge(ensemble, "hashrate_ehs", &hash_rate_series(), HASH_RATE_TABLE_TOLERANCE)
}

/// [`hash_rate_path`] as text, with a heading that says what the reference
/// is.
pub fn hash_rate_path_text(fit: &PathFit) -> String {
    let series = hash_rate_series();
    let (first, last) = series.span();
    let mut out = format!(
        "Monthly hash rate against data/bitcoin.md's table (its {} rows, {first} … {last}), interpolated \
         log-linearly between rows: an interpolation, not data ({} runs: median and p5–p95)\n",
        series.points().len(),
        fit.runs,
    );
    out.push_str(&fit.to_text(&real_halvings()));
    out
}

/// Year-by-year median and p5–p95 of `keys` over `years`.
pub fn yearly_table(ensemble: &Ensemble, keys: &[&str], years: std::ops::RangeInclusive<i32>) -> String {
    let mut out = format!("{:<6}", "year");
    for k in keys {
        let _ = write!(out, " {k:>34}");
    }
    out.push('\n');
    for year in years {
        let _ = write!(out, "{year:<6}");
        for k in keys {
            let s = Spread::of(&ensemble.values(k, When::Year(year)));
            let cell = format!("{} ({}–{})", num(s.median), num(s.p5), num(s.p95));
            let _ = write!(out, " {cell:>34}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_keep_four_significant_digits() {
        assert_eq!(num(0.1759), "0.1759");
        assert_eq!(num(193.6), "193.6");
        assert_eq!(num(2.5e-5), "2.500e-5");
        assert_eq!(num(f64::NAN), "–");
    }
}
