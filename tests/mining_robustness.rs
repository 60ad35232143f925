//! The mining sector on extreme but valid input: every mining parameter of the
//! registry (market, protocol, hardware, grid, regions, events, miners, scale,
//! entry, pools) set to its smallest and to its largest allowed value, one at
//! a time, must run without panicking, keep shares and concentration measures
//! in range and every value finite where it is defined. The runs cover the
//! first eight years of the baseline (CPU to ASIC eras, the first halving),
//! where the populations are small enough for a debug build.

mod ai_support;
mod extremes;

use ai_support::baseline;
use diverge::scenario::validate::validate;
use diverge::scenario::{Month, Scenario};
use diverge::sim::mining::MiningSector;

/// Columns that are shares or HHI (0–1).
fn is_fraction(key: &str) -> bool {
    key.contains("share") || key.starts_with("hhi")
}

/// Runs only the mining sector over the scenario's timeline; checks every row.
fn run_mining_checked(scenario: &Scenario, what: &str) {
    extremes::run_sector_checked(MiningSector::new(scenario), scenario, |spec, x, month| {
        assert!(!x.is_infinite(), "{what}: {} infinite at {month}", spec.key);
        if is_fraction(&spec.key) && x.is_finite() {
            assert!((-1e-9..=1.0 + 1e-9).contains(&x), "{what}: {} = {x} at {month}", spec.key);
        }
        if spec.key.starts_with("nakamoto") && x.is_finite() {
            assert!(x >= 0.0, "{what}: {} = {x} at {month}", spec.key);
        }
    });
}

/// The baseline cut to 2009–2016, its events (ban, capacity changes,
/// shortage, subsidies) moved to 2015-06 so they act within it.
fn early_baseline() -> Scenario {
    let mut s = baseline();
    s.timeline.end = Month::ym(2016, 12);
    for e in &mut s.events {
        e.month = Month::ym(2015, 6);
    }
    validate(&s).expect("the cut baseline is valid");
    s
}

fn every_mining_parameter_at_an_extreme_runs_in_range(to_max: bool) {
    let skip = ["ai.", "timeline", "seed"];
    let keep = |p: &str| !skip.iter().any(|k| p.starts_with(k));
    extremes::run_each_extreme(&early_baseline(), "mining", 100, keep, to_max, run_mining_checked);
}

#[test]
fn every_mining_parameter_at_its_minimum_runs_in_range() {
    every_mining_parameter_at_an_extreme_runs_in_range(false);
}

#[test]
fn every_mining_parameter_at_its_maximum_runs_in_range() {
    every_mining_parameter_at_an_extreme_runs_in_range(true);
}

/// Mining needs somewhere to mine and something to mine with: validation
/// refuses a scenario without regions or hardware, naming each list, and the
/// simulation refuses it too rather than running on nothing.
#[test]
fn a_scenario_without_regions_or_hardware_is_refused_naming_each_list() {
    let mut s = early_baseline();
    s.regions.clear();
    s.events.clear();
    s.hardware.clear();
    s.miners.initial_firms.clear();
    let problems = validate(&s).expect_err("no regions and no hardware is invalid").0;
    for list in ["regions", "hardware"] {
        assert!(problems.iter().any(|p| p.path == list), "{list} is named: {problems:?}");
    }
    let refused = diverge::sim::run(&s, s.seed, |_, _| std::ops::ControlFlow::Continue(()));
    assert!(refused.is_err(), "the simulation refuses it too");
}

/// Pools and initial firms are optional: without them every miner enters
/// later and mines solo, and the run stays in range with some hash rate.
#[test]
fn a_scenario_without_pools_or_initial_firms_runs() {
    let mut s = early_baseline();
    s.pools.pools.clear();
    s.miners.initial_firms.clear();
    validate(&s).expect("pools and initial firms are optional");
    run_mining_checked(&s, "no pools, no initial firms");
    let r = diverge::sim::run(&s, s.seed, |_, _| std::ops::ControlFlow::Continue(())).expect("it runs");
    let hash = r.at("hashrate_ehs", Month::ym(2016, 12)).expect("hash rate column");
    assert!(hash > 0.0, "entrants mine: {hash} EH/s in 2016-12");
    let pooled = r.at("nakamoto_pool", Month::ym(2016, 12));
    assert!(pooled.is_some(), "the pool columns are still written");
}

/// With a retarget factor of 1 the difficulty never moves, so once the hash
/// rate outgrows it blocks come millions of times too fast and every month
/// crosses thousands of halvings. The run must stay cheap and small: one
/// halving marker per month at most (it used to push one per halving, about
/// 3 GB in a screening run), halvings counted in bulk, the subsidy never
/// below zero or infinite.
#[test]
fn a_difficulty_that_cannot_adjust_keeps_one_halving_marker_a_month() {
    let mut s = early_baseline();
    s.protocol.max_retarget_factor = 1.0;
    validate(&s).expect("a retarget factor of 1 is valid");
    let results =
        diverge::sim::run::run(&s, s.seed, |_, _| std::ops::ControlFlow::Continue(())).expect("the run completes");
    let halvings: Vec<_> =
        results.markers.iter().filter(|m| m.kind == diverge::sim::results::MarkerKind::Halving).collect();
    let months = results.len();
    assert!(!halvings.is_empty(), "blocks far faster than the target cross halvings");
    assert!(halvings.len() <= months, "{} halving markers in {months} months", halvings.len());
    assert!(halvings.windows(2).all(|w| w[0].month < w[1].month), "one marker per month");
    assert!(halvings.iter().any(|m| m.label.starts_with("Halvings ")), "a month of many halvings names the range");
    for key in ["hashrate_ehs", "subsidy_btc"] {
        let col = results.get(key).expect("the column exists");
        assert!(
            col.iter().all(|x| !x.is_infinite() && (x.is_nan() || *x >= 0.0)),
            "{key} stays finite and non-negative"
        );
    }
}
