//! A readable year-by-year comparison of the history preset with the
//! reference figures of `data/bitcoin.md`; run with
//! `cargo test --test mining_report -- --ignored --nocapture`.

use std::ops::ControlFlow;

use diverge::scenario::{Month, Scenario};
use diverge::sim::run;

#[test]
#[ignore = "prints a report; run on demand"]
fn print_history_fit() {
    let name = std::env::var("DIVERGE_PRESET").unwrap_or_else(|_| "history-2009-2025".into());
    let path = format!("{}/saves/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    let s: Scenario = diverge::scenario::io::load(&path).expect("preset loads");
    let t = std::time::Instant::now();
    let r = run(&s, s.seed, |_, _| ControlFlow::Continue(())).expect("runs");
    println!("run took {:?}", t.elapsed());
    let keys = [
        "btc_price_usd",
        "hashrate_ehs",
        "energy_twh_per_year",
        "fleet_efficiency_j_per_th",
        "region_share.china",
        "region_share.us",
        "nakamoto_pool",
        "hhi_pool",
        "hobbyist_hash_share",
        "active_firms",
        "effective_regions",
        "hashprice_usd_per_ph_day",
        "nakamoto_entity",
    ];
    println!("month    {}", keys.join(" | "));
    let end = s.timeline.end;
    let mut m = Month::ym(2009, 6);
    while m <= end {
        let vals: Vec<String> = keys.iter().map(|k| format!("{:.4}", r.at(k, m).unwrap_or(f64::NAN))).collect();
        println!("{m} {}", vals.join(" | "));
        m = m.offset(6);
    }
    for mk in &r.markers {
        println!("marker {} {:?} {}", mk.month, mk.kind, mk.label);
    }
}

/// Wall time of whole runs of the baseline preset (the performance budget of
/// issue 4: well under a second in release). Measure with
/// `cargo test --release --no-default-features --test mining_report time_baseline -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check; run on demand in release"]
fn time_baseline_runs() {
    let path = format!("{}/saves/baseline-2009-2040.ron", env!("CARGO_MANIFEST_DIR"));
    let s: Scenario = diverge::scenario::io::load(&path).expect("preset loads");
    let mut times: Vec<f64> = (0..10)
        .map(|_| {
            let t = std::time::Instant::now();
            let r = run(&s, s.seed, |_, _| ControlFlow::Continue(())).expect("runs");
            assert_eq!(r.len(), s.timeline.months());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("baseline-2009-2040, 10 runs: min {:.1} ms, median {:.1} ms, max {:.1} ms", times[0], times[5], times[9]);
}
