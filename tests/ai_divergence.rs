//! The divergence Diverge exists to show, AI half: as inference moves to
//! billions of device owners, ownership of AI compute becomes less
//! concentrated, while the cloud's own part stays with a few providers.

mod ai_support;

use ai_support::{baseline_results, mean_over_year};

#[test]
fn ai_ownership_becomes_less_concentrated_over_time() {
    let r = baseline_results();
    let years = [2025, 2030, 2035, 2040];
    let hhi: Vec<f64> = years.iter().map(|&y| mean_over_year(&r, "ai_hhi_owner", y)).collect();
    let effective: Vec<f64> = years.iter().map(|&y| mean_over_year(&r, "ai_effective_owners", y)).collect();
    let nakamoto: Vec<f64> = years.iter().map(|&y| mean_over_year(&r, "ai_nakamoto_owner", y)).collect();
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
