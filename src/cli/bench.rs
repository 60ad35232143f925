//! `diverge bench`: the speed figures of `docs/PERFORMANCE.md`, measured on
//! the machine it runs on and printed as a Markdown table, so anyone can
//! check the recorded figures against their own.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use diverge::bench::{
    SLOWEST_AT_MAX, SectorChoice, Timing, mining_throughput, slowest_scenario, time_rerun, time_runs, time_sector,
    with_operators,
};
use diverge::scenario::Scenario;
use diverge::scenario::presets::PRESETS;

/// Measures and prints every figure; `runs` whole runs per preset.
pub fn bench(runs: usize, skip_slowest: bool) -> ExitCode {
    let mut out = io::stdout().lock();
    if cfg!(debug_assertions) {
        let _ = writeln!(out, "(a debug build: run `cargo run --release -- bench` for real figures)\n");
    }
    let _ = writeln!(
        out,
        "Diverge {} — one thread, release figures are in docs/PERFORMANCE.md\n",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "| what | figure |\n| --- | --- |");
    for p in &PRESETS {
        let Ok(s) = p.load() else { continue };
        match time_runs(&s, runs) {
            Ok(t) => {
                let _ = writeln!(out, "| run of `{}`, both sectors, in-process | {} |", p.name, timing(&t));
            }
            Err(e) => {
                eprintln!("diverge bench: {}: {e}", p.name);
                return ExitCode::from(1);
            }
        }
    }
    let baseline = diverge::scenario::presets::default_scenario();
    for (which, name) in [(SectorChoice::Mining, "mining"), (SectorChoice::Ai, "AI")] {
        let t = time_sector(&baseline, which, runs);
        let _ = writeln!(out, "| {name} sector of `{}` alone | {} |", PRESETS[0].name, timing(&t));
    }
    rerun_after_edits(&mut out, &baseline, runs);
    for operators in [2_000, 20_000] {
        let t = mining_throughput(&with_operators(operators));
        let _ = writeln!(
            out,
            "| mining sector alone, baseline with {operators} initial operators | {:.2} M firm-months/s ({:.0} ns each, {:.0} firm-months in {:.2} s) |",
            t.per_second() / 1.0e6,
            t.ns_per_firm_month(),
            t.firm_months,
            t.seconds
        );
    }
    plot_preparation(&mut out);
    if !skip_slowest {
        let started = Instant::now();
        let t = mining_throughput(&slowest_scenario());
        let _ = writeln!(
            out,
            "| slowest valid scenario ({} at their maximum), mining sector | {:.1} s ({:.0} firm-months) |",
            SLOWEST_AT_MAX.join(", "),
            started.elapsed().as_secs_f64(),
            t.firm_months
        );
    }
    ExitCode::SUCCESS
}

/// The window's re-run of the baseline after an edit of one sector's
/// parameter, the other sector replayed from the run before.
fn rerun_after_edits(out: &mut impl Write, baseline: &Scenario, runs: usize) {
    let edits =
        [("an AI", "ai.placement.cost_weight", 3.21), ("a mining", "market.projection_volatility_per_year", 1.5)];
    for (what, path, value) in edits {
        let mut edited = baseline.clone();
        if diverge::experiments::paths::set(&mut edited, path, value).is_err() {
            continue;
        }
        if let Ok(t) = time_rerun(baseline, &edited, runs) {
            let name = PRESETS[0].name;
            let _ = writeln!(
                out,
                "| re-run of `{name}` after {what} edit (`{path}`), as the window makes it | {} |",
                timing(&t)
            );
        }
    }
}

fn timing(t: &Timing) -> String {
    format!("median {:.1} ms (min {:.1}, max {:.1}; {} runs)", t.median_ms, t.min_ms, t.max_ms, t.runs)
}

/// Time to turn the baseline's results into every plot's points, as the
/// window does after each run.
#[cfg(feature = "gui")]
fn plot_preparation(out: &mut impl Write) {
    use diverge::app::views::Tab;
    use diverge::app::views::prepare::prepare;
    let s = diverge::scenario::presets::default_scenario();
    let Ok(results) = diverge::sim::run(&s, s.seed, |_, _| std::ops::ControlFlow::Continue(())) else { return };
    let samples: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let points: usize = Tab::ALL
                .iter()
                .flat_map(|tab| tab.plots())
                .map(|spec| prepare(spec, &results, spec.log).lines.len())
                .sum();
            std::hint::black_box(points);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let _ = writeln!(out, "| plot preparation, every tab of the baseline | {} |", timing(&Timing::of(samples)));
}

#[cfg(not(feature = "gui"))]
fn plot_preparation(_out: &mut impl Write) {}
