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

#[test]
fn a_scenario_without_regions_hardware_or_pools_runs() {
    let mut s = early_baseline();
    s.regions.clear();
    s.events.clear();
    s.hardware.clear();
    s.pools.pools.clear();
    s.miners.initial_firms.clear();
    if validate(&s).is_ok() {
        run_mining_checked(&s, "empty mining sector");
    }
}
