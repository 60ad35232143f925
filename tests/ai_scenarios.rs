//! Scenario effects of the AI sector: each test runs the baseline and one
//! changed copy with the same seed and checks the direction MODEL.md and
//! `data/ai.md` give for the lever.

mod ai_support;

use ai_support::{ai_results_of, baseline, mean_between, mean_over_year, preset, results_of};
use diverge::scenario::{Event, EventKind, Month};
use diverge::sim::MarkerKind;

#[test]
fn no_data_exhaustion_slows_the_edge_shift() {
    let base = &ai_results_of(&baseline());
    let mut unlimited = baseline();
    unlimited.ai.data.limited = false;
    let unlimited = ai_results_of(&unlimited);
    assert!(base.markers.iter().any(|m| m.kind == MarkerKind::DataExhaustion), "baseline never runs out of data");
    assert!(!unlimited.markers.iter().any(|m| m.kind == MarkerKind::DataExhaustion));
    for year in [2030, 2035, 2040] {
        let (b, u) = (mean_over_year(base, "ai_edge_share", year), mean_over_year(&unlimited, "ai_edge_share", year));
        assert!(u < b - 0.02, "{year}: edge share {u} without data limits vs {b} in the baseline");
    }
    // Before the stock runs out the two runs agree exactly.
    assert_eq!(base.at("ai_edge_share", Month::ym(2025, 6)), unlimited.at("ai_edge_share", Month::ym(2025, 6)));
}

#[test]
fn slower_data_exhaustion_slows_the_edge_shift() {
    let base = &ai_results_of(&baseline());
    let mut slow = baseline();
    slow.ai.data.training_growth_per_year = 0.5;
    let slow = ai_results_of(&slow);
    let month_of = |r: &diverge::sim::Results| {
        r.markers.iter().find(|m| m.kind == MarkerKind::DataExhaustion).map(|m| m.month).expect("data runs out")
    };
    assert!(month_of(&slow) > month_of(base).offset(24));
    let (b, s) = (mean_over_year(base, "ai_edge_share", 2031), mean_over_year(&slow, "ai_edge_share", 2031));
    assert!(s < b, "2031: edge share {s} with slower data use vs {b}");
}

#[test]
fn a_longer_halving_time_slows_the_edge_shift() {
    let base = &ai_results_of(&baseline());
    let mut slow = baseline();
    slow.ai.progress.halving_months = 14.0;
    let slow = ai_results_of(&slow);
    for year in [2030, 2035] {
        let (b, s) = (mean_over_year(base, "ai_edge_share", year), mean_over_year(&slow, "ai_edge_share", year));
        assert!(s < b - 0.02, "{year}: edge share {s} with τ = 14 months vs {b} with the baseline τ");
    }
}

#[test]
fn a_gpu_shortage_raises_the_cloud_price_and_speeds_the_edge_shift() {
    let base = &ai_results_of(&baseline());
    let (from, to) = (Month::ym(2028, 1), Month::ym(2029, 12));
    let mut short = baseline();
    short.events.push(Event {
        month: from,
        label: "GPU shortage".into(),
        kind: EventKind::GpuShortage { capacity_multiplier: 0.6, duration_months: Some(24) },
    });
    let short = ai_results_of(&short);
    let price = |r| mean_between(r, "ai_cloud_price_usd_per_mtok", from, to);
    let edge = |r| mean_between(r, "ai_edge_share", from, to);
    assert!(price(&short) > 1.2 * price(base), "cloud price {} in the shortage vs {}", price(&short), price(base));
    assert!(edge(&short) > edge(base) + 0.005, "edge share {} in the shortage vs {}", edge(&short), edge(base));
    // Nothing changes before it.
    let before = Month::ym(2027, 12);
    assert_eq!(short.at("ai_cloud_price_usd_per_mtok", before), base.at("ai_cloud_price_usd_per_mtok", before));
}

#[test]
fn the_ai_model_is_deterministic_and_the_seed_does_not_move_it() {
    let scenario = baseline();
    let first = results_of(&scenario);
    let again = results_of(&scenario);
    let mut reseeded = scenario.clone();
    reseeded.seed = scenario.seed.wrapping_add(17);
    let other_seed = results_of(&reseeded);
    let column = |r: &diverge::sim::Results, key: &str| r.get(key).expect("same columns").to_vec();
    for spec in first.specs.iter().filter(|spec| spec.key.starts_with("ai_")) {
        let bits = |v: Vec<f64>| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        let reference = bits(column(&first, &spec.key));
        assert_eq!(reference, bits(column(&again, &spec.key)), "{} differs between runs", spec.key);
        assert_eq!(reference, bits(column(&other_seed, &spec.key)), "{} depends on the seed", spec.key);
    }
}

#[test]
fn edge_takeoff_and_cloud_lock_in_land_on_opposite_sides_of_the_baseline() {
    let base = &ai_results_of(&baseline());
    let takeoff = ai_results_of(&preset("edge-ai-takeoff"));
    let lock_in = ai_results_of(&preset("cloud-ai-lock-in"));
    for year in [2030, 2035, 2040] {
        let share = |r| mean_over_year(r, "ai_edge_share", year);
        let (t, b, l) = (share(&takeoff), share(base), share(&lock_in));
        assert!(t > b + 0.02 && b > l + 0.02, "{year}: edge share takeoff {t}, baseline {b}, lock-in {l}");
        let owners = |r| mean_over_year(r, "ai_effective_owners", year);
        let (t, b, l) = (owners(&takeoff), owners(base), owners(&lock_in));
        assert!(t > b && b > l, "{year}: effective owners takeoff {t}, baseline {b}, lock-in {l}");
    }
}

#[test]
fn every_preset_runs_an_ai_sector_with_finite_contract_columns() {
    // natural-oligopoly is the mining theory check and has no AI sector.
    let with_ai: Vec<_> = diverge::scenario::presets::PRESETS
        .iter()
        .map(|p| preset(p.name))
        .filter(|s| !s.ai.workloads.is_empty())
        .collect();
    assert!(with_ai.len() >= 6, "only {} presets have an AI sector", with_ai.len());
    for scenario in &with_ai {
        let name = &scenario.name;
        let r = ai_results_of(scenario);
        for key in ["ai_edge_share", "ai_edge_market_usd_b", "ai_capable_devices_m", "ai_effective_owners"] {
            let series = r.get(key).unwrap_or_else(|| panic!("{name}: missing {key}"));
            let last = series.last().copied().unwrap_or(f64::NAN);
            assert!(last.is_finite(), "{name}: {key} ends at {last}");
        }
    }
}
