//! The command line: `diverge [FILE]` opens the app; `check`, `presets`,
//! `run` and `bench` work headless for scripts.
//!
//! Every command returns an [`ExitCode`] instead of exiting or panicking:
//! 0 success, 1 invalid input (a file that does not load, a failed write),
//! 2 usage error (clap's own code for a bad command line, kept as is). Output
//! meant for pipes (CSV, the preset list) goes to stdout; messages and
//! progress go to stderr, progress only when stderr is a terminal.

use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;

use diverge::scenario::io::write_atomically;
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
    /// Run a scenario and write the monthly results as CSV.
    Run {
        /// Scenario file or preset name.
        #[arg(value_name = "FILE")]
        file: String,
        /// Seed of the run (default: the scenario's own seed).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Write the CSV here (atomically) instead of to stdout.
        #[arg(long, value_name = "OUT.csv")]
        out: Option<PathBuf>,
    },
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
        Some(Command::Run { file, seed, out }) => run(&file, seed, out.as_deref()),
        Some(Command::Bench { runs, skip_slowest }) => bench::bench(runs, skip_slowest),
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

/// Runs a scenario headless and writes its CSV.
fn run(file: &str, seed: Option<u64>, out: Option<&Path>) -> ExitCode {
    let scenario = match open_arg(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(INVALID_INPUT);
        }
    };
    let seed = seed.unwrap_or(scenario.seed);
    let show_progress = io::stderr().is_terminal();
    let results = diverge::sim::run(&scenario, seed, |done, total| {
        if show_progress {
            eprint!("\rsimulating month {done} of {total}");
        }
        ControlFlow::Continue(())
    });
    if show_progress {
        eprintln!();
    }
    let results = match results {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(INVALID_INPUT);
        }
    };
    let mut csv = Vec::new();
    if let Err(e) = results.write_csv(&mut csv) {
        eprintln!("{file}: cannot format the results as CSV: {e}");
        return ExitCode::from(INVALID_INPUT);
    }
    match out {
        Some(path) => match write_atomically(path, &csv, false) {
            Ok(()) => ExitCode::SUCCESS,
            Err((what, e)) => {
                eprintln!("{}: {what}: {e}", path.display());
                ExitCode::from(INVALID_INPUT)
            }
        },
        None => write_stdout(&csv),
    }
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
