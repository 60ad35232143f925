//! Shared helpers of the AI tests: running a scenario and reading yearly
//! figures from the results.
#![allow(dead_code)]

use std::ops::ControlFlow;
use std::sync::OnceLock;

use diverge::scenario::{Month, Scenario};
use diverge::sim::{Results, Simulation, run};

/// A bundled preset by name.
pub fn preset(name: &str) -> Scenario {
    diverge::scenario::presets::load_preset(name).unwrap_or_else(|e| panic!("preset {name}: {e}"))
}

/// The baseline scenario (`saves/baseline-2009-2040.ron`).
pub fn baseline() -> Scenario {
    preset("baseline-2009-2040")
}

/// Runs a scenario to the end with its own seed.
pub fn results_of(scenario: &Scenario) -> Results {
    run(scenario, scenario.seed, |_, _| ControlFlow::Continue(())).expect("the scenario runs")
}

/// Runs only the AI sector of a scenario (it does not depend on mining), in
/// the shared driver with the scenario's seed: the same AI columns and markers
/// as a full run, in a fraction of the time.
pub fn ai_results_of(scenario: &Scenario) -> Results {
    diverge::scenario::validate::validate(scenario).expect("the scenario is valid");
    let sector = diverge::sim::ai::AiSector::new(scenario);
    let mut sim = Simulation::with_sectors(scenario, scenario.seed, vec![(2, Box::new(sector))]);
    while sim.step() {}
    sim.into_results()
}

/// The baseline's results, simulated once per test binary (a full run with
/// the mining sector takes seconds in a debug build).
pub fn baseline_results() -> &'static Results {
    static BASELINE: OnceLock<Results> = OnceLock::new();
    BASELINE.get_or_init(|| results_of(&baseline()))
}

/// Mean of a column over the months of a calendar year (finite values only).
pub fn mean_over_year(r: &Results, key: &str, year: i32) -> f64 {
    mean_between(r, key, Month::ym(year, 1), Month::ym(year, 12))
}

/// Mean of a column over the months `from..=to` (finite values only).
pub fn mean_between(r: &Results, key: &str, from: Month, to: Month) -> f64 {
    let series = r.get(key).unwrap_or_else(|| panic!("missing column {key}"));
    let values: Vec<f64> = r
        .months
        .iter()
        .zip(series)
        .filter(|(m, x)| **m >= from && **m <= to && x.is_finite())
        .map(|(_, x)| *x)
        .collect();
    assert!(!values.is_empty(), "{key} has no value between {from} and {to}");
    values.iter().sum::<f64>() / values.len() as f64
}

/// Workload ids present in the results (from the `ai_edge_share.<id>` columns).
pub fn workload_ids(r: &Results) -> Vec<String> {
    r.specs.iter().filter_map(|s| s.key.strip_prefix("ai_edge_share.").map(str::to_owned)).collect()
}
