//! Experiments over many runs: Monte Carlo bands ([`montecarlo`]), parameter
//! sweeps that split over a cluster ([`sweep`]), sensitivity screening
//! ([`sensitivity`]) and the explanation of why two scenarios differ
//! ([`explain`]).
//!
//! Everything here is GUI-free and builds on [`crate::scenario`] and
//! [`crate::sim`] only, so the command line and the app share one
//! implementation. Parallelism is across runs (rayon); each run stays
//! single-threaded. Results never depend on the number of threads: every
//! run's output is stored at its own index and every reduction goes in index
//! order. Long experiments report through a [`Tracker`] that another thread
//! polls for progress and uses to cancel.

pub mod calibration;
pub mod explain;
pub mod montecarlo;
pub mod output;
pub mod paths;
pub mod sensitivity;
pub mod sweep;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::scenario::Scenario;
use crate::scenario::validate::Problems;
use crate::sim::{Results, RunError, SectorKind};

pub use output::{OutputAt, Provenance, write_float};

/// The seed of run `k` (from 0) of a Monte Carlo of a scenario whose seed is
/// `base`: `base + k`, wrapping at `u64::MAX`. Run `k` is therefore exactly
/// `diverge run FILE --seed <base + k>`, and run 0 is the scenario's own run.
pub fn run_seed(base: u64, k: usize) -> u64 {
    base.wrapping_add(k as u64)
}

/// Why an experiment did not produce results.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExperimentError {
    /// The scenario (or a variant of it the experiment builds) is not valid.
    #[error("{context}the scenario is not valid:\n{problems}")]
    Invalid {
        /// What variant this is (`regions[0].capacity_mw = 5: `), or empty.
        context: String,
        /// Its problems.
        problems: Problems,
    },
    /// A parameter cannot be set as asked.
    #[error(transparent)]
    Parameter(#[from] paths::SetError),
    /// An output column or month that the results do not have.
    #[error("{0}")]
    Output(String),
    /// A setting of the experiment that makes no sense (no runs, an empty
    /// grid, a thread pool that cannot start).
    #[error("{0}")]
    Setting(String),
    /// [`Tracker::cancel`] was called.
    #[error("the experiment was cancelled")]
    Cancelled,
}

impl ExperimentError {
    fn from_run(context: &str, e: RunError) -> Self {
        match e {
            RunError::Invalid(problems) => Self::Invalid { context: context.to_owned(), problems },
            RunError::Cancelled(_) => Self::Cancelled,
        }
    }
}

/// Progress of an experiment, shared between the threads doing the runs and
/// whoever shows progress or wants to cancel.
#[derive(Debug, Default)]
pub struct Tracker {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Tracker {
    /// A tracker with nothing done.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs finished so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Runs the experiment will make in all (0 until it has started).
    pub fn total(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }

    /// Asks the experiment to stop; runs in progress stop at their next month.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Tracker::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Announces `runs` more runs (for a caller that makes the runs itself,
    /// as the window's Monte Carlo does with [`montecarlo::run_one`]).
    pub fn add_total(&self, runs: usize) {
        self.total.fetch_add(runs, Ordering::Relaxed);
    }

    fn finish_one(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

/// A thread pool of `threads` threads (all cores when `None`).
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, ExperimentError> {
    if threads == Some(0) {
        return Err(ExperimentError::Setting("the number of threads must be at least 1".into()));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| ExperimentError::Setting(format!("cannot start the threads: {e}")))
}

/// One complete run, counted on the tracker and stopped when it is
/// cancelled.
fn run_once(scenario: &Scenario, seed: u64, tracker: &Tracker) -> Result<Results, RunError> {
    run_counted(scenario, seed, &SectorKind::ALL, tracker)
}

/// A run of the sectors `kinds` alone (their columns only), counted on the
/// tracker and stopped when it is cancelled.
fn run_counted(scenario: &Scenario, seed: u64, kinds: &[SectorKind], tracker: &Tracker) -> Result<Results, RunError> {
    let results = run_uncounted(scenario, seed, kinds, tracker);
    tracker.finish_one();
    results
}

/// [`run_counted`] without counting: work an experiment does besides its
/// announced runs.
fn run_uncounted(scenario: &Scenario, seed: u64, kinds: &[SectorKind], tracker: &Tracker) -> Result<Results, RunError> {
    crate::sim::run_sectors(scenario, seed, kinds, |_, _| {
        if tracker.is_cancelled() { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
    })
}
