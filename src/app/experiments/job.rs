//! One experiment on a background thread: its progress (a shared
//! [`Tracker`]), partial results while it runs, the outcome, and Cancel.
//!
//! The window never waits: [`Job::poll`] drains what arrived since the last
//! frame. Runs inside the job go over a rayon pool of all cores (see
//! [`crate::experiments::thread_pool`]); results never depend on how many.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::experiments::{ExperimentError, Tracker};

/// What a job's thread reports.
enum Report<T> {
    /// Results so far.
    Partial(T),
    /// The outcome.
    Done(Result<T, ExperimentError>),
}

/// What [`Job::poll`] found.
#[derive(Debug)]
pub enum Polled<T> {
    /// Nothing new.
    Nothing,
    /// Results so far.
    Partial(T),
    /// The job ended with this outcome.
    Done(Result<T, ExperimentError>),
}

/// Sends partial results from inside a job.
pub struct Progress<T> {
    tx: Sender<Report<T>>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl<T> Progress<T> {
    /// Shows `partial` in the window.
    pub fn partial(&self, partial: T) {
        let _ = self.tx.send(Report::Partial(partial));
        (self.wake)();
    }
}

/// A running experiment.
pub struct Job<T> {
    /// Progress and cancellation, shared with the worker.
    pub tracker: Arc<Tracker>,
    reports: Receiver<Report<T>>,
    started: Instant,
    /// What it does, for the status bar ("Monte Carlo of 100 runs").
    pub what: String,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a named thread; `wake` asks the window to repaint.
    pub fn spawn(
        what: impl Into<String>,
        wake: impl Fn() + Send + Sync + 'static,
        work: impl FnOnce(&Tracker, &Progress<T>) -> Result<T, ExperimentError> + Send + 'static,
    ) -> Self {
        let tracker = Arc::new(Tracker::new());
        let (tx, reports) = channel();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let progress = Progress { tx: tx.clone(), wake: Arc::clone(&wake) };
        let shared = Arc::clone(&tracker);
        let spawned = std::thread::Builder::new().name("diverge-experiment".into()).spawn(move || {
            let outcome = work(&shared, &progress);
            let _ = progress.tx.send(Report::Done(outcome));
            (progress.wake)();
        });
        if let Err(e) = spawned {
            let _ = tx.send(Report::Done(Err(ExperimentError::Setting(format!("cannot start a thread: {e}")))));
        }
        Self { tracker, reports, started: Instant::now(), what: what.into() }
    }

    /// Takes what arrived: the latest partial result, or the outcome.
    pub fn poll(&mut self) -> Polled<T> {
        let mut latest = Polled::Nothing;
        loop {
            match self.reports.try_recv() {
                Ok(Report::Partial(p)) => latest = Polled::Partial(p),
                Ok(Report::Done(outcome)) => return Polled::Done(outcome),
                Err(TryRecvError::Empty) => return latest,
                Err(TryRecvError::Disconnected) => {
                    return Polled::Done(Err(ExperimentError::Setting("the experiment stopped unexpectedly".into())));
                }
            }
        }
    }

    /// Asks the worker to stop (runs stop at their next month).
    pub fn cancel(&self) {
        self.tracker.cancel();
    }

    /// Runs done and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.tracker.done(), self.tracker.total())
    }

    /// Time left, from the pace so far (`None` before the first run ends).
    pub fn time_left(&self) -> Option<Duration> {
        let (done, total) = self.progress();
        (done > 0 && total >= done).then(|| self.started.elapsed().mul_f64((total - done) as f64 / done as f64))
    }
}

/// "12 s" or "3 min 5 s".
pub fn duration_text(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 { format!("{} min {} s", s / 60, s % 60) } else { format!("{} s", s.max(1)) }
}
