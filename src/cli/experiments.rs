//! The experiment commands of the command line: `run` (one run, or a Monte
//! Carlo with `--runs`), `sweep`, `merge`, `sensitivity` and `explain`.
//!
//! Each is a thin layer over [`diverge::experiments`]: open the scenario,
//! start the thread pool, show progress on stderr when it is a terminal,
//! and write the CSV behind its `#` comment lines (atomically with `--out`,
//! otherwise to stdout). Kept apart from `cli.rs` so the window's flags and
//! these commands change independently.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use diverge::experiments::sensitivity::{self, DEFAULT_SPREAD};
use diverge::experiments::sweep::{self, Axis, Part, Plan, Shard};
use diverge::experiments::{self as exp, ExperimentError, OutputAt, Provenance, Tracker};
use diverge::scenario::Scenario;
use diverge::scenario::io::write_atomically;
use diverge::scenario::presets::open_arg;

use super::{INVALID_INPUT, write_stdout};

/// Exit code of a command line that makes no sense.
const USAGE_ERROR: u8 = 2;

/// Screening methods of `diverge sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// One at a time: each parameter alone at both ends of its range.
    Oat,
    /// Morris elementary effects (μ*, σ) over random trajectories.
    Morris,
}

/// A count from the command line as `usize` (saturating on 32-bit targets).
pub fn to_usize(x: u64) -> usize {
    usize::try_from(x).unwrap_or(usize::MAX)
}

fn open(file: &str) -> Result<Scenario, ExitCode> {
    open_arg(file).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(INVALID_INPUT)
    })
}

fn fail(what: &str, e: &ExperimentError) -> ExitCode {
    eprintln!("{what}: {e}");
    ExitCode::from(INVALID_INPUT)
}

/// The command line as typed, for the comment lines (arguments with spaces
/// or quotes are quoted).
pub(super) fn command_line() -> String {
    let mut words = vec!["diverge".to_owned()];
    for arg in std::env::args().skip(1) {
        let plain = !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@[]+".contains(c));
        words.push(if plain { arg } else { format!("'{}'", arg.replace('\'', r"'\''")) });
    }
    words.join(" ")
}

/// Runs `work` while a thread prints `what: run N of M, about S s left` to
/// stderr (only when stderr is a terminal).
pub(super) fn with_progress<T>(what: &str, tracker: &Tracker, work: impl FnOnce() -> T) -> T {
    if !io::stderr().is_terminal() {
        return work();
    }
    let finished = AtomicBool::new(false);
    let start = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(250));
                let (done, total) = (tracker.done(), tracker.total());
                if done > 0 && total > 0 {
                    let left = start.elapsed().as_secs_f64() / done as f64 * (total - done.min(total)) as f64;
                    eprint!("\r{what}: run {done} of {total}, about {left:.0} s left   ");
                }
            }
            eprintln!("\r{what}: done in {:.1} s                              ", start.elapsed().as_secs_f64());
        });
        let out = work();
        finished.store(true, Ordering::Relaxed);
        out
    })
}

/// Writes the comment lines then `body` to `out` (atomically) or stdout.
fn emit(out: Option<&Path>, provenance: &Provenance, body: &[u8]) -> ExitCode {
    let mut bytes = provenance.text().into_bytes();
    bytes.extend_from_slice(body);
    match out {
        Some(path) => match write_atomically(path, &bytes, false) {
            Ok(()) => ExitCode::SUCCESS,
            Err((what, e)) => {
                eprintln!("{}: {what}: {e}", path.display());
                ExitCode::from(INVALID_INPUT)
            }
        },
        None => write_stdout(&bytes),
    }
}

fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, ExitCode> {
    exp::thread_pool(threads).map_err(|e| fail("diverge", &e))
}

/// The scenario `file` names and a pool of `threads` to run it on.
fn open_with_pool(file: &str, threads: Option<usize>) -> Result<(Scenario, rayon::ThreadPool), ExitCode> {
    Ok((open(file)?, pool(threads)?))
}

/// `diverge run FILE [--seed N] [--runs N [--threads T]] [--out OUT.csv]`.
pub fn run(file: &str, seed: Option<u64>, runs: Option<usize>, threads: Option<usize>, out: Option<&Path>) -> ExitCode {
    let scenario = match open(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let seed = seed.unwrap_or(scenario.seed);
    let mut provenance = Provenance::new(&command_line());
    provenance.scenario("scenario", file, &scenario).seeds(seed, runs.unwrap_or(1));
    let body = match runs {
        None => single_run(file, &scenario, seed),
        Some(runs) => monte_carlo(file, &scenario, seed, runs, threads),
    };
    match body {
        Ok(body) => emit(out, &provenance, &body),
        Err(code) => code,
    }
}

fn single_run(file: &str, scenario: &Scenario, seed: u64) -> Result<Vec<u8>, ExitCode> {
    let show_progress = io::stderr().is_terminal();
    let results = diverge::sim::run(scenario, seed, |done, total| {
        if show_progress {
            eprint!("\rsimulating month {done} of {total}");
        }
        std::ops::ControlFlow::Continue(())
    });
    if show_progress {
        eprintln!();
    }
    let results = results.map_err(|e| {
        eprintln!("{file}: {e}");
        ExitCode::from(INVALID_INPUT)
    })?;
    let mut csv = Vec::new();
    results.write_csv(&mut csv).map_err(|e| {
        eprintln!("{file}: cannot format the results as CSV: {e}");
        ExitCode::from(INVALID_INPUT)
    })?;
    Ok(csv)
}

fn monte_carlo(
    file: &str,
    scenario: &Scenario,
    seed: u64,
    runs: usize,
    threads: Option<usize>,
) -> Result<Vec<u8>, ExitCode> {
    let pool = pool(threads)?;
    let tracker = Tracker::new();
    let bands =
        with_progress("Monte Carlo", &tracker, || exp::montecarlo::monte_carlo(scenario, seed, runs, &pool, &tracker))
            .map_err(|e| fail(file, &e))?;
    bands.to_csv().map_err(|e| {
        eprintln!("{file}: cannot format the results as CSV: {e}");
        ExitCode::from(INVALID_INPUT)
    })
}

/// Settings of `diverge sweep`.
#[derive(Debug, Clone)]
pub struct SweepArgs {
    /// Scenario file or preset.
    pub file: String,
    /// One or two `PATH=SPEC`.
    pub params: Vec<Axis>,
    /// Runs per point.
    pub runs: usize,
    /// Seed (default the scenario's).
    pub seed: Option<u64>,
    /// Threads.
    pub threads: Option<usize>,
    /// The part to run.
    pub shard: Option<Shard>,
    /// Output file.
    pub out: Option<PathBuf>,
}

/// `diverge sweep FILE --param PATH=SPEC [--param …] [--runs N] [--shard I/N]`.
pub fn sweep(args: SweepArgs) -> ExitCode {
    if args.params.len() > 2 {
        eprintln!("diverge sweep: at most two --param, got {}", args.params.len());
        return ExitCode::from(USAGE_ERROR);
    }
    let scenario = match open(&args.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let seed = args.seed.unwrap_or(scenario.seed);
    let plan = Plan { axes: args.params, runs: args.runs, seed, shard: args.shard };
    let pool = match pool(args.threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let tracker = Tracker::new();
    let body = match with_progress("sweep", &tracker, || sweep::sweep(&scenario, &plan, &pool, &tracker)) {
        Ok(body) => body,
        Err(e) => return fail(&args.file, &e),
    };
    let mut provenance = Provenance::new(&command_line());
    provenance.scenario("scenario", &args.file, &scenario).seeds(seed, args.runs);
    for line in plan.provenance(scenario.timeline.months()) {
        provenance.line(line);
    }
    emit(args.out.as_deref(), &provenance, &body)
}

/// `diverge merge --out OUT.csv PART.csv…`.
pub fn merge(out: &Path, parts: &[PathBuf]) -> ExitCode {
    let mut loaded = Vec::with_capacity(parts.len());
    for path in parts {
        match std::fs::read_to_string(path) {
            Ok(text) => loaded.push(Part { name: path.display().to_string(), text }),
            Err(e) => {
                eprintln!("{}: cannot read the file: {e}", path.display());
                return ExitCode::from(INVALID_INPUT);
            }
        }
    }
    let merged = match sweep::merge(&loaded) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("diverge merge: {e}");
            return ExitCode::from(INVALID_INPUT);
        }
    };
    let mut provenance = Provenance::new(&command_line());
    for line in merged.comments.iter().filter(|l| !l.starts_with("diverge ")) {
        provenance.line(line.clone());
    }
    emit(Some(out), &provenance, merged.body.as_bytes())
}

/// `diverge sensitivity FILE --output COLUMN@MONTH [--method oat|morris]`.
pub fn sensitivity(
    file: &str,
    output: &OutputAt,
    method: Method,
    trajectories: usize,
    threads: Option<usize>,
    out: Option<&Path>,
) -> ExitCode {
    let (scenario, pool) = match open_with_pool(file, threads) {
        Ok(both) => both,
        Err(code) => return code,
    };
    let tracker = Tracker::new();
    let rows = with_progress("screening", &tracker, || match method {
        Method::Oat => sensitivity::one_at_a_time(&scenario, output, &pool, &tracker),
        Method::Morris => sensitivity::morris(&scenario, output, trajectories, DEFAULT_SPREAD, &pool, &tracker),
    });
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return fail(file, &e),
    };
    let mut provenance = Provenance::new(&command_line());
    provenance.scenario("scenario", file, &scenario).seeds(scenario.seed, 1);
    provenance.line(format!("output: {}", OutputAt { month: Some(output.month_in(&scenario)), ..output.clone() }));
    provenance.line(match method {
        Method::Oat => format!("method: one at a time over each registry range, {} runs", tracker.total()),
        Method::Morris => format!(
            "method: Morris, {trajectories} trajectories, {} levels, box ±{}% of each value, {} runs",
            sensitivity::LEVELS,
            DEFAULT_SPREAD * 100.0,
            tracker.total()
        ),
    });
    match sensitivity::to_csv(&rows, method == Method::Morris) {
        Ok(body) => emit(out, &provenance, &body),
        Err(e) => {
            eprintln!("{file}: cannot format the results as CSV: {e}");
            ExitCode::from(INVALID_INPUT)
        }
    }
}

/// `diverge explain A B [--output COLUMN@MONTH …]`.
pub fn explain(
    a_file: &str,
    b_file: &str,
    outputs: &[OutputAt],
    threads: Option<usize>,
    out: Option<&Path>,
) -> ExitCode {
    let (a, b) = match (open(a_file), open(b_file)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let outputs: Vec<OutputAt> = if outputs.is_empty() {
        exp::explain::HEADLINE_OUTPUTS.iter().map(|c| OutputAt { column: (*c).to_owned(), month: None }).collect()
    } else {
        outputs.to_vec()
    };
    let outputs: Vec<OutputAt> = outputs.into_iter().map(|o| OutputAt { month: Some(o.month_in(&a)), ..o }).collect();
    let pool = match pool(threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let tracker = Tracker::new();
    let rows = match with_progress("explain", &tracker, || exp::explain::explain(&a, &b, &outputs, &pool, &tracker)) {
        Ok(r) => r,
        Err(e) => return fail(&format!("{a_file} vs {b_file}"), &e),
    };
    let mut provenance = Provenance::new(&command_line());
    provenance.scenario("a", a_file, &a).scenario("b", b_file, &b);
    provenance
        .line(format!("seeds: a {}, b {} (each difference runs on a's seed unless it is the seed)", a.seed, b.seed));
    provenance.line("runs: 1 per scenario and per difference");
    match exp::explain::to_csv(&rows, &outputs) {
        Ok(body) => emit(out, &provenance, &body),
        Err(e) => {
            eprintln!("diverge explain: cannot format the results as CSV: {e}");
            ExitCode::from(INVALID_INPUT)
        }
    }
}

/// The series the calibration report tabulates year by year.
const CALIBRATION_SERIES: [&str; 5] =
    ["hashrate_ehs", "energy_twh_per_year", "region_share.china", "region_share.us", "hhi_pool"];

/// `diverge calibrate [FILE] [--runs N] [--threads T]`: the history
/// references judged on an ensemble; exit status 1 when any misses.
pub fn calibrate(file: &str, runs: usize, threads: Option<usize>) -> ExitCode {
    use exp::calibration::references::{HISTORY_STORIES, history_points};
    use exp::calibration::{Ensemble, report};
    let (scenario, pool) = match open_with_pool(file, threads) {
        Ok(both) => both,
        Err(code) => return code,
    };
    let tracker = Tracker::new();
    let ensemble = match with_progress("calibrate", &tracker, || Ensemble::run(&scenario, runs, &pool, &tracker)) {
        Ok(e) => e,
        Err(e) => return fail(file, &e),
    };
    let verdicts = report::Calibration::judge(&ensemble, &history_points(), &HISTORY_STORIES);
    let (first, last) = (scenario.timeline.start.year(), scenario.timeline.end.year());
    let mut text =
        format!("{}: {} runs on seeds {}–{}\n\n", scenario.name, runs, scenario.seed, ensemble.seeds[runs - 1]);
    text.push_str(&verdicts.to_text());
    text.push('\n');
    text.push_str(&report::hash_rate_path_text(&report::hash_rate_path(&ensemble)));
    text.push_str("\nYear by year: median (p5–p95)\n");
    text.push_str(&report::yearly_table(&ensemble, &CALIBRATION_SERIES, first..=last));
    match write_stdout(text.as_bytes()) {
        code if code != ExitCode::SUCCESS => code,
        _ if verdicts.all_hold() => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
