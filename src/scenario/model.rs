//! The scenario a person edits, saves and runs: every input of both sectors.
//!
//! The structure follows `MODEL.md` group by group (timeline, market, protocol,
//! hardware, regions, events, miners, economies of scale, entry, pools); the
//! AI sector's workloads, progress, data, cloud, devices and placement are in
//! `ai_model.rs`. Every numeric field is registered with its label, unit,
//! valid range and help text in the [`Params`](super::params::Params)
//! implementations of `registry.rs`, the single place validation and the
//! editor read them from.
//!
//! Missing fields take the defaults of the `Default` impls (the baseline
//! values) thanks to `#[serde(default)]`; unknown fields are rejected
//! (`deny_unknown_fields`) so that a misspelt name is reported instead of
//! silently ignored.

use serde::{Deserialize, Serialize};

use super::ai_model::Ai;
use super::annotation::Annotation;
use super::month::Month;

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

/// Bitcoin price and fees: a historical table and a projection after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Market {
    /// Price table `(month, USD per BTC)`, interpolated log-linearly; months
    /// before the first entry use the first price.
    pub price_usd: Vec<(Month, f64)>,
    /// Fee table `(month, BTC per block)`, interpolated linearly.
    pub fees_btc_per_block: Vec<(Month, f64)>,
    /// Drift of the price projection after the table (log-return per year).
    pub projection_drift_per_year: f64,
    /// Volatility of the price projection (per square-root year); 0 gives a
    /// deterministic path.
    pub projection_volatility_per_year: f64,
    /// Fees per block the projection moves toward after the table.
    pub projection_fee_btc_per_block: f64,
    /// Elasticity of hardware prices to hashprice: a unit costs
    /// `list price × (hashprice / hashprice at launch)^e`.
    pub hardware_price_elasticity: f64,
    /// Most new ASICs the makers can deliver in a month, as a share of the
    /// month's mining revenue (USD at current prices); 0: no limit.
    pub hardware_supply_share_of_revenue: f64,
}

impl Default for Market {
    fn default() -> Self {
        Self {
            price_usd: Vec::new(),
            fees_btc_per_block: Vec::new(),
            projection_drift_per_year: 0.10,
            projection_volatility_per_year: 0.55,
            projection_fee_btc_per_block: 0.3,
            hardware_price_elasticity: 0.5,
            hardware_supply_share_of_revenue: 0.0,
        }
    }
}

/// Bitcoin protocol constants (`data/bitcoin.md`, "Protocol").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Protocol {
    /// Month of the genesis block.
    pub genesis: Month,
    /// Subsidy of the first block.
    pub initial_subsidy_btc: f64,
    /// Blocks between halvings.
    pub halving_interval_blocks: u32,
    /// Target time between blocks.
    pub target_block_time_s: f64,
    /// Blocks between difficulty retargets.
    pub retarget_interval_blocks: u32,
    /// Largest change of difficulty at one retarget (×/÷).
    pub max_retarget_factor: f64,
    /// Hash rate the minimum difficulty corresponds to.
    pub min_difficulty_hashrate_ths: f64,
}

impl Default for Protocol {
    fn default() -> Self {
        Self {
            genesis: Month::ym(2009, 1),
            initial_subsidy_btc: 50.0,
            halving_interval_blocks: 210_000,
            target_block_time_s: 600.0,
            retarget_interval_blocks: 2016,
            max_retarget_factor: 4.0,
            // Difficulty 1 = 2^32 hashes per block every 600 s ≈ 7.16 MH/s.
            min_difficulty_hashrate_ths: 7.158e-6,
        }
    }
}

/// The kind of a hardware generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HardwareKind {
    /// General-purpose processor.
    Cpu,
    /// Graphics card.
    Gpu,
    /// Field-programmable gate array board.
    Fpga,
    /// Application-specific integrated circuit.
    Asic,
}

impl HardwareKind {
    /// Every kind, in historical order.
    pub const ALL: [HardwareKind; 4] = [Self::Cpu, Self::Gpu, Self::Fpga, Self::Asic];

    /// Short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cpu => "CPU",
            Self::Gpu => "GPU",
            Self::Fpga => "FPGA",
            Self::Asic => "ASIC",
        }
    }
}

/// One generation of mining hardware.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hardware {
    /// Identifier used by the simulation and in messages.
    pub id: String,
    /// Display name.
    pub name: String,
    /// CPU, GPU, FPGA or ASIC.
    pub kind: HardwareKind,
    /// First month it can be bought.
    pub available_from: Month,
    /// Energy per unit of work.
    pub efficiency_j_per_th: f64,
    /// Hash rate of one unit.
    pub unit_hashrate_ths: f64,
    /// List price of one unit at launch.
    pub unit_price_usd: f64,
    /// Useful life before retirement.
    pub lifetime_months: u32,
    /// Whether a private person can buy it at retail.
    pub retail: bool,
}

impl Default for Hardware {
    fn default() -> Self {
        Self {
            id: "new_asic".into(),
            name: "New ASIC".into(),
            kind: HardwareKind::Asic,
            available_from: Month::ym(2026, 1),
            efficiency_j_per_th: 15.0,
            unit_hashrate_ths: 300.0,
            unit_price_usd: 5000.0,
            lifetime_months: 60,
            retail: false,
        }
    }
}

/// How the effective power price rises as mining load approaches a region's
/// capacity: `price × (1 + premium_at_capacity × utilisation^exponent)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Grid {
    /// Price premium when the region's capacity is full.
    pub congestion_premium_at_capacity: f64,
    /// How sharply the premium rises with utilisation.
    pub congestion_exponent: f64,
}

impl Default for Grid {
    fn default() -> Self {
        Self { congestion_premium_at_capacity: 0.6, congestion_exponent: 3.0 }
    }
}

/// Group of regions used for geographic metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegionGroup {
    /// United States and Canada.
    NorthAmerica,
    /// Mainland China.
    China,
    /// Russia, Kazakhstan and neighbours.
    RussiaCentralAsia,
    /// Europe including the Nordics.
    Europe,
    /// Central and South America.
    LatinAmerica,
    /// Africa.
    Africa,
    /// The Gulf states and neighbours.
    MiddleEast,
    /// Asia outside China.
    OtherAsia,
    /// Anything else.
    Other,
}

impl RegionGroup {
    /// Every group.
    pub const ALL: [RegionGroup; 9] = [
        Self::NorthAmerica,
        Self::China,
        Self::RussiaCentralAsia,
        Self::Europe,
        Self::LatinAmerica,
        Self::Africa,
        Self::MiddleEast,
        Self::OtherAsia,
        Self::Other,
    ];

    /// Display name.
    pub fn label(self) -> &'static str {
        match self {
            Self::NorthAmerica => "North America",
            Self::China => "China",
            Self::RussiaCentralAsia => "Russia & Central Asia",
            Self::Europe => "Europe",
            Self::LatinAmerica => "Latin America",
            Self::Africa => "Africa",
            Self::MiddleEast => "Middle East",
            Self::OtherAsia => "Other Asia",
            Self::Other => "Other",
        }
    }
}

/// A region miners can place hardware in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Region {
    /// Identifier referenced by events (`us`, `china`, …).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Group for geographic metrics.
    pub group: RegionGroup,
    /// Industrial electricity price at the timeline start.
    pub industrial_price_usd_per_kwh: f64,
    /// Residential electricity price at the timeline start (paid by hobbyists).
    pub residential_price_usd_per_kwh: f64,
    /// Yearly change of both prices (0.02 = +2 % a year).
    pub price_trend_per_year: f64,
    /// Power available to mining at the timeline start.
    pub capacity_mw: f64,
    /// Yearly growth of that capacity.
    pub capacity_growth_mw_per_year: f64,
    /// Ceiling of the capacity.
    pub capacity_max_mw: f64,
    /// Regulatory and political risk miners price in, as a cost premium.
    pub risk: f64,
    /// Relative weight of the region in the hobbyist population.
    pub hobbyist_weight: f64,
    /// Relative weight of the region as the home of new mining firms.
    pub entrant_weight: f64,
}

impl Default for Region {
    fn default() -> Self {
        Self {
            id: "new_region".into(),
            name: "New region".into(),
            group: RegionGroup::Other,
            industrial_price_usd_per_kwh: 0.06,
            residential_price_usd_per_kwh: 0.15,
            price_trend_per_year: 0.0,
            capacity_mw: 100.0,
            capacity_growth_mw_per_year: 100.0,
            capacity_max_mw: 2000.0,
            risk: 0.1,
            hobbyist_weight: 1.0,
            entrant_weight: 1.0,
        }
    }
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Month the event takes effect.
    pub month: Month,
    /// Short label shown on plots.
    #[serde(default)]
    pub label: String,
    /// What happens.
    pub kind: EventKind,
}

impl Event {
    /// Month indices it acts on: from its month up to (not including) the
    /// month its duration ends, `i32::MAX` when it lasts for good.
    pub fn active_months(&self) -> std::ops::Range<i32> {
        let from = self.month.index();
        from..self.kind.duration_months().map_or(i32::MAX, |d| from.saturating_add(d as i32))
    }
}

/// What an event does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EventKind {
    /// Multiplies a region's electricity prices.
    EnergyShock {
        /// Region id.
        region: String,
        /// Price multiplier (2.0 doubles prices).
        multiplier: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// Forces a share of a region's hash power to leave or stop, and blocks
    /// new capacity there while it lasts.
    Ban {
        /// Region id.
        region: String,
        /// Share of the region's hash power and capacity removed (0–1).
        share: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// Adds (or with a negative value removes) mining capacity in a region.
    CapacityChange {
        /// Region id.
        region: String,
        /// Change of capacity.
        delta_mw: f64,
    },
    /// Cheap renewable power offered to miners in a region.
    RenewableSubsidy {
        /// Region id.
        region: String,
        /// Reduction of the industrial price.
        price_cut_usd_per_kwh: f64,
        /// Capacity added while the subsidy lasts.
        extra_capacity_mw: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// A shortage of accelerators that cuts cloud AI capacity.
    GpuShortage {
        /// Multiplier on cloud capacity while it lasts (0.7 = −30 %).
        capacity_multiplier: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// A shortage of chips for mining hardware that cuts what ASIC makers
    /// can deliver (`market.hardware_supply_share_of_revenue`).
    AsicShortage {
        /// Multiplier on the makers' output while it lasts (0.4 = −60 %).
        supply_multiplier: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// A jump of the Bitcoin price, applied to every later month.
    BtcPriceShock {
        /// Price multiplier.
        multiplier: f64,
    },
}

impl EventKind {
    /// Short name of the kind.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Self::EnergyShock { .. } => "Energy price shock",
            Self::Ban { .. } => "Mining ban",
            Self::CapacityChange { .. } => "Capacity change",
            Self::RenewableSubsidy { .. } => "Renewable subsidy",
            Self::GpuShortage { .. } => "GPU shortage",
            Self::AsicShortage { .. } => "ASIC shortage",
            Self::BtcPriceShock { .. } => "BTC price shock",
        }
    }

    /// The region this event acts on, if any.
    pub fn region(&self) -> Option<&str> {
        match self {
            Self::EnergyShock { region, .. }
            | Self::Ban { region, .. }
            | Self::CapacityChange { region, .. }
            | Self::RenewableSubsidy { region, .. } => Some(region),
            Self::GpuShortage { .. } | Self::AsicShortage { .. } | Self::BtcPriceShock { .. } => None,
        }
    }

    /// How long the event lasts; `None` when permanent or instantaneous.
    pub fn duration_months(&self) -> Option<u32> {
        match self {
            Self::EnergyShock { duration_months, .. }
            | Self::Ban { duration_months, .. }
            | Self::RenewableSubsidy { duration_months, .. }
            | Self::GpuShortage { duration_months, .. }
            | Self::AsicShortage { duration_months, .. } => *duration_months,
            Self::CapacityChange { .. } | Self::BtcPriceShock { .. } => None,
        }
    }
}

/// Miner classes and their behaviour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Miners {
    /// People mining at home, held as weighted cohorts.
    pub hobbyist: Hobbyists,
    /// Small and mid-size mining businesses.
    pub operator: FirmClass,
    /// Large industrial mining firms.
    pub industrial: FirmClass,
    /// When and how existing fleet moves between regions.
    pub relocation: Relocation,
    /// Whether revenue includes block luck (Poisson variance).
    pub block_luck: bool,
    /// Firms listed one by one, present from the timeline start (used by
    /// theory checks and by scenarios that name real firms).
    pub initial_firms: Vec<FirmSpec>,
    /// Months a firm's hardware may stay idle (unprofitable) before it is
    /// scrapped.
    pub scrap_after_idle_months: f64,
    /// Yearly decline of hashprice firms expect when valuing new hardware
    /// (besides the halvings, which they foresee exactly).
    pub expected_hashprice_decline_per_year: f64,
    /// Weight (0–1) on the decline firms saw over the last two years in the
    /// decline they expect; 0 keeps `expected_hashprice_decline_per_year`.
    pub expectation_trend_weight: f64,
    /// Reference marginal cost of firms with a fixed relative cost, in USD
    /// per TH/s per month (theory checks).
    pub fixed_cost_reference_usd_per_th_month: f64,
    /// How fast a firm with fixed costs moves its hash rate toward its best
    /// response, per month (log-change per unit of relative margin).
    pub fixed_cost_adjustment: f64,
    /// Spread of firms' own power deals (log-normal sigma of a factor on the
    /// regional price, drawn once per firm): flare gas, own hydro and
    /// curtailment contracts make some firms' power far cheaper than others'.
    pub power_deal_spread: f64,
}

impl Default for Miners {
    fn default() -> Self {
        Self {
            hobbyist: Hobbyists::default(),
            operator: FirmClass::default(),
            industrial: FirmClass::default(),
            relocation: Relocation::default(),
            block_luck: false,
            initial_firms: Vec::new(),
            scrap_after_idle_months: 6.0,
            expected_hashprice_decline_per_year: 0.3,
            expectation_trend_weight: 0.0,
            fixed_cost_reference_usd_per_th_month: 1.0,
            fixed_cost_adjustment: 0.3,
            power_deal_spread: 0.0,
        }
    }
}

/// The class of a mining firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum FirmKind {
    /// A small or mid-size mining business.
    #[default]
    Operator,
    /// A large industrial mining firm.
    Industrial,
}

/// One firm listed individually in the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FirmSpec {
    /// Display name.
    pub name: String,
    /// Operator or industrial; the firm follows that class's behaviour.
    pub class: FirmKind,
    /// Id of the region its hardware starts in.
    pub region: String,
    /// Capital at the timeline start.
    pub capital_usd: f64,
    /// Hash rate it owns at the timeline start.
    pub hashrate_ths: f64,
    /// Id of the hardware generation of that hash rate (empty: the best one
    /// available at the start).
    pub hardware: String,
    /// When above 0, the firm's marginal cost per TH/s-month is this multiple
    /// of `miners.fixed_cost_reference_usd_per_th_month` and its hardware
    /// never changes (theory checks); overrides the class setting.
    pub fixed_relative_cost: f64,
}

impl Default for FirmSpec {
    fn default() -> Self {
        Self {
            name: "New firm".into(),
            class: FirmKind::Industrial,
            region: String::new(),
            capital_usd: 1.0e7,
            hashrate_ths: 0.0,
            hardware: String::new(),
            fixed_relative_cost: 0.0,
        }
    }
}

/// People mining on machines they own, paying residential power.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hobbyists {
    /// People mining at the timeline start.
    pub initial_members: f64,
    /// People who could ever take up mining (Bass market size).
    pub potential_members: f64,
    /// Bass innovation coefficient of awareness, per year.
    pub awareness_p_per_year: f64,
    /// Bass imitation coefficient of awareness, per year.
    pub awareness_q_per_year: f64,
    /// Mining units a member runs.
    pub units_per_member: f64,
    /// Most a member spends on one upgrade.
    pub budget_usd: f64,
    /// Value a member places on taking part, beyond revenue.
    pub enthusiasm_usd_per_month: f64,
    /// Share of the power cost a member accepts as a loss.
    pub loss_tolerance: f64,
    /// Share of the power cost recovered by using the heat at home.
    pub heat_reuse_share: f64,
    /// Payback a member needs before buying new hardware.
    pub payback_months: f64,
    /// Share of members with older hardware who upgrade in a month when a
    /// better retail generation pays back in time.
    pub upgrade_share_per_month: f64,
}

impl Default for Hobbyists {
    fn default() -> Self {
        Self {
            initial_members: 20.0,
            potential_members: 2.0e6,
            awareness_p_per_year: 0.002,
            awareness_q_per_year: 1.2,
            units_per_member: 1.5,
            budget_usd: 1500.0,
            enthusiasm_usd_per_month: 8.0,
            loss_tolerance: 0.2,
            heat_reuse_share: 0.0,
            payback_months: 12.0,
            upgrade_share_per_month: 0.1,
        }
    }
}

/// A class of mining firms (operators or industrial).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FirmClass {
    /// Firms of this class at the timeline start.
    pub initial_count: u32,
    /// First month firms of this class exist or may enter.
    pub first_month: Month,
    /// Median capital of a firm when it starts.
    pub initial_capital_usd: f64,
    /// Spread of starting capital (log-normal sigma).
    pub capital_sigma: f64,
    /// Return a new machine must earn over its life, per year.
    pub hurdle_rate_per_year: f64,
    /// Running cost besides power, per kW of hardware, before scale effects.
    pub overhead_usd_per_kw_month: f64,
    /// Share of capital and credit a firm may spend in one month.
    pub max_spend_share_per_month: f64,
    /// Whether the firm accounts for its own effect on hashprice
    /// (Tullock marginal revenue `R·(H − h)/H²`).
    pub strategic: bool,
    /// Fixed relative marginal cost for theory checks: when above zero the
    /// firm's cost per TH/s-month is this multiple of the reference cost and
    /// its hardware never changes.
    pub fixed_relative_cost: f64,
}

impl Default for FirmClass {
    fn default() -> Self {
        Self {
            initial_count: 0,
            first_month: Month::ym(2012, 1),
            initial_capital_usd: 2.0e6,
            capital_sigma: 1.0,
            hurdle_rate_per_year: 0.25,
            overhead_usd_per_kw_month: 25.0,
            max_spend_share_per_month: 0.3,
            strategic: false,
            fixed_relative_cost: 0.0,
        }
    }
}

/// When and how existing fleet moves between regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Relocation {
    /// Horizon over which a saving must repay the move.
    pub horizon_months: f64,
    /// Cost of moving one TH/s of hardware.
    pub moving_cost_usd_per_th: f64,
    /// Months a moved machine earns nothing.
    pub downtime_months: f64,
    /// Premium on power cost a firm weighs when placing hardware outside its
    /// home region (share; not a cash cost).
    pub abroad_premium: f64,
}

impl Default for Relocation {
    fn default() -> Self {
        Self { horizon_months: 18.0, moving_cost_usd_per_th: 2.0, downtime_months: 2.0, abroad_premium: 0.0 }
    }
}

/// A scale curve: a factor `(size / reference)^(−elasticity)` applied above
/// the reference size, never below `floor`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScaleCurve {
    /// Size below which no discount applies.
    pub reference_mw: f64,
    /// How fast the factor falls with size.
    pub elasticity: f64,
    /// Smallest factor.
    pub floor: f64,
}

impl ScaleCurve {
    /// The factor for an entity of `size_mw`.
    pub fn factor(&self, size_mw: f64) -> f64 {
        if size_mw <= self.reference_mw || self.reference_mw <= 0.0 {
            1.0
        } else {
            (size_mw / self.reference_mw).powf(-self.elasticity).max(self.floor)
        }
    }
}

impl Default for ScaleCurve {
    fn default() -> Self {
        Self { reference_mw: 1.0, elasticity: 0.08, floor: 0.6 }
    }
}

/// Economies of scale of mining entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScaleEconomies {
    /// Discount on the power price with size.
    pub power: ScaleCurve,
    /// Bulk discount on hardware with size.
    pub hardware: ScaleCurve,
    /// Overhead per kW falling with size.
    pub overhead: ScaleCurve,
    /// Credit available as a multiple of capital at the reference size.
    pub credit_multiple: f64,
    /// Extra credit multiple per tenfold increase of size.
    pub credit_multiple_per_decade: f64,
    /// Interest rate on credit at the reference size, per year.
    pub interest_rate_per_year: f64,
    /// Interest falling with size.
    pub interest: ScaleCurve,
}

impl Default for ScaleEconomies {
    fn default() -> Self {
        Self {
            power: ScaleCurve { reference_mw: 1.0, elasticity: 0.06, floor: 0.7 },
            hardware: ScaleCurve { reference_mw: 1.0, elasticity: 0.05, floor: 0.75 },
            overhead: ScaleCurve { reference_mw: 1.0, elasticity: 0.15, floor: 0.4 },
            credit_multiple: 0.5,
            credit_multiple_per_decade: 0.5,
            interest_rate_per_year: 0.12,
            interest: ScaleCurve { reference_mw: 1.0, elasticity: 0.08, floor: 0.5 },
        }
    }
}

/// Arrival of new mining firms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Entry {
    /// Whether new firms arrive at all.
    pub enabled: bool,
    /// Expected new firms per month when mining just breaks even.
    pub base_rate_per_month: f64,
    /// How strongly the arrival rate rises with expected profitability.
    pub profitability_elasticity: f64,
    /// Share of entrants that are operators (the rest are industrial).
    pub operator_share: f64,
}

impl Default for Entry {
    fn default() -> Self {
        Self { enabled: true, base_rate_per_month: 2.0, profitability_elasticity: 1.5, operator_share: 0.8 }
    }
}

/// A mining pool present at the start or founded at a given month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pool {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Fee on payouts (0.02 = 2 %).
    pub fee: f64,
    /// Month the pool opens.
    pub founded: Month,
}

impl Default for Pool {
    fn default() -> Self {
        Self { id: "new_pool".into(), name: "New pool".into(), fee: 0.02, founded: Month::ym(2011, 1) }
    }
}

/// Mining pools and how entities choose them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pools {
    /// Named pools with their founding month.
    pub pools: Vec<Pool>,
    /// Entities above this share of the network mine solo.
    pub solo_threshold_share: f64,
    /// Weight of payout variance against fees in the choice of a pool.
    pub variance_aversion: f64,
    /// Share of miners reconsidering their pool each month.
    pub switching_share_per_month: f64,
    /// Expected new pools per year, with fees drawn near the market's.
    pub new_pools_per_year: f64,
    /// A pool whose share stays below this closes.
    pub min_share: f64,
    /// Spread of miners' individual tastes in the pool choice (Gumbel scale,
    /// as a fraction of revenue); larger spreads pools more evenly.
    pub choice_noise: f64,
    /// Weight miners put on the network's safety when choosing a pool: the
    /// utility falls by this much (fraction of revenue) per unit of a pool's
    /// share above `concentration_threshold_share`. A pool near a majority
    /// threatens the value of what its members mine: when GHash.io neared 50 %
    /// in mid-2014, miners left it and it pledged to stay below 40 %
    /// (`data/bitcoin.md`, "Pools"). 0 turns the term off.
    pub concentration_aversion: f64,
    /// Share of the network (fraction) above which miners start to avoid a
    /// pool; the GHash.io pledge of 2014 set 40 %.
    pub concentration_threshold_share: f64,
}

impl Default for Pools {
    fn default() -> Self {
        Self {
            pools: Vec::new(),
            solo_threshold_share: 0.05,
            variance_aversion: 0.02,
            switching_share_per_month: 0.05,
            new_pools_per_year: 1.0,
            min_share: 0.002,
            choice_noise: 0.01,
            concentration_aversion: 0.0,
            concentration_threshold_share: 0.4,
        }
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
