//! Calibration of the mining sector against `data/bitcoin.md` (history
//! preset), theory (natural oligopoly) and plausibility (baseline), with the
//! tolerances of MODEL.md and issue 4.
//!
//! The history checks run on the 20-seed ensemble of
//! `diverge::experiments::calibration`, the same references and stories as
//! `diverge calibrate`: a point holds when the p5–p95 band contains it or the
//! median is within tolerance; a story must hold on 19 of 20 seeds. Checks
//! the model does not yet pass are `#[ignore]`d with the measured gap in the
//! reason (`cargo test --test calibration_mining -- --ignored` runs them).

use std::ops::ControlFlow;
use std::sync::OnceLock;

use diverge::experiments::Tracker;
use diverge::experiments::calibration::references::{HISTORY_STORIES, Point, history_points};
use diverge::experiments::calibration::report::{Calibration, hash_rate_path, hash_rate_path_text};
use diverge::experiments::calibration::{DEFAULT_RUNS, Ensemble, When};

use diverge::scenario::{FirmKind, FirmSpec, Month, Scenario};
use diverge::sim::{Results, run};

fn preset(name: &str) -> Scenario {
    let path = format!("{}/saves/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    diverge::scenario::io::load(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn simulate(s: &Scenario, seed: u64) -> Results {
    run(s, seed, |_, _| ControlFlow::Continue(())).expect("the preset runs")
}

fn ym(y: i32, m: u32) -> Month {
    Month::ym(y, m)
}

fn at(r: &Results, key: &str, month: Month) -> f64 {
    r.at(key, month).unwrap_or_else(|| panic!("no {key} at {month}"))
}

fn mean(r: &Results, key: &str, from: Month, to: Month) -> f64 {
    let v: Vec<f64> = from.through(to).map(|m| at(r, key, m)).collect();
    v.iter().sum::<f64>() / v.len() as f64
}

/// The history preset on the 20 seeds of `diverge run --runs 20`, run once
/// for every test of this file.
fn history() -> &'static Ensemble {
    static ENSEMBLE: OnceLock<Ensemble> = OnceLock::new();
    ENSEMBLE.get_or_init(|| {
        let pool = diverge::experiments::thread_pool(None).expect("a thread pool");
        Ensemble::run(&preset("history-2009-2025"), DEFAULT_RUNS, &pool, &Tracker::new()).expect("the preset runs")
    })
}

/// Asserts that every point reference chosen by `pick` holds on the
/// ensemble (band contains it, or median within tolerance).
fn points_hold(pick: impl Fn(&Point) -> bool) {
    let e = history();
    let points: Vec<Point> = history_points().into_iter().filter(|p| pick(p)).collect();
    assert!(!points.is_empty(), "the filter picks some references");
    let verdict = Calibration::judge(e, &points, &[]);
    assert!(verdict.all_hold(), "{}", verdict.to_text());
}

/// Asserts that the story whose description starts with `what` holds on at
/// least 19 of the 20 seeds.
fn story_holds(what: &str) {
    let story = HISTORY_STORIES.iter().find(|s| s.what.starts_with(what)).expect("a story of that name");
    let verdict = Calibration::judge(history(), &[], std::slice::from_ref(story));
    assert!(verdict.all_hold(), "{}", verdict.to_text());
}

fn is_hash(p: &Point) -> bool {
    p.key == "hashrate_ehs"
}

#[test]
fn halvings_land_within_two_months_of_the_real_ones() {
    story_holds("halvings");
}

/// `data/bitcoin.md`, "Network hash rate": within a factor of 2 from 2013 on.
#[test]
fn hash_rate_within_a_factor_of_two_from_2013() {
    points_hold(|p| is_hash(p) && matches!(p.when, When::Month(m) if m.year() >= 2013));
}

/// The whole monthly path against `data/bitcoin.md`'s table, interpolated
/// log-linearly between its rows (2012-12 … 2025-04, 149 months): the p5–p95
/// band lies within the table's ±15 % in 60 of the 149 months on these 20
/// seeds (61 on 100 seeds). A regression guard at the measured figure, not a
/// fit: ARCHITECTURE.md says where and why the path departs. Prints the
/// table (`-- --nocapture`).
#[test]
fn monthly_hash_rate_path_against_the_interpolated_table() {
    let fit = hash_rate_path(history());
    let text = hash_rate_path_text(&fit);
    println!("{text}");
    assert_eq!(fit.months.len(), 149, "one comparison per month of the table's span, none outside it");
    assert_eq!((fit.months[0].month, fit.months[148].month), (ym(2012, 12), ym(2025, 4)));
    assert!(fit.within() >= 60, "{} of 149 months within ±15 %, 60 measured\n{text}", fit.within());
}

/// Known gap (issue 15, item 1): 2012-12 is about 36× low (0.7 TH/s against
/// 25 TH/s) because early awareness was slowed to land the first halving.
#[test]
#[ignore = "known gap: 2012-12 hash rate 36x low (median 7.0e-7 EH/s vs 2.5e-5)"]
fn hash_rate_within_a_factor_of_two_in_2012() {
    points_hold(|p| is_hash(p) && matches!(p.when, When::Month(m) if m.year() < 2013));
}

/// The China ban: the June–July 2021 low within a factor of 2 of 57.5 EH/s,
/// a drop of 25–55 % from the April–May level (reference ≈ 38 %, daily
/// series), and a recovery by December.
#[test]
fn hash_rate_drops_in_mid_2021_and_recovers() {
    story_holds("June–July 2021");
}

/// Energy against the Cambridge index's best guess (`data/bitcoin.md`,
/// "Energy"): `95.5` terawatt-hours in 2022 and `138` in 2024, each within 35 %.
#[test]
fn the_network_returns_slowly_after_the_ban() {
    story_holds("the hash rate stays below");
}

#[test]
fn energy_within_35_percent_of_cbeci() {
    points_hold(|p| p.key == "energy_twh_per_year");
}

#[test]
fn hobbyists_hold_2010_and_vanish_after_2016() {
    story_holds("hobbyists");
}

/// `data/bitcoin.md`, "Geography": China 75.5 % in 2019-09, the US 35.4 %
/// in 2021-08 and 37.8 % over 2021-09…2022-01, each within 35 %.
#[test]
fn china_and_the_us_shares_match_the_mining_map() {
    points_hold(|p| {
        (p.key == "region_share.china" && p.when == When::Month(ym(2019, 9))) || p.key == "region_share.us"
    });
}

/// The map's China just before the ban: 46 % in 2021-04, within 35 %
/// (the median is 59 %: China's sites fill and congest, and new machines
/// go elsewhere, more slowly than on the map).
#[test]
fn china_before_the_ban_matches_the_mining_map() {
    points_hold(|p| p.key == "region_share.china" && p.when == When::Month(ym(2021, 4)));
}

/// The map's China once covert mining resumed: 21.1 % over
/// 2021-09…2022-01, within 35 % (machines that could not move waited out
/// the ban on the sites left and ran again).
#[test]
fn china_after_the_ban_matches_the_mining_map() {
    points_hold(|p| {
        p.key == "region_share.china" && p.when != When::Month(ym(2019, 9)) && p.when != When::Month(ym(2021, 4))
    });
}

/// The rest of the 2021-08 map (Kazakhstan, Russia, Canada) within 35 %.
#[test]
fn the_rest_of_the_2021_map_matches() {
    points_hold(|p| p.key.starts_with("region_share.") && p.key != "region_share.china" && p.key != "region_share.us");
}

#[test]
fn china_leaves_after_the_ban() {
    story_holds("China below 10 %");
}

#[test]
fn china_holds_half_before_the_ban() {
    story_holds("China above half");
}

/// Every month from 2021-07 on: 20 of 20 seeds (91 of 100) since
/// Kazakhstan's hosting before the ban is small and opens after it.
#[test]
fn the_us_leads_after_the_ban() {
    story_holds("the US the largest");
}

/// `data/bitcoin.md`, "Pools" (Milad et al.): yearly HHI 0.134–0.176 in
/// 2018, 2020 and 2022.
#[test]
fn pool_hhi_in_the_real_range() {
    points_hold(|p| p.key == "hhi_pool");
}

#[test]
fn pool_nakamoto_in_the_real_range_from_2018() {
    story_holds("pool Nakamoto");
}

#[test]
#[ignore = "known gap (issue 15, item 3): two pools hold half on 0 of 20 seeds (yearly mean pool Nakamoto 2.3-4.0 in 2023, 2.3-3.8 in 2024, 2.5-3.3 in 2025, seeds 1-20)"]
fn two_pools_hold_half_from_2023() {
    story_holds("the two largest pools");
}

/// Tullock / Arnosti–Weinberg shares for constant marginal costs: drop the
/// costliest miner while it is not below Σc/(n−1) over the active set.
fn tullock_shares(costs: &[f64]) -> Vec<f64> {
    let mut active: Vec<usize> = (0..costs.len()).collect();
    loop {
        let n = active.len() as f64;
        let sum: f64 = active.iter().map(|&i| costs[i]).sum();
        let worst = *active.iter().max_by(|&&a, &&b| costs[a].total_cmp(&costs[b])).expect("at least two miners");
        if costs[worst] >= sum / (n - 1.0) && active.len() > 2 {
            active.retain(|&i| i != worst);
            continue;
        }
        let mut s = vec![0.0; costs.len()];
        for &i in &active {
            s[i] = 1.0 - (n - 1.0) * costs[i] / sum;
        }
        return s;
    }
}

fn oligopoly_shares(costs: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut s = preset("natural-oligopoly");
    s.miners.initial_firms = costs
        .iter()
        .map(|&c| FirmSpec {
            name: format!("cost {c}"),
            class: FirmKind::Industrial,
            region: "anywhere".into(),
            hashrate_ths: 1.0e8,
            hardware: "asic".into(),
            fixed_relative_cost: c,
            ..FirmSpec::default()
        })
        .collect();
    let r = simulate(&s, s.seed);
    let end = s.timeline.end;
    let mut model: Vec<f64> =
        (1..=costs.len().min(5)).map(|i| mean(&r, &format!("entity_share.top{i}"), end.offset(-11), end)).collect();
    model.resize(costs.len(), 0.0);
    let mut theory = tullock_shares(costs);
    theory.sort_by(|a, b| b.total_cmp(a));
    (model, theory)
}

#[test]
fn natural_oligopoly_preset_converges_to_tullock_shares() {
    let s = preset("natural-oligopoly");
    let costs: Vec<f64> = s.miners.initial_firms.iter().map(|f| f.fixed_relative_cost).collect();
    assert_eq!(costs, [0.5, 1.0, 1.0, 1.0]);
    let (model, theory) = oligopoly_shares(&costs);
    for (m, t) in model.iter().zip(&theory) {
        assert!((m - t).abs() <= 0.02, "model {model:?} vs theory {theory:?}");
    }
}

#[test]
fn other_cost_sets_converge_to_tullock_shares_including_a_priced_out_miner() {
    for costs in [vec![1.0, 1.0], vec![1.0, 2.0, 3.0], vec![0.5, 1.0, 1.0, 1.0, 1.6], vec![1.0, 1.2, 1.5]] {
        let (model, theory) = oligopoly_shares(&costs);
        for (m, t) in model.iter().zip(&theory) {
            assert!((m - t).abs() <= 0.02, "costs {costs:?}: model {model:?} vs theory {theory:?}");
        }
    }
}

#[test]
fn tullock_reference_is_right_on_hand_worked_cases() {
    let s = tullock_shares(&[0.5, 1.0, 1.0, 1.0]);
    assert!((s[0] - 4.0 / 7.0).abs() < 1e-12 && (s[1] - 1.0 / 7.0).abs() < 1e-12);
    let s = tullock_shares(&[0.5, 1.0, 1.0, 1.0, 1.6]);
    assert_eq!(s[4], 0.0);
}

fn baseline() -> (Scenario, Results) {
    let s = preset("baseline-2009-2040");
    let r = simulate(&s, s.seed);
    (s, r)
}

/// Pool markets have not run to one pool: since 2018 the pool Nakamoto
/// coefficient has been 2–3 (`data/bitcoin.md`, "Pools"), and when GHash.io
/// neared 50 % in 2014 miners left it. Checked: in the baseline (the preset's
/// seed) no single pool holds a majority in any month of 2026–2040.
#[test]
fn baseline_pools_do_not_run_to_a_monopoly() {
    let (_, r) = baseline();
    for m in ym(2026, 1).through(ym(2040, 12)) {
        let n = at(&r, "nakamoto_pool", m);
        assert!(n >= 2.0, "{m}: pool Nakamoto {n}, top pool {}", at(&r, "pool_share.top1", m));
    }
}

/// The baseline projects forward plausibly: hash rate grows with the
/// projected price, hobbyists stay marginal, the map spreads after 2021.
#[test]
fn baseline_projects_forward_plausibly() {
    let (_, r) = baseline();
    let h2025 = mean(&r, "hashrate_ehs", ym(2025, 1), ym(2025, 12));
    let h2040 = mean(&r, "hashrate_ehs", ym(2040, 1), ym(2040, 12));
    let p2025 = mean(&r, "btc_price_usd", ym(2025, 1), ym(2025, 12));
    let p2040 = mean(&r, "btc_price_usd", ym(2040, 1), ym(2040, 12));
    assert!(p2040 > p2025, "the preset's seed should give a rising price path");
    assert!(h2040 > h2025, "hash rate {h2025} → {h2040} while price {p2025} → {p2040}");
    // Hash rate follows price: yearly log changes move together.
    let years: Vec<(f64, f64)> = (2026..=2040)
        .map(|y| {
            (mean(&r, "btc_price_usd", ym(y, 1), ym(y, 12)).ln(), mean(&r, "hashrate_ehs", ym(y, 1), ym(y, 12)).ln())
        })
        .collect();
    let corr = correlation(&years);
    assert!(corr > 0.5, "log price and log hash rate correlation {corr}");
    for m in ym(2026, 1).through(ym(2040, 12)) {
        let x = at(&r, "hobbyist_hash_share", m);
        assert!(x <= 0.05, "{m}: hobbyist share {x}");
    }
    let before = mean(&r, "effective_regions", ym(2019, 1), ym(2020, 12));
    let after = mean(&r, "effective_regions", ym(2030, 1), ym(2040, 12));
    let early = mean(&r, "effective_regions", ym(2022, 1), ym(2022, 12));
    assert!(after > before && after > early, "effective regions {before} (2019–20), {early} (2022), {after} (2030–40)");
}

fn correlation(xy: &[(f64, f64)]) -> f64 {
    let n = xy.len() as f64;
    let (mx, my) = (xy.iter().map(|p| p.0).sum::<f64>() / n, xy.iter().map(|p| p.1).sum::<f64>() / n);
    let cov: f64 = xy.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let vx: f64 = xy.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let vy: f64 = xy.iter().map(|p| (p.1 - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

#[test]
fn same_seed_is_bit_identical_and_another_seed_differs() {
    let s = preset("baseline-2009-2040");
    let a = simulate(&s, 7);
    let b = simulate(&s, 7);
    assert_eq!(a.specs, b.specs);
    for (x, y) in a.values.iter().zip(&b.values) {
        assert!(x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits()));
    }
    assert_eq!(a.markers, b.markers);
    let c = simulate(&s, 8);
    let late = ym(2035, 1);
    assert_ne!(at(&a, "btc_price_usd", late).to_bits(), at(&c, "btc_price_usd", late).to_bits());
    assert_ne!(at(&a, "hashrate_ehs", late).to_bits(), at(&c, "hashrate_ehs", late).to_bits());
}
