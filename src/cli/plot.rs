//! `diverge plot` and `diverge report`: a view of a scenario's results as
//! SVG, PNG or CSV, and the self-contained HTML report, made without a
//! window by [`diverge::export`].
//!
//! Both run the scenario once (the line of every chart is the scenario's
//! own run, seed as given) and, with `--runs N`, a Monte Carlo for the
//! p5–p95 and p25–p75 bands. Files are written atomically; the format of
//! `plot` follows the extension of `--out`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use diverge::experiments::montecarlo::{Bands, monte_carlo};
use diverge::experiments::{Tracker, thread_pool};
use diverge::export::{self, Meta, View};
use diverge::scenario::Scenario;
use diverge::scenario::io::write_atomically;
use diverge::scenario::presets::{DEFAULT_PRESET, load_preset, open_arg};
use diverge::sim::Results;
use diverge::views::Tab;

use super::experiments::{command_line, to_usize, with_progress};
use super::{INVALID_INPUT, USAGE};

/// The names `--view` accepts: the window's tab names.
fn view_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Tab::ALL.map(Tab::slug))
}

/// Arguments shared by `plot` and `report`: what to run.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario file or preset name.
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Seed of the run (default: the scenario's own seed).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Monte Carlo runs for p5–p95 and p25–p75 bands (run k uses seed + k).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: Option<u64>,
    /// Threads for the runs (default: all cores); results do not depend on it.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..1025))]
    pub threads: Option<u64>,
}

/// `diverge plot`.
#[derive(Debug, clap::Args)]
pub struct PlotArgs {
    /// What to run.
    #[command(flatten)]
    pub run: RunArgs,
    /// The view (the window's tab) to export.
    #[arg(long, value_name = "NAME", value_parser = view_names())]
    pub view: String,
    /// Export only this plot of the view (its id, e.g. `overview.nakamoto`).
    #[arg(long, value_name = "ID")]
    pub plot: Option<String>,
    /// Output file: .svg (vector), .png (bitmap) or .csv (the series drawn).
    #[arg(long, value_name = "OUT.svg|OUT.png|OUT.csv")]
    pub out: PathBuf,
    /// Width of the chart in pixels.
    #[arg(long, value_name = "PX", default_value_t = 1200, value_parser = clap::value_parser!(u32).range(200..=8192))]
    pub width: u32,
    /// Height of the chart in pixels.
    #[arg(long, value_name = "PX", default_value_t = 800, value_parser = clap::value_parser!(u32).range(150..=8192))]
    pub height: u32,
    /// PNG only: pixels per chart pixel (2 for slides on high-density screens).
    #[arg(long, value_name = "K", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=4))]
    pub scale: u32,
}

/// `diverge report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// What to run.
    #[command(flatten)]
    pub run: RunArgs,
    /// The HTML file to write.
    #[arg(long, value_name = "OUT.html")]
    pub out: PathBuf,
}

/// A scenario's run and, with `--runs`, its bands.
struct Simulated {
    scenario: Scenario,
    results: Results,
    bands: Option<Bands>,
    meta: Meta,
}

fn simulate(args: &RunArgs) -> Result<Simulated, ExitCode> {
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("{}: {e}", args.file);
        ExitCode::from(INVALID_INPUT)
    };
    let scenario = open_arg(&args.file).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(INVALID_INPUT)
    })?;
    let seed = args.seed.unwrap_or(scenario.seed);
    let results =
        diverge::sim::run(&scenario, seed, |_, _| std::ops::ControlFlow::Continue(())).map_err(|e| fail(&e))?;
    let runs = args.runs.map_or(1, to_usize);
    let bands = if runs > 1 {
        let pool = thread_pool(args.threads.map(to_usize)).map_err(|e| fail(&e))?;
        let tracker = Tracker::new();
        let bands = with_progress("Monte Carlo", &tracker, || monte_carlo(&scenario, seed, runs, &pool, &tracker));
        Some(bands.map_err(|e| fail(&e))?)
    } else {
        None
    };
    let meta = Meta { scenario: scenario.name.clone(), seed, runs };
    Ok(Simulated { scenario, results, bands, meta })
}

fn write(path: &Path, bytes: &[u8]) -> ExitCode {
    match write_atomically(path, bytes, false) {
        Ok(()) => ExitCode::SUCCESS,
        Err((what, e)) => {
            eprintln!("{}: {what}: {e}", path.display());
            ExitCode::from(INVALID_INPUT)
        }
    }
}

/// The output format, from the extension of `--out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
    Csv,
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "svg" => Some(Format::Svg),
        "png" => Some(Format::Png),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

/// Runs `diverge plot`.
pub fn plot(args: &PlotArgs) -> ExitCode {
    let Some(format) = format_of(&args.out) else {
        eprintln!("diverge plot: {}: write .svg, .png or .csv as the extension of --out", args.out.display());
        return ExitCode::from(USAGE);
    };
    let Some(tab) = Tab::from_slug(&args.view) else { return ExitCode::from(USAGE) };
    let sim = match simulate(&args.run) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut view = export::view(tab, &sim.results, sim.bands.as_ref()).annotated(&sim.scenario.annotations);
    if let Some(id) = &args.plot {
        let ids: Vec<&str> = view.charts.iter().map(|c| c.id).collect();
        if !ids.contains(&id.as_str()) {
            eprintln!("diverge plot: the view `{}` has no plot `{id}`; its plots: {}", args.view, ids.join(", "));
            return ExitCode::from(USAGE);
        }
        view.charts.retain(|c| c.id == id);
    }
    match render(&view, &sim, args, format) {
        Ok(bytes) => write(&args.out, &bytes),
        Err(e) => {
            eprintln!("diverge plot: {e}");
            ExitCode::from(INVALID_INPUT)
        }
    }
}

fn render(view: &View, sim: &Simulated, args: &PlotArgs, format: Format) -> Result<Vec<u8>, String> {
    let svg = || match (args.plot.is_some(), view.charts.first()) {
        (true, Some(chart)) => export::svg::chart_svg(chart, &sim.meta, args.width, args.height),
        _ => export::svg::view_svg(view, &sim.meta, args.width, args.height),
    };
    match format {
        Format::Svg => Ok(svg().into_bytes()),
        Format::Png => {
            export::png::render(&svg(), args.width * args.scale, args.height * args.scale).map_err(|e| e.to_string())
        }
        Format::Csv => export::csv::view_csv(view, &sim.results.months).map_err(|e| e.to_string()),
    }
}

/// Runs `diverge report`.
pub fn report(args: &ReportArgs) -> ExitCode {
    let sim = match simulate(&args.run) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let baseline = match load_preset(DEFAULT_PRESET) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("diverge report: {e}");
            return ExitCode::from(INVALID_INPUT);
        }
    };
    let views = export::annotate_all(export::all_views(&sim.results, sim.bands.as_ref()), &sim.scenario.annotations);
    let command = command_line();
    let html = export::report::report_html(&export::report::ReportInput {
        scenario: &sim.scenario,
        baseline: &baseline,
        results: &sim.results,
        views: &views,
        meta: &sim.meta,
        command: &command,
    });
    write(&args.out, html.as_bytes())
}
