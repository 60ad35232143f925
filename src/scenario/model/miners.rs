//! The miners: hobbyists and firm classes with their behaviour, relocation
//! after bans, economies of scale and the arrival of new firms (MODEL.md,
//! "Miners", "Economies of scale", "Entry"). One file because the classes
//! share the firm specification and the scale curves. Split from
//! `model.rs`, which re-exports it.

use serde::{Deserialize, Serialize};

use crate::scenario::month::Month;

/// Default of [`Miners::build_out_share_per_month`] (estimate): the
/// fastest-growing listed miners grew about fivefold in the 2021 boom
/// (their own yearly reports; not in data/), about 14 % a month, and most
/// grew far less. Measured on the history preset (ARCHITECTURE.md, "How
/// well the mining sector fits history"), 8–15 % a month all keep China
/// above half before the ban on 92–98 of 100 seeds, against 77 without a
/// limit.
pub const BUILD_OUT_SHARE_PER_MONTH: f64 = 0.1;

/// Default of [`Miners::build_out_base_mw_per_month`]: a container farm of
/// a couple of megawatts goes up in a month (estimate).
pub const BUILD_OUT_BASE_MW_PER_MONTH: f64 = 2.0;

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
    /// New sites a firm can build and energise in a month, as a share of
    /// the power it has installed: its teams, contracts and suppliers grow
    /// with it, so a firm's growth is limited by its size as well as by its
    /// cash (the Penrose limit on how fast a firm can grow).
    pub build_out_share_per_month: f64,
    /// New sites any firm can set up in a month on top of that share, MW: a
    /// few containers need no organisation to speak of.
    pub build_out_base_mw_per_month: f64,
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
            build_out_share_per_month: BUILD_OUT_SHARE_PER_MONTH,
            build_out_base_mw_per_month: BUILD_OUT_BASE_MW_PER_MONTH,
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
