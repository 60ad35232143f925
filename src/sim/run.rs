//! The monthly driver shared by both sectors: validation, random streams,
//! stepping, progress and cancellation.

use std::ops::ControlFlow;

use rand::SeedableRng;
use rand_chacha::ChaCha12Rng;

use super::results::{ColumnSpec, Marker, MarkerKind, Results};
use crate::scenario::validate::{Problems, validate};
use crate::scenario::{EventKind, Month, Scenario};

/// What a sector sees of the month being simulated.
#[derive(Debug, Clone, Copy)]
pub struct MonthContext {
    /// The month.
    pub month: Month,
    /// Its index from the timeline start (0 for the first month).
    pub index: usize,
}

/// One sector of the model (mining, AI), stepped once a month.
pub trait Sector: Send {
    /// The columns this sector writes, in the order `step` fills them.
    fn columns(&self) -> Vec<ColumnSpec>;

    /// Advances one month and writes one value per column into `row`.
    /// Markers for plots (halvings, data exhaustion) go into `markers`.
    fn step(&mut self, ctx: &MonthContext, rng: &mut ChaCha12Rng, row: &mut [f64], markers: &mut Vec<Marker>);
}

/// Why a run did not produce results.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RunError {
    /// The scenario has problems; nothing was simulated.
    #[error("the scenario is not valid:\n{0}")]
    Invalid(Problems),
    /// The caller asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// The run was cancelled between months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the run was cancelled after {months_done} months")]
pub struct Cancelled {
    /// Months simulated before stopping.
    pub months_done: usize,
}

struct Slot {
    /// Which sector it is (`None` for a test's own sector).
    kind: Option<SectorKind>,
    /// Whether it replays an earlier run ([`Simulation::reusing`]).
    replayed: bool,
    sector: Box<dyn Sector>,
    rng: ChaCha12Rng,
    first_column: usize,
    width: usize,
}

/// A sector as [`Simulation::assemble`] lays it out.
struct Part {
    kind: Option<SectorKind>,
    replayed: bool,
    stream: u64,
    sector: Box<dyn Sector>,
}

/// A run in progress: create it, then [`Simulation::step`] until it returns
/// `false`, reading [`Simulation::results`] at any time.
pub struct Simulation {
    slots: Vec<Slot>,
    results: Results,
    row: Vec<f64>,
    next: Month,
    end: Month,
    done: usize,
    total: usize,
}

/// Random stream number of the mining sector; fixed (as every sector's is)
/// so that adding a sector never changes another's draws.
pub const MINING_STREAM: u64 = 1;
/// Random stream number of the AI sector.
pub const AI_STREAM: u64 = 2;

/// The model's sectors, in the order a run steps them and lays out their
/// columns. The sectors share nothing during a run, so any of them can run
/// alone; experiments use that to run only what a result depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectorKind {
    /// Bitcoin mining.
    Mining,
    /// AI compute.
    Ai,
}

impl SectorKind {
    /// Every sector, in run order.
    pub const ALL: [SectorKind; 2] = [SectorKind::Mining, SectorKind::Ai];

    /// The sector's random stream number.
    fn stream(self) -> u64 {
        match self {
            Self::Mining => MINING_STREAM,
            Self::Ai => AI_STREAM,
        }
    }

    /// The sector for a validated scenario.
    fn build(self, scenario: &Scenario) -> Box<dyn Sector> {
        match self {
            Self::Mining => Box::new(super::mining::MiningSector::new(scenario)),
            Self::Ai => Box::new(super::ai::AiSector::new(scenario)),
        }
    }

    /// The sector, simulated, as [`Simulation::assemble`] takes it.
    fn part(self, scenario: &Scenario) -> Part {
        Part { kind: Some(self), replayed: false, stream: self.stream(), sector: self.build(scenario) }
    }

    /// Whether the sector draws random numbers. One that does not gives the
    /// same columns for every seed, so a Monte Carlo runs it once.
    pub fn uses_seed(self) -> bool {
        match self {
            Self::Mining => true,
            Self::Ai => false,
        }
    }

    /// Whether `a` and `b` give this sector the same inputs, so that its
    /// columns are bit-identical for both on any one seed.
    pub fn same_inputs(self, a: &Scenario, b: &Scenario) -> bool {
        match self {
            Self::Mining => super::mining::same_inputs(a, b),
            Self::Ai => super::ai::AiInputs::of(a) == super::ai::AiInputs::of(b),
        }
    }
}

impl Simulation {
    /// Validates the scenario and prepares a run with `seed`.
    pub fn new(scenario: &Scenario, seed: u64) -> Result<Self, RunError> {
        Self::of(scenario, seed, &SectorKind::ALL)
    }

    /// Validates the scenario and prepares a run of only the sectors
    /// `kinds` (in run order whatever the order given): their columns, and
    /// the same values a run of every sector gives them.
    pub fn of(scenario: &Scenario, seed: u64, kinds: &[SectorKind]) -> Result<Self, RunError> {
        validate(scenario).map_err(RunError::Invalid)?;
        let parts = SectorKind::ALL.iter().filter(|k| kinds.contains(k)).map(|&k| k.part(scenario)).collect();
        Ok(Self::assemble(scenario, seed, parts))
    }

    /// Validates the scenario and prepares a run of every sector, each one
    /// `replay` returns a stand-in for replayed by it.
    pub(super) fn prepare(
        scenario: &Scenario,
        seed: u64,
        replay: impl Fn(SectorKind) -> Option<Box<dyn Sector>>,
    ) -> Result<Self, RunError> {
        validate(scenario).map_err(RunError::Invalid)?;
        let parts = SectorKind::ALL
            .iter()
            .map(|&k| match replay(k) {
                Some(sector) => Part { kind: Some(k), replayed: true, stream: k.stream(), sector },
                None => k.part(scenario),
            })
            .collect();
        Ok(Self::assemble(scenario, seed, parts))
    }

    /// Prepares a run of the given sectors (for tests of the driver itself).
    pub fn with_sectors(scenario: &Scenario, seed: u64, sectors: Vec<(u64, Box<dyn Sector>)>) -> Self {
        let parts = sectors.into_iter().map(|(stream, sector)| Part { kind: None, replayed: false, stream, sector });
        Self::assemble(scenario, seed, parts.collect())
    }

    /// Lays out the parts' columns side by side, each with its own stream.
    fn assemble(scenario: &Scenario, seed: u64, parts: Vec<Part>) -> Self {
        let total = scenario.timeline.months();
        let mut specs = Vec::new();
        let mut slots = Vec::new();
        for Part { kind, replayed, stream, sector } in parts {
            let cols = sector.columns();
            let mut rng = ChaCha12Rng::seed_from_u64(seed);
            rng.set_stream(stream);
            slots.push(Slot { kind, replayed, sector, rng, first_column: specs.len(), width: cols.len() });
            specs.extend(cols);
        }
        let mut results = Results::new(specs, total);
        results.markers.extend(scenario_markers(scenario));
        Self {
            row: vec![f64::NAN; results.specs.len()],
            slots,
            results,
            next: scenario.timeline.start,
            end: scenario.timeline.end,
            done: 0,
            total,
        }
    }

    /// Simulates the next month; `false` once the timeline is finished.
    pub fn step(&mut self) -> bool {
        if self.next > self.end {
            return false;
        }
        let ctx = MonthContext { month: self.next, index: self.done };
        self.row.fill(f64::NAN);
        for slot in &mut self.slots {
            let row = &mut self.row[slot.first_column..slot.first_column + slot.width];
            slot.sector.step(&ctx, &mut slot.rng, row, &mut self.results.markers);
        }
        self.results.push(self.next, &self.row);
        self.next = self.next.offset(1);
        self.done += 1;
        true
    }

    /// Results so far.
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// Takes the results, ending the run.
    pub fn into_results(self) -> Results {
        self.results
    }

    /// Which columns each of the model's sectors writes.
    pub fn layout(&self) -> Vec<(SectorKind, std::ops::Range<usize>)> {
        let of = |s: &Slot| Some((s.kind?, s.first_column..s.first_column + s.width));
        self.slots.iter().filter_map(of).collect()
    }

    /// The sectors this run replays from an earlier one rather than
    /// simulates ([`Simulation::reusing`]).
    pub fn replayed(&self) -> Vec<SectorKind> {
        self.slots.iter().filter(|s| s.replayed).filter_map(|s| s.kind).collect()
    }

    /// Months simulated so far.
    pub fn months_done(&self) -> usize {
        self.done
    }

    /// Months in the timeline.
    pub fn months_total(&self) -> usize {
        self.total
    }
}

fn scenario_markers(scenario: &Scenario) -> Vec<Marker> {
    scenario
        .events
        .iter()
        .map(|e| Marker {
            month: e.month,
            label: if e.label.is_empty() { e.kind.kind_label().to_owned() } else { e.label.clone() },
            kind: if matches!(e.kind, EventKind::GpuShortage { .. }) {
                MarkerKind::AiEvent
            } else {
                MarkerKind::ScenarioEvent
            },
        })
        .collect()
}

/// Runs a scenario to the end. `progress(done, total)` is called after every
/// month; returning [`ControlFlow::Break`] cancels the run.
pub fn run(
    scenario: &Scenario,
    seed: u64,
    progress: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Results, RunError> {
    run_sectors(scenario, seed, &SectorKind::ALL, progress)
}

/// [`run`] of only the sectors `kinds` (see [`Simulation::of`]).
pub fn run_sectors(
    scenario: &Scenario,
    seed: u64,
    kinds: &[SectorKind],
    mut progress: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Results, RunError> {
    let mut sim = Simulation::of(scenario, seed, kinds)?;
    while sim.step() {
        if progress(sim.months_done(), sim.months_total()).is_break() {
            return Err(Cancelled { months_done: sim.months_done() }.into());
        }
    }
    Ok(sim.into_results())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Event, presets::default_scenario};

    #[test]
    fn gpu_shortages_are_marked_for_ai_and_bans_for_mining() {
        let mut s = default_scenario();
        s.events.push(Event {
            month: Month::ym(2030, 1),
            label: "Shortage".into(),
            kind: EventKind::GpuShortage { capacity_multiplier: 0.6, duration_months: Some(6) },
        });
        s.events.push(Event {
            month: Month::ym(2031, 1),
            label: String::new(),
            kind: EventKind::Ban { region: "us".into(), share: 0.5, duration_months: None },
        });
        let kinds: Vec<(String, MarkerKind)> = scenario_markers(&s).into_iter().map(|m| (m.label, m.kind)).collect();
        assert!(kinds.contains(&("Shortage".to_owned(), MarkerKind::AiEvent)));
        assert!(kinds.contains(&("Mining ban".to_owned(), MarkerKind::ScenarioEvent)));
    }
}
