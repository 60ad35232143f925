//! Regions at run time: effective power prices, capacity, congestion and the
//! events that act on them.
//!
//! Prices: a region's industrial and residential prices (USD/kWh) change by
//! `price_trend_per_year` compounded monthly, are multiplied by any active
//! `EnergyShock`, and the industrial price is cut by any active
//! `RenewableSubsidy` (never below [`MIN_PRICE_USD_PER_KWH`]). Firms pay the
//! industrial price times a congestion factor
//! `1 + premium × utilisation^exponent` (`grid` settings), utilisation being
//! firms' installed load over the region's capacity (capped at 1.5 so a region
//! cut by a ban does not make prices explode). The factor is a supply curve of
//! sites: the cheapest sites are taken first, so hardware placed at
//! utilisation `u` keeps the factor of `u` as its **site factor** for as long
//! as it stays ([`Regions::site_factor`] when it is placed), while placement
//! decisions look at the factor of the next site. Costs therefore differ
//! within a region, and a falling hashprice idles the dearest sites first
//! instead of a whole region at once. Hobbyists pay the residential price on
//! the household grid and do not count against mining capacity.
//!
//! Capacity (MW) grows by `capacity_growth_mw_per_year` (monthly steps) up to
//! `capacity_max_mw`, plus permanent `CapacityChange` deltas and the extra
//! capacity of active subsidies, times `1 − ban share` while a ban lasts.
//! Where capacity falls below the load firms have installed, the sites left
//! run only `capacity / load` of each cohort there ([`RegionState::run_cap`]):
//! machines standing at closed sites wait, move or are scrapped. A
//! `Ban` also reports, in the month it starts, the share of the region's hash
//! power that must move or stop, and when the ban ends; new capacity is
//! blocked there while it lasts. Moved hardware queues for sites: a region installs machines
//! arriving from elsewhere at [`INSTALL_SHARE_PER_MONTH`] of its capacity a
//! month, so a wave of moves (a ban) comes back over months, and firms count
//! the wait as downtime when they decide whether a move pays. Risk (`risk`)
//! is a cost premium firms add when choosing where to
//! place hardware; it is not a cash cost. Region data: `data/bitcoin.md`,
//! "Geography" and the presets' comments.

mod sites;

use self::sites::SiteAnswers;
use crate::scenario::{EventKind, Month, RegionGroup, Scenario};

/// Floor of any effective electricity price, USD/kWh.
pub const MIN_PRICE_USD_PER_KWH: f64 = 0.005;
/// Cap on utilisation in the congestion formula.
pub const MAX_UTILISATION: f64 = 1.5;
/// Moved hardware a region can bring back up per month, as a share of its
/// capacity: sites for machines that arrive from elsewhere are wired,
/// cooled and permitted at a limited pace, so a wave of moved machines waits
/// in a queue (estimate; after the 2021 ban the network took about six
/// months to recover, data/bitcoin.md: at 0.08 the history preset stays
/// below its April–May 2021 level through September on 99 of 100 seeds and
/// is back by December on 98; at 0.1 it was back in September on 14).
pub const INSTALL_SHARE_PER_MONTH: f64 = 0.08;

/// One region's state in the current month.
#[derive(Debug, Clone)]
pub struct RegionState {
    /// Group for geographic metrics.
    pub group: RegionGroup,
    /// Relative weight in the hobbyist population.
    pub hobbyist_weight: f64,
    /// Relative chance of being the home of a new firm.
    pub entrant_weight: f64,
    /// Risk premium on costs used in placement.
    pub risk: f64,
    industrial_base: f64,
    residential_base: f64,
    trend: f64,
    capacity_base: f64,
    growth_per_month: f64,
    capacity_max: f64,
    capacity_changes: f64,
    /// Effective industrial price before congestion, USD/kWh.
    pub industrial_usd_per_kwh: f64,
    /// Effective residential price, USD/kWh.
    pub residential_usd_per_kwh: f64,
    /// Capacity available to mining firms this month, MW.
    pub capacity_mw: f64,
    /// Firms' installed load, MW (kept current as firms buy, move and scrap,
    /// through [`Regions::add_load`] and [`Regions::set_loads`], so the
    /// kept site answers know when to be asked again); it limits headroom
    /// and sets the price of the next site.
    load_mw: f64,
    /// Share of the region under a ban (0 when none).
    pub ban_share: f64,
    /// Share of hash power that must leave or stop this month (a ban starts).
    pub forced_exit_share: f64,
    /// Month index at which the ban that forces exits this month ends
    /// (`i32::MAX` for a permanent one): hardware that stops in place may run
    /// again from then.
    pub forced_until: i32,
    /// Room, MW, for forced-out hardware to stop in place and wait out the
    /// ban starting this month: the capacity the region will have once the
    /// ban ends, less the hardware the ban leaves running. What does not fit
    /// is scrapped.
    pub dormant_room_mw: f64,
    /// Moved hardware waiting to be installed here, MW.
    pub install_queue_mw: f64,
    /// Share of each firm cohort here that can run this month: 1, unless
    /// the region's capacity fell below the load installed (a ban, a cut,
    /// a subsidy's end), when the sites left run `capacity / load` of it
    /// (cached by [`Regions::refresh_prices`]).
    pub run_cap: f64,
    /// Price firms pay this month before their own factors: industrial price
    /// × congestion, USD/kWh (cached by [`Regions::refresh_prices`]).
    pub firm_usd_per_kwh: f64,
    /// Placement factor for a firm based here, and for one based elsewhere
    /// ([`Regions::placement_factor`]; fixed for the run).
    factor: Placement,
    /// Placement cost of the next site for a firm based here, and for one
    /// based elsewhere, USD/kWh (cached by [`Regions::refresh_prices`]).
    cost: Placement,
}

/// A figure of a region as seen by a firm based in it and by one based
/// elsewhere: every firm asks for one or the other many times a month.
#[derive(Debug, Clone, Copy, Default)]
struct Placement {
    home: f64,
    abroad: f64,
}

impl Placement {
    fn get(&self, home: bool) -> f64 {
        if home { self.home } else { self.abroad }
    }
}

impl RegionState {
    /// Congestion factor at the current load.
    pub fn congestion(&self, premium: f64, exponent: f64) -> f64 {
        let util = if self.capacity_mw > 0.0 {
            (self.load_mw / self.capacity_mw).min(MAX_UTILISATION)
        } else {
            MAX_UTILISATION
        };
        1.0 + premium * util.max(0.0).powf(exponent)
    }

    /// MW still free for new or moved hardware (0 under a total ban).
    pub fn headroom_mw(&self) -> f64 {
        (self.capacity_mw - self.load_mw).max(0.0)
    }

    /// Moved hardware the region installs per month, MW.
    fn install_pace_mw(&self) -> f64 {
        INSTALL_SHARE_PER_MONTH * self.capacity_mw
    }

    /// Months moved hardware arriving now waits for a site behind the
    /// machines already queued (0 when nothing waits).
    pub fn install_wait_months(&self) -> f64 {
        let pace = self.install_pace_mw();
        if self.install_queue_mw <= 0.0 {
            0.0
        } else if pace > 0.0 {
            self.install_queue_mw / pace
        } else {
            f64::INFINITY
        }
    }
}

/// Every region, plus the events that act on them.
#[derive(Debug, Clone)]
pub struct Regions {
    /// Regions in scenario order.
    pub list: Vec<RegionState>,
    events: Vec<RegionEvent>,
    /// Region indices by their placement cost for a firm based elsewhere,
    /// cheapest first, ties in index order (rebuilt with the prices).
    by_abroad_cost: Vec<usize>,
    /// Where firms of each home region would build, kept until the regions
    /// that take hardware ([`Regions::takes_hardware`]) change: with a new
    /// month's prices, or a load that fills a region or frees room in a
    /// full one ([`Regions::best_site_leaving`]).
    sites: SiteAnswers,
    start: Month,
    premium: f64,
    exponent: f64,
}

#[derive(Debug, Clone)]
struct RegionEvent {
    region: usize,
    from: i32,
    until: i32,
    kind: EventKind,
}

impl Regions {
    /// Regions of a scenario; events naming unknown regions are ignored
    /// (validation reports them).
    pub fn new(s: &Scenario) -> Self {
        let list = s
            .regions
            .iter()
            .map(|r| RegionState {
                group: r.group,
                hobbyist_weight: r.hobbyist_weight,
                entrant_weight: r.entrant_weight,
                risk: r.risk,
                industrial_base: r.industrial_price_usd_per_kwh,
                residential_base: r.residential_price_usd_per_kwh,
                trend: r.price_trend_per_year,
                capacity_base: r.capacity_mw,
                growth_per_month: r.capacity_growth_mw_per_year / 12.0,
                capacity_max: r.capacity_max_mw.max(r.capacity_mw),
                capacity_changes: 0.0,
                industrial_usd_per_kwh: r.industrial_price_usd_per_kwh,
                residential_usd_per_kwh: r.residential_price_usd_per_kwh,
                capacity_mw: r.capacity_mw,
                load_mw: 0.0,
                ban_share: 0.0,
                forced_exit_share: 0.0,
                forced_until: i32::MIN,
                dormant_room_mw: 0.0,
                install_queue_mw: 0.0,
                run_cap: 1.0,
                firm_usd_per_kwh: r.industrial_price_usd_per_kwh,
                factor: Placement { home: 1.0 + r.risk, abroad: 1.0 + r.risk + s.miners.relocation.abroad_premium },
                cost: Placement::default(),
            })
            .collect();
        let events = s
            .events
            .iter()
            .filter_map(|e| {
                let region = s.region_index(e.kind.region()?)?;
                let active = e.active_months();
                Some(RegionEvent { region, from: active.start, until: active.end, kind: e.kind.clone() })
            })
            .collect();
        Self {
            list,
            events,
            by_abroad_cost: Vec::new(),
            sites: SiteAnswers::new(s.regions.len()),
            start: s.timeline.start,
            premium: s.grid.congestion_premium_at_capacity,
            exponent: s.grid.congestion_exponent,
        }
    }

    /// Recomputes prices, capacity and bans for `month`.
    pub fn update(&mut self, month: Month) {
        let m = month.index();
        let elapsed = f64::from(month.months_since(self.start).max(0));
        for r in &mut self.list {
            let trend = (1.0 + r.trend).max(0.01).powf(elapsed / 12.0);
            r.industrial_usd_per_kwh = r.industrial_base * trend;
            r.residential_usd_per_kwh = r.residential_base * trend;
            r.capacity_mw = (r.capacity_base + r.growth_per_month * elapsed).clamp(0.0, r.capacity_max);
            r.ban_share = 0.0;
            r.forced_exit_share = 0.0;
            r.forced_until = i32::MIN;
            r.install_queue_mw = (r.install_queue_mw - r.install_pace_mw()).max(0.0);
        }
        for e in &self.events {
            let r = &mut self.list[e.region];
            if let (true, EventKind::CapacityChange { delta_mw, .. }) = (m == e.from, &e.kind) {
                r.capacity_changes += delta_mw;
            }
            if m < e.from || m >= e.until {
                continue;
            }
            match e.kind {
                EventKind::EnergyShock { multiplier, .. } => {
                    r.industrial_usd_per_kwh *= multiplier;
                    r.residential_usd_per_kwh *= multiplier;
                }
                EventKind::RenewableSubsidy { price_cut_usd_per_kwh, extra_capacity_mw, .. } => {
                    r.industrial_usd_per_kwh -= price_cut_usd_per_kwh;
                    r.capacity_mw += extra_capacity_mw;
                }
                EventKind::Ban { share, .. } => {
                    r.ban_share = r.ban_share.max(share);
                    if m == e.from {
                        r.forced_exit_share = r.forced_exit_share.max(share);
                        r.forced_until = r.forced_until.max(e.until);
                    }
                }
                _ => {}
            }
        }
        for r in &mut self.list {
            let open = (r.capacity_mw + r.capacity_changes).max(0.0);
            r.dormant_room_mw = if r.forced_exit_share > 0.0 && r.forced_until < i32::MAX {
                (open - (1.0 - r.forced_exit_share) * r.load_mw).max(0.0)
            } else {
                0.0
            };
            r.capacity_mw = open * (1.0 - r.ban_share);
            r.industrial_usd_per_kwh = r.industrial_usd_per_kwh.max(MIN_PRICE_USD_PER_KWH);
            r.residential_usd_per_kwh = r.residential_usd_per_kwh.max(MIN_PRICE_USD_PER_KWH);
        }
        self.refresh_prices();
    }

    /// Caches each region's price of the next site (industrial × congestion
    /// at the installed load when the month starts) and the regions' order by
    /// placement cost for a firm based elsewhere, so finding where to place
    /// hardware is a short walk down one list rather than a scan per cohort.
    pub fn refresh_prices(&mut self) {
        for r in &mut self.list {
            r.run_cap = if r.load_mw > r.capacity_mw { (r.capacity_mw / r.load_mw).max(0.0) } else { 1.0 };
            r.firm_usd_per_kwh = r.industrial_usd_per_kwh * r.congestion(self.premium, self.exponent);
            r.cost =
                Placement { home: r.firm_usd_per_kwh * r.factor.home, abroad: r.firm_usd_per_kwh * r.factor.abroad };
        }
        let mut order = std::mem::take(&mut self.by_abroad_cost);
        order.clear();
        order.extend(0..self.list.len());
        // Stable: equal costs keep index order, as a scan in index order would.
        order.sort_by(|&a, &b| self.placement_cost(a, false).total_cmp(&self.placement_cost(b, false)));
        self.by_abroad_cost = order;
        self.sites.changed();
    }

    /// Factor on power cost when choosing region `r`: `1 + risk`, plus
    /// `relocation.abroad_premium` outside the firm's home region (staff,
    /// permits, logistics and partners abroad; not a cash cost).
    pub fn placement_factor(&self, r: usize, home: bool) -> f64 {
        self.list[r].factor.get(home)
    }

    /// Placement cost of the next site in `r`: its price × congestion ×
    /// placement factor, USD/kWh (before a firm's own factors, which apply
    /// to every region alike).
    fn placement_cost(&self, r: usize, home: bool) -> f64 {
        self.list[r].cost.get(home)
    }

    /// Whether new hardware fits in region `r` now.
    fn takes_hardware(&self, r: usize) -> bool {
        self.open(r) && self.list[r].headroom_mw() > 1e-6
    }

    /// Adds `mw` (negative: frees it) to the firms' load in region `r`.
    pub fn add_load(&mut self, r: usize, mw: f64) {
        let before = self.takes_hardware(r);
        self.list[r].load_mw += mw;
        if self.takes_hardware(r) != before {
            self.sites.changed();
        }
    }

    /// Sets every region's firm load, MW, in region order.
    pub fn set_loads(&mut self, loads: &[f64]) {
        for (r, &mw) in self.list.iter_mut().zip(loads) {
            r.load_mw = mw;
        }
        self.sites.changed();
    }

    /// [`Regions::best_site`]`(home, from)`: where a firm based in `home`
    /// would move hardware standing in `from`, or (`None`) build new.
    /// Answers are kept per home region until the regions that take
    /// hardware change, and two answer every `from`: leaving out a region
    /// other than the best site cannot change it, and leaving out the best
    /// gives the runner-up.
    pub fn best_site_leaving(&self, home: usize, from: Option<usize>) -> Option<usize> {
        self.sites.get(home, from, |except| self.best_site(home, except))
    }

    /// The open region with headroom and the lowest placement cost for a
    /// firm based in `home`, other than `except`; ties go to the lower index.
    /// The cheapest region abroad is the first that fits in the month's
    /// order, so this costs a few steps however often firms ask.
    pub fn best_site(&self, home: usize, except: Option<usize>) -> Option<usize> {
        let ok = |r: usize| Some(r) != except && self.takes_hardware(r);
        let abroad = self.by_abroad_cost.iter().copied().find(|&r| r != home && ok(r));
        let at_home = (home < self.list.len() && ok(home)).then_some(home);
        match (at_home, abroad) {
            (Some(h), Some(a)) => {
                let order = self.placement_cost(h, true).total_cmp(&self.placement_cost(a, false));
                Some(if order.is_lt() || (order.is_eq() && h < a) { h } else { a })
            }
            (h, a) => h.or(a),
        }
    }

    /// Price of the next site in region `r` as the month started, before a
    /// firm's own factors: industrial price × congestion, USD/kWh.
    pub fn firm_price(&self, r: usize) -> f64 {
        self.list[r].firm_usd_per_kwh
    }

    /// Congestion factor of a site taken now in region `r`, at the load
    /// installed so far (purchases earlier this month included).
    pub fn site_factor(&self, r: usize) -> f64 {
        self.list[r].congestion(self.premium, self.exponent)
    }

    /// Price a site with factor `site` pays in region `r`, USD/kWh.
    pub fn site_price(&self, r: usize, site: f64) -> f64 {
        self.list[r].industrial_usd_per_kwh * site
    }

    /// Whether new hardware may be placed in region `r`: not while a ban
    /// lasts, whatever its share.
    pub fn open(&self, r: usize) -> bool {
        self.list[r].ban_share <= 0.0 && self.list[r].capacity_mw > 0.0
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no regions.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::scenario::{Event, Region, presets};

    proptest! {
        /// The kept answers give, for every region hardware may stand in
        /// and for new hardware, the site a full query gives: full regions,
        /// banned ones, the home region and ties in cost included, and
        /// after loads that fill regions or free room in them.
        #[test]
        fn the_kept_sites_answer_as_a_full_query_would(
            loads in proptest::collection::vec(0.0f64..1.2, 16),
            banned in proptest::collection::vec(proptest::bool::weighted(0.2), 16),
            changes in proptest::collection::vec((0usize..16, -600.0f64..600.0), 0..12),
            home in 0usize..16,
        ) {
            let s = presets::load_preset("baseline-2009-2040").expect("the preset loads");
            let mut regions = Regions::new(&s);
            let n = regions.len();
            let start: Vec<f64> = (0..n).map(|i| 1000.0 * loads[i % loads.len()]).collect();
            for (i, r) in regions.list.iter_mut().enumerate() {
                r.capacity_mw = 1000.0;
                r.ban_share = if banned[i % banned.len()] { 1.0 } else { 0.0 };
            }
            // Loads at or over capacity leave a region no headroom.
            regions.set_loads(&start);
            regions.refresh_prices();
            let home = home % n;
            for step in 0..=changes.len() {
                for from in (0..n).map(Some).chain([None]) {
                    let full = regions.best_site(home, from);
                    prop_assert_eq!(regions.best_site_leaving(home, from), full, "step {}, from {:?}", step, from);
                }
                if let Some(&(r, mw)) = changes.get(step) {
                    let r = r % n;
                    regions.add_load(r, mw.max(-regions.list[r].load_mw));
                }
            }
        }
    }

    fn scenario() -> Scenario {
        let mut s = Scenario::default();
        s.timeline.start = Month::ym(2020, 1);
        s.regions.push(Region {
            id: "a".into(),
            industrial_price_usd_per_kwh: 0.05,
            price_trend_per_year: 0.1,
            capacity_mw: 100.0,
            capacity_growth_mw_per_year: 120.0,
            capacity_max_mw: 150.0,
            ..Region::default()
        });
        s
    }

    #[test]
    fn trend_growth_and_ceiling() {
        let mut r = Regions::new(&scenario());
        r.update(Month::ym(2021, 1));
        assert!((r.list[0].industrial_usd_per_kwh - 0.055).abs() < 1e-12);
        assert!((r.list[0].capacity_mw - 150.0).abs() < 1e-9, "capped at the ceiling");
        r.update(Month::ym(2020, 4));
        assert!((r.list[0].capacity_mw - 130.0).abs() < 1e-9);
    }

    #[test]
    fn congestion_rises_with_load() {
        let mut r = Regions::new(&scenario());
        r.update(Month::ym(2020, 1));
        let empty = r.firm_price(0);
        r.set_loads(&[100.0]);
        r.refresh_prices();
        let full = r.firm_price(0);
        assert!((full / empty - 1.6).abs() < 1e-9, "default premium 0.6 at capacity");
    }

    #[test]
    fn ban_blocks_capacity_and_forces_exit_once() {
        let mut s = scenario();
        s.events.push(Event {
            month: Month::ym(2020, 6),
            label: String::new(),
            kind: EventKind::Ban { region: "a".into(), share: 1.0, duration_months: Some(3) },
        });
        s.events.push(Event {
            month: Month::ym(2020, 2),
            label: String::new(),
            kind: EventKind::EnergyShock { region: "a".into(), multiplier: 2.0, duration_months: Some(1) },
        });
        let mut r = Regions::new(&s);
        r.update(Month::ym(2020, 2));
        assert!((r.list[0].industrial_usd_per_kwh - 0.1 * 1.1f64.powf(1.0 / 12.0)).abs() < 1e-9);
        r.update(Month::ym(2020, 6));
        assert_eq!(r.list[0].forced_exit_share, 1.0);
        assert!(!r.open(0));
        r.update(Month::ym(2020, 7));
        assert_eq!(r.list[0].forced_exit_share, 0.0);
        assert!(!r.open(0));
        r.update(Month::ym(2020, 9));
        assert!(r.open(0));
    }
}
