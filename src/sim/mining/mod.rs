//! The Bitcoin mining sector: an agent-based model of who mines, where, with
//! what, and through which pool, month by month (MODEL.md, "Bitcoin mining").
//!
//! The sector is split by concern: [`protocol`] (blocks, halvings, retarget
//! lag), [`market`] (price and fee paths), [`hardware`] (the catalogue and its
//! prices), [`regions`] (power prices, capacity, congestion, events),
//! [`econ`] (hashprice outlook, valuation, scale economies), [`hobbyists`]
//! (weighted cohorts), [`firms`] (operators and industrial firms as
//! individual agents), [`pools`] and [`output`] (columns). This file wires
//! them into one monthly step:
//!
//! 1. market, regions and hardware prices for the month; hashprice at the
//!    current difficulty and its outlook;
//! 2. every hobbyist cohort and firm decides what runs (shutdown rule);
//! 3. the chain mines the month at the running hash rate (retarget lag,
//!    halvings → markers); revenue is shared in proportion to running hash,
//!    with optional Poisson block luck per pool or solo miner;
//! 4. metrics are written for the month;
//! 5. firms retire, relocate and invest (in a rotating order so no firm always
//!    gets first pick of cheap capacity), exhausted firms exit, hobbyists
//!    diffuse and buy, new firms enter, firms reconsider their pool.
//!
//! Data layout for speed: hobbyists are a structure of arrays; firms are a
//! vector of compact structs with small fleets; every buffer used for metrics
//! is kept in [`Scratch`] and reused, so a month allocates nothing once the
//! populations have grown; regional prices and each firm's scale factors are
//! computed once a month. Measured (release, 2 shared cores, 2026-11):
//! `diverge run baseline-2009-2040` takes 0.25–0.28 s wall time including the
//! AI sector and the CSV; `cargo test --release --no-default-features --test
//! mining_report time_baseline -- --ignored --nocapture` times ten runs.

pub mod econ;
pub mod firms;
pub mod hardware;
pub mod hobbyists;
pub mod market;
pub mod output;
pub mod pools;
pub mod protocol;
pub mod regions;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha12Rng;
use rand_distr::{Distribution, LogNormal, Poisson};

use self::econ::{MAX_HORIZON, SIGNAL_WEIGHT, Valuation};
use self::firms::{Cohort, Firm, FirmMonth};
use self::hardware::{Catalogue, Purchases};
use self::hobbyists::HobbyistCohorts;
use self::market::MarketPath;
use self::output::{Cols, TOP_ENTITIES, TOP_POOLS, col};
use self::pools::{PoolMarket, SOLO};
use self::protocol::{Chain, TARGET_BLOCKS_PER_MONTH};
use self::regions::Regions;
use super::metrics::{Group, concentration};
use super::results::{ColumnSpec, Marker, MarkerKind};
use super::run::{MonthContext, Sector};
use crate::scenario::{FirmClass, FirmKind, Miners, RegionGroup, Scenario};

/// Most entrants in one month as a multiple of the base rate, whatever the
/// profitability: founding a mining business takes time, so a wild price
/// path cannot flood the model with firms (estimate).
pub const MAX_ENTRY_MULTIPLE: f64 = 10.0;

/// Months of signal history behind the firms' adaptive expectation.
const TREND_MONTHS: usize = 24;
/// Largest yearly decline firms read from the past.
const MAX_SEEN_DECLINE: f64 = 0.9;

/// Bisection steps of [`MiningSector::clearing_price`] over six decades:
/// the result is within a factor 1.0001 of the clearing hashprice.
const CLEARING_STEPS: usize = 18;

/// Weight of the current month in the revenue trend that sets the makers'
/// ASIC output (an exponential average over about a year: a fab line takes
/// that long to add, estimate).
const SUPPLY_TREND_WEIGHT: f64 = 1.0 / 12.0;

/// Reusable buffers for the monthly metrics.
#[derive(Debug, Default)]
struct Scratch {
    groups: Vec<Group>,
    sort: Vec<Group>,
    region_ths: Vec<f64>,
    group_ths: Vec<f64>,
    pool_luck: Vec<f64>,
    top: Vec<f64>,
}

/// The mining sector of a run.
pub struct MiningSector {
    chain: Chain,
    market: MarketPath,
    /// The price path's own generator, seeded by the sector's first draw, so
    /// the projected price depends on the seed alone, not on how many draws
    /// the miners' behaviour took before it.
    price_rng: Option<ChaCha12Rng>,
    catalogue: Catalogue,
    regions: Regions,
    hobbyists: HobbyistCohorts,
    firms: Vec<Firm>,
    pools: PoolMarket,
    miners: Miners,
    scale: crate::scenario::ScaleEconomies,
    entry: crate::scenario::Entry,
    start: i32,
    signal: f64,
    reward_smooth: f64,
    network_ths: f64,
    /// `market.hardware_supply_share_of_revenue`.
    supply_share: f64,
    /// Miners' revenue averaged over about a year, USD per month: the
    /// makers' capacity is built on past sales.
    revenue_trend: f64,
    /// `AsicShortage` events: (first month, month after the last, factor on
    /// the makers' output).
    asic_shortages: Vec<(i32, i32, f64)>,
    outlook: Vec<f64>,
    /// Signal per BTC of block reward over the last [`TREND_MONTHS`] + 1 months.
    seen: Vec<f64>,
    valuations: [Valuation; 2],
    cols: Cols,
    scratch: Scratch,
    projection_marked: bool,
}

impl MiningSector {
    /// The sector for a validated scenario.
    pub fn new(s: &Scenario) -> Self {
        let regions = Regions::new(s);
        let hobbyists = HobbyistCohorts::new(&s.miners.hobbyist, &regions);
        let mut sector = Self {
            chain: Chain::new(&s.protocol),
            market: MarketPath::new(s),
            price_rng: None,
            catalogue: Catalogue::new(s),
            regions,
            hobbyists,
            firms: Vec::new(),
            pools: PoolMarket::new(s),
            miners: s.miners.clone(),
            scale: s.scale.clone(),
            entry: s.entry.clone(),
            start: s.timeline.start.index(),
            signal: 0.0,
            reward_smooth: 0.0,
            network_ths: 0.0,
            supply_share: s.market.hardware_supply_share_of_revenue,
            revenue_trend: 0.0,
            asic_shortages: s
                .events
                .iter()
                .filter_map(|e| match e.kind {
                    crate::scenario::EventKind::AsicShortage { supply_multiplier, duration_months } => {
                        let from = e.month.index();
                        Some((from, duration_months.map_or(i32::MAX, |d| from + d as i32), supply_multiplier.max(0.0)))
                    }
                    _ => None,
                })
                .collect(),
            outlook: Vec::with_capacity(MAX_HORIZON),
            seen: Vec::with_capacity(TREND_MONTHS + 1),
            valuations: [Valuation::default(), Valuation::default()],
            cols: Cols::new(s),
            scratch: Scratch::default(),
            projection_marked: false,
        };
        sector.add_listed_firms(s);
        let initial: f64 = sector.firms.iter().map(|f| f.fixed_ths + f.fleet.iter().map(|c| c.ths).sum::<f64>()).sum();
        sector.chain.start_at(s.timeline.start, initial);
        sector
    }

    fn class(&self, k: FirmKind) -> &FirmClass {
        match k {
            FirmKind::Operator => &self.miners.operator,
            FirmKind::Industrial => &self.miners.industrial,
        }
    }

    fn new_firm(&self, kind: FirmKind, home: usize, capital: f64) -> Firm {
        let c = self.class(kind);
        Firm {
            class: kind,
            strategic: c.strategic,
            hurdle: c.hurdle_rate_per_year,
            overhead_per_kw: c.overhead_usd_per_kw_month,
            spend_share: c.max_spend_share_per_month,
            cash: capital,
            home: home as u16,
            pool: SOLO,
            power_deal: 1.0,
            fleet: Vec::new(),
            fixed_cost: c.fixed_relative_cost * self.miners.fixed_cost_reference_usd_per_th_month,
            fixed_gen: self.catalogue.most_efficient(self.start).map(|g| g as u16),
            fixed_ths: if c.fixed_relative_cost > 0.0 { 1.0 } else { 0.0 },
            running_ths: 0.0,
            running_mw: 0.0,
            installed_mw: 0.0,
            opex: 0.0,
            revenue: 0.0,
            month_scale: econ::Scale::of(&self.scale, 0.0),
        }
    }

    /// Firms listed one by one in `miners.initial_firms`.
    fn add_listed_firms(&mut self, s: &Scenario) {
        if self.regions.is_empty() {
            return;
        }
        for spec in &s.miners.initial_firms {
            let region = s.region_index(&spec.region).unwrap_or(0);
            let hw = s.hardware_index(&spec.hardware).or_else(|| self.catalogue.most_efficient(self.start));
            let mut f = self.new_firm(spec.class, region, spec.capital_usd);
            if spec.fixed_relative_cost > 0.0 {
                f.fixed_cost = spec.fixed_relative_cost * self.miners.fixed_cost_reference_usd_per_th_month;
                f.fixed_ths = spec.hashrate_ths.max(1e-6);
                f.fixed_gen = hw.map(|g| g as u16);
            } else if let (Some(g), true) = (hw, spec.hashrate_ths > 0.0) {
                let price = self.catalogue.gens[g].price_per_ths();
                f.fleet.push(Cohort {
                    hw: g as u16,
                    region: region as u16,
                    ths: spec.hashrate_ths,
                    bought: self.start,
                    cost_per_ths: price,
                    site: 1.0,
                    idle: 0,
                    down_until: self.start,
                    run_share: 0.0,
                    opex: 0.0,
                });
            }
            self.firms.push(f);
        }
    }

    /// Firms of each class counted in `initial_count`, created in the class's
    /// first month (or the timeline start if that is later).
    fn add_class_firms<R: Rng>(&mut self, m: i32, rng: &mut R) {
        for kind in [FirmKind::Operator, FirmKind::Industrial] {
            let c = self.class(kind);
            if c.initial_count == 0 || m != c.first_month.index().max(self.start) {
                continue;
            }
            for _ in 0..c.initial_count {
                self.enter(kind, rng);
            }
        }
    }

    /// One new firm of class `kind` with a home region drawn by entrant
    /// weight and capital drawn log-normally around the class median.
    fn enter<R: Rng>(&mut self, kind: FirmKind, rng: &mut R) {
        let weights: f64 = (0..self.regions.len())
            .filter(|&r| self.regions.open(r))
            .map(|r| self.regions.list[r].entrant_weight)
            .sum();
        if weights <= 0.0 {
            return;
        }
        let mut pick = rng.random_range(0.0..weights);
        let mut home = 0;
        for r in (0..self.regions.len()).filter(|&r| self.regions.open(r)) {
            home = r;
            pick -= self.regions.list[r].entrant_weight;
            if pick < 0.0 {
                break;
            }
        }
        let c = self.class(kind);
        let median = c.initial_capital_usd.max(1.0);
        let capital = LogNormal::new(median.ln(), c.capital_sigma.max(0.0)).map_or(median, |d| d.sample(rng));
        let mut f = self.new_firm(kind, home, capital);
        let spread = self.miners.power_deal_spread.max(0.0);
        if spread > 0.0 {
            // Median 1: half the firms pay less than the regional price.
            f.power_deal = LogNormal::new(0.0, spread).map_or(1.0, |d| d.sample(rng));
        }
        f.pool = self.pools.choose(rng);
        self.firms.push(f);
    }

    /// Rebuilds the outlook (months ahead) and the valuation sums.
    fn rebuild_outlook(&mut self, fees: f64) {
        let now = self.chain.subsidy_btc() + fees;
        if now > 0.0 && self.signal > 0.0 {
            if self.seen.len() > TREND_MONTHS {
                self.seen.remove(0);
            }
            self.seen.push(self.signal / now);
        }
        let decline = (1.0 - self.expected_decline()).clamp(1e-6, 1.0);
        self.outlook.clear();
        for k in 0..MAX_HORIZON {
            let kf = k as f64;
            let reward = self.chain.subsidy_after(kf * TARGET_BLOCKS_PER_MONTH) + fees;
            let ratio = if now > 0.0 { reward / now } else { 1.0 };
            self.outlook.push(decline.powf(kf / 12.0) * ratio);
        }
        self.valuations[0].rebuild(&self.outlook, self.miners.operator.hurdle_rate_per_year);
        self.valuations[1].rebuild(&self.outlook, self.miners.industrial.hurdle_rate_per_year);
    }

    /// Yearly hashprice decline firms expect: the scenario's fixed
    /// expectation blended (`miners.expectation_trend_weight`) with the
    /// decline of the signal per BTC of block reward over the last
    /// [`TREND_MONTHS`] months, read as a yearly rate and clamped to
    /// 0–[`MAX_SEEN_DECLINE`] (firms do not bank on hashprice rising).
    /// Adaptive expectations: in the 2014–2016 collapse hashprice fell by
    /// most of its value each year, from 2019 on by about 20 %/yr
    /// (data/bitcoin.md hash rate and price tables).
    fn expected_decline(&self) -> f64 {
        let prior = self.miners.expected_hashprice_decline_per_year;
        let w = self.miners.expectation_trend_weight.clamp(0.0, 1.0);
        if w <= 0.0 || self.seen.len() <= TREND_MONTHS {
            return prior;
        }
        let (first, last) = (self.seen[0], self.seen[TREND_MONTHS]);
        let yearly = (last / first).powf(12.0 / TREND_MONTHS as f64);
        let seen = (1.0 - yearly).clamp(0.0, MAX_SEEN_DECLINE);
        (1.0 - w) * prior + w * seen
    }

    /// Value-to-price ratio of the best new machine for a reference entrant
    /// (operator hurdle, no scale economies, cheapest open region).
    fn entry_ratio(&self, m: i32) -> f64 {
        let Some(r) = (0..self.regions.len())
            .filter(|&r| self.regions.open(r) && self.regions.list[r].headroom_mw() > 0.0)
            .min_by(|&a, &b| self.regions.firm_price(a).total_cmp(&self.regions.firm_price(b)))
        else {
            return 0.0;
        };
        let price_kwh = self.regions.firm_price(r) * (1.0 + self.regions.list[r].risk);
        let overhead = self.miners.operator.overhead_usd_per_kw_month;
        self.catalogue
            .gens
            .iter()
            .filter(|g| g.on_sale(m) && g.list_price_usd > 0.0)
            .map(|g| {
                let opex = g.kwh_per_ths_month() * price_kwh + overhead * g.kw_per_ths();
                self.valuations[0].value(&self.outlook, self.signal, opex, g.lifetime_months.max(1) as usize)
                    / g.price_per_ths()
            })
            .fold(0.0, f64::max)
    }

    fn entry_step<R: Rng>(&mut self, m: i32, rng: &mut R) {
        if !self.entry.enabled || self.entry.base_rate_per_month <= 0.0 {
            return;
        }
        let op_ok = m >= self.miners.operator.first_month.index();
        let ind_ok = m >= self.miners.industrial.first_month.index();
        if !op_ok && !ind_ok {
            return;
        }
        let ratio = self.entry_ratio(m);
        let rate = (self.entry.base_rate_per_month * ratio.max(0.0).powf(self.entry.profitability_elasticity))
            .min(MAX_ENTRY_MULTIPLE * self.entry.base_rate_per_month);
        if rate <= 0.0 {
            return;
        }
        let n = Poisson::new(rate).map_or(0.0, |d| d.sample(rng)) as usize;
        for _ in 0..n {
            let operator =
                if op_ok && ind_ok { rng.random_bool(self.entry.operator_share.clamp(0.0, 1.0)) } else { op_ok };
            self.enter(if operator { FirmKind::Operator } else { FirmKind::Industrial }, rng);
        }
    }

    /// Firms' load per region, recomputed from their fleets.
    fn recompute_loads(&mut self) {
        for r in &mut self.regions.list {
            r.load_mw = 0.0;
        }
        for f in &self.firms {
            if f.fixed_cost > 0.0 {
                if let Some(r) = self.regions.list.get_mut(f.home as usize) {
                    r.load_mw += f.installed_mw;
                }
                continue;
            }
            for c in &f.fleet {
                let mw = c.ths * self.catalogue.gens[c.hw as usize].kw_per_ths() / 1000.0;
                self.regions.list[c.region as usize].load_mw += mw;
            }
        }
    }
}

/// Luck factor of each pool when block luck is on: Poisson(expected blocks)
/// / expected; 1 when off.
fn draw_pool_luck<R: Rng>(out: &mut Vec<f64>, pools: &PoolMarket, on: bool, blocks: f64, network: f64, rng: &mut R) {
    out.clear();
    for p in &pools.pools {
        let expected = if network > 0.0 { blocks * p.ths / network } else { 0.0 };
        out.push(luck(on, expected, rng));
    }
}

/// Poisson luck factor for an expected number of blocks (1 when off).
fn luck<R: Rng>(on: bool, expected: f64, rng: &mut R) -> f64 {
    if !on || expected <= 0.0 {
        return 1.0;
    }
    Poisson::new(expected).map_or(1.0, |d| d.sample(rng) / expected)
}

impl Sector for MiningSector {
    fn columns(&self) -> Vec<ColumnSpec> {
        self.cols.specs.clone()
    }

    fn step(&mut self, ctx: &MonthContext, rng: &mut ChaCha12Rng, row: &mut [f64], markers: &mut Vec<Marker>) {
        let month = ctx.month;
        let m = month.index();
        let seconds = month.seconds();
        let price_rng = self.price_rng.get_or_insert_with(|| ChaCha12Rng::seed_from_u64(rng.random()));
        let mk = self.market.month(month, price_rng);
        if mk.projected && !self.projection_marked {
            self.projection_marked = true;
            markers.push(Marker { month, label: "Price projection starts".into(), kind: MarkerKind::ProjectionStart });
        }
        self.recompute_loads();
        self.regions.update(month);
        let live = self.chain.is_live(month);
        let reward_btc = self.chain.subsidy_btc() + mk.fees_btc_per_block;
        let blocks_target = seconds / self.chain.target_s();
        let hashprice = if live && mk.price_usd.is_finite() {
            blocks_target / self.chain.difficulty_ths * reward_btc * mk.price_usd
        } else {
            0.0
        };
        // Firms value hardware at the steady-state hashprice R / H: the
        // month's reward at the target block rate (smoothed over months, so a
        // one-month price spike does not start a buying spree) over last
        // month's network, i.e. what a TH/s earns once the difficulty has
        // caught up. The running decision uses the hashprice at the current
        // difficulty.
        let reward_usd = if live && mk.price_usd.is_finite() { blocks_target * reward_btc * mk.price_usd } else { 0.0 };
        self.reward_smooth = if self.reward_smooth > 0.0 {
            self.reward_smooth + SIGNAL_WEIGHT * (reward_usd - self.reward_smooth)
        } else {
            reward_usd
        };
        self.signal = if self.network_ths > 0.0 { self.reward_smooth / self.network_ths } else { hashprice };
        self.catalogue.update(month, self.signal);
        self.rebuild_outlook(mk.fees_btc_per_block);
        self.add_class_firms(m, rng);
        self.pools.update(m, blocks_target, rng);

        // 1. Shutdown rule, at the hashprice that clears the month.
        let mut fctx = FirmMonth {
            m,
            hashprice,
            run_price: hashprice,
            signal: self.signal,
            network_ths: self.network_ths,
            outlook: &self.outlook,
            valuation: [&self.valuations[0], &self.valuations[1]],
            catalogue: &self.catalogue,
            scale: &self.scale,
            relocation: &self.miners.relocation,
            scrap_after: self.miners.scrap_after_idle_months,
            fixed_adjust: self.miners.fixed_cost_adjustment,
        };
        for f in &mut self.firms {
            f.price_fleet(&fctx, &self.regions);
        }
        fctx.run_price = self.clearing_price(m, reward_usd, hashprice);
        for f in &mut self.firms {
            f.plan(&fctx);
        }
        self.hobbyists.plan(&self.catalogue, &self.regions, fctx.run_price);

        // 2. Mining and revenue.
        let firm_ths: f64 = self.firms.iter().map(|f| f.running_ths).sum();
        let hobby_ths: f64 = (0..self.hobbyists.len())
            .filter(|&i| self.hobbyists.running[i])
            .map(|i| self.hobbyists.cohort_ths(&self.catalogue, i))
            .sum();
        let network = firm_ths + hobby_ths;
        let mined = if live { self.chain.advance(network, seconds) } else { protocol::MonthBlocks::default() };
        for k in 0..mined.halvings {
            let n = self.chain.halvings() + 1 - mined.halvings + k;
            markers.push(Marker {
                month,
                label: format!(
                    "Halving {n}: subsidy {} BTC",
                    self.chain.subsidy_btc() * 2f64.powi((mined.halvings - 1 - k) as i32)
                ),
                kind: MarkerKind::Halving,
            });
        }
        let revenue = if mk.price_usd.is_finite() {
            (mined.subsidy_btc + mined.blocks * mk.fees_btc_per_block) * mk.price_usd
        } else {
            0.0
        };
        let per_ths = if network > 0.0 { revenue / network } else { 0.0 };
        self.pools.clear_hash();
        let pools_open = self.pools.any_open();
        for f in &self.firms {
            if let (false, Some(p)) = (f.pool == SOLO, self.pools.pools.get_mut(f.pool as usize)) {
                p.ths += f.running_ths;
            }
        }
        if pools_open {
            for (p, &w) in self.pools.pools.iter_mut().zip(&self.pools.probs) {
                p.ths += hobby_ths * w;
            }
        }
        let mut sc = std::mem::take(&mut self.scratch);
        draw_pool_luck(&mut sc.pool_luck, &self.pools, self.miners.block_luck, mined.blocks, network, rng);
        let block_luck = self.miners.block_luck;
        for f in &mut self.firms {
            let (l, fee) = match self.pools.pools.get(f.pool as usize) {
                Some(p) if f.pool != SOLO => (sc.pool_luck[f.pool as usize], p.fee),
                _ => (luck(block_luck, mined.blocks * f.share(network), rng), 0.0),
            };
            f.settle(f.running_ths * per_ths * l * (1.0 - fee));
        }

        // 3. Metrics for the month.
        let cheapest = self.hobbyists.cheapest_profitable_rig(m, &self.catalogue, &self.regions, hashprice);
        self.write_row(
            &mut sc,
            row,
            &mk,
            &mined,
            network,
            hobby_ths,
            revenue,
            hashprice,
            month.days(),
            cheapest,
            pools_open,
        );
        self.scratch = sc;
        row[col::BEST_HARDWARE_PRICE] =
            self.catalogue.most_efficient(m).map_or(f64::NAN, |g| self.catalogue.gens[g].price_per_ths());

        // 4. End of month: retire, move, invest, exit, diffuse, enter, switch pools.
        self.revenue_trend += SUPPLY_TREND_WEIGHT * (revenue - self.revenue_trend);
        let shortage: f64 = self.asic_shortages.iter().filter(|x| (x.0..x.1).contains(&m)).map(|x| x.2).product();
        let mut bought = Purchases::new(self.supply_share * shortage, self.revenue_trend);
        let n = self.firms.len();
        let offset = if n > 0 { (m.rem_euclid(n as i32)) as usize } else { 0 };
        for k in 0..n {
            let f = &mut self.firms[(k + offset) % n];
            f.age_out(&fctx, &mut self.regions);
            f.relocate(&fctx, &mut self.regions);
            f.invest(&fctx, &mut self.regions, &mut bought);
        }
        self.firms.retain(|f| !f.exhausted(&fctx));
        self.hobbyists.update(
            m,
            &self.catalogue,
            &self.regions,
            hashprice,
            self.miners.scrap_after_idle_months,
            &mut bought,
        );
        self.catalogue.clear_orders(&bought);
        row[col::ASIC_ORDERS] = if bought.asic_supply_usd.is_finite() && bought.asic_supply_usd > 0.0 {
            bought.asic_wanted_usd / bought.asic_supply_usd
        } else {
            f64::NAN
        };
        row[col::ASIC_SCARCITY] = self.catalogue.scarcity;
        self.network_ths = network;
        self.entry_step(m, rng);
        self.switch_pools(network, rng);
        self.pools.record_shares(network);
    }
}

impl MiningSector {
    /// The hashprice `h` at which the hash rate that would run, `H(h)`,
    /// earns the month's reward at the target block rate: `h·H(h) = R`
    /// (USD per TH/s-month). This is where the difficulty settles once it has
    /// caught up with the running fleet, so the shutdown rule compares costs
    /// with it rather than with the hashprice at the lagging difficulty,
    /// which in monthly steps would idle and restart the whole fleet in turn
    /// (a cobweb). `h·H(h)` grows with `h`, so bisection in log space finds
    /// it; with no reward it is the current hashprice.
    fn clearing_price(&self, m: i32, reward_usd: f64, current: f64) -> f64 {
        if reward_usd <= 0.0 || !current.is_finite() {
            return current;
        }
        let supply = |h: f64| -> f64 {
            self.firms.iter().map(|f| f.supply_ths(h, m)).sum::<f64>()
                + self.hobbyists.supply_ths(&self.catalogue, &self.regions, h)
        };
        let (mut lo, mut hi) = (current.max(1e-300) / 1.0e3, current.max(1e-300) * 1.0e3);
        if hi * supply(hi) < reward_usd {
            return hi;
        }
        if lo * supply(lo) > reward_usd {
            return lo;
        }
        for _ in 0..CLEARING_STEPS {
            let mid = (lo * hi).sqrt();
            if mid * supply(mid) < reward_usd {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (lo * hi).sqrt()
    }

    fn switch_pools<R: Rng>(&mut self, network: f64, rng: &mut R) {
        let threshold = self.pools.solo_threshold();
        let switching = self.pools.switching_share().clamp(0.0, 1.0);
        for f in &mut self.firms {
            let share = f.share(network);
            if share > threshold && threshold > 0.0 {
                f.pool = SOLO;
            } else if !self.pools.is_open(f.pool) || rng.random_bool(switching) {
                f.pool = self.pools.choose(rng);
            }
        }
    }

    #[allow(clippy::too_many_arguments, clippy::many_single_char_names)]
    fn write_row(
        &self,
        sc: &mut Scratch,
        row: &mut [f64],
        mk: &market::MarketMonth,
        mined: &protocol::MonthBlocks,
        network: f64,
        hobby_ths: f64,
        revenue: f64,
        hashprice: f64,
        days: u32,
        cheapest: Option<f64>,
        pools_open: bool,
    ) {
        let cat = &self.catalogue;
        let h = &self.hobbyists;
        row[col::PRICE] = mk.price_usd;
        row[col::FEES] = mk.fees_btc_per_block;
        row[col::SUBSIDY] = self.chain.subsidy_btc();
        row[col::BLOCKS] = mined.blocks;
        row[col::HASHRATE] = network / 1.0e6;
        row[col::DIFFICULTY] = self.chain.difficulty_ths / 1.0e6;
        row[col::REVENUE] = revenue;
        row[col::HASHPRICE] = hashprice * 1000.0 / f64::from(days);
        let hobby_mw: f64 = (0..h.len()).filter(|&i| h.running[i]).map(|i| h.cohort_mw(cat, i)).sum();
        let firm_mw: f64 = self.firms.iter().map(|f| f.running_mw).sum();
        let mw = hobby_mw + firm_mw;
        row[col::POWER] = mw / 1000.0;
        row[col::ENERGY] = mw / 1000.0 * 8.766;
        row[col::EFFICIENCY] = if network > 0.0 { mw * 1.0e6 / network } else { f64::NAN };
        let share = |x: f64| if network > 0.0 { x / network } else { 0.0 };
        let by_class = |k: FirmKind| self.firms.iter().filter(|f| f.class == k).map(|f| f.running_ths).sum::<f64>();
        row[col::HOBBYIST_SHARE] = share(hobby_ths);
        row[col::CLASS_HOBBYIST] = share(hobby_ths);
        row[col::CLASS_OPERATOR] = share(by_class(FirmKind::Operator));
        row[col::CLASS_INDUSTRIAL] = share(by_class(FirmKind::Industrial));

        // Entities: firms one by one, hobbyist cohorts as n members.
        sc.groups.clear();
        sc.groups.extend(self.firms.iter().filter(|f| f.running_ths > 0.0).map(|f| Group::one(f.running_ths)));
        let firms_active = sc.groups.len() as f64;
        let mut people = 0.0;
        for i in (0..h.len()).filter(|&i| h.running[i]) {
            sc.groups.push(Group::cohort(h.cohort_ths(cat, i), h.members[i]));
            people += h.members[i];
        }
        let e = concentration(&sc.groups, &mut sc.sort);
        row[col::ACTIVE] = e.participants;
        row[col::FIRMS] = firms_active;
        row[col::HOBBYISTS] = people;
        sc.top.clear();
        sc.top.extend(self.firms.iter().map(|f| f.running_ths));
        sc.top.sort_by(|a, b| b.total_cmp(a));
        for i in 0..TOP_ENTITIES {
            row[self.cols.entity_start + i] = sc.top.get(i).map_or(0.0, |&x| share(x));
        }
        row[col::NAKAMOTO_ENTITY] = e.nakamoto;
        row[col::HHI_ENTITY] = e.hhi;
        row[col::EFFECTIVE_ENTITIES] = e.effective;
        row[col::GINI_ENTITY] = e.gini;
        row[col::ENTROPY_ENTITY] = e.entropy_bits;

        // Pools: open pools, solo firms, and solo hobbyists before any pool.
        sc.groups.clear();
        sc.top.clear();
        for p in self.pools.pools.iter().filter(|p| p.open && p.ths > 0.0) {
            sc.groups.push(Group::one(p.ths));
            sc.top.push(p.ths);
        }
        for f in self.firms.iter().filter(|f| f.pool == SOLO && f.running_ths > 0.0) {
            sc.groups.push(Group::one(f.running_ths));
            sc.top.push(f.running_ths);
        }
        if !pools_open {
            for i in (0..h.len()).filter(|&i| h.running[i]) {
                sc.groups.push(Group::cohort(h.cohort_ths(cat, i), h.members[i]));
            }
        }
        let p = concentration(&sc.groups, &mut sc.sort);
        row[col::NAKAMOTO_POOL] = p.nakamoto;
        row[col::HHI_POOL] = p.hhi;
        row[col::EFFECTIVE_POOLS] = p.effective;
        row[col::OPEN_POOLS] = self.pools.pools.iter().filter(|p| p.open).count() as f64;
        sc.top.sort_by(|a, b| b.total_cmp(a));
        for i in 0..TOP_POOLS {
            row[self.cols.pool_start + i] = sc.top.get(i).map_or(0.0, |&x| share(x));
        }

        // Regions and region groups.
        sc.region_ths.clear();
        sc.region_ths.resize(self.regions.len(), 0.0);
        for f in &self.firms {
            if let (true, Some(x)) = (f.fixed_cost > 0.0, sc.region_ths.get_mut(f.home as usize)) {
                *x += f.running_ths;
            }
            for c in &f.fleet {
                sc.region_ths[c.region as usize] += c.ths * c.run_share;
            }
        }
        for i in (0..h.len()).filter(|&i| h.running[i]) {
            sc.region_ths[h.region[i] as usize] += h.cohort_ths(cat, i);
        }
        sc.groups.clear();
        sc.groups.extend(sc.region_ths.iter().map(|&x| Group::one(x)));
        let r = concentration(&sc.groups, &mut sc.sort);
        row[col::NAKAMOTO_REGION] = r.nakamoto;
        row[col::HHI_REGION] = r.hhi;
        row[col::EFFECTIVE_REGIONS] = r.effective;
        for (i, &x) in sc.region_ths.iter().enumerate() {
            row[self.cols.region_start + i] = share(x);
        }
        sc.group_ths.clear();
        sc.group_ths.resize(RegionGroup::ALL.len(), 0.0);
        for (i, &x) in sc.region_ths.iter().enumerate() {
            let g = RegionGroup::ALL.iter().position(|&g| g == self.regions.list[i].group).unwrap_or(0);
            sc.group_ths[g] += x;
        }
        sc.groups.clear();
        sc.groups.extend(sc.group_ths.iter().map(|&x| Group::one(x)));
        let g = concentration(&sc.groups, &mut sc.sort);
        row[col::HHI_GROUP] = g.hhi;
        row[col::EFFECTIVE_GROUPS] = g.effective;
        for (i, &x) in sc.group_ths.iter().enumerate() {
            row[self.cols.group_start + i] = share(x);
        }
        row[col::CHEAPEST_RIG] = cheapest.unwrap_or(f64::NAN);
        row[col::HALVINGS] = f64::from(self.chain.halvings());
    }
}
