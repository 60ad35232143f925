//! Bitcoin's price and fees (a historical table, then a seeded projection
//! or a given path) and the protocol constants (subsidy, halvings, block
//! time, retargeting): what a miner is paid (MODEL.md, "Protocol and
//! revenue"). Split from `model.rs` so each group of mining inputs sits in
//! a file of its own; the types are re-exported from there.

use serde::{Deserialize, Serialize};

use crate::scenario::month::Month;

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
