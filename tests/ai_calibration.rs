//! Calibration of the AI sector's baseline against `data/ai.md`: the edge-AI
//! market in 2025 and 2033, where language inference ran before 2017 and
//! after, the size of on-device models in 2024–25, and the cloud providers'
//! shares. Each bound is the reference range, not a range widened to fit.

mod ai_support;

use ai_support::{baseline_results, mean_over_year, workload_ids};
use diverge::scenario::Month;

#[test]
fn edge_ai_market_2025_is_inside_the_published_range() {
    // data/ai.md: ≈ $25 B in 2025 (Grand View Research); the range.
    let r = baseline_results();
    let market = mean_over_year(r, "ai_edge_market_usd_b", 2025);
    assert!((15.0..=40.0).contains(&market), "edge AI market 2025: {market:.1} B USD");
}

#[test]
fn edge_ai_market_2033_is_inside_a_band_around_the_projection() {
    // data/ai.md: ≈ $119 B in 2033 at ≈ 21.5 %/yr from ≈ $25 B in 2025.
    // Band: the same base growing 5 points slower or faster a year,
    // 25·1.165⁸ ≈ 85 to 25·1.265⁸ ≈ 164 B USD — the spread between published
    // edge-AI forecasts is of that order.
    let r = baseline_results();
    let market = mean_over_year(r, "ai_edge_market_usd_b", 2033);
    assert!((85.0..=164.0).contains(&market), "edge AI market 2033: {market:.1} B USD");
}

#[test]
fn language_inference_stays_in_the_cloud_before_2017_while_classic_ml_is_at_the_edge() {
    let r = baseline_results();
    let language = ["speech_translation", "small_assistant", "frontier_assistant", "code_agents", "vision_language"];
    for id in language {
        let key = format!("ai_edge_share.{id}");
        let series = r.get(&key).unwrap_or_else(|| panic!("missing column {key}"));
        for (m, x) in r.months.iter().zip(series) {
            if *m < Month::ym(2017, 1) && x.is_finite() {
                assert!(*x < 0.05, "{key} at {m}: {x}");
            }
        }
    }
    let classic = mean_over_year(r, "ai_edge_share.classic_ml", 2015);
    assert!(classic > 0.5, "classic on-device ML at the edge in 2015: {classic}");
    assert!(workload_ids(r).len() >= 6);
}

#[test]
fn edge_share_rises_through_the_late_2020s() {
    // data/ai.md: the edge share rises through the late 2020s as devices pass
    // the thresholds of small assistants. (In the baseline it bottoms out in
    // 2026, when cloud assistants' demand still grows faster.)
    let r = baseline_results();
    let years: Vec<f64> = (2026..=2030).map(|y| mean_over_year(r, "ai_edge_share", y)).collect();
    for pair in years.windows(2) {
        assert!(pair[1] > pair[0], "edge share not rising year on year 2026–2030: {years:?}");
    }
    assert!(years[4] - years[0] > 0.1, "edge share rises by less than 10 points 2026–2030: {years:?}");
    for id in ["small_assistant", "frontier_assistant", "code_agents"] {
        let key = format!("ai_edge_share.{id}");
        let (a, b) = (mean_over_year(r, &key, 2026), mean_over_year(r, &key, 2030));
        assert!(b > a, "{key}: {a} in 2026, {b} in 2030");
    }
}

#[test]
fn on_device_models_of_2024_25_match_the_deployed_range() {
    // data/ai.md: on-device language models ≈ 1.8–3.8 B parameters at 2–4 bits.
    let r = baseline_results();
    for m in Month::ym(2024, 1).through(Month::ym(2025, 12)) {
        let size = r.at("ai_small_model_params_b", m).expect("column");
        let bits = r.at("ai_bits_per_weight", m).expect("column");
        assert!((1.8..=3.8).contains(&size), "largest model on an average device at {m}: {size:.2} B");
        assert!((2.0..=4.0).contains(&bits), "bits per weight at {m}: {bits}");
    }
}

#[test]
fn cloud_provider_shares_match_the_market_data_in_2024_25() {
    // data/ai.md (Synergy Research / Canalys): AWS 29–32 %, Azure 20–24 %,
    // Google Cloud 11–13 %, top three 63–68 %.
    let r = baseline_results();
    for m in Month::ym(2024, 1).through(Month::ym(2025, 12)) {
        let share = |id: &str| r.at(&format!("ai_provider_share.{id}"), m).expect("provider column");
        let (aws, azure, google) = (share("aws"), share("azure"), share("google"));
        assert!((0.29..=0.32).contains(&aws), "AWS {aws}");
        assert!((0.20..=0.24).contains(&azure), "Azure {azure}");
        assert!((0.11..=0.13).contains(&google), "Google {google}");
        assert!((0.63..=0.68).contains(&(aws + azure + google)), "top three {}", aws + azure + google);
    }
}

#[test]
fn contract_columns_exist_with_labels_and_units() {
    let r = baseline_results();
    for key in [
        "ai_edge_share",
        "ai_edge_market_usd_b",
        "ai_cloud_spend_usd_b",
        "ai_cloud_price_usd_per_mtok",
        "ai_capable_devices_m",
        "ai_frontier_params_b",
        "ai_small_model_params_b",
        "ai_nakamoto_owner",
        "ai_hhi_owner",
        "ai_effective_owners",
    ] {
        let spec = r.spec(key).unwrap_or_else(|| panic!("missing column {key}"));
        assert!(!spec.label.is_empty() && !spec.unit.is_empty(), "{key} lacks a label or unit");
        let v = r.at(key, Month::ym(2030, 1)).expect("2030 is simulated");
        assert!(v.is_finite() && v >= 0.0, "{key} in 2030: {v}");
    }
    for id in workload_ids(r) {
        assert!(r.spec(&format!("ai_edge_share.{id}")).is_some());
    }
}

#[test]
fn training_data_runs_out_inside_the_published_window() {
    // data/ai.md: the stock of public text is fully used between 2026 and
    // 2032 (median ≈ 2028; Villalobos et al. 2024).
    let r = baseline_results();
    let marks: Vec<Month> =
        r.markers.iter().filter(|m| m.kind == diverge::sim::MarkerKind::DataExhaustion).map(|m| m.month).collect();
    assert_eq!(marks.len(), 1, "data exhaustion markers: {marks:?}");
    assert!(marks[0] >= Month::ym(2026, 1) && marks[0] <= Month::ym(2032, 12), "data used up in {}", marks[0]);
    let used = |y| mean_over_year(r, "ai_data_used_share", y);
    assert!(
        used(2024) < 0.2 && (used(2033) - 1.0).abs() < 1e-12,
        "data used {} in 2024, {} in 2033",
        used(2024),
        used(2033)
    );
}

/// Demand answers to price (issue 15, item 6): as tokens get cheaper more
/// are used, so the cloud bill grows with use into the 2030s and, as the
/// edge takes most inference, falls without collapsing. Without the
/// response it fell from ≈ $160 B (2032) to ≈ $3 B (2040).
#[test]
fn cloud_spend_grows_into_the_2030s_and_does_not_collapse() {
    let r = baseline_results();
    let spend = |y| mean_over_year(r, "ai_cloud_spend_usd_b", y);
    let peak = (2026..=2040).map(spend).fold(f64::NAN, f64::max);
    assert!(
        spend(2034) > spend(2030) && spend(2030) > spend(2026),
        "spend 2026/30/34: {} {} {}",
        spend(2026),
        spend(2030),
        spend(2034)
    );
    assert!(spend(2040) >= 0.25 * peak, "spend 2040 {:.1} B USD against a peak of {peak:.1}", spend(2040));
    let demand = |y| mean_over_year(r, "ai_demand_t_tokens_per_month", y);
    assert!(
        demand(2040) > 10.0 * demand(2032),
        "demand keeps growing as prices fall: {} → {}",
        demand(2032),
        demand(2040)
    );
}

/// The data stock bites (issue 15, item 7; MODEL.md "Efficiency, frontier
/// and data"): the frontier doubles a year while data lasts and grows at a
/// tenth of that pace after, so it ends the baseline below 100 T parameters
/// (it reached ≈ 270 T at the former 30 % pace).
#[test]
fn frontier_growth_slows_once_the_data_stock_is_used_up() {
    let r = baseline_results();
    let frontier = |y| mean_over_year(r, "ai_frontier_params_b", y);
    let before = frontier(2026) / frontier(2025);
    let after = frontier(2035) / frontier(2034);
    assert!(before > 1.8, "growth while data lasts: ×{before:.2} a year");
    assert!(after < 1.15, "growth after exhaustion: ×{after:.2} a year");
    assert!(frontier(2040) < 1.0e5, "frontier in 2040: {:.0} B parameters", frontier(2040));
}
