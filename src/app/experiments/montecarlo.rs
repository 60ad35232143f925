//! Run ▸ Monte Carlo… in the window: the dialog asking for N, the worker
//! that runs the seeds over all cores and sends the bands of the runs
//! finished so far every [`PARTIAL_EVERY`], and the clearing of the bands
//! when the scenario they were made of is edited.
//!
//! The runs are gathered by [`Accumulator`], so the finished bands are
//! exactly `diverge run FILE --runs N` whatever the thread count; the
//! partial bands are the percentiles of the runs finished at that moment.

use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use egui::{Context, DragValue, RichText};
use rayon::prelude::*;

use crate::experiments::montecarlo::{Accumulator, Bands, run_one};
use crate::experiments::{ExperimentError, Tracker, thread_pool};
use crate::scenario::Scenario;
use crate::sim::Results;

use super::Request;
use super::job::{Job, Polled, Progress, duration_text};

/// Runs offered when the dialog opens: enough for stable p5/p95 bands,
/// a few seconds on two cores.
pub const DEFAULT_RUNS: usize = 100;

/// Most runs the dialog accepts (memory: 4 bytes per run, column and month).
pub const MAX_RUNS: usize = 5000;

/// How often the worker sends the bands so far.
pub const PARTIAL_EVERY: Duration = Duration::from_millis(250);

/// The Monte Carlo state of the window.
#[derive(Default)]
pub struct MonteCarlo {
    /// The dialog, open with the number of runs typed so far.
    pub dialog: Option<usize>,
    /// The running Monte Carlo.
    pub job: Option<Job<Arc<Bands>>>,
    /// The bands drawn (partial while a job runs).
    pub bands: Option<Arc<Bands>>,
    /// The scenario the bands (or the job) are of.
    of: Option<Scenario>,
    /// Runs asked for by the last start.
    pub asked: usize,
}

impl MonteCarlo {
    /// Starts `runs` runs of `scenario`, replacing any bands.
    pub fn start(&mut self, scenario: &Scenario, runs: usize, wake: impl Fn() + Send + Sync + 'static) {
        self.cancel();
        self.bands = None;
        self.asked = runs;
        self.of = Some(scenario.clone());
        let s = scenario.clone();
        self.job = Some(Job::spawn(format!("Monte Carlo of {runs} runs"), wake, move |tracker, progress| {
            work(&s, runs, tracker, progress)
        }));
    }

    /// Stops the running Monte Carlo, keeping the bands of the runs done.
    pub fn cancel(&mut self) -> bool {
        self.job.take().map(|j| j.cancel()).is_some()
    }

    /// Takes the worker's reports: whether the bands changed, and a message.
    pub fn poll(&mut self) -> (bool, Option<(String, bool)>) {
        let Some(job) = &mut self.job else { return (false, None) };
        match job.poll() {
            Polled::Nothing => (false, None),
            Polled::Partial(bands) => {
                self.bands = Some(bands);
                (true, None)
            }
            Polled::Done(outcome) => {
                self.job = None;
                match outcome {
                    Ok(bands) => {
                        let text = format!("Monte Carlo of {} runs finished: bands on every line plot", bands.runs);
                        self.bands = Some(bands);
                        (true, Some((text, false)))
                    }
                    Err(ExperimentError::Cancelled) => (false, Some((self.cancelled_text(), false))),
                    Err(e) => (false, Some((format!("Monte Carlo failed: {e}"), true))),
                }
            }
        }
    }

    /// What a cancel leaves: the bands of the runs that had finished.
    pub fn cancelled_text(&self) -> String {
        let done = self.bands.as_ref().map_or(0, |b| b.runs);
        format!("Monte Carlo cancelled: the bands show the {done} of {} runs that had finished", self.asked)
    }

    /// Clears the bands (and stops their job) when `current` is no longer
    /// the scenario they are of; the message says so.
    pub fn invalidate(&mut self, current: &Scenario) -> Option<String> {
        if self.of.as_ref().is_none_or(|s| s == current) {
            return None;
        }
        self.of = None;
        let had = self.bands.take().is_some() | self.cancel();
        had.then(|| {
            "Monte Carlo bands cleared: the scenario changed. Run > Monte Carlo… runs them for the edited scenario"
                .to_owned()
        })
    }

    /// Clears the bands on request.
    pub fn clear(&mut self) {
        self.cancel();
        self.bands = None;
        self.of = None;
    }

    /// The dialog, when open.
    pub fn dialog_ui(&mut self, ctx: &Context, run_ms: Option<u128>) -> Option<Request> {
        let mut runs = self.dialog?;
        let mut request = None;
        let mut open = true;
        egui::Window::new("Monte Carlo")
            .default_pos(super::WINDOW_POS)
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .show(ctx, |ui| {
                ui.label("Runs the scenario on N seeds (its seed, seed + 1, …) and draws the spread of every line.");
                ui.horizontal(|ui| {
                    let label = ui.label("Runs");
                    let help = "Number of runs, each on its own seed. 100 gives stable p5–p95 bands; \
                            memory grows by 4 bytes per run, column and month.";
                    ui.add(DragValue::new(&mut runs).range(2..=MAX_RUNS).speed(1.0))
                        .labelled_by(label.id)
                        .on_hover_text(help);
                });
                if let Some(ms) = run_ms {
                    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
                    let secs = (runs as f64 * ms as f64 / 1000.0 / cores as f64).ceil();
                    ui.label(RichText::new(format!("About {secs} s on {cores} cores (one run took {ms} ms).")).weak());
                }
                ui.horizontal(|ui| {
                    if ui
                        .button("Start Monte Carlo")
                        .on_hover_text("Start; the bands fill in as runs finish (Esc cancels)")
                        .clicked()
                    {
                        request = Some(Request::StartMonteCarlo(runs));
                    }
                    if ui.button("Close").clicked() {
                        request = Some(Request::CloseDialogs);
                    }
                });
            });
        self.dialog = if open { Some(runs) } else { None };
        request
    }
}

/// The worker: the runs in parallel, gathered in run order.
fn work(
    s: &Scenario,
    runs: usize,
    tracker: &Tracker,
    progress: &Progress<Arc<Bands>>,
) -> Result<Arc<Bands>, ExperimentError> {
    let pool = thread_pool(None)?;
    let mut acc = Accumulator::new(s, s.seed, runs)?;
    tracker.add_total(runs);
    let (tx, rx) = channel::<(usize, Results)>();
    let pool = &pool;
    std::thread::scope(|scope| {
        let runner = scope.spawn(move || {
            pool.install(|| {
                (0..runs).into_par_iter().try_for_each_with(tx, |tx, k| {
                    let results = run_one(s, s.seed, k, tracker)?;
                    let _ = tx.send((k, results));
                    Ok::<(), ExperimentError>(())
                })
            })
        });
        let mut last = Instant::now();
        for (k, results) in rx {
            acc.record(k, &results);
            if last.elapsed() >= PARTIAL_EVERY {
                progress.partial(Arc::new(acc.bands()));
                last = Instant::now();
            }
        }
        if acc.finished() > 0 {
            progress.partial(Arc::new(acc.bands()));
        }
        runner.join().unwrap_or_else(|_| Err(ExperimentError::Setting("a run stopped unexpectedly".into())))
    })?;
    Ok(Arc::new(acc.bands()))
}

/// The status bar's part: runs done, time left, Cancel.
pub fn status(ui: &mut egui::Ui, mc: &MonteCarlo) -> Option<Request> {
    let job = mc.job.as_ref()?;
    let (done, total) = job.progress();
    let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
    let left =
        job.time_left().map_or_else(|| "estimating time left".to_owned(), |d| format!("{} left", duration_text(d)));
    ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(format!("{done}/{total} runs")))
        .on_hover_text(format!("{}: {done} of {total} runs done, {left}", job.what));
    ui.label(left);
    let cancel =
        ui.button("Cancel Monte Carlo").on_hover_text("Stop the Monte Carlo (Esc); the bands keep the runs done");
    cancel.clicked().then_some(Request::Cancel)
}
