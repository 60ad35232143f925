//! Calibration on ensembles: the history preset run on many seeds and
//! checked against the reference figures of `data/bitcoin.md`.
//!
//! One seed is one draw of the model's randomness (prices, entry, pool
//! choice), so a check that holds on one seed can fail on the next with no
//! error in the model. Every check here is therefore made on an
//! [`Ensemble`] of runs on the seeds a Monte Carlo uses
//! ([`super::run_seed`]), in two forms:
//!
//! - a **point** reference (a hash rate, an energy figure) passes when the
//!   p5–p95 band of the runs contains it or the median is within the
//!   reference's tolerance;
//! - a **story** (China above half before the ban, the US largest after it)
//!   is checked run by run and must hold on at least [`STORY_SHARE`] of them
//!   (19 of 20).
//!
//! Between the points, [`path`] compares the whole monthly path of an
//! output with a reference series interpolated month by month (the hash
//! rate against `data/bitcoin.md`'s table).
//!
//! The references are data ([`references`]), shared by `diverge calibrate`
//! and the calibration tests so both judge the model the same way;
//! [`report`] writes the verdicts, the monthly path and the year-by-year
//! table.

pub mod path;
pub mod references;
pub mod report;

use rayon::prelude::*;

use super::{ExperimentError, Tracker, run_once, run_seed};
use crate::scenario::{Month, Scenario};
use crate::sim::Results;

/// Share of runs on which a story must hold (19 of 20).
pub const STORY_SHARE: f64 = 0.95;

/// Runs of the ensemble the calibration checks by default.
pub const DEFAULT_RUNS: usize = 20;

/// The complete results of one scenario on several seeds.
#[derive(Debug, Clone)]
pub struct Ensemble {
    /// The scenario that was run.
    pub scenario: Scenario,
    /// The seed of each run, in run order.
    pub seeds: Vec<u64>,
    /// The results of each run, in run order.
    pub runs: Vec<Results>,
}

impl Ensemble {
    /// Runs `scenario` on `runs` seeds from its own seed, in parallel on
    /// `pool`. The runs do not depend on the thread count.
    pub fn run(
        scenario: &Scenario,
        runs: usize,
        pool: &rayon::ThreadPool,
        tracker: &Tracker,
    ) -> Result<Self, ExperimentError> {
        if runs == 0 {
            return Err(ExperimentError::Setting("the number of runs must be at least 1".into()));
        }
        tracker.add_total(runs);
        let seeds: Vec<u64> = (0..runs).map(|k| run_seed(scenario.seed, k)).collect();
        let results = pool.install(|| {
            seeds
                .par_iter()
                .enumerate()
                .map(|(k, &seed)| {
                    run_once(scenario, seed, tracker).map_err(|e| ExperimentError::from_run(&format!("run {k}: "), e))
                })
                .collect::<Result<Vec<_>, _>>()
        })?;
        Ok(Self { scenario: scenario.clone(), seeds, runs: results })
    }

    /// The value each run gives for `key` at `when`, in run order; NaN where
    /// a run has no value.
    pub fn values(&self, key: &str, when: When) -> Vec<f64> {
        self.runs.iter().map(|r| when.value(r, key)).collect()
    }
}

/// When a reference applies: one month, the mean over a calendar year, or
/// the mean over a span of months (a mining-map estimate averaged over the
/// months it was gathered in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The value in this month.
    Month(Month),
    /// The mean of the twelve months of this year.
    Year(i32),
    /// The mean of the months from the first to the second, both included.
    Span(Month, Month),
}

impl When {
    /// The value of `key` in `results` at this time (NaN when absent, or
    /// when a month of a mean is).
    pub fn value(self, results: &Results, key: &str) -> f64 {
        match self {
            When::Month(m) => results.at(key, m).unwrap_or(f64::NAN),
            When::Year(y) => mean_over(results, key, Month::ym(y, 1), Month::ym(y, 12)),
            When::Span(from, to) => mean_over(results, key, from, to),
        }
    }
}

/// The mean of `key` over the months `from` to `to`, NaN unless every one
/// of them has a value.
fn mean_over(results: &Results, key: &str, from: Month, to: Month) -> f64 {
    let values: Option<Vec<f64>> = from.through(to).map(|m| results.at(key, m)).collect();
    match values {
        Some(v) if !v.is_empty() => v.iter().sum::<f64>() / v.len() as f64,
        _ => f64::NAN,
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Month(m) => write!(f, "{m}"),
            When::Year(y) => write!(f, "{y} mean"),
            When::Span(from, to) => write!(f, "{from}…{to}"),
        }
    }
}

/// The median, p5 and p95 of some values (NaN left out; all NaN when none
/// is left), by linear interpolation between order statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub median: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Spread {
    /// The spread of `values`.
    pub fn of(values: &[f64]) -> Self {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
        v.sort_by(f64::total_cmp);
        Self { p5: quantile(&v, 0.05), median: quantile(&v, 0.5), p95: quantile(&v, 0.95) }
    }

    /// Whether `x` lies in the p5–p95 band.
    pub fn contains(&self, x: f64) -> bool {
        self.p5 <= x && x <= self.p95
    }
}

/// The `q` quantile of sorted values (NaN when there are none).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        n => {
            let pos = q * (n - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_interpolates_between_order_statistics_and_skips_nan() {
        let s = Spread::of(&[4.0, f64::NAN, 0.0, 2.0, 1.0, 3.0]);
        assert_eq!(s.median, 2.0);
        assert!((s.p5 - 0.2).abs() < 1e-12 && (s.p95 - 3.8).abs() < 1e-12, "{s:?}");
        assert!(s.contains(0.2) && !s.contains(0.1));
        assert!(Spread::of(&[f64::NAN]).median.is_nan());
    }
}
