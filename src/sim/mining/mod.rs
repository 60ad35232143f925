//! The Bitcoin mining sector: an agent-based model of who mines, where, with
//! what, and through which pool, month by month (MODEL.md, "Bitcoin mining").
//!
//! The sector is split by concern: [`protocol`] (blocks, halvings, retarget
//! lag), [`market`] (price and fee paths), [`hardware`] (the catalogue and its
//! prices), [`regions`] (power prices, capacity, congestion, events),
//! [`econ`] (hashprice outlook, valuation, scale economies), [`hobbyists`]
//! (weighted cohorts), [`firms`] (operators and industrial firms as
//! individual agents), [`pools`], [`output`] (columns), `entry` (where firms
//! come from), [`clearing`] (the month's clearing hashprice), `month` (the
//! phases of a month) and `row` (the month's metrics). A month runs in five
//! phases, each a method of `month`:
//!
//! 1. **open**: market, regions and hardware prices for the month; hashprice
//!    at the current difficulty, the signal firms invest on and its outlook;
//! 2. **shut down**: every fleet is priced where it stands, the month clears
//!    at the hashprice where the fleet that would run earns the month's
//!    reward, and every hobbyist cohort and firm runs what pays there;
//! 3. **mine**: the chain mines the month at the running hash rate (retarget
//!    lag, halvings → markers); revenue is shared in proportion to running
//!    hash, with optional Poisson block luck per pool or solo miner;
//! 4. **metrics** are written for the month;
//! 5. **close**: firms retire, relocate and invest (in a rotating order so no
//!    firm always gets first pick of cheap capacity), exhausted firms exit,
//!    hobbyists diffuse and buy, new firms enter, firms reconsider their pool.
//!
//! Data layout for speed: hobbyists are a structure of arrays; firms are a
//! vector of compact structs with small fleets; the supply curve the month
//! clears on is one flat set of arrays ([`clearing::SupplyCurve`]); every
//! buffer is kept and reused, so a month allocates nothing once the
//! populations have grown. Work that depends only on the month is done once
//! and shared by every firm: regions ranked by placement cost
//! ([`regions::Regions::best_site`]) and each home region's best sites kept
//! until a region fills or regains room
//! ([`regions::Regions::best_site_leaving`]), the generations worth buying
//! with their figures ([`hardware::Catalogue::for_sale`]), the outlook's
//! prefix sums over the longest lifetime on the catalogue
//! ([`econ::Valuation`]), each region's best retail buy for hobbyists; a
//! firm's scale factors are kept while its size does not change. Measured
//! figures: `docs/PERFORMANCE.md` and `diverge bench`.

pub(crate) mod clearing;
pub(crate) mod econ;
mod entry;
pub(crate) mod firms;
pub(crate) mod hardware;
pub(crate) mod hobbyists;
pub(crate) mod market;
mod month;
pub(crate) mod output;
pub(crate) mod pools;
pub(crate) mod protocol;
pub(crate) mod regions;
mod row;

pub use entry::MAX_ENTRY_MULTIPLE;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha12Rng;
use rand_distr::{Distribution, Poisson};

use self::clearing::SupplyCurve;
use self::econ::{MAX_HORIZON, Valuation};
use self::firms::Firm;
use self::hardware::{Catalogue, Shortages};
use self::hobbyists::HobbyistCohorts;
use self::market::MarketPath;
use self::output::Cols;
use self::pools::PoolMarket;
use self::protocol::{Chain, TARGET_BLOCKS_PER_MONTH};
use self::regions::Regions;
use super::metrics::{self, Group};
use super::results::{ColumnSpec, Marker};
use super::run::{MonthContext, Sector};
use crate::scenario::{FirmClass, FirmKind, Miners, Scenario};

/// Months of signal history behind the firms' adaptive expectation.
const TREND_MONTHS: usize = 24;
/// Largest yearly decline firms read from the past. Hashprice per BTC fell
/// far faster than this only while ASICs replaced GPUs and FPGAs (2012–14,
/// when difficulty rose ≈ 10,000× in two years, data/bitcoin.md hash-rate
/// table); firms buying in 2014–15 did not bank on that one-off repeating.
/// Over 2015 hashprice fell ≈ 50 % (same tables), and this cap lets the
/// historical preset's buyers pay what the 2014 machines sold for
/// (calibration: `tests/calibration_mining.rs`, 2014-12 hash rate).
const MAX_SEEN_DECLINE: f64 = 0.6;

/// Weight of the current month in the revenue trend that sets the makers'
/// ASIC output (an exponential average over about a year: a fab line takes
/// that long to add, estimate).
const SUPPLY_TREND_WEIGHT: f64 = 1.0 / 12.0;

/// Reusable buffers for the monthly metrics.
#[derive(Debug, Default)]
struct Scratch {
    groups: Vec<Group>,
    sort: metrics::Scratch,
    region_ths: Vec<f64>,
    /// Firms' installed load by region, MW, as the month starts.
    region_mw: Vec<f64>,
    group_ths: Vec<f64>,
    pool_luck: Vec<f64>,
    top: Vec<f64>,
}

/// The sector's random streams, one per subsystem, each seeded by one draw
/// of the run's mining stream in the first month, in this order. A
/// subsystem draws only from its own, so a change that alters how many
/// draws one takes (more pools founded, more entrants, block luck turned on)
/// leaves the others' sequences as they were: the projected price depends on
/// the seed alone, and a calibration change to pools does not reshuffle
/// where firms enter.
pub(super) struct Streams {
    /// The projected BTC price path.
    pub price: ChaCha12Rng,
    /// Firms: the classes' initial firms and entrants (capital, home, power
    /// deal and first pool).
    pub entry: ChaCha12Rng,
    /// Pools: new pools' arrivals and fees, and firms reconsidering theirs.
    pub pools: ChaCha12Rng,
    /// Block luck of pools and solo miners.
    pub luck: ChaCha12Rng,
}

impl Streams {
    fn seeded(rng: &mut ChaCha12Rng) -> Self {
        let mut next = || ChaCha12Rng::seed_from_u64(rng.random());
        Self { price: next(), entry: next(), pools: next(), luck: next() }
    }
}

/// The mining sector of a run.
pub struct MiningSector {
    chain: Chain,
    market: MarketPath,
    /// The subsystems' random streams, seeded in the first month.
    streams: Option<Streams>,
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
    /// `AsicShortage` events.
    asic_shortages: Shortages,
    outlook: Vec<f64>,
    /// Months the outlook covers: the longest lifetime on the catalogue
    /// (at most [`MAX_HORIZON`]), since a machine is valued over its
    /// lifetime and no month beyond it is ever read.
    horizon: usize,
    /// Signal per BTC of block reward over the last [`TREND_MONTHS`] + 1 months.
    seen: Vec<f64>,
    valuations: [Valuation; 2],
    cols: Cols,
    scratch: Scratch,
    /// The month's supply curve (a reused buffer) and its last clearing
    /// price.
    supply: SupplyCurve,
    projection_marked: bool,
}

impl MiningSector {
    /// The sector for a validated scenario.
    pub fn new(s: &Scenario) -> Self {
        let regions = Regions::new(s);
        let hobbyists = HobbyistCohorts::new(&s.miners.hobbyist, &regions);
        let longest = s.hardware.iter().map(|h| h.lifetime_months as usize).max().unwrap_or(0);
        let mut sector = Self {
            chain: Chain::new(&s.protocol),
            market: MarketPath::new(s),
            streams: None,
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
            asic_shortages: Shortages::new(&s.events),
            outlook: Vec::with_capacity(MAX_HORIZON),
            horizon: longest.min(MAX_HORIZON),
            seen: Vec::with_capacity(TREND_MONTHS + 1),
            valuations: [Valuation::default(), Valuation::default()],
            cols: Cols::new(s),
            scratch: Scratch::default(),
            supply: SupplyCurve::default(),
            projection_marked: false,
        };
        sector.add_listed_firms(s);
        let initial: f64 = sector.firms.iter().map(Firm::installed_ths).sum();
        sector.chain.start_at(s.timeline.start, initial);
        sector
    }

    /// Firms in business (operators and industrial firms), whether or not
    /// they run hardware this month.
    pub fn firm_count(&self) -> usize {
        self.firms.len()
    }

    fn class(&self, k: FirmKind) -> &FirmClass {
        match k {
            FirmKind::Operator => &self.miners.operator,
            FirmKind::Industrial => &self.miners.industrial,
        }
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
        // decline^(k/12), month by month: one power and a product a month
        // ahead rather than a power each.
        let monthly = decline.powf(1.0 / 12.0);
        let mut power = 1.0;
        self.outlook.clear();
        for subsidy in self.chain.subsidies_ahead(TARGET_BLOCKS_PER_MONTH, self.horizon) {
            let reward = subsidy + fees;
            let ratio = if now > 0.0 { reward / now } else { 1.0 };
            self.outlook.push(power * ratio);
            power *= monthly;
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

    /// Firms' load per region, recomputed from their fleets, and each
    /// fleet's installed power with it (the month's pricing reads it).
    fn recompute_loads(&mut self) {
        let loads = &mut self.scratch.region_mw;
        loads.clear();
        loads.resize(self.regions.len(), 0.0);
        for f in &mut self.firms {
            if f.is_fixed_cost() {
                if let Some(r) = loads.get_mut(f.home as usize) {
                    *r += f.installed_mw;
                }
                continue;
            }
            // A sum of floats starts from −0: the figure `Iterator::sum`
            // would give.
            let mut installed = -0.0;
            for c in &f.fleet {
                let mw = c.ths * self.catalogue.gens[c.hw as usize].kw_per_ths() / 1000.0;
                loads[c.region as usize] += mw;
                installed += mw;
            }
            f.installed_mw = installed;
        }
        self.regions.set_loads(loads);
    }
}

/// Whether `a` and `b` give the mining sector the same inputs: every field
/// but the AI section and the descriptive ones (name, notes, annotations,
/// presentation keys, the default seed; a run is given its seed). Runs of
/// the sector on one seed are then bit-identical for both. The pattern names
/// every field of [`Scenario`], so a new one is a compile error here until
/// it is sorted to one side.
pub fn same_inputs(a: &Scenario, b: &Scenario) -> bool {
    let Scenario {
        format_version: _,
        name: _,
        description: _,
        notes: _,
        annotations: _,
        key_parameters: _,
        seed: _,
        ai: _,
        timeline,
        market,
        protocol,
        hardware,
        grid,
        regions,
        events,
        miners,
        scale,
        entry,
        pools,
    } = a;
    *timeline == b.timeline
        && *market == b.market
        && *protocol == b.protocol
        && *hardware == b.hardware
        && *grid == b.grid
        && *regions == b.regions
        && *events == b.events
        && *miners == b.miners
        && *scale == b.scale
        && *entry == b.entry
        && *pools == b.pools
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

    /// One month, in the phases of the module documentation (see `month`).
    fn step(&mut self, ctx: &MonthContext, rng: &mut ChaCha12Rng, row: &mut [f64], markers: &mut Vec<Marker>) {
        let mut streams = self.streams.take().unwrap_or_else(|| Streams::seeded(rng));
        let mut figures = self.open_month(ctx.month, &mut streams, markers);
        figures.run_price = self.shut_down(&figures);
        let mined = self.mine(&figures, &mut streams.luck, markers);
        let mut scratch = std::mem::take(&mut self.scratch);
        self.write_row(&mut scratch, row, &figures, &mined);
        self.scratch = scratch;
        self.close_month(&figures, &mined, row, &mut streams);
        self.streams = Some(streams);
    }
}

impl MiningSector {
    fn switch_pools<R: Rng>(&mut self, network: f64, rng: &mut R) {
        let threshold = self.pools.solo_threshold();
        let switching = self.pools.switching_share().clamp(0.0, 1.0);
        for f in &mut self.firms {
            let share = f.share(network);
            if share > threshold && threshold > 0.0 {
                f.pool = None;
            } else if !self.pools.is_open(f.pool) || rng.random_bool(switching) {
                f.pool = self.pools.choose(rng);
            }
        }
    }
}
