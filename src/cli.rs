//! The command line: `diverge [FILE]` opens the app; `check`, `presets`,
//! `run` and `bench` work headless for scripts.
//!
//! Every command returns an [`ExitCode`] instead of exiting or panicking:
//! 0 success, 1 invalid input (a file that does not load, a failed write),
//! 2 usage error (clap's own code for a bad command line, kept as is). Output
//! meant for pipes (CSV, the preset list) goes to stdout; messages and
//! progress go to stderr, progress only when stderr is a terminal.

use std::fmt::Write as _;
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
        None => match cli.file.as_deref().filter(|word| is_unknown_word(word)) {
            Some(word) => unknown_word(word),
            None => open_window(cli),
        },
    }
}

/// The names `--tab` accepts.
fn tab_names() -> clap::builder::PossibleValuesParser {
    #[cfg(feature = "gui")]
    let names = diverge::app::views::Tab::ALL.map(diverge::app::views::Tab::slug).to_vec();
    #[cfg(not(feature = "gui"))]
    let names: Vec<&str> = Vec::new();
    clap::builder::PossibleValuesParser::new(names)
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
    let options = diverge::app::LaunchOptions { file: cli.file, screenshot: cli.screenshot, tab, size: cli.size };
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
