//! Mining pools: how entities choose them, and how pools appear and fade.
//!
//! **Choice.** A miner values pool `j` at
//! `U_j = −fee_j − variance_aversion × CV_j − concentration_aversion ×
//! crowding(share_j) + noise × G_j`, where
//! `CV_j = 1/√(blocks per month × share_j)` is the coefficient of variation of
//! the pool's monthly payout (its blocks are Poisson; pool members see the
//! pool's luck), `crowding` is the share beyond
//! `concentration_threshold_share` over `1 − 2·share` ([`crowding`]), and
//! `G_j` a standard Gumbel taste draw per miner and pool.
//! Larger pools pay more smoothly, which concentrates hash power even when
//! owners are many; the taste spread (`pools.choice_noise`) and fee
//! differences keep several pools alive. A firm's choice is drawn from the
//! logit probabilities these utilities give (the distribution of the
//! Gumbel-max choice), one uniform draw per choice. Unchecked, the variance term runs
//! the market to one pool; the concentration term is the counter-force seen
//! in 2014, when GHash.io neared 50 %, miners left it and it pledged to stay
//! below 40 %: miners value the network's safety, which is their revenue's.
//! Firms are sticky: each month a share `pools.switching_share_per_month`
//! reconsiders (draws a fresh choice), and members of a closed pool always do. Hobbyist cohorts, being many people,
//! split over pools by the logit probabilities of the same utilities.
//! An entity holding more than `pools.solo_threshold_share` of the network
//! mines solo. Before any pool opens, everyone is solo.
//!
//! **Birth and death.** Named pools open at their `founded` month. New pools
//! arrive as a Poisson process (`pools.new_pools_per_year`) with a fee drawn
//! between 50 % and 100 % of the open pools' mean fee (newcomers undercut).
//! A pool older than [`GRACE_MONTHS`] whose share stays below
//! `pools.min_share` for [`CLOSE_AFTER_MONTHS`] months in a row closes.
//! Pool data: `data/bitcoin.md`, "Pools" (Milad et al.).

use rand::Rng;
use rand_distr::{Distribution, Poisson};

use crate::scenario::{Pools, Scenario};

/// Months a new pool is given before it can close.
pub const GRACE_MONTHS: i32 = 12;
/// Consecutive months below the closing share before a pool closes.
pub const CLOSE_AFTER_MONTHS: u16 = 6;
/// How crowded a pool with `share` of the network is, beyond `threshold`:
/// `excess / (1 − 2·share)`, which grows without bound as the pool nears a
/// majority (miners weigh the risk to the network, and so to their own
/// revenue, more the closer one pool gets to controlling it). The share is
/// capped just below one half.
pub fn crowding(share: f64, threshold: f64) -> f64 {
    let excess = (share - threshold).max(0.0);
    excess / (1.0 - 2.0 * share.min(MAX_CROWDED_SHARE))
}

/// Largest share [`crowding`] reads (its value there is about 50 × the excess).
pub const MAX_CROWDED_SHARE: f64 = 0.49;

/// One pool.
#[derive(Debug, Clone)]
pub struct PoolState {
    /// Fee on payouts.
    pub fee: f64,
    /// Month index it opens.
    pub founded: i32,
    /// Whether it is open.
    pub open: bool,
    /// Share of network hash last month.
    pub share: f64,
    /// Hash rate this month, TH/s (accumulated by the sector).
    pub ths: f64,
    /// Index of the named pool in the scenario, if any.
    pub named: Option<usize>,
    low_months: u16,
}

/// All pools and the choice model.
#[derive(Debug, Clone)]
pub struct PoolMarket {
    /// Every pool ever opened or scheduled.
    pub pools: Vec<PoolState>,
    cfg: Pools,
    /// Logit probabilities of the current month (for hobbyist cohorts).
    pub probs: Vec<f64>,
    utilities: Vec<f64>,
}

impl PoolMarket {
    /// The named pools of a scenario, all closed until founded.
    pub fn new(s: &Scenario) -> Self {
        let pools = s
            .pools
            .pools
            .iter()
            .enumerate()
            .map(|(i, p)| PoolState {
                fee: p.fee,
                founded: p.founded.index(),
                open: false,
                share: 0.0,
                ths: 0.0,
                named: Some(i),
                low_months: 0,
            })
            .collect();
        Self { pools, cfg: s.pools.clone(), probs: Vec::new(), utilities: Vec::new() }
    }

    /// Whether any pool is open.
    pub fn any_open(&self) -> bool {
        self.pools.iter().any(|p| p.open)
    }

    /// Share above which an entity mines solo.
    pub fn solo_threshold(&self) -> f64 {
        self.cfg.solo_threshold_share
    }

    /// Share of firms reconsidering their pool each month.
    pub fn switching_share(&self) -> f64 {
        self.cfg.switching_share_per_month
    }

    /// Opens founded pools, draws new ones, closes faded ones, and computes
    /// this month's utilities and logit probabilities. `blocks_per_month`
    /// sets the payout variance.
    pub fn update<R: Rng>(&mut self, m: i32, blocks_per_month: f64, rng: &mut R) {
        for p in &mut self.pools {
            if !p.open && p.named.is_some() && p.founded == m {
                p.open = true;
            }
        }
        let open_before = self.any_open();
        if open_before && self.cfg.new_pools_per_year > 0.0 {
            let arrivals = Poisson::new(self.cfg.new_pools_per_year / 12.0).map_or(0.0, |d| d.sample(rng));
            for _ in 0..arrivals as usize {
                let mean_fee = self.mean_fee();
                let fee = mean_fee * rng.random_range(0.5..1.0);
                self.pools.push(PoolState {
                    fee,
                    founded: m,
                    open: true,
                    share: 0.0,
                    ths: 0.0,
                    named: None,
                    low_months: 0,
                });
            }
        }
        for p in &mut self.pools {
            if p.open && m - p.founded >= GRACE_MONTHS {
                p.low_months = if p.share < self.cfg.min_share { p.low_months + 1 } else { 0 };
                if p.low_months >= CLOSE_AFTER_MONTHS {
                    p.open = false;
                }
            }
        }
        self.utilities.clear();
        self.probs.clear();
        let noise = self.cfg.choice_noise.max(1e-6);
        let mut max_u = f64::NEG_INFINITY;
        for p in &self.pools {
            let u = if p.open {
                let expected_blocks = (blocks_per_month * p.share).max(0.5);
                -p.fee
                    - self.cfg.variance_aversion / expected_blocks.sqrt()
                    - self.cfg.concentration_aversion * crowding(p.share, self.cfg.concentration_threshold_share)
            } else {
                f64::NEG_INFINITY
            };
            max_u = max_u.max(u);
            self.utilities.push(u);
        }
        let mut total = 0.0;
        for &u in &self.utilities {
            let w = if u.is_finite() { ((u - max_u) / noise).exp() } else { 0.0 };
            total += w;
            self.probs.push(w);
        }
        if total > 0.0 {
            for w in &mut self.probs {
                *w /= total;
            }
        }
    }

    fn mean_fee(&self) -> f64 {
        let (sum, n) = self.pools.iter().filter(|p| p.open).fold((0.0, 0.0), |(s, n), p| (s + p.fee, n + 1.0));
        if n > 0.0 { sum / n } else { 0.02 }
    }

    /// One miner's choice: the open pool with the highest utility plus a
    /// Gumbel taste draw, `None` (solo) when no pool is open. The winner of such a
    /// draw follows the logit probabilities exactly, so it is drawn from
    /// them with one uniform number rather than one Gumbel draw (two
    /// logarithms) per open pool.
    pub fn choose<R: Rng>(&self, rng: &mut R) -> Option<u32> {
        if !self.probs.iter().any(|&p| p > 0.0) {
            return None;
        }
        let u: f64 = rng.random();
        let mut cumulative = 0.0;
        let mut last = None;
        for (j, &p) in self.probs.iter().enumerate().filter(|(_, p)| **p > 0.0) {
            cumulative += p;
            last = Some(j as u32);
            if u < cumulative {
                break;
            }
        }
        last
    }

    /// Whether `j` is a pool that can take members (`None`, mining solo,
    /// is not: a solo firm below the solo threshold looks for a pool).
    pub fn is_open(&self, j: Option<u32>) -> bool {
        j.is_some_and(|j| self.pools.get(j as usize).is_some_and(|p| p.open))
    }

    /// Clears this month's hash accumulators.
    pub fn clear_hash(&mut self) {
        for p in &mut self.pools {
            p.ths = 0.0;
        }
    }

    /// Records shares from the accumulated hash for next month's choice.
    pub fn record_shares(&mut self, network_ths: f64) {
        for p in &mut self.pools {
            p.share = if network_ths > 0.0 { p.ths / network_ths } else { 0.0 };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Month, Pool};
    use rand::SeedableRng;
    use rand_chacha::ChaCha12Rng;

    fn market(fees: &[f64]) -> PoolMarket {
        let mut s = Scenario::default();
        s.pools.new_pools_per_year = 0.0;
        s.pools.choice_noise = 0.005;
        s.pools.pools = fees
            .iter()
            .enumerate()
            .map(|(i, &fee)| Pool { id: format!("p{i}"), fee, founded: Month::ym(2015, 1), ..Pool::default() })
            .collect();
        PoolMarket::new(&s)
    }

    #[test]
    fn cheaper_and_larger_pools_attract_more() {
        let mut m = market(&[0.01, 0.03]);
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        m.update(Month::ym(2015, 1).index(), 4000.0, &mut rng);
        assert!(m.probs[0] > 0.9, "{:?}", m.probs);
        let mut m = market(&[0.02, 0.02]);
        m.pools[0].share = 0.5;
        m.pools[1].share = 0.001;
        m.update(Month::ym(2015, 1).index(), 4000.0, &mut rng);
        assert!(m.probs[0] > m.probs[1]);
        let picks = (0..2000).filter(|_| m.choose(&mut rng) == Some(0)).count();
        let expected = m.probs[0] * 2000.0;
        assert!((picks as f64 - expected).abs() < 80.0, "{picks} vs {expected}");
    }

    #[test]
    fn concentration_aversion_pulls_share_from_a_pool_above_the_threshold() {
        let start = Month::ym(2015, 1).index();
        let probs = |aversion: f64| {
            let mut m = market(&[0.02, 0.02]);
            m.cfg.concentration_aversion = aversion;
            m.cfg.concentration_threshold_share = 0.4;
            m.pools[0].share = 0.6;
            m.pools[1].share = 0.3;
            m.update(start, 4000.0, &mut ChaCha12Rng::seed_from_u64(1));
            m.probs.clone()
        };
        let without = probs(0.0);
        let with = probs(0.5);
        assert!(without[0] > without[1], "{without:?}");
        assert!(with[0] < without[0] && with[0] < with[1], "{without:?} → {with:?}");
        // Below the threshold the term does nothing.
        let mut m = market(&[0.02, 0.02]);
        m.cfg.concentration_aversion = 0.5;
        m.pools[0].share = 0.35;
        m.pools[1].share = 0.3;
        m.update(start, 4000.0, &mut ChaCha12Rng::seed_from_u64(1));
        let mut off = market(&[0.02, 0.02]);
        off.pools[0].share = 0.35;
        off.pools[1].share = 0.3;
        off.update(start, 4000.0, &mut ChaCha12Rng::seed_from_u64(1));
        assert!((m.probs[0] - off.probs[0]).abs() < 1e-12);
    }

    #[test]
    fn no_open_pool_means_solo_and_small_pools_close() {
        let mut m = market(&[0.02, 0.02]);
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        assert_eq!(m.choose(&mut rng), None);
        let start = Month::ym(2015, 1).index();
        m.update(start, 4000.0, &mut rng);
        m.pools[1].share = 0.0001;
        m.pools[0].share = 0.9;
        for k in 1..=(GRACE_MONTHS + i32::from(CLOSE_AFTER_MONTHS)) {
            m.update(start + k, 4000.0, &mut rng);
        }
        assert!(m.pools[0].open);
        assert!(!m.pools[1].open);
    }

    #[test]
    fn crowding_is_zero_below_the_threshold_and_grows_without_bound_toward_a_majority() {
        assert_eq!(crowding(0.1, 0.15), 0.0);
        assert!((crowding(0.25, 0.15) - 0.1 / 0.5).abs() < 1e-12);
        assert!(crowding(0.45, 0.15) > 10.0 * crowding(0.25, 0.15));
        assert!(crowding(0.6, 0.15).is_finite(), "capped just below one half");
    }
}
