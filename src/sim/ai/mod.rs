//! The AI compute sector: inference workloads moving between cloud data
//! centres and billions of edge devices, stepped in the shared monthly loop.
//!
//! Each month, in this order:
//! 1. device fleets diffuse, retire and replace units ([`devices`]);
//! 2. progress, quantisation and the frontier give each workload the model
//!    size its users expect and the bits per weight of deployed models
//!    ([`progress`]);
//! 3. each workload's demand is split between edge and cloud by reach and a
//!    logit ([`placement`]), using last month's cloud scarcity (prices are
//!    set before the month's demand is known, which also avoids solving a
//!    fixed point every month);
//! 4. the cloud books the month's demand against its capacity, which sets
//!    this month's scarcity, price and spend ([`cloud`]);
//! 5. ownership of inference is measured with the shared metrics
//!    ([`crate::sim::metrics`]): each cloud provider is an entity holding its
//!    market share of the cloud's part (an "other providers" entry stands for
//!    `firms` equal firms), and device owners are one cohort of as many
//!    members as installed AI-capable units, holding the edge's part. A token
//!    answered on a device is one no provider controls, so ownership is
//!    weighted by inference served (tokens).
//!
//! The model is deterministic: it draws nothing from its random stream, so
//! the same scenario gives the same AI series whatever the seed.
//!
//! Demand answers to price: the level each workload's demand saturates at
//! moves with the trend price of the capability it needs
//! ([`progress::price_response`], elasticity `ai.cloud.demand_price_elasticity`),
//! so cheaper tokens are used more and the cloud bill does not vanish as
//! prices fall. The response uses the trend price without the scarcity
//! premium: premiums are transient and ride on last month's demand.
//!
//! Known simplifications: edge devices are one cohort of owners (a
//! person with a phone and a laptop counts twice); cloud provider shares are
//! fixed at the scenario's values.

pub(crate) mod cloud;
pub(crate) mod devices;
pub(crate) mod energy;
pub(crate) mod placement;
pub(crate) mod progress;

use rand_chacha::ChaCha12Rng;

use self::cloud::CloudMarket;
use self::devices::{Capability, Fleet, Need};
use self::placement::{Choice, edge_share};
use self::progress::{
    Frontier, bits_per_weight, demand_t_tokens, efficiency, needed_params_b, price_response, years_from,
};
use super::metrics::{self, Concentration, Group, concentration};
use super::results::{ColumnSpec, Marker, MarkerKind};
use super::run::{MonthContext, Sector};
use crate::scenario::{Ai, Event, Month, Scenario, Timeline};

/// Tokens in a trillion, counted in millions (prices are per 1 M tokens).
const MTOK_PER_TTOK: f64 = 1.0e6;

/// The AI sector of a run.
pub struct AiSector {
    ai: Ai,
    frontier: Frontier,
    fleets: Vec<Fleet>,
    cloud: CloudMarket,
    groups: Vec<Group>,
    scratch: metrics::Scratch,
    workload_rows: Vec<WorkloadMonth>,
}

/// One workload's figures in the month being simulated.
#[derive(Debug, Clone, Copy, Default)]
struct WorkloadMonth {
    demand: f64,
    needed_b: f64,
    reach: f64,
    edge_share: f64,
    /// Size of the model capable devices serve (B params, log-mean).
    edge_model_b: f64,
}

/// The whole sector's figures in one month, before they become a row.
#[derive(Debug, Clone, Copy)]
struct SectorMonth {
    edge_share: f64,
    edge_compute_share: f64,
    demand: f64,
    edge_market_usd_b: f64,
    cloud_spend_usd_b: f64,
    cloud_price: f64,
    avg_cloud_price: f64,
    installed_m: f64,
    small_model_b: f64,
    bits: f64,
    owners: Concentration,
    /// Cloud inference compute, T tokens × B params in the month.
    cloud_compute: f64,
    /// Edge inference compute, T tokens × B params in the month.
    edge_compute: f64,
}

/// Everything of a scenario the AI sector reads: its own section, the
/// timeline and the events (GPU shortages). The sector is built from this
/// view alone, so the compiler holds it to it, and two scenarios with equal
/// views give the sector bit-identical columns (it draws no random numbers):
/// experiments run it once where only mining settings change
/// ([`super::run::SectorKind::same_inputs`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AiInputs<'a> {
    /// The AI section.
    pub ai: &'a Ai,
    /// First and last month.
    pub timeline: &'a Timeline,
    /// Every event of the scenario.
    pub events: &'a [Event],
}

impl<'a> AiInputs<'a> {
    /// The AI sector's view of `scenario`.
    pub fn of(scenario: &'a Scenario) -> Self {
        Self { ai: &scenario.ai, timeline: &scenario.timeline, events: &scenario.events }
    }
}

impl AiSector {
    /// The AI sector of a (validated) scenario. Device fleets launched before
    /// the timeline start are diffused up to it.
    pub fn new(scenario: &Scenario) -> Self {
        Self::from_inputs(AiInputs::of(scenario))
    }

    /// The AI sector from its view of a validated scenario.
    pub fn from_inputs(inputs: AiInputs) -> Self {
        let ai = inputs.ai.clone();
        let start = inputs.timeline.start;
        let bars: Vec<f64> = ai.workloads.iter().map(|w| w.min_tops).collect();
        let fleets = ai
            .devices
            .iter()
            .map(|class| {
                let mut fleet = Fleet::with_bars(class, &bars);
                for month in class.launch.through(start.offset(-1)) {
                    fleet.step(month);
                }
                fleet
            })
            .collect();
        Self {
            frontier: Frontier::new(&ai.data),
            cloud: CloudMarket::new(&ai.cloud, inputs.events),
            workload_rows: vec![WorkloadMonth::default(); ai.workloads.len()],
            groups: Vec::with_capacity(ai.providers.len() + 1),
            scratch: metrics::Scratch::default(),
            fleets,
            ai,
        }
    }

    fn reference(&self) -> Month {
        self.ai.progress.reference_month
    }

    /// ln(cloud / edge cost per parameter-token) at `t` with scarcity `s`.
    fn log_cost_ratio(&self, t: f64, scarcity: f64) -> f64 {
        let p = &self.ai.placement;
        let edge = p.edge_cost_usd_per_mtok * ((1.0 - p.edge_cost_decline_per_year).ln() * t).exp();
        let cloud = self.cloud.base_price_usd_per_mtok(self.ai.cloud.price_reference_params_b, t) * scarcity;
        let r = (cloud / edge).ln();
        if r.is_nan() { 0.0 } else { r }
    }

    /// Splits every workload between edge and cloud; returns the cloud's
    /// demand (T tokens/month).
    fn place_workloads(&mut self, month: Month, t: f64, installed_m: f64) -> f64 {
        let log_cost_ratio = self.log_cost_ratio(t, self.cloud.scarcity);
        let gap_factor = (-self.ai.placement.max_quality_gap).exp();
        let mut cloud_demand = 0.0;
        for (w, row) in self.ai.workloads.iter().zip(&mut self.workload_rows) {
            let needed_b = needed_params_b(w, &self.ai.progress, &self.frontier, t);
            let price_ratio = self.cloud.base_price_usd_per_mtok(needed_b, t)
                / self.cloud.base_price_usd_per_mtok(w.required_params_b, 0.0);
            let response = price_response(price_ratio, self.ai.cloud.demand_price_elasticity);
            let demand = demand_t_tokens(w, month, t, response);
            let need = Need::new(needed_b, w.min_tops, gap_factor);
            let mut cap = Capability::default();
            for fleet in &self.fleets {
                cap.add(fleet.capability_for(&need));
            }
            let reach = if installed_m > 0.0 { (cap.units_m / installed_m).min(1.0) } else { 0.0 };
            let quality_gap =
                if cap.units_m > 0.0 { (need.ln_params - cap.units_log_model / cap.units_m).max(0.0) } else { 0.0 };
            let choice = Choice { log_cost_ratio, quality_gap, reach };
            let share = edge_share(&self.ai.placement, w, &choice);
            let edge_model_b = if cap.units_m > 0.0 { (cap.units_log_model / cap.units_m).exp() } else { needed_b };
            *row = WorkloadMonth { demand, needed_b, reach, edge_share: share, edge_model_b };
            cloud_demand += demand * (1.0 - share);
        }
        cloud_demand
    }

    fn ownership(&mut self, edge_share: f64, installed_m: f64) -> Concentration {
        if !edge_share.is_finite() {
            return Concentration::EMPTY;
        }
        let total_share: f64 = self.ai.providers.iter().map(|p| p.share).sum();
        self.groups.clear();
        if total_share > 0.0 {
            for p in &self.ai.providers {
                self.groups.push(Group::cohort((1.0 - edge_share) * p.share / total_share, p.firms.max(1.0)));
            }
        }
        if installed_m > 0.0 {
            self.groups.push(Group::cohort(edge_share, installed_m * 1.0e6));
        }
        concentration(&self.groups, &mut self.scratch)
    }

    fn simulate(&mut self, month: Month) -> SectorMonth {
        let t = years_from(self.reference(), month);
        for fleet in &mut self.fleets {
            fleet.step(month);
        }
        let bits = bits_per_weight(&self.ai.progress, t);
        for fleet in &mut self.fleets {
            fleet.prepare(bits);
        }
        let installed_m: f64 = self.fleets.iter().map(Fleet::installed_m).sum();
        let cloud_demand = self.place_workloads(month, t, installed_m);
        self.cloud.step(month, t, cloud_demand);

        let scarcity = self.cloud.scarcity;
        let mut demand = 0.0;
        let mut edge = 0.0;
        let mut spend_per_month = 0.0;
        let (mut edge_compute, mut cloud_compute) = (0.0, 0.0);
        for w in &self.workload_rows {
            demand += w.demand;
            edge += w.demand * w.edge_share;
            edge_compute += w.demand * w.edge_share * w.edge_model_b;
            cloud_compute += w.demand * (1.0 - w.edge_share) * w.needed_b;
            let cloud_mtok = w.demand * (1.0 - w.edge_share) * MTOK_PER_TTOK;
            spend_per_month += cloud_mtok * self.cloud.base_price_usd_per_mtok(w.needed_b, t) * scarcity;
        }
        let edge_share = if demand > 0.0 { edge / demand } else { f64::NAN };
        let sales_value: f64 = self.fleets.iter().map(|f| f.sold_last_month_m * f.ai_cost_usd_at(month)).sum();
        let capacity_sum: f64 = self.fleets.iter().map(Fleet::units_times_max_model).sum();
        let owners = self.ownership(edge_share, installed_m);
        let compute = edge_compute + cloud_compute;
        SectorMonth {
            edge_share,
            edge_compute_share: if compute > 0.0 { edge_compute / compute } else { f64::NAN },
            demand,
            // M units × USD a month → B USD a year.
            edge_market_usd_b: sales_value * 12.0 / 1.0e3,
            cloud_spend_usd_b: spend_per_month * 12.0 / 1.0e9,
            cloud_price: self.cloud.reference_price_usd_per_mtok(t),
            avg_cloud_price: if cloud_demand > 0.0 {
                spend_per_month / (cloud_demand * MTOK_PER_TTOK)
            } else {
                f64::NAN
            },
            installed_m,
            small_model_b: if installed_m > 0.0 { capacity_sum / installed_m } else { f64::NAN },
            bits,
            owners,
            cloud_compute,
            edge_compute,
        }
    }

    fn write_row(&self, month: Month, s: &SectorMonth, row: &mut [f64]) {
        let t = years_from(self.reference(), month);
        let mut out = Cursor { row, next: 0 };
        out.put(s.edge_share);
        for w in &self.workload_rows {
            out.put(if w.demand > 0.0 { w.edge_share } else { f64::NAN });
        }
        out.put(s.edge_market_usd_b);
        out.put(s.cloud_spend_usd_b);
        out.put(s.cloud_price);
        out.put(s.installed_m);
        out.put(self.frontier.params_b(t));
        out.put(s.small_model_b);
        out.put(s.owners.nakamoto);
        out.put(s.owners.hhi);
        out.put(s.owners.effective);
        out.put(s.owners.gini);
        out.put(s.bits);
        out.put(self.frontier.data_used_share(t));
        out.put(self.cloud.scarcity);
        out.put(self.cloud.utilisation);
        out.put(s.avg_cloud_price);
        out.put(s.demand);
        out.put(s.edge_compute_share);
        out.put(efficiency(&self.ai.progress, t));
        for f in &self.fleets {
            out.put(f.installed_m());
        }
        for w in &self.workload_rows {
            out.put(if w.demand > 0.0 { w.needed_b } else { f64::NAN });
        }
        for w in &self.workload_rows {
            out.put(w.reach);
        }
        let total_share: f64 = self.ai.providers.iter().map(|p| p.share).sum();
        for p in &self.ai.providers {
            out.put(if total_share > 0.0 { p.share / total_share } else { f64::NAN });
        }
        let energy = energy::inference_energy(s.cloud_compute, s.edge_compute, t);
        out.put(energy.cloud_twh_per_year);
        out.put(energy.edge_twh_per_year);
        out.put(energy.cloud_gw);
        out.put(energy.edge_gw);
        debug_assert_eq!(out.next, out.row.len());
    }
}

/// Writes a row left to right in the order of [`AiSector::columns`].
struct Cursor<'a> {
    row: &'a mut [f64],
    next: usize,
}

impl Cursor<'_> {
    fn put(&mut self, x: f64) {
        self.row[self.next] = x;
        self.next += 1;
    }
}

impl Sector for AiSector {
    fn columns(&self) -> Vec<ColumnSpec> {
        let mut c = vec![ColumnSpec::new("ai_edge_share", "Edge share of inference", "fraction 0–1")];
        for w in &self.ai.workloads {
            c.push(ColumnSpec::new(
                format!("ai_edge_share.{}", w.id),
                format!("Edge share: {}", w.name),
                "fraction 0–1",
            ));
        }
        c.extend([
            ColumnSpec::new("ai_edge_market_usd_b", "Edge AI market", "B USD/yr"),
            ColumnSpec::new("ai_cloud_spend_usd_b", "Cloud inference spend", "B USD/yr"),
            ColumnSpec::new("ai_cloud_price_usd_per_mtok", "Cloud price (reference model)", "USD per 1M tokens"),
            ColumnSpec::new("ai_capable_devices_m", "Installed AI-capable devices", "M units"),
            ColumnSpec::new("ai_frontier_params_b", "Frontier model size", "B params"),
            ColumnSpec::new("ai_small_model_params_b", "Largest model on an average device", "B params"),
            ColumnSpec::new("ai_nakamoto_owner", "Nakamoto coefficient (AI owners)", "entities"),
            ColumnSpec::new("ai_hhi_owner", "HHI (AI owners)", "0–1"),
            ColumnSpec::new("ai_effective_owners", "Effective number of AI owners", "entities"),
            ColumnSpec::new("ai_gini_owner", "Gini (AI owners)", "0–1"),
            ColumnSpec::new("ai_bits_per_weight", "Bits per weight", "bits"),
            ColumnSpec::new("ai_data_used_share", "Training data used", "fraction 0–1"),
            ColumnSpec::new("ai_cloud_scarcity", "Cloud scarcity multiplier", "×"),
            ColumnSpec::new("ai_cloud_utilisation", "Cloud utilisation", "fraction"),
            ColumnSpec::new("ai_cloud_avg_price_usd_per_mtok", "Average cloud price paid", "USD per 1M tokens"),
            ColumnSpec::new("ai_demand_t_tokens_per_month", "Inference demand", "T tokens/month"),
            ColumnSpec::new("ai_edge_compute_share", "Edge share of inference compute", "fraction 0–1"),
            ColumnSpec::new("ai_efficiency_factor", "Parameters for a fixed capability", "× reference"),
        ]);
        for d in &self.ai.devices {
            c.push(ColumnSpec::new(format!("ai_devices_m.{}", d.id), format!("Installed: {}", d.name), "M units"));
        }
        for w in &self.ai.workloads {
            c.push(ColumnSpec::new(
                format!("ai_needed_params_b.{}", w.id),
                format!("Model users expect: {}", w.name),
                "B params",
            ));
        }
        for w in &self.ai.workloads {
            c.push(ColumnSpec::new(
                format!("ai_reach.{}", w.id),
                format!("Devices able to serve: {}", w.name),
                "fraction 0–1",
            ));
        }
        for p in &self.ai.providers {
            c.push(ColumnSpec::new(
                format!("ai_provider_share.{}", p.id),
                format!("Cloud share: {}", p.name),
                "fraction 0–1",
            ));
        }
        c.extend(energy::columns());
        c
    }

    fn step(&mut self, ctx: &MonthContext, _rng: &mut ChaCha12Rng, row: &mut [f64], markers: &mut Vec<Marker>) {
        let month = ctx.month;
        let summary = self.simulate(month);
        let t = years_from(self.reference(), month);
        if self.frontier.exhausted(t) && !self.frontier.exhausted(t - 1.0 / 12.0) {
            markers.push(Marker { month, label: "Training data used up".to_owned(), kind: MarkerKind::DataExhaustion });
        }
        self.write_row(month, &summary, row);
    }
}
