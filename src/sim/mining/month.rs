//! The mining sector's month, phase by phase (the order of the module
//! documentation of [`super`]): open the month (market, regions, prices,
//! outlook), shut down what does not pay at the clearing hashprice, mine and
//! share the revenue, then close the month (retire, move, invest, exit,
//! diffuse, enter, switch pools). The metrics row is written between mining
//! and closing (`row`).
//!
//! Each phase is a method that takes what the phases before it found
//! ([`MonthFigures`], [`Mined`]) rather than sharing locals, and draws from
//! its subsystem's random stream ([`Streams`]) in a fixed order, so a run
//! stays bit-identical for a scenario and seed.

use rand_chacha::ChaCha12Rng;

use super::econ::SIGNAL_WEIGHT;
use super::firms::{BuildOut, FirmMonth};
use super::hardware::Purchases;
use super::market::MarketMonth;
use super::output::col;
use super::protocol::{self, MonthBlocks};
use super::{MiningSector, SUPPLY_TREND_WEIGHT, Streams, draw_pool_luck, luck};
use crate::scenario::Month;
use crate::sim::results::{Marker, MarkerKind};

/// What the month's opening found.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthFigures {
    /// The month.
    pub month: Month,
    /// Its index.
    pub m: i32,
    /// Price and fees.
    pub market: MarketMonth,
    /// Whether the chain has started.
    pub live: bool,
    /// Hashprice at the current difficulty, USD per TH/s-month.
    pub hashprice: f64,
    /// The month's reward at the target block rate, USD.
    pub reward_usd: f64,
    /// The hashprice the month clears at (after [`MiningSector::shut_down`]).
    pub run_price: f64,
}

/// What the month mined.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mined {
    /// Blocks, subsidy and halvings.
    pub blocks: MonthBlocks,
    /// Running hash rate, TH/s.
    pub network_ths: f64,
    /// Hobbyists' part of it, TH/s.
    pub hobby_ths: f64,
    /// Miners' revenue, USD.
    pub revenue_usd: f64,
    /// Whether any pool is open.
    pub pools_open: bool,
}

/// What firms see this month: a [`FirmMonth`] over the sector's fields,
/// written out where it is needed so the borrows stay field by field.
macro_rules! firm_month {
    ($sector:expr, $figures:expr) => {
        FirmMonth {
            m: $figures.m,
            hashprice: $figures.hashprice,
            run_price: $figures.run_price,
            signal: $sector.signal,
            network_ths: $sector.network_ths,
            outlook: &$sector.outlook,
            valuation: [&$sector.valuations[0], &$sector.valuations[1]],
            catalogue: &$sector.catalogue,
            scale: &$sector.scale,
            relocation: &$sector.miners.relocation,
            scrap_after: $sector.miners.scrap_after_idle_months,
            build_out: BuildOut {
                share: $sector.miners.build_out_share_per_month,
                base_mw: $sector.miners.build_out_base_mw_per_month,
            },
            fixed_adjust: $sector.miners.fixed_cost_adjustment,
        }
    };
}

impl MiningSector {
    /// Market, regions and hardware prices for the month; hashprice at the
    /// current difficulty, the smoothed signal firms invest on and its
    /// outlook; the classes' initial firms; pools open, close and reprice.
    pub(super) fn open_month(
        &mut self,
        month: Month,
        streams: &mut Streams,
        markers: &mut Vec<Marker>,
    ) -> MonthFigures {
        let m = month.index();
        let market = self.market.month(month, &mut streams.price);
        if market.projected && !self.projection_marked {
            self.projection_marked = true;
            markers.push(Marker { month, label: "Price projection starts".into(), kind: MarkerKind::ProjectionStart });
        }
        self.recompute_loads();
        self.regions.update(month);
        let live = self.chain.is_live(month);
        let reward_btc = self.chain.subsidy_btc() + market.fees_btc_per_block;
        let blocks_target = month.seconds() / self.chain.target_s();
        let priced = live && market.price_usd.is_finite();
        let hashprice =
            if priced { blocks_target / self.chain.difficulty_ths * reward_btc * market.price_usd } else { 0.0 };
        // Firms value hardware at the steady-state hashprice R / H: the
        // month's reward at the target block rate (smoothed over months, so a
        // one-month price spike does not start a buying spree) over last
        // month's network, i.e. what a TH/s earns once the difficulty has
        // caught up. The running decision uses the clearing hashprice.
        let reward_usd = if priced { blocks_target * reward_btc * market.price_usd } else { 0.0 };
        self.reward_smooth = if self.reward_smooth > 0.0 {
            self.reward_smooth + SIGNAL_WEIGHT * (reward_usd - self.reward_smooth)
        } else {
            reward_usd
        };
        self.signal = if self.network_ths > 0.0 { self.reward_smooth / self.network_ths } else { hashprice };
        self.catalogue.update(month, self.signal);
        self.rebuild_outlook(market.fees_btc_per_block);
        self.add_class_firms(m, &mut streams.entry);
        self.pools.update(m, blocks_target, &mut streams.pools);
        MonthFigures { month, m, market, live, hashprice, reward_usd, run_price: hashprice }
    }

    /// The shutdown rule: every fleet is priced where it stands, the month
    /// clears (see [`super::clearing`]), and each firm and hobbyist cohort
    /// runs what covers its cost at that price. Returns the clearing price.
    pub(super) fn shut_down(&mut self, figures: &MonthFigures) -> f64 {
        let mut fctx = firm_month!(self, figures);
        self.supply.clear();
        for f in &mut self.firms {
            f.price_and_offer(&fctx, &self.regions, &mut self.supply);
        }
        self.hobbyists.add_supply(&self.catalogue, &self.regions, &mut self.supply);
        fctx.run_price = self.supply.solve(figures.reward_usd, figures.hashprice);
        let by_region = &mut self.scratch.region_ths;
        by_region.clear();
        by_region.resize(self.regions.len(), 0.0);
        for f in &mut self.firms {
            f.plan(&fctx, &self.regions, by_region);
        }
        self.hobbyists.plan(&self.catalogue, &self.regions, fctx.run_price);
        fctx.run_price
    }

    /// The chain mines the month at the running hash rate (retarget lag,
    /// halvings become markers); revenue is shared in proportion to running
    /// hash, with block luck per pool or solo firm, less pool fees.
    pub(super) fn mine(&mut self, figures: &MonthFigures, rng: &mut ChaCha12Rng, markers: &mut Vec<Marker>) -> Mined {
        let firm_ths: f64 = self.firms.iter().map(|f| f.running_ths).sum();
        let hobby_ths: f64 = (0..self.hobbyists.len())
            .filter(|&i| self.hobbyists.running[i])
            .map(|i| self.hobbyists.cohort_ths(&self.catalogue, i))
            .sum();
        let network = firm_ths + hobby_ths;
        let seconds = figures.month.seconds();
        let blocks = if figures.live { self.chain.advance(network, seconds) } else { MonthBlocks::default() };
        self.mark_halvings(figures.month, &blocks, markers);
        let mk = &figures.market;
        let revenue = if mk.price_usd.is_finite() {
            (blocks.subsidy_btc + blocks.blocks * mk.fees_btc_per_block) * mk.price_usd
        } else {
            0.0
        };
        let pools_open = self.pool_hash(hobby_ths);
        self.share_revenue(&blocks, network, revenue, rng);
        Mined { blocks, network_ths: network, hobby_ths, revenue_usd: revenue, pools_open }
    }

    /// One marker per halving; a month that crosses several (degenerate
    /// protocol settings) gets one marker naming the range, so the markers
    /// stay a handful however fast blocks come.
    fn mark_halvings(&self, month: Month, mined: &protocol::MonthBlocks, markers: &mut Vec<Marker>) {
        let last = self.chain.halvings();
        let subsidy = self.chain.subsidy_btc();
        let label = match mined.halvings {
            0 => return,
            1 => format!("Halving {last}: subsidy {subsidy} BTC"),
            n => format!("Halvings {}–{last}: subsidy {subsidy} BTC", last - (n - 1).min(last)),
        };
        markers.push(Marker { month, label, kind: MarkerKind::Halving });
    }

    /// Adds the month's running hash to the pools (firms by membership,
    /// hobbyists spread by the logit probabilities); whether any is open.
    fn pool_hash(&mut self, hobby_ths: f64) -> bool {
        self.pools.clear_hash();
        let pools_open = self.pools.any_open();
        for f in &self.firms {
            if let Some(p) = f.pool.and_then(|j| self.pools.pools.get_mut(j as usize)) {
                p.ths += f.running_ths;
            }
        }
        if pools_open {
            for (p, &w) in self.pools.pools.iter_mut().zip(&self.pools.probs) {
                p.ths += hobby_ths * w;
            }
        }
        pools_open
    }

    /// Pays every firm its running hash's part of the revenue, times its
    /// pool's (or its own) block luck, less the pool's fee.
    fn share_revenue(&mut self, blocks: &MonthBlocks, network: f64, revenue: f64, rng: &mut ChaCha12Rng) {
        let per_ths = if network > 0.0 { revenue / network } else { 0.0 };
        let block_luck = self.miners.block_luck;
        draw_pool_luck(&mut self.scratch.pool_luck, &self.pools, block_luck, blocks.blocks, network, rng);
        for f in &mut self.firms {
            let (l, fee) = match f.pool.and_then(|j| Some((j as usize, self.pools.pools.get(j as usize)?))) {
                Some((j, p)) => (self.scratch.pool_luck[j], p.fee),
                None => (luck(block_luck, blocks.blocks * f.share(network), rng), 0.0),
            };
            f.settle(f.running_ths * per_ths * l * (1.0 - fee));
        }
    }

    /// End of month: firms retire, move and invest in a rotating order (so
    /// no firm always gets first pick of cheap capacity) against the makers'
    /// output, exhausted firms exit, hobbyists retire, diffuse and buy,
    /// makers reprice, new firms enter and firms reconsider their pool.
    pub(super) fn close_month(
        &mut self,
        figures: &MonthFigures,
        mined: &Mined,
        row: &mut [f64],
        streams: &mut Streams,
    ) {
        let m = figures.m;
        self.revenue_trend += SUPPLY_TREND_WEIGHT * (mined.revenue_usd - self.revenue_trend);
        let shortage = self.asic_shortages.factor(m);
        let mut bought = Purchases::new(self.supply_share * shortage, self.revenue_trend);
        let fctx = firm_month!(self, figures);
        let n = self.firms.len();
        let offset = if n > 0 { (m.rem_euclid(n as i32)) as usize } else { 0 };
        for k in 0..n {
            let f = &mut self.firms[(k + offset) % n];
            f.age_out(&fctx, &mut self.regions);
            f.relocate(&fctx, &mut self.regions);
            f.invest(&fctx, &mut self.regions, &mut bought);
            f.count_empty_month();
        }
        self.firms.retain(|f| !f.exhausted(&fctx));
        let scrap_after = self.miners.scrap_after_idle_months;
        self.hobbyists.update(m, &self.catalogue, &self.regions, figures.hashprice, scrap_after, &mut bought);
        self.catalogue.clear_orders(&bought);
        row[col::ASIC_ORDERS] = if bought.asic_supply_usd.is_finite() && bought.asic_supply_usd > 0.0 {
            bought.asic_wanted_usd / bought.asic_supply_usd
        } else {
            f64::NAN
        };
        row[col::ASIC_SCARCITY] = self.catalogue.scarcity;
        self.network_ths = mined.network_ths;
        self.entry_step(m, &mut streams.entry);
        self.switch_pools(mined.network_ths, &mut streams.pools);
        self.pools.record_shares(mined.network_ths);
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha12Rng;

    use super::MiningSector;
    use crate::scenario::{Month, presets};
    use crate::sim::run::{MonthContext, Sector};

    /// Firms in business after each of `months` months from the start.
    fn firms_by_month(s: &crate::scenario::Scenario, months: usize) -> Vec<usize> {
        let mut sector = MiningSector::new(s);
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        let mut row = vec![0.0; sector.columns().len()];
        let mut markers = Vec::new();
        let mut counts = Vec::new();
        for (index, month) in s.timeline.start.through(s.timeline.end).take(months).enumerate() {
            sector.step(&MonthContext { month, index }, &mut rng, &mut row, &mut markers);
            counts.push(sector.firm_count());
        }
        counts
    }

    #[test]
    fn firms_that_find_nothing_worth_buying_give_up_after_six_months() {
        let mut s = presets::load_preset("baseline-2009-2040").expect("the preset loads");
        s.timeline.start = Month::ym(2022, 1);
        s.miners.initial_firms.clear();
        s.miners.operator.initial_count = 20;
        s.miners.industrial.initial_count = 0;
        s.entry.enabled = false;
        // Nothing is on sale during the run, so no firm ever buys.
        for h in &mut s.hardware {
            h.available_from = Month::ym(2030, 1);
        }
        let counts = firms_by_month(&s, 8);
        assert_eq!(counts[0], 20, "the class's firms start with cash and no hardware");
        assert_eq!(counts[4], 20, "five empty months are not yet enough to give up: {counts:?}");
        assert_eq!(counts[5], 0, "after six empty months they all return the money: {counts:?}");
    }
}
