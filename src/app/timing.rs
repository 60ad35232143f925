//! Timing figures of the window (first plot, slowest frames, run time),
//! printed when `DIVERGE_TIMING` is set, and the status message a failed run
//! posts (or a finished one clears). Kept apart from [`super::state`] so the
//! frame loop there stays short; these only read the app's public parts.

use std::time::{Duration, Instant};

use egui::Context;

use super::runner::RunState;
use super::state::DivergeApp;

/// How long a notice stays in the status bar before a finished run's
/// report may replace it.
const NOTICE_HOLD: Duration = Duration::from_secs(4);

/// Timing figures gathered while the window runs (printed on exit when
/// `DIVERGE_TIMING` is set).
#[derive(Debug, Clone, Default)]
pub struct Timing {
    /// When the app state was created.
    pub created: Option<Instant>,
    /// Time from creation to the first frame that drew a plot.
    pub first_plot: Option<Duration>,
    /// Slowest frame while something was being dragged.
    pub slowest_drag_frame: Duration,
    /// Slowest frame overall after the first plot.
    pub slowest_frame: Duration,
}

impl DivergeApp {
    /// Says in the status bar how the run that just ended went.
    pub(super) fn on_run_report(&mut self) {
        match &self.runner.state {
            RunState::Failed(message) => {
                let text = format!("Run failed: {message}");
                self.say(text, true);
            }
            RunState::Finished { elapsed } => {
                let elapsed = *elapsed;
                // The run's state and time have their own places in the
                // status bar, so a finished run posts no message of its
                // own. A notice posted moments ago (the bands an edit
                // cleared, the file just opened) stays up; an error the run
                // has answered, or an old notice, goes.
                let fresh_notice = self.message.as_ref().is_some_and(|m| !m.is_error && m.at.elapsed() < NOTICE_HOLD);
                if !fresh_notice {
                    self.message = None;
                }
                if std::env::var_os("DIVERGE_TIMING").is_some() {
                    let t = &self.timing;
                    eprintln!(
                        "diverge timing: run {elapsed:?}; first plot {:?} after start; slowest frame {:?}; slowest frame while dragging {:?}",
                        t.first_plot, t.slowest_frame, t.slowest_drag_frame
                    );
                }
            }
            RunState::Idle | RunState::Running { .. } | RunState::Cancelled => {}
        }
    }

    /// Records the first plot's time and the slowest frames.
    pub(super) fn record_timing(&mut self, ctx: &Context, frame: Duration) {
        if self.timing.first_plot.is_none() {
            if self.runner.results.as_ref().is_some_and(|r| !r.is_empty()) {
                self.timing.first_plot = self.timing.created.map(|c| c.elapsed());
            }
            return;
        }
        self.timing.slowest_frame = self.timing.slowest_frame.max(frame);
        if ctx.dragged_id().is_some() {
            self.timing.slowest_drag_frame = self.timing.slowest_drag_frame.max(frame);
        }
    }
}
