//! The divergence Diverge exists to show: as inference moves to billions of
//! device owners, ownership of AI compute becomes less concentrated, while
//! Bitcoin mining concentrates among fewer entities than in its first years.

mod ai_support;

use ai_support::{baseline_results, mean_over_year};

#[test]
fn ai_ownership_becomes_less_concentrated_over_time() {
    let r = baseline_results();
    let years = [2025, 2030, 2035, 2040];
    let hhi: Vec<f64> = years.iter().map(|&y| mean_over_year(r, "ai_hhi_owner", y)).collect();
    let effective: Vec<f64> = years.iter().map(|&y| mean_over_year(r, "ai_effective_owners", y)).collect();
    let nakamoto: Vec<f64> = years.iter().map(|&y| mean_over_year(r, "ai_nakamoto_owner", y)).collect();
    for i in 1..years.len() {
        assert!(hhi[i] < hhi[i - 1], "owner HHI does not fall: {hhi:?} over {years:?}");
        assert!(effective[i] > effective[i - 1], "effective owners do not rise: {effective:?}");
        assert!(nakamoto[i] >= nakamoto[i - 1], "Nakamoto coefficient falls: {nakamoto:?}");
    }
    // The cloud alone (AWS 30 %, Azure 22 %, Google 12 %…) needs 3 owners for
    // a majority; once devices hold much of inference, many more are needed.
    assert!(nakamoto[0] <= 5.0, "2025 Nakamoto {}", nakamoto[0]);
    assert!(nakamoto[3] > 10.0, "2040 Nakamoto {}", nakamoto[3]);
    assert!(effective[3] > 2.0 * effective[0], "effective owners only {effective:?}");
}

#[test]
fn ai_ownership_spreads_while_mining_concentrates() {
    // MODEL.md, "The questions it answers": mining concentrates among few
    // entities after 2009 while AI compute moves to many device owners.
    let r = baseline_results();
    // 2009: a few hundred people mining at home, none holding much.
    let early_hhi = mean_over_year(r, "hhi_entity", 2009);
    let early_effective = mean_over_year(r, "effective_entities", 2009);
    for year in [2025, 2030, 2035, 2040] {
        let hhi = mean_over_year(r, "hhi_entity", year);
        let effective = mean_over_year(r, "effective_entities", year);
        assert!(hhi > 5.0 * early_hhi, "{year}: mining entity HHI {hhi} vs {early_hhi} in 2009");
        assert!(
            effective < early_effective / 5.0,
            "{year}: effective mining entities {effective} vs {early_effective} in 2009"
        );
    }
    let (ai_2025, ai_2040) =
        (mean_over_year(r, "ai_effective_owners", 2025), mean_over_year(r, "ai_effective_owners", 2040));
    let (mining_2025, mining_2040) =
        (mean_over_year(r, "effective_entities", 2025), mean_over_year(r, "effective_entities", 2040));
    assert!(ai_2040 > ai_2025, "AI effective owners {ai_2025} → {ai_2040}");
    // The two sectors' measures move apart: the ratio of AI to mining
    // effective numbers grows.
    assert!(
        ai_2040 / mining_2040 > ai_2025 / mining_2025,
        "AI {ai_2025} → {ai_2040}, mining {mining_2025} → {mining_2040}"
    );
}
