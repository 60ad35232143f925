//! Golden outputs: the complete results of every bundled preset (its own
//! seed, plus one other seed of the history preset) stored as one digest per
//! column under `tests/golden/`, so a refactor that should not change results
//! proves it did not, bit for bit.
//!
//! A digest is FNV-1a over the bit patterns of a column's monthly values, so
//! `-0.0`, `0.0` and every NaN payload are told apart. When a test fails it
//! names each column that changed and keeps the run's CSV to diff. A
//! deliberate model change rewrites the files in a commit of its own:
//! `DIVERGE_BLESS=1 cargo test --test golden`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::ControlFlow;
use std::path::PathBuf;

use diverge::scenario::presets::PRESETS;
use diverge::sim::{Results, run};

/// FNV-1a, 64 bits.
fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `key digest` lines: the months, the markers, then one line per column.
fn digest(r: &Results) -> String {
    let mut out = String::new();
    let months = r.months.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
    let _ = writeln!(out, "months {:016x} {}", fnv(months.bytes()), r.len());
    let mut markers = String::new();
    for m in &r.markers {
        let _ = writeln!(markers, "{}|{:?}|{}", m.month, m.kind, m.label);
    }
    let _ = writeln!(out, "markers {:016x} {}", fnv(markers.bytes()), r.markers.len());
    for (spec, col) in r.specs.iter().zip(&r.values) {
        let _ = writeln!(out, "{} {:016x}", spec.key, fnv(col.iter().flat_map(|x| x.to_bits().to_le_bytes())));
    }
    out
}

fn parse(text: &str) -> BTreeMap<String, String> {
    text.lines().filter_map(|l| l.split_once(' ')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.txt"))
}

/// Compares the results with the stored digests (or stores them when
/// blessing); returns one line per difference.
fn check(name: &str, seed: u64) -> Vec<String> {
    let preset = PRESETS.iter().find(|p| name.starts_with(p.name)).expect("a bundled preset");
    let s = preset.load().expect("the preset loads");
    let r = run(&s, seed, |_, _| ControlFlow::Continue(())).expect("the preset runs");
    let got = digest(&r);
    let path = golden_path(name);
    if std::env::var_os("DIVERGE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("golden dir");
        std::fs::write(&path, &got).expect("golden written");
        return Vec::new();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (want, got_map) = (parse(&want), parse(&got));
    let mut problems = Vec::new();
    for (key, w) in &want {
        match got_map.get(key) {
            None => problems.push(format!("{name}: column {key} is gone")),
            Some(g) if g != w => problems.push(format!("{name}: {key} changed")),
            Some(_) => {}
        }
    }
    for key in got_map.keys().filter(|k| !want.contains_key(*k)) {
        problems.push(format!("{name}: new column {key}"));
    }
    if !problems.is_empty() {
        problems.push(keep_csv(name, &r));
    }
    problems
}

/// Writes the run's CSV where a failing test says, to diff against a run
/// of the previous version (`diverge run NAME --out`).
fn keep_csv(name: &str, r: &Results) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("golden");
    let path = dir.join(format!("{name}.csv"));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::File::create(&path))
        .map_err(|e| e.to_string())
        .and_then(|f| r.write_csv(f).map_err(|e| e.to_string()));
    match written {
        Ok(()) => format!("{name}: this run's CSV is {}", path.display()),
        Err(e) => format!("{name}: could not keep the CSV: {e}"),
    }
}

#[test]
fn every_preset_reproduces_its_golden_results() {
    let mut problems = Vec::new();
    for p in &PRESETS {
        let seed = p.load().expect("the preset loads").seed;
        problems.extend(check(p.name, seed));
    }
    assert!(problems.is_empty(), "results changed:\n{}", problems.join("\n"));
}

#[test]
fn another_seed_of_the_history_reproduces_its_golden_results() {
    let problems = check("history-2009-2025-seed7", 7);
    assert!(problems.is_empty(), "results changed:\n{}", problems.join("\n"));
}
