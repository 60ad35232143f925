//! Mining pools: the named pools and how miners choose between fee,
//! payout variance and concentration (MODEL.md, "Pools"). Split from
//! `model.rs`, which re-exports it.

use serde::{Deserialize, Serialize};

use crate::scenario::month::Month;

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
