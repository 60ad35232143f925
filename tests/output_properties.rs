//! Every output of random valid scenarios is a number a reader can trust:
//! no infinity in any column (the AI price and spend columns included), no
//! negative value (every column is a count, a price, a quantity or a
//! share), every share in 0–1, and each family of shares that partitions a
//! whole (regions, region groups, miner classes, cloud providers) summing to
//! 1 within 1e-9 whenever there is something to share. NaN is the one
//! allowed non-number: it is an empty CSV cell, "no value this month"
//! (HHI of pools before any pool exists).
//!
//! Random scenarios come from the registry ([`random_scenarios`]): any
//! preset with half its numeric fields drawn inside their ranges. The AI
//! sector runs over the whole timeline; both sectors run over the first
//! four years, where the largest drawn populations stay fast in a debug
//! build.

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

mod extremes;
mod random_scenarios;

use std::ops::ControlFlow;

use diverge::scenario::presets::PRESETS;
use diverge::scenario::validate::validate;
use diverge::scenario::{Month, Scenario};
use diverge::sim::ai::AiSector;
use diverge::sim::{ColumnSpec, Results};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use random_scenarios::{Perturb, repair};

/// Share families that partition a whole, by key prefix.
const PARTITIONS: [&str; 4] = ["region_share.", "group_share.", "class_share.", "ai_provider_share."];

fn is_share(spec: &ColumnSpec) -> bool {
    spec.unit.starts_with("fraction 0–1") || spec.key.contains("share") || spec.key.contains("hhi")
}

/// The value checks of one column in one month; `Err` says what is wrong.
fn check_value(spec: &ColumnSpec, x: f64, month: Month) -> Result<(), String> {
    if x.is_infinite() {
        return Err(format!("{} is {x} in {month}", spec.key));
    }
    if x < 0.0 {
        return Err(format!("{} = {x} is negative in {month}", spec.key));
    }
    if is_share(spec) && x > 1.0 + 1e-9 {
        return Err(format!("{} = {x} is above 1 in {month}", spec.key));
    }
    Ok(())
}

/// Each partition sums to 1 within 1e-9 in every month where any member
/// has a positive share.
fn check_partitions(r: &Results) -> Result<(), String> {
    for prefix in PARTITIONS {
        let members: Vec<&[f64]> = r
            .specs
            .iter()
            .zip(&r.values)
            .filter(|(s, _)| s.key.starts_with(prefix))
            .map(|(_, v)| v.as_slice())
            .collect();
        for (m, month) in r.months.iter().enumerate() {
            let values: Vec<f64> = members.iter().map(|v| v[m]).filter(|x| !x.is_nan()).collect();
            if values.iter().any(|&x| x > 0.0) {
                let sum: f64 = values.iter().sum();
                if (sum - 1.0).abs() > 1e-9 {
                    return Err(format!("{prefix}* sums to {sum} in {month}"));
                }
            }
        }
    }
    Ok(())
}

fn check_results(r: &Results) -> Result<(), String> {
    for (spec, column) in r.specs.iter().zip(&r.values) {
        for (&x, &month) in column.iter().zip(&r.months) {
            check_value(spec, x, month)?;
        }
    }
    check_partitions(r)
}

/// A random valid scenario from preset `which` and `seed`, or `None` when
/// the draws break a rule `repair` does not restore.
fn random_scenario(which: usize, seed: u64) -> Option<Scenario> {
    let mut s = PRESETS[which].load().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    diverge::scenario::params::Params::visit(&mut s, "", &mut Perturb { rng: &mut rng });
    repair(&mut s);
    validate(&s).is_ok().then_some(s)
}

/// `s` cut to its first four years (events after the cut dropped).
fn first_years(s: &Scenario) -> Option<Scenario> {
    let mut cut = s.clone();
    cut.timeline.end = s.timeline.end.min(s.timeline.start.offset(47));
    cut.events.retain(|e| e.month <= cut.timeline.end);
    validate(&cut).is_ok().then_some(cut)
}

fn ai_alone(s: &Scenario) -> Result<(), String> {
    let mut first_error = None;
    extremes::run_sector_checked(AiSector::new(s), s, |spec, x, month| {
        if first_error.is_none() {
            first_error = check_value(spec, x, month).err();
        }
    });
    first_error.map_or(Ok(()), Err)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_valid_scenarios_give_finite_nonnegative_outputs_and_whole_shares(
        seed in any::<u64>(),
        which in 0..PRESETS.len(),
    ) {
        let s = random_scenario(which, seed);
        prop_assume!(s.is_some());
        let s = s.unwrap();
        ai_alone(&s).map_err(|e| TestCaseError::fail(format!("AI sector, {}: {e}", PRESETS[which].name)))?;
        if let Some(cut) = first_years(&s) {
            let r = diverge::sim::run(&cut, cut.seed, |_, _| ControlFlow::Continue(())).unwrap();
            check_results(&r).map_err(|e| TestCaseError::fail(format!("{}: {e}", PRESETS[which].name)))?;
        }
    }
}

#[test]
fn every_preset_gives_finite_nonnegative_outputs_and_whole_shares() {
    for p in &PRESETS {
        let s = p.load().unwrap();
        let r = diverge::sim::run(&s, s.seed, |_, _| ControlFlow::Continue(())).unwrap();
        check_results(&r).unwrap_or_else(|e| panic!("{}: {e}", p.name));
    }
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let share = ColumnSpec::new("region_share.us", "US", "fraction 0–1");
    let m = Month::ym(2020, 1);
    assert!(check_value(&share, f64::INFINITY, m).is_err());
    assert!(check_value(&share, -1e-3, m).is_err());
    assert!(check_value(&share, 1.01, m).is_err());
    assert!(check_value(&share, f64::NAN, m).is_ok(), "NaN is an empty cell");
}
