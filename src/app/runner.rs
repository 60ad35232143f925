//! Runs the simulation on a named worker thread and streams results back.
//!
//! The UI thread never waits: [`Runner::start`] spawns the run and returns,
//! [`Runner::poll`] drains whatever arrived since the last frame. A new run
//! cancels the one it makes stale through a shared flag the worker checks
//! between months. The worker sends a copy of the results so far every
//! [`SEND_INTERVAL`], so plots grow while a long run is under way.
//!
//! The last complete run is kept ([`Finished`]): the next run replays from it
//! every sector the edit left alone ([`Simulation::reusing`]), so dragging an
//! AI slider re-simulates the AI sector only, and the results are the same
//! bits a full run gives.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::scenario::Scenario;
use crate::sim::{Finished, Results, RunError, SectorKind, Simulation};

/// How often a running worker sends partial results.
pub const SEND_INTERVAL: Duration = Duration::from_millis(60);

/// Runs shorter than this re-run while a slider is being dragged; longer
/// ones wait for the release.
pub const FAST_RUN: Duration = Duration::from_millis(120);

/// What the worker reports.
enum Report {
    /// Results so far.
    Partial { results: Results, done: usize, total: usize },
    /// The run finished; `replayed` are the sectors it took from the
    /// previous run.
    Finished { run: Arc<Finished>, elapsed: Duration, replayed: Vec<SectorKind> },
    /// The run could not start.
    Failed(String),
}

/// The state of the current run, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum RunState {
    /// Nothing has run yet.
    Idle,
    /// A run is under way.
    Running {
        /// Months simulated.
        done: usize,
        /// Months in the timeline.
        total: usize,
    },
    /// The last run finished.
    Finished {
        /// How long it took.
        elapsed: Duration,
    },
    /// The last run was cancelled.
    Cancelled,
    /// The last run failed to start.
    Failed(String),
}

struct Job {
    cancel: Arc<AtomicBool>,
    reports: Receiver<Report>,
    started: Instant,
}

/// Owns the worker of the current run and the latest results.
pub struct Runner {
    job: Option<Job>,
    /// What the status bar shows.
    pub state: RunState,
    /// The latest results (partial while running), shared with the views.
    pub results: Option<Arc<Results>>,
    /// Incremented whenever [`Self::results`] changes, so views rebuild
    /// their cached plot data only then.
    pub version: u64,
    /// Duration of the last finished run.
    pub last_elapsed: Option<Duration>,
    /// Runs started so far (for tests and the status bar).
    pub runs_started: u64,
    /// Sectors the last finished run replayed from the one before.
    pub last_replayed: Vec<SectorKind>,
    /// The last complete run, for the next run to replay from (shared with
    /// that run's worker, so starting a run copies nothing).
    last: Option<Arc<Finished>>,
}

impl Default for Runner {
    fn default() -> Self {
        Self {
            job: None,
            state: RunState::Idle,
            results: None,
            version: 0,
            last_elapsed: None,
            runs_started: 0,
            last_replayed: Vec::new(),
            last: None,
        }
    }
}

impl Runner {
    /// Cancels any current run and starts one of `scenario` on a worker thread.
    /// `wake` is called whenever a report is sent (the app asks for a repaint).
    pub fn start(&mut self, scenario: &Scenario, wake: impl Fn() + Send + 'static) {
        self.cancel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let scenario = scenario.clone();
        let flag = Arc::clone(&cancel);
        let earlier = self.last.clone();
        let spawned = std::thread::Builder::new()
            .name("diverge-simulation".into())
            .spawn(move || simulate(&scenario, earlier.as_deref(), &flag, &tx, &wake));
        match spawned {
            Ok(_) => {
                self.runs_started += 1;
                self.state = RunState::Running { done: 0, total: 0 };
                self.job = Some(Job { cancel, reports: rx, started: Instant::now() });
            }
            Err(e) => self.state = RunState::Failed(format!("could not start the simulation thread: {e}")),
        }
    }

    /// Stops the current run, keeping the results it has sent.
    pub fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            job.cancel.store(true, Ordering::Relaxed);
            self.state = RunState::Cancelled;
        }
    }

    /// Whether a run is under way.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// How long the current run has been going.
    pub fn running_for(&self) -> Option<Duration> {
        self.job.as_ref().map(|j| j.started.elapsed())
    }

    /// Whether the last finished run was quick enough to re-run on every
    /// change while dragging.
    pub fn is_fast(&self) -> bool {
        self.last_elapsed.is_some_and(|d| d <= FAST_RUN)
    }

    /// Takes every report that arrived; `true` when anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Some(job) = &self.job {
            match job.reports.try_recv() {
                Ok(report) => {
                    changed = true;
                    self.take(report);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.job = None;
                    if matches!(self.state, RunState::Running { .. }) {
                        self.state = RunState::Failed("the simulation stopped unexpectedly".into());
                    }
                    changed = true;
                }
            }
        }
        changed
    }

    fn take(&mut self, report: Report) {
        match report {
            Report::Partial { results, done, total } => {
                self.set_results(Arc::new(results));
                self.state = RunState::Running { done, total };
            }
            Report::Finished { run, elapsed, replayed } => {
                self.set_results(Arc::clone(&run.results));
                self.state = RunState::Finished { elapsed };
                self.last_elapsed = Some(elapsed);
                self.last_replayed = replayed;
                self.last = Some(run);
                self.job = None;
            }
            Report::Failed(message) => {
                self.state = RunState::Failed(message);
                self.job = None;
            }
        }
    }

    /// Shows `results` as if a run had just finished (tests and review
    /// renders of the plot views).
    pub fn show_finished(&mut self, results: Results, elapsed: Duration) {
        self.cancel();
        self.set_results(Arc::new(results));
        self.state = RunState::Finished { elapsed };
        self.last_elapsed = Some(elapsed);
        self.last_replayed.clear();
        // These results come with no scenario to check an edit against.
        self.last = None;
    }

    fn set_results(&mut self, results: Arc<Results>) {
        self.results = Some(results);
        self.version += 1;
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The worker: steps the simulation (replaying what it can from `earlier`),
/// sending partial results now and then, until it ends or is cancelled.
fn simulate(
    scenario: &Scenario,
    earlier: Option<&Finished>,
    cancel: &AtomicBool,
    tx: &Sender<Report>,
    wake: &dyn Fn(),
) {
    let started = Instant::now();
    let send = |report: Report| {
        let ok = tx.send(report).is_ok();
        wake();
        ok
    };
    let mut sim = match Simulation::reusing(scenario, scenario.seed, earlier) {
        Ok(sim) => sim,
        Err(RunError::Invalid(problems)) => {
            send(Report::Failed(format!("the scenario is not valid: {problems}")));
            return;
        }
        Err(e) => {
            send(Report::Failed(e.to_string()));
            return;
        }
    };
    let mut last_send = Instant::now();
    while sim.step() {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        if last_send.elapsed() >= SEND_INTERVAL {
            last_send = Instant::now();
            let partial =
                Report::Partial { results: sim.results().clone(), done: sim.months_done(), total: sim.months_total() };
            if !send(partial) {
                return;
            }
        }
    }
    if cancel.load(Ordering::Relaxed) {
        return;
    }
    let replayed = sim.replayed();
    if let Some(run) = sim.finished(scenario, scenario.seed) {
        send(Report::Finished { run: Arc::new(run), elapsed: started.elapsed(), replayed });
    }
}
