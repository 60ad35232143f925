//! Re-running an edited scenario without re-simulating what the edit left
//! alone.
//!
//! The sectors share nothing during a run, and [`SectorKind::same_inputs`]
//! says exactly when two scenarios give a sector the same inputs. So when a
//! scenario is edited and run again, every sector whose inputs (and, if it
//! draws random numbers, seed) are unchanged would write the very columns and
//! markers it wrote last time. [`Simulation::reusing`] replays those from the
//! kept [`Finished`] run and simulates only the rest: dragging an AI slider
//! re-runs the AI sector alone, a few milliseconds instead of the whole model.
//!
//! A replayed sector is an ordinary [`Sector`] to the driver, so the run
//! streams, lays out its columns and orders its markers exactly as a full run
//! does, and the results are bit-identical to one.

use std::ops::Range;
use std::sync::Arc;

use rand_chacha::ChaCha12Rng;

use super::results::{ColumnSpec, Marker, MarkerKind, Results};
use super::run::{MonthContext, RunError, Sector, SectorKind, Simulation};
use crate::scenario::Scenario;

/// A complete run, kept so that the next run of an edited copy of its
/// scenario can replay the sectors the edit did not touch.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The scenario as it was run.
    pub scenario: Scenario,
    /// The seed it ran on.
    pub seed: u64,
    /// Which columns each sector wrote.
    pub layout: Vec<(SectorKind, Range<usize>)>,
    /// Its results, every month of the timeline.
    pub results: Arc<Results>,
}

impl Finished {
    /// The columns `kind` wrote in this run, if it can stand in for a run of
    /// `scenario` on `seed`: the sector's inputs are the same, it draws
    /// nothing or the seed is the same, and the run is complete.
    fn columns_for(&self, kind: SectorKind, scenario: &Scenario, seed: u64) -> Option<Range<usize>> {
        let complete = self.results.months.len() == self.scenario.timeline.months();
        let same_draws = !kind.uses_seed() || seed == self.seed;
        if !(complete && same_draws && kind.same_inputs(&self.scenario, scenario)) {
            return None;
        }
        self.layout.iter().find(|(k, _)| *k == kind).map(|(_, range)| range.clone())
    }
}

impl MarkerKind {
    /// The sector that places markers of this kind during a run; `None` for
    /// the scenario's own events, which the driver marks before the first
    /// month.
    pub fn placed_by(self) -> Option<SectorKind> {
        match self {
            Self::Halving | Self::ProjectionStart => Some(SectorKind::Mining),
            Self::DataExhaustion => Some(SectorKind::Ai),
            Self::ScenarioEvent | Self::AiEvent => None,
        }
    }
}

/// A sector's columns and markers from an earlier run, written back month by
/// month.
struct Replay {
    specs: Vec<ColumnSpec>,
    columns: Vec<Vec<f64>>,
    /// The sector's markers, in the order it placed them.
    markers: Vec<Marker>,
    next_marker: usize,
}

impl Replay {
    /// The columns `range` of `earlier` and the markers `kind` placed there.
    fn of(earlier: &Results, kind: SectorKind, range: Range<usize>) -> Self {
        let markers = earlier.markers.iter().filter(|m| m.kind.placed_by() == Some(kind)).cloned().collect();
        Self {
            specs: earlier.specs[range.clone()].to_vec(),
            columns: earlier.values[range].to_vec(),
            markers,
            next_marker: 0,
        }
    }
}

impl Sector for Replay {
    fn columns(&self) -> Vec<ColumnSpec> {
        self.specs.clone()
    }

    fn step(&mut self, ctx: &MonthContext, _rng: &mut ChaCha12Rng, row: &mut [f64], markers: &mut Vec<Marker>) {
        for (x, column) in row.iter_mut().zip(&self.columns) {
            *x = column.get(ctx.index).copied().unwrap_or(f64::NAN);
        }
        while let Some(m) = self.markers.get(self.next_marker).filter(|m| m.month == ctx.month) {
            markers.push(m.clone());
            self.next_marker += 1;
        }
    }
}

impl Simulation {
    /// [`Simulation::new`], replaying from `earlier` every sector it can
    /// stand in for (see [`Finished`]); the results are bit-identical to a
    /// run of every sector.
    pub fn reusing(scenario: &Scenario, seed: u64, earlier: Option<&Finished>) -> Result<Self, RunError> {
        Self::prepare(scenario, seed, |kind| {
            let earlier = earlier?;
            let range = earlier.columns_for(kind, scenario, seed)?;
            Some(Box::new(Replay::of(&earlier.results, kind, range)))
        })
    }

    /// Keeps this finished run for [`Simulation::reusing`]; `scenario` and
    /// `seed` are what it was prepared with. `None` until every month has
    /// run.
    pub fn finished(self, scenario: &Scenario, seed: u64) -> Option<Finished> {
        if self.months_done() < self.months_total() {
            return None;
        }
        let layout = self.layout();
        Some(Finished { scenario: scenario.clone(), seed, layout, results: Arc::new(self.into_results()) })
    }
}
