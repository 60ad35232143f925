//! Benchmarks of the simulation (divan): a whole run of every preset, each
//! sector of the baseline alone, the window's re-run of the baseline after
//! an AI edit (the mining sector replayed), the mining sector at 2,000
//! initial operators, and preparing every plot of the baseline. Run with
//! `cargo bench`; `diverge bench` prints the same figures plus the mining
//! throughput at 20,000 operators and the slowest valid scenario, and
//! `docs/PERFORMANCE.md` records them.

use std::ops::ControlFlow;

use diverge::bench::{SectorChoice, mining_throughput, run_alone, with_operators};
use diverge::scenario::Scenario;
use diverge::scenario::presets::PRESETS;

fn main() {
    divan::main();
}

fn preset(name: &str) -> Scenario {
    PRESETS.iter().find(|p| p.name == name).and_then(|p| p.load().ok()).expect("a bundled preset")
}

/// A whole run (both sectors) of each bundled preset, on its own seed.
#[divan::bench(args = PRESETS.iter().map(|p| p.name), sample_count = 20)]
fn run_preset(bencher: divan::Bencher, name: &str) {
    let s = preset(name);
    bencher.bench(|| diverge::sim::run(&s, s.seed, |_, _| ControlFlow::Continue(())).expect("runs"));
}

/// One sector of the baseline alone.
#[divan::bench(args = [SectorChoice::Mining, SectorChoice::Ai], sample_count = 20)]
fn baseline_sector(bencher: divan::Bencher, which: SectorChoice) {
    let s = preset("baseline-2009-2040");
    bencher.bench(|| run_alone(&s, which));
}

/// The window's re-run of the baseline after an AI edit: the AI sector
/// simulated, the mining sector replayed from the run before.
#[divan::bench(sample_count = 20)]
fn rerun_after_an_ai_edit(bencher: divan::Bencher) {
    let s = preset("baseline-2009-2040");
    let mut first = diverge::sim::Simulation::new(&s, s.seed).expect("a valid preset");
    while first.step() {}
    let kept = first.finished(&s, s.seed);
    let mut edited = s.clone();
    diverge::experiments::paths::set(&mut edited, "ai.placement.cost_weight", 3.21).expect("the path exists");
    bencher.bench(|| {
        let mut sim = diverge::sim::Simulation::reusing(&edited, edited.seed, kept.as_ref()).expect("runs");
        while sim.step() {}
        sim.into_results()
    });
}

/// The mining sector of the baseline with 2,000 initial operators.
#[divan::bench(sample_count = 5)]
fn mining_with_2000_operators() -> f64 {
    mining_throughput(&with_operators(2_000)).firm_months
}

/// Turning the baseline's results into every plot's points, as the window
/// does after each run.
#[cfg(feature = "gui")]
#[divan::bench(sample_count = 50)]
fn prepare_every_plot(bencher: divan::Bencher) {
    use diverge::app::views::Tab;
    use diverge::app::views::prepare::prepare;
    let s = preset("baseline-2009-2040");
    let results = diverge::sim::run(&s, s.seed, |_, _| ControlFlow::Continue(())).expect("runs");
    bencher.bench(|| {
        Tab::ALL
            .iter()
            .flat_map(|tab| tab.plots())
            .map(|spec| prepare(spec, &results, spec.log).lines.len())
            .sum::<usize>()
    });
}
