//! The command line: `diverge [FILE]` opens the app; `check`, `presets`,
//! `run` and the experiment commands (`sweep`, `merge`, `sensitivity`,
//! `explain`, implemented in `cli/experiments.rs`) work headless for scripts.
//!
//! Every command returns an [`ExitCode`] instead of exiting or panicking:
//! 0 success, 1 invalid input (a file that does not load, a failed write),
//! 2 usage error (clap's own code for a bad command line, kept as is). Output
//! meant for pipes (CSV, the preset list) goes to stdout; messages and
//! progress go to stderr, progress only when stderr is a terminal.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod experiments;

use experiments::to_usize;

use diverge::scenario::presets::{PRESETS, open_arg};

/// Exit code of a file that does not load or a write that fails.
const INVALID_INPUT: u8 = 1;
/// Exit code of a command line that makes no sense (clap uses it too).
#[cfg(not(feature = "gui"))]
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
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
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
        None => open_window(cli.file, cli.screenshot),
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<String>, screenshot: Option<PathBuf>) -> ExitCode {
    match diverge::app::launch(diverge::app::LaunchOptions { file, screenshot }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diverge: {e:#}");
            ExitCode::from(INVALID_INPUT)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<String>, _screenshot: Option<PathBuf>) -> ExitCode {
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
