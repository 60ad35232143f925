//! The command line: `diverge [FILE]` opens the app; `check`, `presets`,
//! `run`, `bench`, the experiment commands (`sweep`, `merge`,
//! `sensitivity`, `explain`, implemented in `cli/experiments.rs`) and the
//! exports (`plot`, `report`, in `cli/plot.rs`) work headless for scripts.
//!
//! Every command returns an [`ExitCode`] instead of exiting or panicking:
//! 0 success, 1 invalid input (a file that does not load, a failed write),
//! 2 usage error (clap's own code for a bad command line, kept as is). Output
//! meant for pipes (CSV, the preset list) goes to stdout; messages and
//! progress go to stderr, progress only when stderr is a terminal.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod experiments;
mod plot;

use experiments::to_usize;

use diverge::scenario::presets::{PRESETS, open_arg};

/// Exit code of a file that does not load or a write that fails.
const INVALID_INPUT: u8 = 1;
/// Exit code of a command line that makes no sense (clap uses it too).
const USAGE: u8 = 2;

/// Diverge: Bitcoin mining concentrates while AI compute moves to the edge.
/// Without a command, opens the app on FILE (a scenario file or preset name;
/// the baseline when omitted).
#[derive(Debug, Parser)]
#[command(name = "diverge", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Scenario file or preset name to open in the app.
    #[arg(value_name = "FILE")]
    pub file: Option<String>,
    /// Save a PNG of the window here once the run has finished, then exit.
    /// The layout is the default one, never the one saved by the last run.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// The plot tab to show.
    #[arg(long, value_name = "NAME", value_parser = tab_names())]
    pub tab: Option<String>,
    /// Size of the window (and of the --screenshot PNG), in pixels.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[u32; 2]>,
    /// Open in presentation mode (with --screenshot: a slide at --size).
    #[arg(long)]
    pub present: bool,
    /// The theme: light, dark or system (default: the one chosen last).
    #[arg(long, value_name = "THEME", value_parser = ["light", "dark", "system"])]
    pub theme: Option<String>,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenario files (or preset names) and list every problem.
    Check {
        /// Files or preset names.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },
    /// List the bundled presets with their descriptions.
    Presets,
    /// Run a scenario and write the monthly results as CSV; with --runs, a
    /// Monte Carlo writing per-month percentiles of every column.
    Run {
        /// Scenario file or preset name.
        #[arg(value_name = "FILE")]
        file: String,
        /// Seed of the run, or of run 0 of a Monte Carlo (run k uses seed + k;
        /// default: the scenario's own seed).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Monte Carlo: this many runs, reduced to <column>.p5 … .p95 and .mean.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        runs: Option<u64>,
        /// Threads for the runs (default: all cores); results do not depend on it.
        #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..1025))]
        threads: Option<u64>,
        /// Write the CSV here (atomically) instead of to stdout.
        #[arg(long, value_name = "OUT.csv")]
        out: Option<PathBuf>,
    },
    /// Sweep one or two parameters over a grid; one row per point and month.
    Sweep {
        /// Scenario file or preset name.
        #[arg(value_name = "FILE")]
        file: String,
        /// PATH=v1,v2,… or PATH=from:to:steps[:log] (at most twice); PATH is
        /// a field path as validation messages name it.
        #[arg(long = "param", value_name = "PATH=SPEC", required = true)]
        params: Vec<diverge::experiments::sweep::Axis>,
        /// Runs per grid point (more than 1: percentile columns).
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
        runs: u64,
        /// Seed (default: the scenario's own seed).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Run only the points with index ≡ I−1 (mod N), for a job array.
        #[arg(long, value_name = "I/N")]
        shard: Option<diverge::experiments::sweep::Shard>,
        /// Threads (default: all cores).
        #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..1025))]
        threads: Option<u64>,
        /// Write the CSV here (atomically) instead of to stdout.
        #[arg(long, value_name = "OUT.csv")]
        out: Option<PathBuf>,
    },
    /// Join the parts of a sharded sweep into what the unsharded sweep writes.
    Merge {
        /// The merged CSV.
        #[arg(long, value_name = "OUT.csv")]
        out: PathBuf,
        /// The parts, in any order.
        #[arg(value_name = "PART.csv", required = true)]
        parts: Vec<PathBuf>,
    },
    /// Screen every registry parameter for its effect on one output.
    Sensitivity {
        /// Scenario file or preset name.
        #[arg(value_name = "FILE")]
        file: String,
        /// COLUMN@YYYY-MM (COLUMN alone: the last month).
        #[arg(long, value_name = "COLUMN@MONTH")]
        output: diverge::experiments::OutputAt,
        /// oat: each parameter alone at both ends of its range; morris:
        /// elementary effects over random trajectories.
        #[arg(long, value_enum, default_value_t = experiments::Method::Oat)]
        method: experiments::Method,
        /// Morris trajectories (each one run per parameter, plus one).
        #[arg(long, value_name = "R", default_value_t = 10, value_parser = clap::value_parser!(u64).range(2..10_000))]
        trajectories: u64,
        /// Threads (default: all cores).
        #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..1025))]
        threads: Option<u64>,
        /// Write the CSV here (atomically) instead of to stdout.
        #[arg(long, value_name = "OUT.csv")]
        out: Option<PathBuf>,
    },
    /// Explain why two scenarios differ: each difference applied alone to A.
    Explain {
        /// Scenario A (file or preset name).
        #[arg(value_name = "A")]
        a: String,
        /// Scenario B (file or preset name).
        #[arg(value_name = "B")]
        b: String,
        /// Outputs to explain, COLUMN@YYYY-MM (repeatable; default: the
        /// headline outputs at A's last month).
        #[arg(long = "output", value_name = "COLUMN@MONTH")]
        outputs: Vec<diverge::experiments::OutputAt>,
        /// Threads (default: all cores).
        #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..1025))]
        threads: Option<u64>,
        /// Write the CSV here (atomically) instead of to stdout.
        #[arg(long, value_name = "OUT.csv")]
        out: Option<PathBuf>,
    },
    /// Judge a scenario (by default the history preset) against the
    /// reference figures of the history on an ensemble of seeds: each
    /// reference's median and p5–p95 band, each story's count of seeds.
    Calibrate {
        /// Scenario file or preset name.
        #[arg(value_name = "FILE", default_value = "history-2009-2025")]
        file: String,
        /// Runs in the ensemble (seeds from the scenario's own).
        #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..100_000))]
        runs: u64,
        /// Threads (default: all cores).
        #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..1025))]
        threads: Option<u64>,
    },
    /// Export a view (one of the app's plot tabs) of a scenario's results as
    /// SVG, PNG or the CSV of its series.
    Plot(plot::PlotArgs),
    /// Write a self-contained HTML report of a scenario: what differs from
    /// the baseline, headline numbers, every view, how to reproduce it.
    Report(plot::ReportArgs),
    /// Measure the simulation's speed on this machine (run times, mining
    /// throughput, plot preparation) and print a Markdown table.
    Bench {
        /// Whole runs of each preset to time.
        #[arg(long, value_name = "N", default_value_t = 20)]
        runs: usize,
        /// Skip the slowest valid scenario (it takes the longest).
        #[arg(long)]
        skip_slowest: bool,
    },
}

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Presets) => presets(),
        Some(Command::Run { file, seed, runs, threads, out }) => {
            experiments::run(&file, seed, runs.map(to_usize), threads.map(to_usize), out.as_deref())
        }
        Some(Command::Sweep { file, params, runs, seed, shard, threads, out }) => {
            experiments::sweep(experiments::SweepArgs {
                file,
                params,
                runs: to_usize(runs),
                seed,
                threads: threads.map(to_usize),
                shard,
                out,
            })
        }
        Some(Command::Merge { out, parts }) => experiments::merge(&out, &parts),
        Some(Command::Sensitivity { file, output, method, trajectories, threads, out }) => experiments::sensitivity(
            &file,
            &output,
            method,
            to_usize(trajectories),
            threads.map(to_usize),
            out.as_deref(),
        ),
        Some(Command::Explain { a, b, outputs, threads, out }) => {
            experiments::explain(&a, &b, &outputs, threads.map(to_usize), out.as_deref())
        }
        Some(Command::Calibrate { file, runs, threads }) => {
            experiments::calibrate(&file, to_usize(runs), threads.map(to_usize))
        }
        Some(Command::Plot(args)) => plot::plot(&args),
        Some(Command::Report(args)) => plot::report(&args),
        Some(Command::Bench { runs, skip_slowest }) => bench::bench(runs, skip_slowest),
        None => match cli.file.as_deref().filter(|word| is_unknown_word(word)) {
            Some(word) => unknown_word(word),
            None => open_window(cli),
        },
    }
}

/// The names `--tab` accepts.
fn tab_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(diverge::views::Tab::ALL.map(diverge::views::Tab::slug))
}

/// `WxH` in pixels, each between 320 and 8192.
fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let bad = || format!("`{text}` is not a size: write WIDTHxHEIGHT in pixels, e.g. 1440x900");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let (w, h): (u32, u32) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("{w}x{h} is out of range: width 320 to 8192, height 240 to 8192 pixels"));
    }
    Ok([w, h])
}

/// A word that is neither an existing path, a `.ron` path nor a preset name.
fn is_unknown_word(word: &str) -> bool {
    matches!(
        diverge::scenario::presets::resolve_arg(word),
        Err(diverge::scenario::presets::OpenError::UnknownPreset { .. })
    )
}

/// The usage error for such a word: what the commands and presets are.
fn unknown_word(word: &str) -> ExitCode {
    use clap::CommandFactory as _;
    let mut text = format!("diverge: `{word}` is not a command, a scenario file or a preset name\n\nCommands:\n");
    for c in Cli::command().get_subcommands() {
        let about = c.get_about().map(ToString::to_string).unwrap_or_default();
        let _ = writeln!(text, "  {:9} {about}", c.get_name());
    }
    text.push_str("\nPresets (or give the path of a .ron file):\n");
    for p in &PRESETS {
        let _ = writeln!(text, "  {}", p.name);
    }
    text.push_str("\nSee `diverge --help`.");
    eprintln!("{text}");
    ExitCode::from(USAGE)
}

#[cfg(feature = "gui")]
fn open_window(cli: Cli) -> ExitCode {
    let tab = cli.tab.as_deref().and_then(diverge::app::views::Tab::from_slug);
    let theme = cli.theme.as_deref().map(|t| match t {
        "light" => egui::ThemePreference::Light,
        "dark" => egui::ThemePreference::Dark,
        _ => egui::ThemePreference::System,
    });
    let options = diverge::app::LaunchOptions {
        file: cli.file,
        screenshot: cli.screenshot,
        tab,
        size: cli.size,
        present: cli.present,
        theme,
    };
    match diverge::app::launch(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diverge: {e:#}");
            ExitCode::from(INVALID_INPUT)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_cli: Cli) -> ExitCode {
    eprintln!(
        "diverge: this build has no window (it was built without the `gui` feature); \
         use `diverge check`, `diverge presets` or `diverge run`"
    );
    ExitCode::from(USAGE)
}

/// Validates every argument, printing `FILE: ok` or every problem.
fn check(files: &[String]) -> ExitCode {
    let mut all_valid = true;
    let mut out = io::stdout().lock();
    for file in files {
        match open_arg(file) {
            Ok(_) => {
                let _ = writeln!(out, "{file}: ok");
            }
            Err(e) => {
                all_valid = false;
                eprintln!("{e}");
            }
        }
    }
    if all_valid { ExitCode::SUCCESS } else { ExitCode::from(INVALID_INPUT) }
}

/// Prints `name  description`, one preset per line.
fn presets() -> ExitCode {
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    let mut out = io::stdout().lock();
    for p in &PRESETS {
        if writeln!(out, "{:width$}  {}", p.name, p.description()).is_err() {
            break; // the reader went away (`| head`); nothing to report
        }
    }
    ExitCode::SUCCESS
}

fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diverge: cannot write to standard output: {e}");
            ExitCode::from(INVALID_INPUT)
        }
    }
}
