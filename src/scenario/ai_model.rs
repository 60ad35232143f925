//! The AI compute half of the scenario: workloads, algorithmic progress and
//! quantisation, the data stock and the frontier, the cloud and its
//! providers, device classes, and the weights of the edge-or-cloud choice
//! (MODEL.md, "AI compute"). Like the mining half in `model.rs`, every field
//! takes its default when a file leaves it out and is registered in
//! `registry.rs`.

use serde::{Deserialize, Serialize};

use super::month::Month;

/// The AI compute sector. The calibrated baseline of `data/ai.md` (workloads,
/// devices, providers) lives in `saves/baseline-2009-2040.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Ai {
    /// Classes of inference work.
    pub workloads: Vec<Workload>,
    /// Algorithmic progress and quantisation.
    pub progress: AiProgress,
    /// The training-data stock and the frontier.
    pub data: DataStock,
    /// Cloud capacity and price.
    pub cloud: Cloud,
    /// Cloud providers and their market shares.
    pub providers: Vec<Provider>,
    /// Edge device classes.
    pub devices: Vec<DeviceClass>,
    /// Weights of the edge-or-cloud choice.
    pub placement: Placement,
}

/// A class of inference work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workload {
    /// Identifier (used in CSV column names).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Month the workload appears.
    pub since: Month,
    /// Demand at the progress reference month, in trillions of tokens (or
    /// token-equivalent queries) per month.
    pub demand_t_tokens_per_month: f64,
    /// Yearly growth of demand.
    pub demand_growth_per_year: f64,
    /// Parameters of the model the workload needs at the reference month's
    /// efficiency.
    pub required_params_b: f64,
    /// Whether the capability it needs tracks the frontier (assistants) or is
    /// fixed (classic on-device ML).
    pub tracks_frontier: bool,
    /// How much users value keeping data on the device.
    pub privacy_weight: f64,
    /// How much users value low latency.
    pub latency_weight: f64,
    /// Accelerator throughput the workload needs on a device.
    pub min_tops: f64,
    /// Level demand saturates at (logistic growth), trillions of tokens per
    /// month; 0 means demand grows exponentially without limit.
    pub demand_ceiling_t_tokens_per_month: f64,
}

impl Default for Workload {
    fn default() -> Self {
        Self {
            id: "new_workload".into(),
            name: "New workload".into(),
            since: Month::ym(2020, 1),
            demand_t_tokens_per_month: 1.0,
            demand_growth_per_year: 0.5,
            required_params_b: 3.0,
            tracks_frontier: false,
            privacy_weight: 0.5,
            latency_weight: 0.5,
            min_tops: 10.0,
            demand_ceiling_t_tokens_per_month: 0.0,
        }
    }
}

/// Algorithmic progress and quantisation (`data/ai.md`, "Efficiency").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AiProgress {
    /// Month the workloads' parameter counts refer to.
    pub reference_month: Month,
    /// Months for the compute and parameters of a fixed capability to halve
    /// (Epoch AI: ≈ 8, 95 % CI 5–14).
    pub halving_months: f64,
    /// Bits per weight of a deployed model at the reference month.
    pub bits_per_weight_at_reference: f64,
    /// Lowest bits per weight quantisation reaches.
    pub bits_per_weight_floor: f64,
    /// Yearly decline of bits per weight.
    pub bits_decline_per_year: f64,
    /// Highest bits per weight (before the reference month bits rise back
    /// toward this; 16 = half precision).
    pub bits_per_weight_ceiling: f64,
    /// Elasticity of the capability users expect of a frontier-tracking
    /// workload to the frontier's capability (0 = fixed expectations,
    /// 1 = expectations grow as fast as the frontier).
    pub expectation_elasticity: f64,
}

impl Default for AiProgress {
    fn default() -> Self {
        Self {
            reference_month: Month::ym(2024, 1),
            halving_months: 8.0,
            bits_per_weight_at_reference: 4.0,
            bits_per_weight_floor: 2.0,
            bits_decline_per_year: 0.25,
            bits_per_weight_ceiling: 16.0,
            expectation_elasticity: 0.7,
        }
    }
}

/// The stock of training data and the frontier it feeds
/// (`data/ai.md`, "Data": ≈ 300 T tokens, exhausted 2026–2032).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataStock {
    /// Whether the data stock limits the frontier at all.
    pub limited: bool,
    /// Stock of public human-generated text.
    pub stock_t_tokens: f64,
    /// Tokens used to train the largest model at the reference month.
    pub training_t_tokens_at_reference: f64,
    /// Yearly growth of training-set size.
    pub training_growth_per_year: f64,
    /// Frontier model size at the reference month.
    pub frontier_params_b_at_reference: f64,
    /// Yearly growth of frontier size while data lasts.
    pub frontier_growth_per_year: f64,
    /// Factor on frontier growth after the stock is used up (0.3 = growth
    /// falls to 30 %).
    pub slowdown_after_exhaustion: f64,
}

impl Default for DataStock {
    fn default() -> Self {
        Self {
            limited: true,
            stock_t_tokens: 300.0,
            training_t_tokens_at_reference: 15.0,
            training_growth_per_year: 1.5,
            frontier_params_b_at_reference: 1000.0,
            frontier_growth_per_year: 1.0,
            slowdown_after_exhaustion: 0.1,
        }
    }
}

/// Cloud inference capacity and price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cloud {
    /// Capacity at the reference month, trillions of tokens per month.
    pub capacity_t_tokens_per_month: f64,
    /// Yearly growth of capacity.
    pub capacity_growth_per_year: f64,
    /// Price of 1 M tokens of a reference model (of
    /// `price_reference_params_b` parameters) at the reference month.
    pub price_usd_per_mtok: f64,
    /// Yearly decline of the cloud price per parameter served (hardware
    /// price-performance, serving software, competition; 0.4 = −40 %).
    /// Algorithmic progress comes on top through the halving time τ.
    pub price_decline_per_year: f64,
    /// How strongly the price rises when demand exceeds capacity.
    pub scarcity_elasticity: f64,
    /// Size of the reference model `price_usd_per_mtok` refers to.
    pub price_reference_params_b: f64,
    /// Utilisation providers build toward: capacity grows (at most at
    /// `capacity_growth_per_year`) while demand exceeds this share of it.
    pub target_utilisation: f64,
    /// Price elasticity of demand for inference: the level a workload's
    /// demand saturates at scales with `(price / price at the reference)^−ε`,
    /// so cheaper tokens are used more. 0 turns the response off.
    pub demand_price_elasticity: f64,
}

impl Default for Cloud {
    fn default() -> Self {
        Self {
            capacity_t_tokens_per_month: 200.0,
            capacity_growth_per_year: 3.0,
            price_usd_per_mtok: 2.0,
            price_decline_per_year: 0.28,
            scarcity_elasticity: 1.0,
            price_reference_params_b: 100.0,
            target_utilisation: 0.8,
            demand_price_elasticity: 0.8,
        }
    }
}

/// A cloud provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Provider {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Share of cloud AI compute (all providers sum to 1).
    pub share: f64,
    /// Number of similar firms this entry stands for (1 for a named
    /// provider; more for "other providers", split evenly among them).
    pub firms: f64,
}

impl Default for Provider {
    fn default() -> Self {
        Self { id: "new_provider".into(), name: "New provider".into(), share: 0.0, firms: 1.0 }
    }
}

/// A class of edge devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeviceClass {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Month the first AI-capable units ship.
    pub launch: Month,
    /// Bass innovation coefficient, per year.
    pub bass_p_per_year: f64,
    /// Bass imitation coefficient, per year.
    pub bass_q_per_year: f64,
    /// Installed base the diffusion tends to, in millions of units.
    pub market_size_m: f64,
    /// Memory of a typical unit at launch.
    pub memory_gb_at_launch: f64,
    /// Yearly growth of memory.
    pub memory_growth_per_year: f64,
    /// Accelerator throughput of a typical unit at launch.
    pub tops_at_launch: f64,
    /// Yearly growth of throughput.
    pub tops_growth_per_year: f64,
    /// Spread of throughput among the units sold in one month: the scale
    /// (in natural-log units) of a log-logistic distribution around the
    /// typical unit's TOPS, so that flagships pass a workload's TOPS bar
    /// years before budget models do. 0 = every unit like the typical one.
    pub tops_spread: f64,
    /// Share of memory an on-device model may use.
    pub model_memory_share: f64,
    /// Part of the device's price attributed to AI capability, at launch.
    pub ai_cost_usd: f64,
    /// Yearly growth of that part after launch (more NPU area and memory).
    pub ai_cost_growth_per_year: f64,
    /// Years a unit stays in use.
    pub lifetime_years: f64,
}

impl Default for DeviceClass {
    fn default() -> Self {
        Self {
            id: "new_device".into(),
            name: "New device".into(),
            launch: Month::ym(2020, 1),
            bass_p_per_year: 0.03,
            bass_q_per_year: 0.4,
            market_size_m: 100.0,
            memory_gb_at_launch: 8.0,
            memory_growth_per_year: 0.19,
            tops_at_launch: 10.0,
            tops_growth_per_year: 0.4,
            tops_spread: 0.0,
            model_memory_share: 0.3,
            ai_cost_usd: 30.0,
            ai_cost_growth_per_year: 0.0,
            lifetime_years: 4.0,
        }
    }
}

/// Weights of the logit choice between edge and cloud.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Placement {
    /// Weight of the cost difference (per log-unit of price ratio).
    pub cost_weight: f64,
    /// Scale of the workloads' privacy weights.
    pub privacy_weight: f64,
    /// Scale of the workloads' latency weights.
    pub latency_weight: f64,
    /// Penalty per log-unit of the quality gap between the edge model and
    /// what users expect.
    pub quality_gap_weight: f64,
    /// Energy and wear cost of 1 M tokens on a device.
    pub edge_cost_usd_per_mtok: f64,
    /// Bias toward the cloud from habit and integration (log-odds).
    pub cloud_inertia: f64,
    /// Yearly decline of the edge cost per parameter (accelerator energy
    /// efficiency: ≈ +50 % FLOP/J a year, i.e. −33 % cost).
    pub edge_cost_decline_per_year: f64,
    /// Largest quality gap (log-units) at which a device still counts as
    /// able to serve a workload: ln 10 ≈ 2.3 means a model a tenth of the
    /// size users expect.
    pub max_quality_gap: f64,
}

impl Default for Placement {
    fn default() -> Self {
        Self {
            cost_weight: 1.0,
            privacy_weight: 1.0,
            latency_weight: 1.0,
            quality_gap_weight: 1.5,
            edge_cost_usd_per_mtok: 0.5,
            cloud_inertia: 1.0,
            edge_cost_decline_per_year: 0.33,
            max_quality_gap: std::f64::consts::LN_10,
        }
    }
}
