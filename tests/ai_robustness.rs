//! The AI sector on extreme but valid input: every AI parameter of the
//! registry set to its smallest and to its largest allowed value, one at a
//! time, must run without panicking and keep shares and metrics in range.

mod ai_support;
mod extremes;

use ai_support::baseline;
use diverge::scenario::Scenario;
use diverge::sim::ai::AiSector;

/// Runs only the AI sector over the scenario's timeline; checks every row.
fn run_ai_checked(scenario: &Scenario, what: &str) {
    extremes::run_sector_checked(AiSector::new(scenario), scenario, |spec, x, month| {
        let is_share = spec.unit.starts_with("fraction 0–1") || spec.key == "ai_hhi_owner";
        if is_share && x.is_finite() {
            assert!((-1e-9..=1.0 + 1e-9).contains(&x), "{what}: {} = {x} at {month}", spec.key);
        }
        assert!(!x.is_infinite(), "{what}: {} infinite at {month}", spec.key);
    });
}

#[test]
fn every_ai_parameter_at_its_minimum_runs_in_range() {
    every_ai_parameter_at_an_extreme_runs_in_range(false);
}

#[test]
fn every_ai_parameter_at_its_maximum_runs_in_range() {
    every_ai_parameter_at_an_extreme_runs_in_range(true);
}

fn every_ai_parameter_at_an_extreme_runs_in_range(to_max: bool) {
    extremes::run_each_extreme(&baseline(), "AI", 50, |p| p.starts_with("ai."), to_max, run_ai_checked);
}

#[test]
fn an_empty_ai_sector_runs() {
    let mut s = baseline();
    s.ai = diverge::scenario::Ai::default();
    run_ai_checked(&s, "empty AI sector");
}
