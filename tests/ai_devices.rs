//! Device reach against the shipment data (issue 15, item 8): the installed
//! base of phones and PCs able to run the small assistant lands in the
//! ranges the 2023–2025 shipments of `data/ai.md` imply.
//!
//! **Capability bars.** A small assistant needs an NPU of ≥ 30 TOPS (int8),
//! IDC's definition of a generative-AI smartphone, which is the small
//! assistant workload's `min_tops` in the presets; its ≈ 3 B parameter model
//! fits the memory of every phone and PC sold since ≈ 2015, so TOPS is the
//! bar that binds. Gartner's "AI PCs" are PCs with an NPU; they are not the
//! narrower Copilot+ bar (≥ 40 TOPS and ≥ 16 GB), so the PCs' throughput
//! spread is set so the share of PCs sold above the small assistant's bar is
//! Gartner's AI-PC share.
//!
//! **Shipments** (millions, `data/ai.md`): generative-AI phones 234 in 2024
//! (+364 % on 2023, so ≈ 234 / 4.64 ≈ 50 in 2023) and ≈ 405 in 2025; AI PCs
//! 43 in 2024 and 78 in 2025.
//!
//! **Derivation of the ranges.** Units retire at rate 1/L a year (the
//! model's geometric life), shipments spread evenly over their year, so a
//! year-y cohort of S units has `S·L·(e^(−(Y−y)/L) − e^(−(Y+1−y)/L))` in use
//! at the end of year Y. Lifetimes: phones L = 3–4.5 years (the presets'
//! 3.75 = 4.5 B in use / 1.2 B shipped a year of `data/ai.md`, ± a quarter),
//! PCs L = 4–6 (5.2 = 1.3 B / 250 M). The low end of each range takes the
//! lifetime that gives least, no capable units before the first year the
//! data gives, and shipments 20 % below the figures (they are "approx.", and
//! 2025's were forecasts revised by up to a third); the high end takes the
//! lifetime that gives most, shipments 20 % above, and some earlier units:
//! for phones 2022 at 2023's figure / 4.64 (the same growth), for PCs
//! 2021–2023 at half of 2024's a year (the Apple-silicon Macs Gartner counts
//! as AI PCs; an estimate). That gives, end of year:
//!
//! | devices | year | low | central | high |
//! | --- | --- | --- | --- | --- |
//! | generative-AI phones | 2023 | 34 | 44 | 64 |
//! | generative-AI phones | 2024 | 184 | 239 | 303 |
//! | generative-AI phones | 2025 | 407 | 539 | 678 |
//! | AI PCs | 2024 | 30 | 39 | 99 |
//! | AI PCs | 2025 | 79 | 103 | 170 |
//!
//! Before the thresholds were set from these data, every phone sold from
//! 2022 and every PC sold from 2020 counted (one typical unit per month with
//! a 10 TOPS bar): ≈ 2.7 B phones and ≈ 790 M PCs at the end of 2024.
//!
//! The AI sector draws nothing from the random stream, so one run is the
//! whole distribution; the first test checks that.

mod ai_support;

use ai_support::{ai_results_of, baseline, preset};
use diverge::scenario::{Month, Scenario};

/// The workload the device bars are about.
const SMALL_ASSISTANT: &str = "small_assistant";

/// Units of one device class able to serve the small assistant in `month`
/// (millions): the scenario run with that class alone, so the workload's
/// reach is over that class's installed base.
fn capable_m(scenario: &Scenario, class: &str, months: &[Month]) -> Vec<f64> {
    let mut one = scenario.clone();
    one.ai.devices.retain(|d| d.id == class);
    assert_eq!(one.ai.devices.len(), 1, "no device class {class}");
    let r = ai_results_of(&one);
    months
        .iter()
        .map(|&m| {
            let reach = r.at(&format!("ai_reach.{SMALL_ASSISTANT}"), m).expect("reach column");
            let installed = r.at(&format!("ai_devices_m.{class}"), m).expect("device column");
            reach * installed
        })
        .collect()
}

fn december(year: i32) -> Month {
    Month::ym(year, 12)
}

/// Checks one class of one preset against `(year, low, high)` ranges.
fn check_class(scenario: &Scenario, name: &str, class: &str, ranges: &[(i32, f64, f64)]) {
    let months: Vec<Month> = ranges.iter().map(|r| december(r.0)).collect();
    let got = capable_m(scenario, class, &months);
    for ((year, low, high), x) in ranges.iter().zip(&got) {
        eprintln!("{name} {class} capable of the small assistant, end of {year}: {x:.0} M ({low}–{high})");
    }
    for ((year, low, high), x) in ranges.iter().zip(&got) {
        assert!(
            (*low..=*high).contains(x),
            "{name}: {class} able to run the small assistant at the end of {year}: {x:.0} M, \
             the shipments imply {low}–{high} M"
        );
    }
}

const PHONES: [(i32, f64, f64); 3] = [(2023, 34.0, 64.0), (2024, 184.0, 303.0), (2025, 407.0, 678.0)];
const PCS: [(i32, f64, f64); 2] = [(2024, 30.0, 99.0), (2025, 79.0, 170.0)];

#[test]
fn the_ai_sector_is_the_same_whatever_the_seed() {
    let a = baseline();
    let mut b = a.clone();
    b.seed = a.seed.wrapping_add(17);
    let (ra, rb) = (ai_results_of(&a), ai_results_of(&b));
    for (spec, (x, y)) in ra.specs.iter().zip(ra.values.iter().zip(&rb.values)) {
        let same = x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits());
        assert!(same, "{} depends on the seed", spec.key);
    }
}

#[test]
fn genai_phones_installed_match_the_shipments_in_both_presets() {
    for name in ["history-2009-2025", "baseline-2009-2040"] {
        check_class(&preset(name), name, "phones", &PHONES);
    }
}

#[test]
fn ai_pcs_installed_match_the_shipments_in_both_presets() {
    for name in ["history-2009-2025", "baseline-2009-2040"] {
        check_class(&preset(name), name, "pcs", &PCS);
    }
}

#[test]
fn the_classes_add_up_to_the_reach_of_the_full_run() {
    // The per-class counts above are the same units the full run counts:
    // a fleet's capability does not depend on the other fleets.
    let s = baseline();
    let month = december(2025);
    let full = ai_results_of(&s);
    let total = full.at(&format!("ai_reach.{SMALL_ASSISTANT}"), month).expect("reach")
        * full.at("ai_capable_devices_m", month).expect("installed");
    let by_class: f64 = s.ai.devices.iter().map(|d| capable_m(&s, &d.id, &[month])[0]).sum();
    assert!((by_class - total).abs() <= 1e-9 * total.max(1.0), "{by_class} by class vs {total} in the full run");
}

#[test]
fn most_phones_and_pcs_in_use_are_not_yet_assistant_capable_in_2025() {
    // 405 M of ≈ 1.2 B phones and 78 M of ≈ 250 M PCs shipped in 2025 were
    // capable: the installed base (4.5 B phones, 1.3 B PCs) is mostly older.
    let s = preset("history-2009-2025");
    let month = december(2025);
    for (class, installed_cap) in [("phones", 0.2), ("pcs", 0.15)] {
        let capable = capable_m(&s, class, &[month])[0];
        let mut one = s.clone();
        one.ai.devices.retain(|d| d.id == class);
        let installed = ai_results_of(&one).at(&format!("ai_devices_m.{class}"), month).expect("device column");
        assert!(capable / installed < installed_cap, "{class}: {capable:.0} of {installed:.0} M capable");
    }
}
