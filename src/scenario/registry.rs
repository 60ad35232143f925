//! The parameter registry: the label, unit, valid range and help text of
//! every numeric field of the scenario, declared once per struct through
//! [`crate::params!`]. Validation, the editor's widgets and reset-to-preset
//! all walk these [`Params`] implementations, so a new field is registered
//! here and nowhere else.

use super::ai_model::{Ai, AiProgress, Cloud, DataStock, DeviceClass, Placement, Provider, Workload};
use super::annotation::Annotation;
use super::model::{
    Entry, Event, EventKind, FORMAT_VERSION, FirmClass, FirmSpec, Grid, Hardware, Hobbyists, Market, Miners, Pool,
    Pools, Protocol, Region, Relocation, ScaleCurve, ScaleEconomies, Scenario, Timeline,
};
use super::params::{Params, Visitor, index, join};
use crate::params;

const MAX_MW: f64 = 1.0e6;

impl Params for Scenario {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            format_version => ("Format version", "", 1, FORMAT_VERSION, "Version of the scenario file format."),
            seed => ("Seed", "", 0, u64::MAX, "Seed of every random draw; the same seed gives the same run."),
        );
        self.timeline.visit(&join(path, "timeline"), v);
        self.market.visit(&join(path, "market"), v);
        self.protocol.visit(&join(path, "protocol"), v);
        for (i, h) in self.hardware.iter_mut().enumerate() {
            h.visit(&index(&join(path, "hardware"), i), v);
        }
        self.grid.visit(&join(path, "grid"), v);
        for (i, r) in self.regions.iter_mut().enumerate() {
            r.visit(&index(&join(path, "regions"), i), v);
        }
        for (i, e) in self.events.iter_mut().enumerate() {
            e.visit(&index(&join(path, "events"), i), v);
        }
        self.miners.visit(&join(path, "miners"), v);
        self.scale.visit(&join(path, "scale"), v);
        self.entry.visit(&join(path, "entry"), v);
        self.pools.visit(&join(path, "pools"), v);
        self.ai.visit(&join(path, "ai"), v);
        for (i, a) in self.annotations.iter_mut().enumerate() {
            a.visit(&index(&join(path, "annotations"), i), v);
        }
    }
}

impl Params for Annotation {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            month => ("Month", "month", 0, 0, "Month the note is pinned to; drawn there on every plot."),
        );
    }
}

impl Params for Timeline {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            start => ("Start", "month", 0, 0, "First simulated month."),
            end => ("End", "month", 0, 0, "Last simulated month (inclusive)."),
        );
    }
}

impl Params for Market {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            projection_drift_per_year => ("Price drift", "log-return/yr", -1, 1,
                "Expected yearly log-return of the BTC price after the historical table."),
            projection_volatility_per_year => ("Price volatility", "1/√yr", 0, 3,
                "Volatility of the projected BTC price (geometric Brownian motion); 0 is a deterministic path."),
            projection_fee_btc_per_block => ("Projected fees", "BTC/block", 0, 100,
                "Average transaction fees per block the projection moves toward after the table."),
            hardware_price_elasticity => ("Hardware price elasticity", "", 0, 2,
                "How strongly hardware prices follow hashprice: price × (hashprice / hashprice at launch)^e."),
            hardware_supply_share_of_revenue => ("ASIC supply", "share of revenue", 0, 10,
                "Most new ASICs the makers can deliver in a month, in USD as a share of that month's mining revenue; 0 means no limit."),
        );
        for (i, (month, usd)) in self.price_usd.iter_mut().enumerate() {
            let p = index(&join(path, "price_usd"), i);
            v.param(&join(&p, "month"), &MONTH_PARAM, super::params::Value::Month(month));
            v.param(&join(&p, "usd"), &PRICE_PARAM, super::params::Value::F64(usd));
        }
        for (i, (month, fee)) in self.fees_btc_per_block.iter_mut().enumerate() {
            let p = index(&join(path, "fees_btc_per_block"), i);
            v.param(&join(&p, "month"), &MONTH_PARAM, super::params::Value::Month(month));
            v.param(&join(&p, "btc"), &FEE_PARAM, super::params::Value::F64(fee));
        }
    }
}

const MONTH_PARAM: super::params::Param =
    super::params::Param { label: "Month", unit: "month", min: 0.0, max: 0.0, help: "Month of this table entry." };
const PRICE_PARAM: super::params::Param = super::params::Param {
    label: "Price",
    unit: "USD/BTC",
    min: 0.0,
    max: 1.0e9,
    help: "Bitcoin price in this month.",
};
const FEE_PARAM: super::params::Param = super::params::Param {
    label: "Fees",
    unit: "BTC/block",
    min: 0.0,
    max: 100.0,
    help: "Average transaction fees per block in this month.",
};

impl Params for Protocol {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            genesis => ("Genesis", "month", 0, 0, "Month of the first block."),
            initial_subsidy_btc => ("Initial subsidy", "BTC", 0.000_000_01, 1000, "Subsidy of the first block; it halves at every halving."),
            halving_interval_blocks => ("Halving interval", "blocks", 1000, 10_000_000, "Blocks between two halvings of the subsidy."),
            target_block_time_s => ("Target block time", "s", 1, 86_400, "Average time between blocks the difficulty aims at."),
            retarget_interval_blocks => ("Retarget interval", "blocks", 1, 1_000_000, "Blocks between two difficulty adjustments."),
            max_retarget_factor => ("Max retarget factor", "×", 1, 100, "Largest change of difficulty at one adjustment, up or down."),
            min_difficulty_hashrate_ths => ("Minimum difficulty", "TH/s", 1.0e-12, 1.0e6, "Hash rate the lowest allowed difficulty corresponds to."),
        );
    }
}

impl Params for Hardware {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            available_from => ("Available from", "month", 0, 0, "First month the generation can be bought."),
            efficiency_j_per_th => ("Efficiency", "J/TH", 0.1, 1.0e10, "Energy per terahash; lower is better."),
            unit_hashrate_ths => ("Hash rate per unit", "TH/s", 1.0e-9, 1.0e5, "Hash rate of one unit."),
            unit_price_usd => ("Price per unit", "USD", 0, 1.0e6, "List price of one unit at launch (0 for machines people already own)."),
            lifetime_months => ("Lifetime", "months", 1, 240, "Economic life: the months buyers value a unit over and depreciate it across. Hobbyists retire units at it; firms run them past it while they pay, up to twice it."),
            retail => ("Sold at retail", "", 0, 1, "Whether a private person can buy it."),
        );
    }
}

impl Params for Grid {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            congestion_premium_at_capacity => ("Congestion premium", "fraction", 0, 10,
                "Rise of the effective power price when a region's mining capacity is full."),
            congestion_exponent => ("Congestion exponent", "", 1, 20,
                "How sharply the premium rises as utilisation approaches capacity."),
        );
    }
}

impl Params for Region {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            industrial_price_usd_per_kwh => ("Industrial power price", "USD/kWh", 0, 5, "Electricity price paid by mining firms at the timeline start."),
            residential_price_usd_per_kwh => ("Residential power price", "USD/kWh", 0, 5, "Electricity price paid by hobbyists at the timeline start."),
            price_trend_per_year => ("Price trend", "fraction/yr", -0.5, 0.5, "Yearly change of both electricity prices (0.02 = +2 %)."),
            capacity_mw => ("Capacity", "MW", 0, MAX_MW, "Power available to mining at the timeline start."),
            capacity_growth_mw_per_year => ("Capacity growth", "MW/yr", -MAX_MW, MAX_MW, "Yearly change of the capacity available to mining."),
            capacity_max_mw => ("Capacity ceiling", "MW", 0, MAX_MW, "Most capacity the region can ever offer mining."),
            risk => ("Risk premium", "fraction", 0, 1, "Regulatory and political risk miners price in, as a share added to costs."),
            hobbyist_weight => ("Hobbyist weight", "", 0, 1000, "Relative size of the region's hobbyist population."),
            entrant_weight => ("Entrant weight", "", 0, 1000, "Relative chance that a new firm is based here."),
        );
    }
}

impl Params for Event {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            month => ("Month", "month", 0, 0, "Month the event takes effect."),
        );
        let kind = join(path, "kind");
        let p = kind.as_str();
        match &mut self.kind {
            EventKind::EnergyShock { multiplier, duration_months, .. } => {
                let mut s = Shim { multiplier, duration_months };
                params!(s, p, v;
                    multiplier => ("Price multiplier", "×", 0.01, 100, "Factor on the region's electricity prices."),
                    duration_months => ("Duration", "months", 1, 1200, "How long it lasts; empty is permanent."),
                );
            }
            EventKind::Ban { share, duration_months, .. } => {
                let mut s = Shim2 { share, duration_months };
                params!(s, p, v;
                    share => ("Share removed", "fraction", 0, 1, "Share of the region's hash power and capacity that must leave or stop."),
                    duration_months => ("Duration", "months", 1, 1200, "How long it lasts; empty is permanent."),
                );
            }
            EventKind::CapacityChange { delta_mw, .. } => {
                let mut s = Shim3 { delta_mw };
                params!(s, p, v;
                    delta_mw => ("Capacity change", "MW", -MAX_MW, MAX_MW, "Mining capacity added (or removed when negative)."),
                );
            }
            EventKind::RenewableSubsidy { price_cut_usd_per_kwh, extra_capacity_mw, duration_months, .. } => {
                let mut s = Shim4 { price_cut_usd_per_kwh, extra_capacity_mw, duration_months };
                params!(s, p, v;
                    price_cut_usd_per_kwh => ("Price cut", "USD/kWh", 0, 5, "Reduction of the industrial power price."),
                    extra_capacity_mw => ("Extra capacity", "MW", 0, MAX_MW, "Renewable capacity offered to miners."),
                    duration_months => ("Duration", "months", 1, 1200, "How long it lasts; empty is permanent."),
                );
            }
            EventKind::GpuShortage { capacity_multiplier, duration_months } => {
                let mut s = Shim5 { capacity_multiplier, duration_months };
                params!(s, p, v;
                    capacity_multiplier => ("Cloud capacity factor", "×", 0.01, 1, "Factor on cloud AI capacity while the shortage lasts."),
                    duration_months => ("Duration", "months", 1, 1200, "How long it lasts; empty is permanent."),
                );
            }
            EventKind::AsicShortage { supply_multiplier, duration_months } => {
                let mut s = Shim6 { supply_multiplier, duration_months };
                params!(s, p, v;
                    supply_multiplier => ("ASIC supply factor", "×", 0, 1, "Factor on what ASIC makers can deliver while the shortage lasts."),
                    duration_months => ("Duration", "months", 1, 1200, "How long it lasts; empty is permanent."),
                );
            }
            EventKind::BtcPriceShock { multiplier } => {
                let mut s = Shim { multiplier, duration_months: &mut None };
                params!(s, p, v;
                    multiplier => ("Price multiplier", "×", 0.01, 100, "Factor on the BTC price from this month on."),
                );
            }
        }
    }
}

// Adapters so the `params!` macro can address fields behind enum variants.
struct Shim<'a> {
    multiplier: &'a mut f64,
    #[allow(dead_code)]
    duration_months: &'a mut Option<u32>,
}
struct Shim2<'a> {
    share: &'a mut f64,
    duration_months: &'a mut Option<u32>,
}
struct Shim3<'a> {
    delta_mw: &'a mut f64,
}
struct Shim4<'a> {
    price_cut_usd_per_kwh: &'a mut f64,
    extra_capacity_mw: &'a mut f64,
    duration_months: &'a mut Option<u32>,
}
struct Shim5<'a> {
    capacity_multiplier: &'a mut f64,
    duration_months: &'a mut Option<u32>,
}

struct Shim6<'a> {
    supply_multiplier: &'a mut f64,
    duration_months: &'a mut Option<u32>,
}

impl Params for Miners {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        self.hobbyist.visit(&join(path, "hobbyist"), v);
        self.operator.visit(&join(path, "operator"), v);
        self.industrial.visit(&join(path, "industrial"), v);
        self.relocation.visit(&join(path, "relocation"), v);
        params!(self, path, v;
            block_luck => ("Block luck", "", 0, 1, "Draw each month's blocks with Poisson variance instead of their expected number."),
            scrap_after_idle_months => ("Scrap after idle", "months", 1, 240, "Months hardware may stay unprofitable before it is scrapped."),
            expected_hashprice_decline_per_year => ("Expected hashprice decline", "fraction/yr", 0, 0.99, "Yearly fall of hashprice firms expect when valuing hardware (halvings come on top)."),
            expectation_trend_weight => ("Trend weight", "0–1", 0, 1, "How much the expected decline follows the decline firms saw over the last two years (per BTC of block reward, so halvings are not counted twice); 0 keeps the fixed expectation."),
            fixed_cost_reference_usd_per_th_month => ("Fixed-cost reference", "USD per TH/s·month", 0.000_001, 1.0e6, "Theory checks: marginal cost of a firm with relative cost 1."),
            fixed_cost_adjustment => ("Fixed-cost adjustment", "1/month", 0.001, 1, "Theory checks: how fast a fixed-cost firm moves toward its best response."),
            power_deal_spread => ("Power deal spread", "σ (log)", 0, 3, "Spread of firms' own power deals around the regional price (flare gas, own hydro); 0 gives every firm the regional price."),
            build_out_share_per_month => ("Build-out per month", "share of installed power", 0.001, 100, "New sites a firm can build and energise in a month, as a share of the power it already has installed (its teams and contracts grow with it)."),
            build_out_base_mw_per_month => ("Build-out base", "MW/month", 0, 1.0e5, "New sites any firm can set up in a month on top of that share (a few containers); at 0 a firm with no sites can never start."),
        );
        for (i, f) in self.initial_firms.iter_mut().enumerate() {
            f.visit(&index(&join(path, "initial_firms"), i), v);
        }
    }
}

impl Params for FirmSpec {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            capital_usd => ("Capital", "USD", 0, 1.0e12, "Capital of the firm at the timeline start."),
            hashrate_ths => ("Hash rate", "TH/s", 0, 1.0e12, "Hash rate the firm owns at the timeline start."),
            fixed_relative_cost => ("Fixed relative cost", "×", 0, 100, "Theory checks: when above 0, marginal cost is this multiple of the reference and hardware never changes."),
        );
    }
}

impl Params for Hobbyists {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            initial_members => ("Initial members", "people", 0, 1.0e9, "People mining at home at the timeline start."),
            potential_members => ("Potential members", "people", 0, 1.0e9, "People who could ever take up mining (Bass market size)."),
            awareness_p_per_year => ("Awareness p", "1/yr", 0, 1, "Bass innovation coefficient: people learning of mining on their own."),
            awareness_q_per_year => ("Awareness q", "1/yr", 0, 10, "Bass imitation coefficient: word of mouth."),
            units_per_member => ("Units per member", "units", 0.1, 100, "Mining units a member runs at home."),
            budget_usd => ("Budget", "USD", 0, 1.0e6, "Most a member spends on one hardware upgrade."),
            enthusiasm_usd_per_month => ("Enthusiasm", "USD/month", 0, 1000, "Value a member places on taking part, beyond revenue."),
            loss_tolerance => ("Loss tolerance", "fraction", 0, 1, "Share of the power cost a member accepts to lose."),
            heat_reuse_share => ("Heat reuse", "fraction", 0, 1, "Share of the power cost recovered by heating the home."),
            payback_months => ("Payback needed", "months", 1, 240, "Payback a member requires before buying hardware."),
            upgrade_share_per_month => ("Upgrade rate", "fraction/month", 0, 1, "Share of members with older hardware who upgrade in a month when a better rig pays back in time."),
        );
    }
}

impl Params for FirmClass {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            initial_count => ("Initial firms", "firms", 0, 20_000, "Firms of this class at the timeline start (at most 20,000: every firm is an agent, and a run must stay quick)."),
            first_month => ("First month", "month", 0, 0, "First month firms of this class exist or may enter."),
            initial_capital_usd => ("Starting capital", "USD", 0, 1.0e12, "Median capital of a firm when it starts."),
            capital_sigma => ("Capital spread", "σ (log)", 0, 5, "Spread of starting capital (log-normal sigma)."),
            hurdle_rate_per_year => ("Hurdle rate", "fraction/yr", 0, 5, "Return a new machine must earn, per year, before the firm buys it."),
            overhead_usd_per_kw_month => ("Overhead", "USD/kW·month", 0, 10_000, "Running cost besides power, per kW of hardware, before scale discounts."),
            max_spend_share_per_month => ("Spend per month", "fraction", 0, 1, "Share of capital and credit a firm may spend in one month."),
            strategic => ("Strategic", "", 0, 1, "Whether the firm accounts for its own effect on hashprice (Tullock marginal revenue)."),
            fixed_relative_cost => ("Fixed relative cost", "×", 0, 100, "Theory checks only: when above 0, the firm's marginal cost is this multiple of the reference and its hardware never changes."),
        );
    }
}

impl Params for Relocation {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            horizon_months => ("Horizon", "months", 1, 240, "Months over which a cheaper region must repay a move."),
            moving_cost_usd_per_th => ("Moving cost", "USD per TH/s", 0, 10_000, "Cost of moving one TH/s of hardware."),
            downtime_months => ("Downtime", "months", 0, 24, "Months a moved machine earns nothing."),
            abroad_premium => ("Abroad premium", "share of power cost", 0, 5,
                "Extra cost a firm weighs when placing hardware outside its home region (staff, permits, logistics); not paid in cash."),
        );
    }
}

impl Params for ScaleCurve {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            reference_mw => ("Reference size", "MW", 0, MAX_MW, "Size below which no discount applies."),
            elasticity => ("Elasticity", "", 0, 1, "How fast the factor falls with size: (size / reference)^−e."),
            floor => ("Floor", "×", 0, 1, "Smallest factor size can bring."),
        );
    }
}

impl Params for ScaleEconomies {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        self.power.visit(&join(path, "power"), v);
        self.hardware.visit(&join(path, "hardware"), v);
        self.overhead.visit(&join(path, "overhead"), v);
        params!(self, path, v;
            credit_multiple => ("Credit multiple", "× capital", 0, 20, "Credit available as a multiple of capital at the reference size."),
            credit_multiple_per_decade => ("Credit per decade", "× capital", 0, 20, "Extra credit multiple for each tenfold increase of size."),
            interest_rate_per_year => ("Interest rate", "fraction/yr", 0, 1, "Interest on credit at the reference size."),
        );
        self.interest.visit(&join(path, "interest"), v);
    }
}

impl Params for Entry {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            enabled => ("Entry enabled", "", 0, 1, "Whether new firms arrive."),
            base_rate_per_month => ("Base rate", "firms/month", 0, 100, "Expected new firms per month when mining just breaks even (at most 100: entry can rise tenfold with profitability)."),
            profitability_elasticity => ("Profit elasticity", "", 0, 10, "How strongly arrivals rise with expected profitability."),
            operator_share => ("Operator share", "fraction", 0, 1, "Share of entrants that are operators rather than industrial firms."),
        );
    }
}

impl Params for Pool {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            fee => ("Fee", "fraction", 0, 0.5, "Fee the pool keeps from payouts (0.02 = 2 %)."),
            founded => ("Founded", "month", 0, 0, "Month the pool opens."),
        );
    }
}

impl Params for Pools {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        for (i, p) in self.pools.iter_mut().enumerate() {
            p.visit(&index(&join(path, "pools"), i), v);
        }
        params!(self, path, v;
            solo_threshold_share => ("Solo threshold", "fraction", 0, 1, "Entities above this share of the network mine solo."),
            variance_aversion => ("Variance aversion", "", 0, 10, "Weight of payout variance against fees when choosing a pool."),
            switching_share_per_month => ("Switching", "fraction/month", 0, 1, "Share of miners reconsidering their pool each month."),
            new_pools_per_year => ("New pools", "pools/yr", 0, 100, "Expected new pools per year."),
            min_share => ("Closing share", "fraction", 0, 0.5, "A pool whose share stays below this closes."),
            choice_noise => ("Taste spread", "fraction", 0.000_1, 1, "Spread of miners' individual tastes in the pool choice; larger spreads hash over pools more evenly."),
            concentration_aversion => ("Concentration aversion", "fraction/share", 0, 10, "Utility lost per unit of a pool's share above the concentration threshold: miners avoid a pool nearing a majority (GHash.io, 2014). 0 turns it off."),
            concentration_threshold_share => ("Concentration threshold", "fraction", 0, 1, "Share above which miners start to avoid a pool (GHash.io pledged to stay below 0.4 in 2014)."),
        );
    }
}

impl Params for Ai {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        for (i, w) in self.workloads.iter_mut().enumerate() {
            w.visit(&index(&join(path, "workloads"), i), v);
        }
        self.progress.visit(&join(path, "progress"), v);
        self.data.visit(&join(path, "data"), v);
        self.cloud.visit(&join(path, "cloud"), v);
        for (i, p) in self.providers.iter_mut().enumerate() {
            p.visit(&index(&join(path, "providers"), i), v);
        }
        for (i, d) in self.devices.iter_mut().enumerate() {
            d.visit(&index(&join(path, "devices"), i), v);
        }
        self.placement.visit(&join(path, "placement"), v);
    }
}

impl Params for Workload {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            since => ("Since", "month", 0, 0, "Month the workload appears."),
            demand_t_tokens_per_month => ("Demand", "T tokens/month", 0, 1.0e9, "Demand at the progress reference month."),
            demand_growth_per_year => ("Demand growth", "fraction/yr", -0.9, 20, "Yearly growth of demand."),
            required_params_b => ("Model size needed", "B params", 0.000_001, 1.0e5, "Parameters the workload needs at the reference month's efficiency."),
            tracks_frontier => ("Tracks the frontier", "", 0, 1, "Whether the capability users expect grows with the frontier."),
            privacy_weight => ("Privacy weight", "", 0, 10, "How much users value keeping data on the device."),
            latency_weight => ("Latency weight", "", 0, 10, "How much users value low latency."),
            min_tops => ("Throughput needed", "TOPS", 0, 1.0e5, "Accelerator throughput a device needs for this workload."),
            demand_ceiling_t_tokens_per_month => ("Demand ceiling", "T tokens/month", 0, 1.0e12, "Level demand saturates at (logistic growth); 0 for no limit."),
        );
    }
}

impl Params for AiProgress {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            reference_month => ("Reference month", "month", 0, 0, "Month the workloads' model sizes refer to."),
            halving_months => ("Halving time τ", "months", 1, 240, "Months for the compute and parameters of a fixed capability to halve (Epoch AI ≈ 8)."),
            bits_per_weight_at_reference => ("Bits per weight", "bits", 1, 32, "Quantisation of deployed models at the reference month."),
            bits_per_weight_floor => ("Bits floor", "bits", 1, 32, "Lowest bits per weight quantisation reaches."),
            bits_decline_per_year => ("Bits decline", "bits/yr", 0, 10, "Yearly decline of bits per weight."),
            bits_per_weight_ceiling => ("Bits ceiling", "bits", 1, 32, "Highest bits per weight (16 = half precision); earlier months approach it."),
            expectation_elasticity => ("Expectation elasticity", "", 0, 1, "How fast the capability users expect grows with the frontier's (0 = fixed, 1 = as fast)."),
        );
    }
}

impl Params for DataStock {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            limited => ("Data limits the frontier", "", 0, 1, "Whether running out of training data slows the frontier."),
            stock_t_tokens => ("Data stock", "T tokens", 0, 1.0e7, "Stock of public human-generated text (≈ 300 T)."),
            training_t_tokens_at_reference => ("Training set", "T tokens", 0, 1.0e7, "Tokens used to train the largest model at the reference month."),
            training_growth_per_year => ("Training set growth", "fraction/yr", 0, 20, "Yearly growth of training-set size."),
            frontier_params_b_at_reference => ("Frontier size", "B params", 0.001, 1.0e7, "Size of the frontier model at the reference month."),
            frontier_growth_per_year => ("Frontier growth", "fraction/yr", 0, 20, "Yearly growth of frontier size while data lasts."),
            slowdown_after_exhaustion => ("Growth after exhaustion", "×", 0, 1, "Factor on frontier growth once the data stock is used up."),
        );
    }
}

impl Params for Cloud {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            capacity_t_tokens_per_month => ("Cloud capacity", "T tokens/month", 0, 1.0e12, "Inference capacity at the reference month."),
            capacity_growth_per_year => ("Capacity growth", "fraction/yr", 0, 20, "Yearly growth of cloud capacity."),
            price_usd_per_mtok => ("Cloud price", "USD/M tokens", 0, 10_000, "Price of 1 M tokens of a reference model at the reference month."),
            price_decline_per_year => ("Price decline", "fraction/yr", 0, 0.999, "Yearly fall of the cloud price per parameter served; algorithmic progress (τ) comes on top."),
            scarcity_elasticity => ("Scarcity elasticity", "", 0, 20, "How strongly the price rises when demand exceeds capacity."),
            demand_price_elasticity => ("Demand price elasticity", "", 0, 3, "How much more inference is used as tokens get cheaper: the demand ceiling scales with (price / price at the reference)^−ε. 0: no response."),
            price_reference_params_b => ("Reference model size", "B params", 0.001, 1.0e6, "Size of the model the cloud price refers to."),
            target_utilisation => ("Target utilisation", "fraction", 0.05, 1, "Providers add capacity while demand exceeds this share of it."),
        );
    }
}

impl Params for Provider {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            share => ("Market share", "fraction", 0, 1, "Share of cloud AI compute; all providers sum to 1."),
            firms => ("Firms", "firms", 1, 1.0e6, "Number of similar firms this entry stands for, sharing it evenly."),
        );
    }
}

impl Params for DeviceClass {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            launch => ("Launch", "month", 0, 0, "Month the first AI-capable units ship."),
            bass_p_per_year => ("Bass p", "1/yr", 0, 1, "Innovation coefficient of adoption."),
            bass_q_per_year => ("Bass q", "1/yr", 0, 10, "Imitation coefficient of adoption."),
            market_size_m => ("Market size", "M units", 0, 1.0e5, "Installed base adoption tends to."),
            memory_gb_at_launch => ("Memory at launch", "GB", 0.001, 1.0e5, "Memory of a typical unit at launch."),
            memory_growth_per_year => ("Memory growth", "fraction/yr", 0, 5, "Yearly growth of memory (≈ 0.19: doubling every 4 years)."),
            tops_at_launch => ("TOPS at launch", "TOPS", 0, 1.0e6, "Accelerator throughput of a typical unit at launch."),
            tops_growth_per_year => ("TOPS growth", "fraction/yr", 0, 5, "Yearly growth of throughput."),
            tops_spread => ("TOPS spread", "ln units", 0, 5, "Spread of throughput among units sold in one month (log-logistic scale; 0 = all like the typical unit)."),
            model_memory_share => ("Model memory share", "fraction", 0, 1, "Share of memory an on-device model may use."),
            ai_cost_usd => ("AI cost per unit", "USD", 0, 1.0e5, "Part of the device price attributed to AI capability, at launch."),
            ai_cost_growth_per_year => ("AI cost growth", "fraction/yr", -0.9, 5, "Yearly growth of the AI part of the device price after launch."),
            lifetime_years => ("Lifetime", "years", 0.1, 50, "Years a unit stays in use."),
        );
    }
}

impl Params for Placement {
    fn visit(&mut self, path: &str, v: &mut dyn Visitor) {
        params!(self, path, v;
            cost_weight => ("Cost weight", "", 0, 20, "Weight of the cost difference between cloud and edge (per log-unit)."),
            privacy_weight => ("Privacy scale", "", 0, 20, "Scale on the workloads' privacy weights."),
            latency_weight => ("Latency scale", "", 0, 20, "Scale on the workloads' latency weights."),
            quality_gap_weight => ("Quality gap weight", "", 0, 20, "Penalty per log-unit of quality gap between the edge model and what users expect."),
            edge_cost_usd_per_mtok => ("Edge cost", "USD/M tokens", 0, 10_000, "Energy and wear cost of 1 M tokens on a device."),
            cloud_inertia => ("Cloud inertia", "log-odds", -20, 20, "Bias toward the cloud from habit and integration."),
            edge_cost_decline_per_year => ("Edge cost decline", "fraction/yr", 0, 0.999, "Yearly fall of the edge cost per parameter (≈ 0.33: +50 % FLOP/J a year)."),
            max_quality_gap => ("Largest quality gap", "log-units", 0, 20, "A device whose largest model is further than this below what users expect cannot serve the workload (ln 10 ≈ 2.3)."),
        );
    }
}
