//! Monte Carlo: N runs of one scenario on seeds derived from its seed (see
//! [`super::run_seed`]), reduced to per-month percentiles p5, p25, p50, p75,
//! p95 and the mean of every output column.
//!
//! Memory: each finished run is copied into one `f32` buffer of
//! `runs × columns × months` values and its `f64` results are dropped, so
//! memory grows with N only by what exact percentiles need (4 bytes per run,
//! column and month; about 150 MB for 1,000 runs of the baseline). `f32`
//! keeps about 7 significant digits, far finer than the spread between runs.
//! Percentiles are exact over those copies (linear interpolation between
//! order statistics, the "type 7" definition of R and `NumPy`); the mean is
//! summed in `f64` in run order. Months where a run has no value (NaN) are
//! left out of that month's statistics.
//!
//! Bit-identical whatever the thread count: run `k` writes only its own
//! slice of the buffer, and the reduction reads it in run order.

use rayon::prelude::*;

use super::{ExperimentError, Tracker, run_counted, run_once, run_seed, run_uncounted};
use crate::scenario::{Month, Scenario};
use crate::sim::{ColumnSpec, Results, SectorKind, Simulation};

/// The percentiles written for every column, in percent.
pub const PERCENTILES: [f64; 5] = [5.0, 25.0, 50.0, 75.0, 95.0];

/// Suffixes of the statistics columns, in output order.
pub const STAT_SUFFIXES: [&str; 6] = ["p5", "p25", "p50", "p75", "p95", "mean"];

/// The statistics of one column in one month over the runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// p5, p25, p50, p75, p95 (NaN when no run has a value).
    pub percentiles: [f64; 5],
    /// Mean over the runs with a value.
    pub mean: f64,
    /// Runs with a value this month.
    pub count: usize,
}

/// The percentile bands of every column.
#[derive(Debug, Clone, PartialEq)]
pub struct Bands {
    /// Simulated months.
    pub months: Vec<Month>,
    /// The columns, as a single run has them.
    pub specs: Vec<ColumnSpec>,
    /// Number of runs.
    pub runs: usize,
    /// `stats[c][m]`: column `c` in month `m`.
    pub stats: Vec<Vec<Stats>>,
}

/// Runs `runs` seeds of `scenario` from `base_seed` on `pool` and reduces
/// them to bands.
pub fn monte_carlo(
    scenario: &Scenario,
    base_seed: u64,
    runs: usize,
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
) -> Result<Bands, ExperimentError> {
    tracker.add_total(runs);
    bands(scenario, base_seed, runs, pool, tracker)
}

/// [`monte_carlo`] without announcing its runs to the tracker (a sweep
/// announces all of its points' runs at once).
pub(super) fn bands(
    scenario: &Scenario,
    base_seed: u64,
    runs: usize,
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
) -> Result<Bands, ExperimentError> {
    if runs == 0 {
        return Err(ExperimentError::Setting("the number of runs must be at least 1".into()));
    }
    let first = Simulation::new(scenario, base_seed).map_err(|e| ExperimentError::from_run("", e))?;
    let (specs, layout) = (first.results().specs.clone(), first.layout());
    drop(first);
    let months: Vec<Month> = scenario.timeline.start.through(scenario.timeline.end).collect();
    let (cols, len) = (specs.len(), months.len());
    // Sectors that draw no random numbers give every run the same columns:
    // they run once, and each run only the sectors that draw.
    let (seeded, fixed): (Vec<SectorKind>, Vec<SectorKind>) = SectorKind::ALL.iter().partition(|k| k.uses_seed());
    let once = run_uncounted(scenario, base_seed, &fixed, tracker).map_err(|e| ExperimentError::from_run("", e))?;
    let (once_at, seeded_at) = (columns_of(&layout, &fixed), columns_of(&layout, &seeded));
    let mut samples = vec![f32::NAN; runs * cols * len];
    pool.install(|| {
        samples.par_chunks_mut(cols * len).enumerate().try_for_each(|(k, slice)| {
            let results = run_counted(scenario, run_seed(base_seed, k), &seeded, tracker)
                .map_err(|e| ExperimentError::from_run(&format!("run {k}: "), e))?;
            copy_columns(slice, &results, &seeded_at, len);
            copy_columns(slice, &once, &once_at, len);
            Ok::<(), ExperimentError>(())
        })
    })?;
    let all: Vec<usize> = (0..runs).collect();
    let stats = pool.install(|| reduce(&samples, cols, len, &all));
    Ok(Bands { months, specs, runs, stats })
}

/// Copies one run's columns into its `columns × months` slice as `f32`.
fn copy_run(slice: &mut [f32], results: &Results, len: usize) {
    let all: Vec<Option<usize>> = (0..results.values.len()).map(Some).collect();
    copy_columns(slice, results, &all, len);
}

/// Copies the columns of `results` (of some of the sectors) into a run's
/// `columns × months` slice as `f32`, column `c` to position `at[c]`.
fn copy_columns(slice: &mut [f32], results: &Results, at: &[Option<usize>], len: usize) {
    for (column, c) in results.values.iter().zip(at).filter_map(|(column, c)| Some((column, (*c)?))) {
        for (m, &x) in column.iter().enumerate().take(len) {
            slice[c * len + m] = x as f32;
        }
    }
}

/// Where each column of a run of the sectors `kinds` (laid out in run
/// order, as [`Simulation::of`] does) stands in a run of every sector, whose
/// `layout` is given.
fn columns_of(layout: &[(SectorKind, std::ops::Range<usize>)], kinds: &[SectorKind]) -> Vec<Option<usize>> {
    layout.iter().filter(|(k, _)| kinds.contains(k)).flat_map(|(_, columns)| columns.clone().map(Some)).collect()
}

/// The statistics of every column and month over the runs `ks` (in that
/// order) of `samples`, columns in parallel on the current pool.
fn reduce(samples: &[f32], cols: usize, len: usize, ks: &[usize]) -> Vec<Vec<Stats>> {
    (0..cols)
        .into_par_iter()
        .map(|c| {
            let mut scratch = Vec::with_capacity(ks.len());
            (0..len)
                .map(|m| {
                    scratch.clear();
                    scratch.extend(ks.iter().map(|&k| samples[(k * cols + c) * len + m]));
                    stats_of(&mut scratch)
                })
                .collect()
        })
        .collect()
}

/// Run `k` of a Monte Carlo of `scenario` from `base_seed` (seed
/// [`run_seed`]`(base_seed, k)`), counted on `tracker`: one unit of work for
/// a caller that gathers the runs itself with an [`Accumulator`].
pub fn run_one(scenario: &Scenario, base_seed: u64, k: usize, tracker: &Tracker) -> Result<Results, ExperimentError> {
    run_once(scenario, run_seed(base_seed, k), tracker).map_err(|e| ExperimentError::from_run(&format!("run {k}: "), e))
}

/// The runs of a Monte Carlo gathered one at a time as they finish, in any
/// order, for a window that draws the bands of what has finished so far.
///
/// It holds the same `f32` buffer as [`monte_carlo`], and [`Accumulator::bands`]
/// reduces the finished runs in run order, so once every run is in, its bands
/// are exactly those of [`monte_carlo`] whatever order they arrived in.
#[derive(Debug, Clone)]
pub struct Accumulator {
    months: Vec<Month>,
    specs: Vec<ColumnSpec>,
    runs: usize,
    samples: Vec<f32>,
    finished: Vec<bool>,
}

impl Accumulator {
    /// An empty accumulator for `runs` runs of `scenario`; fails when the
    /// scenario is not valid or `runs` is 0.
    pub fn new(scenario: &Scenario, base_seed: u64, runs: usize) -> Result<Self, ExperimentError> {
        if runs == 0 {
            return Err(ExperimentError::Setting("the number of runs must be at least 1".into()));
        }
        let first = Simulation::new(scenario, base_seed).map_err(|e| ExperimentError::from_run("", e))?;
        let specs = first.results().specs.clone();
        let months: Vec<Month> = scenario.timeline.start.through(scenario.timeline.end).collect();
        let size = runs * specs.len() * months.len();
        Ok(Self { months, specs, runs, samples: vec![f32::NAN; size], finished: vec![false; runs] })
    }

    /// Stores run `k` (ignored when `k` is out of range).
    pub fn record(&mut self, k: usize, results: &Results) {
        if k >= self.runs {
            return;
        }
        let (cols, len) = (self.specs.len(), self.months.len());
        copy_run(&mut self.samples[k * cols * len..(k + 1) * cols * len], results, len);
        self.finished[k] = true;
    }

    /// Runs stored so far.
    pub fn finished(&self) -> usize {
        self.finished.iter().filter(|f| **f).count()
    }

    /// Runs asked for.
    pub fn runs(&self) -> usize {
        self.runs
    }

    /// The bands of the runs finished so far (their count in
    /// [`Bands::runs`]), reduced in run order on the current thread pool.
    pub fn bands(&self) -> Bands {
        let ks: Vec<usize> = (0..self.runs).filter(|&k| self.finished[k]).collect();
        let stats = reduce(&self.samples, self.specs.len(), self.months.len(), &ks);
        Bands { months: self.months.clone(), specs: self.specs.clone(), runs: ks.len(), stats }
    }
}

/// The statistics of `values` (in run order; NaN are left out). Sorts
/// `values` in place.
pub fn stats_of(values: &mut Vec<f32>) -> Stats {
    values.retain(|x| !x.is_nan());
    let count = values.len();
    let mean = if count == 0 { f64::NAN } else { values.iter().map(|&x| f64::from(x)).sum::<f64>() / count as f64 };
    // Values equal under `total_cmp` have the same bits, so an unstable
    // sort gives the very order a stable one would, sooner.
    values.sort_unstable_by(f32::total_cmp);
    Stats { percentiles: PERCENTILES.map(|p| percentile(values, p)), mean, count }
}

/// The `p`-th percentile (0–100) of sorted `values`, interpolating linearly
/// between order statistics at rank `(n − 1) p / 100`; NaN when empty.
pub fn percentile(sorted: &[f32], p: f64) -> f64 {
    let Some(&last) = sorted.last() else { return f64::NAN };
    let rank = (sorted.len() - 1) as f64 * p / 100.0;
    let below = rank.floor() as usize;
    let Some(&above) = sorted.get(below + 1) else { return f64::from(last) };
    let low = f64::from(sorted[below]);
    low + (rank - below as f64) * (f64::from(above) - low)
}

impl Bands {
    /// The header cells of the statistics: `<column>.p5 … <column>.mean` for
    /// every column.
    pub fn header(&self) -> Vec<String> {
        self.specs.iter().flat_map(|s| STAT_SUFFIXES.map(|suffix| format!("{}.{suffix}", s.key))).collect()
    }

    /// The statistics cells of month `m`, in [`Bands::header`] order.
    pub fn row(&self, m: usize) -> Vec<String> {
        let mut cells = Vec::with_capacity(self.specs.len() * STAT_SUFFIXES.len());
        for column in &self.stats {
            let s = column[m];
            for x in s.percentiles.into_iter().chain([s.mean]) {
                cells.push(super::output::float_text(x));
            }
        }
        cells
    }

    /// Writes `month`, then the statistics of every column, one row per
    /// month; `prefix` cells (a sweep's parameter values) start every row.
    pub fn write_rows<W: std::io::Write>(&self, w: &mut csv::Writer<W>, prefix: &[String]) -> csv::Result<()> {
        for (m, month) in self.months.iter().enumerate() {
            w.write_record(prefix.iter().cloned().chain([month.to_string()]).chain(self.row(m)))?;
        }
        Ok(())
    }

    /// The whole CSV body: header (`month`, then the statistics) and rows.
    pub fn to_csv(&self) -> csv::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(std::iter::once("month".to_owned()).chain(self.header()))?;
        self.write_rows(&mut w, &[])?;
        w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        let sorted = [1.0_f32, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&sorted, 50.0), 3.0);
        assert_eq!(percentile(&sorted, 25.0), 2.0);
        assert_eq!(percentile(&sorted, 5.0), 1.2);
        assert_eq!(percentile(&sorted, 95.0), 4.8);
        assert_eq!(percentile(&[7.0], 95.0), 7.0);
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn stats_leave_out_missing_values() {
        let mut v = vec![4.0, f32::NAN, 2.0, 0.0];
        let s = stats_of(&mut v);
        assert_eq!((s.count, s.mean, s.percentiles[2]), (3, 2.0, 2.0));
    }
}
