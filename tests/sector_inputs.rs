//! Experiments run only the sectors a result depends on (a Monte Carlo runs
//! the AI sector once; a screening of a mining output runs mining alone and
//! skips the AI parameters). That is exact only if a sector run alone gives
//! the columns a full run gives it, and if `SectorKind::same_inputs` never
//! calls two scenarios alike where the sector would tell them apart. These
//! tests hold both to that, over every preset and every registry parameter.

use diverge::experiments::paths::{model_parameters, set};
use diverge::scenario::presets::{PRESETS, load_preset};
use diverge::scenario::validate::validate;
use diverge::scenario::{Month, Scenario};
use diverge::sim::{Finished, Results, SectorKind, Simulation, run_sectors};

fn run_of(s: &Scenario, kinds: &[SectorKind]) -> Results {
    run_sectors(s, s.seed, kinds, |_, _| std::ops::ControlFlow::Continue(())).expect("a valid scenario runs")
}

/// The columns of `part` as the full run `all` has them, bit for bit.
fn assert_same_columns(part: &Results, all: &Results, what: &str) {
    assert!(!part.specs.is_empty(), "{what}: the sector writes columns");
    for (spec, column) in part.specs.iter().zip(&part.values) {
        let full = all.specs.iter().position(|s| s.key == spec.key).expect("the full run has every column");
        let same = column.iter().zip(&all.values[full]).all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "{what}: column {} differs from the full run's", spec.key);
    }
}

#[test]
fn each_sector_alone_gives_the_columns_of_a_full_run() {
    for name in PRESETS.iter().map(|p| p.name) {
        let s = load_preset(name).expect("the preset loads");
        let all = run_of(&s, &SectorKind::ALL);
        let mut widths = 0;
        for kind in SectorKind::ALL {
            let part = run_of(&s, &[kind]);
            assert_same_columns(&part, &all, &format!("{name}, {kind:?} alone"));
            widths += part.specs.len();
        }
        assert_eq!(widths, all.specs.len(), "{name}: the sectors' columns make up the full run's");
    }
}

#[test]
fn the_ai_sector_gives_every_seed_the_same_columns() {
    let s = load_preset("baseline-2009-2040").expect("the preset loads");
    assert!(!SectorKind::Ai.uses_seed() && SectorKind::Mining.uses_seed());
    let a = run_sectors(&s, 1, &[SectorKind::Ai], |_, _| std::ops::ControlFlow::Continue(())).expect("runs");
    let b = run_sectors(&s, 99, &[SectorKind::Ai], |_, _| std::ops::ControlFlow::Continue(())).expect("runs");
    assert_eq!(a.values.len(), b.values.len());
    for (x, y) in a.values.iter().zip(&b.values) {
        assert!(x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits()));
    }
}

/// The baseline on a shorter timeline (the test runs a few hundred runs),
/// through the 2021 ban so that events act.
fn short_baseline() -> Scenario {
    let mut s = load_preset("baseline-2009-2040").expect("the preset loads");
    s.timeline.end = Month::ym(2024, 12);
    s.events.retain(|e| e.month <= s.timeline.end);
    s
}

#[test]
fn a_parameter_a_sector_does_not_read_leaves_its_columns_as_they_were() {
    let base = short_baseline();
    let own: Vec<Results> = SectorKind::ALL.iter().map(|&k| run_of(&base, &[k])).collect();
    let mut checked = [0usize; 2];
    for field in model_parameters(&base) {
        let mut s = base.clone();
        let other = if field.value == field.param.max { field.param.min } else { field.param.max };
        if set(&mut s, &field.path, other).is_err() || validate(&s).is_err() || s == base {
            continue;
        }
        for (i, &kind) in SectorKind::ALL.iter().enumerate() {
            if kind.same_inputs(&s, &base) {
                let part = run_of(&s, &[kind]);
                assert_same_columns(&part, &own[i], &format!("{kind:?} with {} = {other}", field.path));
                checked[i] += 1;
            }
        }
    }
    // The mining sector reads none of the AI section, the AI sector none of
    // the mining settings: both kinds of skip are exercised.
    assert!(checked[0] >= 50, "AI parameters checked against mining: {}", checked[0]);
    assert!(checked[1] >= 200, "mining parameters checked against AI: {}", checked[1]);
}

#[test]
fn a_parameter_a_sector_reads_is_not_called_the_same() {
    let base = short_baseline();
    let moved = |path: &str, value: f64| {
        let mut s = base.clone();
        set(&mut s, path, value).expect("the path exists");
        s
    };
    let mining = moved("regions[0].risk", 0.3);
    assert!(!SectorKind::Mining.same_inputs(&mining, &base) && SectorKind::Ai.same_inputs(&mining, &base));
    let ai = moved("ai.placement.edge_cost_usd_per_mtok", 3.21);
    assert!(SectorKind::Mining.same_inputs(&ai, &base) && !SectorKind::Ai.same_inputs(&ai, &base));
    let mut later = base.clone();
    later.timeline.end = Month::ym(2025, 12);
    assert!(!SectorKind::Mining.same_inputs(&later, &base) && !SectorKind::Ai.same_inputs(&later, &base));
    let mut renamed = base.clone();
    renamed.name = "Another name".into();
    renamed.seed += 1;
    assert!(
        SectorKind::ALL.iter().all(|k| k.same_inputs(&renamed, &base)),
        "descriptive fields and the seed are not inputs"
    );
}

/// A run prepared with `Simulation::reusing`, stepped to the end: its
/// results, the sectors it replayed, and what it keeps for the next run.
fn run_reusing(s: &Scenario, earlier: Option<&Finished>) -> (Results, Vec<SectorKind>, Finished) {
    let mut sim = Simulation::reusing(s, s.seed, earlier).expect("a valid scenario runs");
    let replayed = sim.replayed();
    while sim.step() {}
    let kept = sim.finished(s, s.seed).expect("the run is complete");
    ((*kept.results).clone(), replayed, kept)
}

/// Same columns, bit for bit, and the same markers in the same order.
fn assert_same_results(a: &Results, b: &Results, what: &str) {
    assert_eq!(a.specs, b.specs, "{what}: columns");
    assert_eq!(a.months, b.months, "{what}: months");
    assert_eq!(a.markers, b.markers, "{what}: markers");
    assert_same_columns(a, b, what);
}

#[test]
fn a_rerun_replays_only_the_sectors_an_edit_leaves_alone_and_matches_a_full_run() {
    // The whole baseline, so that both sectors place markers to replay.
    let base = load_preset("baseline-2009-2040").expect("the preset loads");
    let (first, replayed, kept) = run_reusing(&base, None);
    assert!(replayed.is_empty(), "nothing to replay from yet");
    for kind in SectorKind::ALL {
        assert!(first.markers.iter().any(|m| m.kind.placed_by() == Some(kind)), "{kind:?} places markers");
    }
    assert_same_results(&first, &run_of(&base, &SectorKind::ALL), "first run");
    let moved = |path: &str, value: f64| {
        let mut s = base.clone();
        set(&mut s, path, value).expect("the path exists");
        s
    };
    let mut reseeded = moved("ai.placement.edge_cost_usd_per_mtok", 3.21);
    reseeded.seed += 1;
    let mut shorter = base.clone();
    shorter.timeline.end = Month::ym(2039, 12);
    let cases = [
        ("unchanged", base.clone(), SectorKind::ALL.to_vec()),
        ("an AI edit", moved("ai.placement.edge_cost_usd_per_mtok", 3.21), vec![SectorKind::Mining]),
        ("a mining edit", moved("regions[0].risk", 0.3), vec![SectorKind::Ai]),
        ("an AI edit and a new seed", reseeded, vec![]),
        ("a shorter timeline", shorter, vec![]),
    ];
    for (what, s, expected) in cases {
        let (results, replayed, _) = run_reusing(&s, Some(&kept));
        assert_eq!(replayed, expected, "{what}: sectors replayed");
        assert_same_results(&results, &run_of(&s, &SectorKind::ALL), what);
    }
}

#[test]
fn an_unfinished_run_is_not_kept_for_replay() {
    let base = short_baseline();
    let mut sim = Simulation::reusing(&base, base.seed, None).expect("runs");
    assert!(sim.step());
    assert!(sim.finished(&base, base.seed).is_none(), "one month of many is not a run to replay");
}
