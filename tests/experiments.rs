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
    text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect()
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
            let mut values: Vec<f32> =
                singles.iter().map(|r| r.values[c][m] as f32).filter(|x| !x.is_nan()).collect();
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
