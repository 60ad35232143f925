//! The experiments (Monte Carlo, sweeps and their shards, sensitivity
//! screening, explanations) through the library and through the binary, on
//! short scenarios so each test takes seconds.

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use diverge::experiments::montecarlo::{PERCENTILES, monte_carlo};
use diverge::experiments::sensitivity::{morris, one_at_a_time};
use diverge::experiments::{OutputAt, Tracker, explain, run_seed, thread_pool};
use diverge::scenario::presets::load_preset;
use diverge::scenario::{Hardware, Month, Region, Scenario};

fn diverge(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_diverge")).args(args).output().expect("the binary runs");
    assert_ne!(out.status.code(), Some(101), "panicked on {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn ok(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A preset cut to its first `years` years (events after the cut dropped).
fn short_preset(name: &str, years: i32) -> Scenario {
    let mut s = load_preset(name).unwrap();
    s.timeline.end = Month::ym(s.timeline.start.year() + years - 1, 12);
    let end = s.timeline.end;
    s.events.retain(|e| e.month <= end);
    s
}

/// Saves a scenario into `dir` and returns its path as a string.
fn save(dir: &Path, name: &str, s: &Scenario) -> String {
    let path = dir.join(name);
    diverge::scenario::io::save(&path, s).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The lines of a CSV file after its `#` comment lines.
fn body(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn comments(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with('#')).collect()
}

fn column(text: &str, name: &str) -> Vec<String> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let i = header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}"));
    lines.map(|l| l.split(',').nth(i).unwrap().to_owned()).collect()
}

#[test]
fn monte_carlo_bytes_do_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "short.ron", &short_preset("history-2009-2025", 4));
    let (one, four) = (dir.path().join("one.csv"), dir.path().join("four.csv"));
    ok(&diverge(&["run", &file, "--runs", "6", "--threads", "1", "--out", one.to_str().unwrap()]));
    ok(&diverge(&["run", &file, "--runs", "6", "--threads", "4", "--out", four.to_str().unwrap()]));
    let (one, four) = (std::fs::read_to_string(one).unwrap(), std::fs::read_to_string(four).unwrap());
    assert_eq!(body(&one), body(&four));
    // The comments differ only in the command line that was typed.
    let differing: Vec<(&str, &str)> =
        comments(&one).into_iter().zip(comments(&four)).filter(|(a, b)| a != b).collect();
    assert_eq!(differing.len(), 1, "{differing:?}");
    assert!(differing[0].0.starts_with("# command: diverge run"), "{differing:?}");
    for line in ["# diverge ", "# scenario: ", "# seeds: 1 to 6 (run k uses seed 1 + k)", "# runs: 6"] {
        assert!(one.lines().any(|l| l.starts_with(line)), "no {line:?} in\n{}", comments(&one).join("\n"));
    }
    assert!(comments(&one).iter().any(|l| l.contains("content hash fnv1a64:")));
    let header = body(&one).lines().next().unwrap().to_owned();
    assert!(header.starts_with("month,btc_price_usd.p5,btc_price_usd.p25,btc_price_usd.p50,"), "{header}");
    assert!(header.contains("hashrate_ehs.p95,hashrate_ehs.mean"), "{header}");
    assert_eq!(body(&one).lines().count(), 1 + 48);
}

/// Percentile at rank (n − 1) p / 100 of sorted values, written apart from
/// the library's own.
fn naive_percentile(sorted: &[f32], p: f64) -> f64 {
    let rank = p / 100.0 * (sorted.len() as f64 - 1.0);
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    let w = rank - rank.floor();
    f64::from(sorted[lo]) * (1.0 - w) + f64::from(sorted[hi]) * w
}

#[test]
fn percentiles_are_ordered_and_equal_a_naive_computation() {
    let s = short_preset("history-2009-2025", 3);
    let runs = 7;
    let pool = thread_pool(Some(2)).unwrap();
    let bands = monte_carlo(&s, s.seed, runs, &pool, &Tracker::new()).unwrap();
    let singles: Vec<_> = (0..runs)
        .map(|k| diverge::sim::run(&s, run_seed(s.seed, k), |_, _| std::ops::ControlFlow::Continue(())).unwrap())
        .collect();
    assert_eq!(bands.months.len(), 36);
    let mut spread_seen = false;
    for (c, spec) in bands.specs.iter().enumerate() {
        for m in 0..bands.months.len() {
            let mut values: Vec<f32> = singles.iter().map(|r| r.values[c][m] as f32).filter(|x| !x.is_nan()).collect();
            values.sort_by(f32::total_cmp);
            let st = bands.stats[c][m];
            assert_eq!(st.count, values.len(), "{} month {m}", spec.key);
            if values.is_empty() {
                continue;
            }
            for (i, p) in PERCENTILES.iter().enumerate() {
                let naive = naive_percentile(&values, *p);
                assert!((st.percentiles[i] - naive).abs() <= 1e-9 * naive.abs().max(1e-300), "{} {p}", spec.key);
            }
            assert!(st.percentiles.windows(2).all(|w| w[0] <= w[1]), "{}: {:?}", spec.key, st.percentiles);
            let mean = values.iter().map(|&x| f64::from(x)).sum::<f64>() / values.len() as f64;
            assert!((st.mean - mean).abs() <= 1e-12 * mean.abs().max(1e-300), "{}", spec.key);
            spread_seen |= st.percentiles[0] < st.percentiles[4];
        }
    }
    assert!(spread_seen, "the seeds give different runs");
}

#[test]
fn a_sweep_of_the_hobbyist_market_size_raises_the_early_hash_rate() {
    // Until 2012 hobbyists are all the miners: more people who could take up
    // mining (the Bass market size) means more hash power.
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "short.ron", &short_preset("history-2009-2025", 3));
    let out = dir.path().join("sweep.csv");
    let param = "miners.hobbyist.potential_members=1e5:1e7:3:log";
    ok(&diverge(&["sweep", &file, "--param", param, "--out", out.to_str().unwrap()]));
    let text = std::fs::read_to_string(out).unwrap();
    let header = body(&text).lines().next().unwrap().to_owned();
    assert!(header.starts_with("miners.hobbyist.potential_members,month,btc_price_usd,"), "{header}");
    let members = column(&text, "miners.hobbyist.potential_members");
    let hash = column(&text, "hashrate_ehs");
    assert_eq!(members.len(), 3 * 36);
    assert_eq!([&members[0], &members[36], &members[72]], ["100000", "1000000", "10000000"]);
    let last = |i: usize| -> f64 { hash[i * 36 + 35].parse().unwrap() };
    assert!(last(0) < last(1) && last(1) < last(2), "{} {} {}", last(0), last(1), last(2));
}

#[test]
fn merged_shards_equal_the_unsharded_sweep_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "short.ron", &short_preset("history-2009-2025", 2));
    let sweep = |extra: &[&str], out: &str| {
        let out = dir.path().join(out).to_str().unwrap().to_owned();
        let mut args = vec![
            "sweep",
            &file,
            "--param",
            "regions[0].industrial_price_usd_per_kwh=0.03:0.09:3",
            "--param",
            "miners.hobbyist.enthusiasm_usd_per_month=1,5",
            "--runs",
            "2",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--out", &out]);
        ok(&diverge(&args));
        out
    };
    let whole = sweep(&[], "whole.csv");
    let parts: Vec<String> = (1..=4).map(|i| sweep(&["--shard", &format!("{i}/4")], &format!("p{i}.csv"))).collect();
    let merged_path = dir.path().join("merged.csv");
    let m = merged_path.to_str().unwrap();
    ok(&diverge(&["merge", "--out", m, &parts[2], &parts[0], &parts[3], &parts[1]]));
    let (whole, merged) = (std::fs::read_to_string(whole).unwrap(), std::fs::read_to_string(&merged_path).unwrap());
    assert_eq!(body(&whole).lines().count(), 1 + 6 * 24);
    assert_eq!(body(&whole), body(&merged));
    assert!(merged.lines().any(|l| l.starts_with("# command: diverge merge")));
    assert!(merged.lines().any(|l| l == "# grid: 6 points x 24 months"));

    // A missing shard, a repeated one and a part of another sweep are refused.
    let refused = |args: &[&str], what: &str| {
        let out = diverge(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(what), "{}", String::from_utf8_lossy(&out.stderr));
    };
    refused(&["merge", "--out", m, &parts[0], &parts[1], &parts[2]], "shards missing: 4 of 4");
    refused(&["merge", "--out", m, &parts[0], &parts[0], &parts[1], &parts[2], &parts[3]], "is also in");
    let other = sweep(&["--shard", "1/4", "--seed", "9"], "other.csv");
    refused(&["merge", "--out", m, &other, &parts[1], &parts[2], &parts[3]], "not a part of the same sweep");
}

#[test]
fn sweep_errors_name_the_path_or_the_value() {
    let bad = |param: &str, code: i32, what: &str| {
        let out = diverge(&["sweep", "history-2009-2025", "--param", param]);
        assert_eq!(out.status.code(), Some(code), "{param}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(what), "{}", String::from_utf8_lossy(&out.stderr));
    };
    bad("regions[0].no_such_field=1,2", 1, "unknown parameter \"regions[0].no_such_field\"");
    bad("regions[0].industrial_price_usd_per_kwh=0.1,9", 1, "must be between 0 and 5, got 9");
    bad("regions[0].industrial_price_usd_per_kwh=0.1:0.2", 2, "from:to:steps");
    let out = diverge(&["sweep", "history-2009-2025", "--param", "a=1", "--shard", "5/4"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Two regions, one hardware generation and a price table covering a
/// two-year timeline: the price at the end follows the table's last entry.
fn small_scenario() -> Scenario {
    let mut s = Scenario::default();
    s.timeline.end = Month::ym(2010, 12);
    s.regions.push(Region { id: "us".into(), ..Region::default() });
    s.regions.push(Region { id: "china".into(), ..Region::default() });
    s.hardware.push(Hardware::default());
    s.market.price_usd = vec![(Month::ym(2009, 1), 0.01), (Month::ym(2011, 1), 1.0)];
    s
}

#[test]
fn a_known_dominant_parameter_ranks_first_in_both_screenings() {
    let s = small_scenario();
    let output: OutputAt = "btc_price_usd@2010-12".parse().unwrap();
    let pool = thread_pool(None).unwrap();
    let oat = one_at_a_time(&s, &output, &pool, &Tracker::new()).unwrap();
    assert_eq!(oat[0].path, "market.price_usd[1].usd", "{:?}", &oat[..3]);
    assert!(oat[0].effect > 0.0);
    let tracker = Tracker::new();
    let mm = morris(&s, &output, 4, 0.5, &pool, &tracker).unwrap();
    assert_eq!(mm[0].path, "market.price_usd[1].usd", "{:?}", &mm[..3]);
    // A trajectory may cross a scenario validation refuses (bits floor above
    // the bits at the reference month); its steps are skipped.
    assert!(mm[0].effect > 0.0 && mm[0].count >= 2, "{:?}", &mm[..3]);
    assert_eq!(tracker.done(), tracker.total());
}

#[test]
fn one_differing_field_carries_the_whole_difference() {
    let a = short_preset("history-2009-2025", 5);
    let mut b = a.clone();
    b.miners.hobbyist.enthusiasm_usd_per_month *= 3.0;
    let outputs: Vec<OutputAt> = ["hashrate_ehs@2013-06", "hobbyist_hash_share"].map(|o| o.parse().unwrap()).to_vec();
    let rows = explain::explain(&a, &b, &outputs, &thread_pool(None).unwrap(), &Tracker::new()).unwrap();
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["miners.hobbyist.enthusiasm_usd_per_month", "total", "interaction"]);
    assert_eq!(rows[0].effects, rows[1].effects);
    assert!(rows[1].effects.iter().any(|&e| e != 0.0), "the change has an effect: {:?}", rows[1].effects);
    assert_eq!(rows[2].effects, vec![0.0, 0.0]);
}

#[test]
fn explain_lists_the_presets_differences_and_rows_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("explain.csv");
    ok(&diverge(&[
        "explain",
        "history-2009-2025",
        "us-energy-shock",
        "--output",
        "hashrate_ehs@2025-12",
        "--out",
        out.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(out).unwrap();
    assert!(text.starts_with("# diverge "), "{text}");
    let effects = column(&text, "hashrate_ehs@2025-12");
    let labels = column(&text, "difference");
    assert_eq!(&labels[labels.len() - 2..], ["total", "interaction"]);
    let n = effects.len() - 2;
    assert!(n >= 1);
    let sum: f64 = effects[..n].iter().filter(|e| !e.is_empty()).map(|e| e.parse::<f64>().unwrap()).sum();
    let total: f64 = effects[n].parse().unwrap();
    let interaction: f64 = effects[n + 1].parse().unwrap();
    assert!((sum + interaction - total).abs() <= 1e-9 * total.abs().max(1.0), "{sum} + {interaction} != {total}");
}

#[test]
fn sensitivity_writes_one_row_per_parameter_behind_its_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "small.ron", &small_scenario());
    let out = dir.path().join("morris.csv");
    let args = ["sensitivity", &file, "--output", "btc_price_usd@2010-12", "--method", "morris", "--trajectories", "2"];
    ok(&diverge(&[&args[..], &["--out", out.to_str().unwrap()]].concat()));
    let text = std::fs::read_to_string(out).unwrap();
    assert!(text.lines().any(|l| l.starts_with("# method: Morris, 2 trajectories, 4 levels")), "{text}");
    assert!(text.lines().any(|l| l == "# output: btc_price_usd@2010-12"), "{text}");
    let header = body(&text).lines().next().unwrap().to_owned();
    assert_eq!(header, "parameter,low,high,mu_star,mu,sigma,effects,note");
    assert_eq!(column(&text, "parameter")[0], "market.price_usd[1].usd");

    let bad = diverge(&["sensitivity", &file, "--output", "no_such_column@2010-12"]);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("unknown output column \"no_such_column\"") && err.contains("hashrate_ehs"), "{err}");
    let late = diverge(&["sensitivity", &file, "--output", "hashrate_ehs@2030-01"]);
    assert_eq!(late.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&late.stderr).contains("outside the timeline"));
    assert_eq!(diverge(&["sensitivity", &file, "--output", "hashrate_ehs@2030-13"]).status.code(), Some(2));
}

#[test]
fn bands_gathered_run_by_run_in_any_order_equal_the_monte_carlo() {
    use diverge::experiments::montecarlo::{Accumulator, run_one};
    let s = short_preset("history-2009-2025", 3);
    let pool = thread_pool(Some(2)).unwrap();
    let whole = monte_carlo(&s, s.seed, 6, &pool, &Tracker::new()).unwrap();
    let mut acc = Accumulator::new(&s, s.seed, 6).unwrap();
    let tracker = Tracker::new();
    for k in [4, 1, 5] {
        acc.record(k, &run_one(&s, s.seed, k, &tracker).unwrap());
    }
    let part = acc.bands();
    assert_eq!((part.runs, acc.finished()), (3, 3));
    // Compared as CSV: months without a value hold NaN, which never equals itself.
    let csv = |b: &diverge::experiments::montecarlo::Bands| b.to_csv().unwrap();
    assert!(csv(&part) != csv(&whole), "three runs are not six");
    for k in [0, 3, 2] {
        acc.record(k, &run_one(&s, s.seed, k, &tracker).unwrap());
    }
    assert!(csv(&acc.bands()) == csv(&whole), "every run in: the same bands as the Monte Carlo, bit for bit");
}
