//! Measurements of the simulation's speed, shared by `diverge bench` and the
//! benchmarks in `benches/`, so the figures in `docs/PERFORMANCE.md` come
//! from one definition whichever way they are taken.
//!
//! Four figures: the wall time of whole in-process runs of a scenario (both
//! sectors, no CSV), the mining sector's throughput in firm-months per second
//! on one core (a firm-month is one firm stepped through one month; the
//! sector is stepped alone so the AI sector's fixed cost does not hide how
//! the agent loop scales), and the scale scenarios those are measured on:
//! the baseline with more initial operators, and the slowest scenario the
//! registry allows. Everything here is GUI-free and single-threaded.

use std::ops::ControlFlow;
use std::time::Instant;

use rand::SeedableRng;
use rand_chacha::ChaCha12Rng;

use crate::scenario::params::{Param, Params, Value, Visitor};
use crate::scenario::{Scenario, presets};
use crate::sim::ai::AiSector;
use crate::sim::mining::MiningSector;
use crate::sim::run::{AI_STREAM, MINING_STREAM};
use crate::sim::{MonthContext, Results, RunError, Sector, Simulation, run};

/// Minimum, median and maximum of repeated measurements, milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Fastest run.
    pub min_ms: f64,
    /// Median run.
    pub median_ms: f64,
    /// Slowest run.
    pub max_ms: f64,
    /// Number of runs measured.
    pub runs: usize,
}

impl Timing {
    /// The statistics of `samples` (milliseconds); all NaN when empty.
    pub fn of(mut samples: Vec<f64>) -> Self {
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        let pick = |i: usize| samples.get(i).copied().unwrap_or(f64::NAN);
        let median = if n % 2 == 1 || n == 0 { pick(n / 2) } else { f64::midpoint(pick(n / 2 - 1), pick(n / 2)) };
        Self { min_ms: pick(0), median_ms: median, max_ms: pick(n.saturating_sub(1)), runs: n }
    }
}

/// Wall time of `runs` complete runs of `s` on its own seed (after one
/// unmeasured warm-up run).
pub fn time_runs(s: &Scenario, runs: usize) -> Result<Timing, RunError> {
    run(s, s.seed, |_, _| ControlFlow::Continue(()))?;
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        run(s, s.seed, |_, _| ControlFlow::Continue(()))?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(Timing::of(samples))
}

/// One sector of the model, to run alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectorChoice {
    /// Bitcoin mining.
    Mining,
    /// AI compute.
    Ai,
}

/// A run of one sector of a (validated) scenario alone, in the shared driver
/// with the scenario's seed and the sector's own random stream, so its
/// columns are those of a full run.
pub fn run_alone(s: &Scenario, which: SectorChoice) -> Results {
    let sector: (u64, Box<dyn Sector>) = match which {
        SectorChoice::Mining => (MINING_STREAM, Box::new(MiningSector::new(s))),
        SectorChoice::Ai => (AI_STREAM, Box::new(AiSector::new(s))),
    };
    let mut sim = Simulation::with_sectors(s, s.seed, vec![sector]);
    while sim.step() {}
    sim.into_results()
}

/// Wall time of `runs` runs of one sector alone (after a warm-up run).
pub fn time_sector(s: &Scenario, which: SectorChoice, runs: usize) -> Timing {
    run_alone(s, which);
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run_alone(s, which));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    Timing::of(samples)
}

/// Wall time of `runs` re-runs of `edited` as the window makes them after
/// an edit of `earlier` (after a warm-up re-run): replaying from the finished
/// run of `earlier` every sector the edit left alone.
pub fn time_rerun(earlier: &Scenario, edited: &Scenario, runs: usize) -> Result<Timing, RunError> {
    let mut first = Simulation::new(earlier, earlier.seed)?;
    while first.step() {}
    let kept = first.finished(earlier, earlier.seed);
    let rerun = || -> Result<f64, RunError> {
        let t = Instant::now();
        let mut sim = Simulation::reusing(edited, edited.seed, kept.as_ref())?;
        while sim.step() {}
        std::hint::black_box(sim.into_results());
        Ok(t.elapsed().as_secs_f64() * 1000.0)
    };
    rerun()?;
    let samples = (0..runs).map(|_| rerun()).collect::<Result<Vec<f64>, RunError>>()?;
    Ok(Timing::of(samples))
}

/// The mining sector stepped alone over a timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Throughput {
    /// Firms stepped, summed over months.
    pub firm_months: f64,
    /// Wall time, seconds.
    pub seconds: f64,
}

impl Throughput {
    /// Firm-months per second.
    pub fn per_second(&self) -> f64 {
        self.firm_months / self.seconds
    }

    /// Wall time per firm-month, nanoseconds.
    pub fn ns_per_firm_month(&self) -> f64 {
        self.seconds * 1.0e9 / self.firm_months
    }
}

/// Steps the mining sector of `s` alone on its own seed, counting the firms
/// it holds each month.
pub fn mining_throughput(s: &Scenario) -> Throughput {
    let mut sector = MiningSector::new(s);
    let mut rng = ChaCha12Rng::seed_from_u64(s.seed);
    let mut row = vec![f64::NAN; sector.columns().len()];
    let mut markers = Vec::new();
    let mut firm_months = 0.0;
    let t = Instant::now();
    for (index, month) in s.timeline.start.through(s.timeline.end).enumerate() {
        sector.step(&MonthContext { month, index }, &mut rng, &mut row, &mut markers);
        firm_months += sector.firm_count() as f64;
    }
    Throughput { firm_months, seconds: t.elapsed().as_secs_f64() }
}

/// The default scenario with `operators` initial operators
/// (`miners.operator.initial_count`).
pub fn with_operators(operators: u32) -> Scenario {
    let mut s = presets::default_scenario();
    s.miners.operator.initial_count = operators;
    s
}

/// Parameters set to their registry maximum in [`slowest_scenario`]: every
/// count of agents, arrival rate and population the mining sector holds.
pub const SLOWEST_AT_MAX: &[&str] = &[
    "miners.operator.initial_count",
    "miners.industrial.initial_count",
    "entry.base_rate_per_month",
    "entry.profitability_elasticity",
    "pools.new_pools_per_year",
    "miners.hobbyist.initial_members",
    "miners.hobbyist.potential_members",
];

/// The default scenario with every parameter of [`SLOWEST_AT_MAX`] at the
/// largest value the registry accepts.
pub fn slowest_scenario() -> Scenario {
    let mut s = presets::default_scenario();
    for path in SLOWEST_AT_MAX {
        s.visit("", &mut ToMax(path));
    }
    s
}

/// Sets the numeric field at one path to its registry maximum.
struct ToMax<'a>(&'a str);

impl Visitor for ToMax<'_> {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        if path != self.0 {
            return;
        }
        match value {
            Value::F64(v) => *v = param.max,
            Value::U32(v) => *v = param.max as u32,
            Value::U64(v) => *v = param.max as u64,
            Value::Bool(_) | Value::Month(_) | Value::OptU32(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_reports_the_middle_sample() {
        let t = Timing::of(vec![5.0, 1.0, 3.0]);
        assert_eq!((t.min_ms, t.median_ms, t.max_ms, t.runs), (1.0, 3.0, 5.0, 3));
        assert_eq!(Timing::of(vec![4.0, 2.0]).median_ms, 3.0);
        assert!(Timing::of(Vec::new()).median_ms.is_nan());
    }

    #[test]
    fn the_scale_scenarios_are_valid_and_set_what_they_say() {
        let s = slowest_scenario();
        crate::scenario::validate::validate(&s).expect("the slowest scenario is a valid one");
        assert_eq!(s.miners.operator.initial_count, 20_000);
        assert_eq!(s.entry.base_rate_per_month, 100.0);
        assert_eq!(with_operators(2000).miners.operator.initial_count, 2000);
    }

    #[test]
    fn a_sector_alone_writes_the_same_columns_as_in_a_full_run() {
        let mut s = presets::default_scenario();
        s.timeline.end = s.timeline.start.offset(23);
        s.events.clear();
        let full = run(&s, s.seed, |_, _| ControlFlow::Continue(())).expect("runs");
        let ai = run_alone(&s, SectorChoice::Ai);
        assert!(!ai.specs.is_empty() && ai.len() == 24);
        let bits = |r: &Results, key: &str| r.get(key).map(|c| c.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        for spec in &ai.specs {
            assert_eq!(bits(&ai, &spec.key), bits(&full, &spec.key), "{}", spec.key);
        }
        let mining = run_alone(&s, SectorChoice::Mining);
        assert!(mining.get("ai_edge_share").is_none());
        assert_eq!(bits(&mining, "hashrate_ehs"), bits(&full, "hashrate_ehs"));
    }

    #[test]
    fn throughput_counts_every_firm_every_month() {
        let mut s = with_operators(50);
        s.timeline.end = s.timeline.start.offset(11);
        s.entry.enabled = false;
        s.miners.operator.first_month = s.timeline.start;
        let t = mining_throughput(&s);
        // 50 firms in the first month; no entry, so never more than 50.
        assert!(t.firm_months >= 50.0 && t.firm_months <= 12.0 * 50.0, "{t:?}");
        assert!(t.per_second() > 0.0);
    }
}
