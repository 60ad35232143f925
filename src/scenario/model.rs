//! The scenario a person edits, saves and runs: every input of both sectors.
//!
//! The structure follows `MODEL.md` group by group (timeline, market, protocol,
//! hardware, regions, events, miners, economies of scale, entry, pools): the
//! whole [`Scenario`] and its timeline are here, each mining group's types in
//! a submodule of its own (`model/market.rs`, `hardware.rs`, `regions.rs`,
//! `events.rs`, `miners.rs`, `pools.rs`, re-exported here so every path stays
//! `scenario::X` or `scenario::model::X`), and the AI sector's workloads,
//! progress, data, cloud, devices and placement are in `ai_model.rs`.
//! Every numeric field is registered with its label, unit, valid range
//! and help text in the [`Params`](super::params::Params) implementations
//! of `registry.rs`, the single place validation and the editor read them
//! from.
//!
//! Missing fields take the defaults of the `Default` impls (the baseline
//! values) thanks to `#[serde(default)]`; unknown fields are rejected
//! (`deny_unknown_fields`) so that a misspelt name is reported instead of
//! silently ignored.

use serde::{Deserialize, Serialize};

use super::ai_model::Ai;
use super::annotation::Annotation;
use super::month::Month;

mod events;
mod hardware;
mod market;
mod miners;
mod pools;
mod regions;

pub use events::*;
pub use hardware::*;
pub use market::*;
pub use miners::*;
pub use pools::*;
pub use regions::*;

/// The current version of the scenario file format.
pub const FORMAT_VERSION: u32 = 1;

/// A complete scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// File format version; see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Short name shown in the title bar and reports.
    pub name: String,
    /// What the scenario explores, in a sentence or two.
    pub description: String,
    /// Free-form notes by the author (sources, assumptions).
    pub notes: String,
    /// Notes pinned to months, drawn on the plots and in exports; never read
    /// by the simulation. Absent in older files (defaults to none).
    pub annotations: Vec<Annotation>,
    /// Registry paths of the parameters presentation mode shows as large
    /// sliders (see [`super::key_params`]); never read by the simulation.
    /// Empty (and absent in older files): a default set.
    pub key_parameters: Vec<String>,
    /// Seed of every random draw in a run.
    pub seed: u64,
    /// First and last simulated month.
    pub timeline: Timeline,
    /// Bitcoin price and fees: history and projection.
    pub market: Market,
    /// Bitcoin protocol constants.
    pub protocol: Protocol,
    /// Mining hardware generations.
    pub hardware: Vec<Hardware>,
    /// How effective power prices rise as a region fills up.
    pub grid: Grid,
    /// Regions miners can place hardware in.
    pub regions: Vec<Region>,
    /// Dated events: shocks, bans, capacity changes, subsidies, shortages.
    pub events: Vec<Event>,
    /// Miner classes and their behaviour.
    pub miners: Miners,
    /// Economies of scale enjoyed by larger mining entities.
    pub scale: ScaleEconomies,
    /// Arrival of new mining firms.
    pub entry: Entry,
    /// Mining pools.
    pub pools: Pools,
    /// The AI compute sector.
    pub ai: Ai,
}

/// First and last simulated month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Timeline {
    /// First simulated month.
    pub start: Month,
    /// Last simulated month (inclusive).
    pub end: Month,
}

impl Default for Timeline {
    fn default() -> Self {
        Self { start: Month::ym(2009, 1), end: Month::ym(2040, 12) }
    }
}

impl Timeline {
    /// Number of simulated months.
    pub fn months(&self) -> usize {
        usize::try_from(self.end.months_since(self.start) + 1).unwrap_or(0)
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: "Untitled scenario".into(),
            description: String::new(),
            notes: String::new(),
            annotations: Vec::new(),
            key_parameters: Vec::new(),
            seed: 1,
            timeline: Timeline::default(),
            market: Market::default(),
            protocol: Protocol::default(),
            hardware: Vec::new(),
            grid: Grid::default(),
            regions: Vec::new(),
            events: Vec::new(),
            miners: Miners::default(),
            scale: ScaleEconomies::default(),
            entry: Entry::default(),
            pools: Pools::default(),
            ai: Ai::default(),
        }
    }
}

impl Scenario {
    /// Index of the region with this id.
    pub fn region_index(&self, id: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.id == id)
    }

    /// Index of the hardware generation with this id.
    pub fn hardware_index(&self, id: &str) -> Option<usize> {
        self.hardware.iter().position(|h| h.id == id)
    }
}
