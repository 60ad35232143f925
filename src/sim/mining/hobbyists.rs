//! Hobbyists: people mining at home, held as weighted cohorts (count ×
//! identical member), never one struct each.
//!
//! The cohorts are a structure of arrays (region, generation, members, units
//! per member, month bought, running flag, idle months) so a month is a few
//! linear passes over short vectors, whatever the number of people.
//!
//! **Awareness** follows Bass diffusion: aware people `A` grow each month by
//! `(p + q·A/M)·(M − A)/12` (`awareness_p_per_year`, `awareness_q_per_year`,
//! `potential_members` = M), split over regions by `hobbyist_weight`. Aware
//! people without running hardware wait in their region.
//!
//! **Running rule.** A member with `u` units earns `u × TH/s per unit ×
//! hashprice`, pays `u × kWh per unit × residential price × (1 − heat_reuse)`
//! (the heat warms the home), and values taking part at
//! `enthusiasm_usd_per_month`. The member runs when
//! `revenue + enthusiasm ≥ (1 − loss_tolerance) × net power cost`.
//!
//! **Buying.** Hobbyists buy retail hardware only. A waiting member buys the
//! retail generation with the best monthly surplus
//! (`revenue + enthusiasm − net power cost`) among those affordable
//! (`units × unit price ≤ budget_usd`, buying fewer units when one is all the
//! budget allows) and paying back within `payback_months`; machines people
//! already own (price 0, the CPU) are taken up whenever they would run.
//! Members holding an older generation upgrade at `upgrade_share_per_month`
//! when the better rig's extra surplus pays its price back in time.
//! ASICs are bought only while the makers have output left this month
//! ([`Purchases`]); the rest of the waiting members try again next month.
//! Hardware retires at the end of its life and is given up after
//! `miners.scrap_after_idle_months` idle months; its members wait again.
//! Source of the stylised figures: `data/bitcoin.md`, "Hardware generations".

use super::clearing::SupplyCurve;
use super::hardware::{Catalogue, Purchases};
use super::regions::Regions;
use crate::scenario::Hobbyists;

/// A retail buy for one waiting member: (generation, units, monthly
/// surplus, price paid).
type Offer = (usize, f64, f64, f64);

/// A region's best buy this month, once asked.
#[derive(Debug, Clone, Copy, Default)]
enum KeptOffer {
    #[default]
    Unasked,
    Asked(Option<Offer>),
}

/// Hobbyist cohorts and the waiting population.
#[derive(Debug, Clone)]
pub struct HobbyistCohorts {
    cfg: Hobbyists,
    aware: f64,
    /// Aware people without running hardware, by region.
    pub waiting: Vec<f64>,
    weights: Vec<f64>,
    /// Region of each cohort.
    pub region: Vec<u16>,
    /// Generation of each cohort.
    pub hw: Vec<u16>,
    /// Members of each cohort.
    pub members: Vec<f64>,
    /// Units per member.
    pub units: Vec<f64>,
    /// Month index bought.
    pub bought: Vec<i32>,
    /// Running this month.
    pub running: Vec<bool>,
    /// Consecutive idle months.
    pub idle: Vec<u16>,
    /// This month's best buy by region, once asked: it depends on the
    /// month, the catalogue, the region's power price and the hashprice,
    /// none of which a purchase changes, so buyers and upgraders of one
    /// region share it.
    offers: Vec<KeptOffer>,
}

impl HobbyistCohorts {
    /// The initial population, all waiting (they take up the hardware they
    /// own in the first month).
    pub fn new(cfg: &Hobbyists, regions: &Regions) -> Self {
        let total: f64 = regions.list.iter().map(|r| r.hobbyist_weight.max(0.0)).sum();
        let n = regions.len().max(1);
        let weights: Vec<f64> = if total > 0.0 {
            regions.list.iter().map(|r| r.hobbyist_weight.max(0.0) / total).collect()
        } else {
            vec![1.0 / n as f64; regions.len()]
        };
        let waiting = weights.iter().map(|w| w * cfg.initial_members).collect();
        Self {
            cfg: cfg.clone(),
            aware: cfg.initial_members,
            waiting,
            weights,
            region: Vec::new(),
            hw: Vec::new(),
            members: Vec::new(),
            units: Vec::new(),
            bought: Vec::new(),
            running: Vec::new(),
            idle: Vec::new(),
            offers: Vec::new(),
        }
    }

    /// Number of cohorts.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Monthly surplus of one member with `units` units of generation `hw`
    /// in region `r`: revenue + enthusiasm − net power cost, and that cost.
    fn surplus(
        &self,
        cat: &Catalogue,
        regions: &Regions,
        hashprice: f64,
        hw: usize,
        r: usize,
        units: f64,
    ) -> (f64, f64) {
        let g = &cat.gens[hw];
        let revenue = units * g.unit_ths * hashprice;
        let power = units * g.unit_ths * g.kwh_per_ths_month() * regions.list[r].residential_usd_per_kwh;
        let net_power = power * (1.0 - self.cfg.heat_reuse_share);
        (revenue + self.cfg.enthusiasm_usd_per_month - net_power, net_power)
    }

    /// Whether a member with that surplus and power cost keeps running.
    fn runs(&self, surplus: f64, net_power: f64) -> bool {
        surplus + self.cfg.loss_tolerance * net_power >= 0.0
    }

    /// Decides which cohorts run this month.
    pub fn plan(&mut self, cat: &Catalogue, regions: &Regions, hashprice: f64) {
        for i in 0..self.len() {
            let (s, p) =
                self.surplus(cat, regions, hashprice, self.hw[i] as usize, self.region[i] as usize, self.units[i]);
            let banned = regions.list[self.region[i] as usize].ban_share >= 1.0;
            let run = !banned && self.runs(s, p);
            self.running[i] = run;
            self.idle[i] = if run { 0 } else { self.idle[i].saturating_add(1) };
        }
    }

    /// Adds every cohort outside a total ban to the month's supply curve,
    /// from the hashprice at which its members run: revenue
    /// `units × TH/s per unit × h` covers `(1 − loss_tolerance) × net power
    /// cost − enthusiasm`.
    pub fn add_supply(&self, cat: &Catalogue, regions: &Regions, curve: &mut SupplyCurve) {
        for i in 0..self.len() {
            let r = self.region[i] as usize;
            let per_member_ths = self.units[i] * cat.gens[self.hw[i] as usize].unit_ths;
            if regions.list[r].ban_share >= 1.0 || per_member_ths <= 0.0 {
                continue;
            }
            let (_, net_power) = self.surplus(cat, regions, 0.0, self.hw[i] as usize, r, self.units[i]);
            let from =
                (net_power * (1.0 - self.cfg.loss_tolerance) - self.cfg.enthusiasm_usd_per_month) / per_member_ths;
            curve.add_step(self.cohort_ths(cat, i), from);
        }
    }

    /// Hash rate of cohort `i` when it runs, TH/s.
    pub fn cohort_ths(&self, cat: &Catalogue, i: usize) -> f64 {
        self.members[i] * self.units[i] * cat.gens[self.hw[i] as usize].unit_ths
    }

    /// Power drawn by cohort `i` when it runs, MW.
    pub fn cohort_mw(&self, cat: &Catalogue, i: usize) -> f64 {
        self.cohort_ths(cat, i) * cat.gens[self.hw[i] as usize].kw_per_ths() / 1000.0
    }

    /// Retirement, giving up, bans, awareness and purchases for the month.
    /// Purchases of ASICs draw on what the makers have left this month
    /// (`bought`, after the firms).
    pub fn update(
        &mut self,
        m: i32,
        cat: &Catalogue,
        regions: &Regions,
        hashprice: f64,
        scrap_after: f64,
        bought: &mut Purchases,
    ) {
        self.age_out(m, cat, regions, scrap_after);
        self.diffuse();
        self.offers.clear();
        self.offers.resize(regions.len(), KeptOffer::Unasked);
        self.buy(m, cat, regions, hashprice, bought);
        self.upgrade(m, cat, regions, hashprice, bought);
        self.compact();
    }

    fn age_out(&mut self, m: i32, cat: &Catalogue, regions: &Regions, scrap_after: f64) {
        for i in 0..self.len() {
            let g = &cat.gens[self.hw[i] as usize];
            let r = self.region[i] as usize;
            let forced = regions.list[r].forced_exit_share;
            let mut leaving = 0.0;
            if m - self.bought[i] >= g.lifetime_months || f64::from(self.idle[i]) >= scrap_after {
                leaving = self.members[i];
            } else if forced > 0.0 {
                leaving = self.members[i] * forced;
            }
            self.members[i] -= leaving;
            self.waiting[r] += leaving;
        }
    }

    fn diffuse(&mut self) {
        let c = &self.cfg;
        let market = c.potential_members.max(self.aware);
        if market <= 0.0 {
            return;
        }
        let new = ((c.awareness_p_per_year + c.awareness_q_per_year * self.aware / market) * (market - self.aware)
            / 12.0)
            .clamp(0.0, market - self.aware);
        self.aware += new;
        for (w, share) in self.waiting.iter_mut().zip(&self.weights) {
            *w += new * share;
        }
    }

    /// [`HobbyistCohorts::best_buy`] for region `r`, worked out once a
    /// month.
    fn offer(&mut self, m: i32, cat: &Catalogue, regions: &Regions, hashprice: f64, r: usize) -> Option<Offer> {
        if let Some(&KeptOffer::Asked(kept)) = self.offers.get(r) {
            return kept;
        }
        let offer = self.best_buy(m, cat, regions, hashprice, r);
        if let Some(slot) = self.offers.get_mut(r) {
            *slot = KeptOffer::Asked(offer);
        }
        offer
    }

    /// The best retail generation for a waiting member of region `r`, if
    /// any qualifies.
    fn best_buy(&self, m: i32, cat: &Catalogue, regions: &Regions, hashprice: f64, r: usize) -> Option<Offer> {
        let mut best: Option<Offer> = None;
        for (gi, g) in cat.gens.iter().enumerate() {
            if !g.retail || !g.on_sale(m) {
                continue;
            }
            let price = g.unit_price_usd;
            let units = if price > 0.0 {
                self.cfg.units_per_member.min(self.cfg.budget_usd / price)
            } else {
                self.cfg.units_per_member
            };
            if units < 1.0 && self.cfg.units_per_member >= 1.0 {
                continue;
            }
            let (surplus, power) = self.surplus(cat, regions, hashprice, gi, r, units);
            let cost = units * price;
            let ok = if cost > 0.0 {
                surplus > 0.0 && cost / surplus <= self.cfg.payback_months
            } else {
                self.runs(surplus, power)
            };
            if ok && best.is_none_or(|b| surplus > b.2) {
                best = Some((gi, units, surplus, cost));
            }
        }
        best
    }

    fn buy(&mut self, m: i32, cat: &Catalogue, regions: &Regions, hashprice: f64, bought: &mut Purchases) {
        for r in 0..self.waiting.len() {
            let waiting = self.waiting[r] * (1.0 - regions.list[r].ban_share);
            if waiting <= 1e-9 {
                continue;
            }
            if let Some((gi, units, _, _)) = self.offer(m, cat, regions, hashprice, r) {
                let g = &cat.gens[gi];
                bought.want(g, waiting * units * g.unit_ths);
                let people = Self::served(waiting, units, g, bought);
                self.waiting[r] -= people;
                self.join(m, r, gi, units, people);
                bought.book(g, people * units * g.unit_ths);
            }
        }
    }

    /// How many of `people` wanting `units` units of `g` each the makers
    /// can serve.
    fn served(people: f64, units: f64, g: &super::hardware::Generation, bought: &Purchases) -> f64 {
        let ths = units * g.unit_ths;
        if ths > 0.0 { people.min(bought.available_ths(g) / ths) } else { people }
    }

    fn upgrade(&mut self, m: i32, cat: &Catalogue, regions: &Regions, hashprice: f64, bought: &mut Purchases) {
        let share = self.cfg.upgrade_share_per_month;
        if share <= 0.0 {
            return;
        }
        let n = self.len();
        for i in 0..n {
            let r = self.region[i] as usize;
            let Some((gi, units, surplus, cost)) = self.offer(m, cat, regions, hashprice, r) else {
                continue;
            };
            if gi == self.hw[i] as usize {
                continue;
            }
            let (old, _) = self.surplus(cat, regions, hashprice, self.hw[i] as usize, r, self.units[i]);
            let gain = surplus - old.max(0.0);
            if gain > 0.0 && (cost <= 0.0 || cost / gain <= self.cfg.payback_months) {
                let g = &cat.gens[gi];
                bought.want(g, self.members[i] * share * units * g.unit_ths);
                let moving = Self::served(self.members[i] * share, units, g, bought);
                self.members[i] -= moving;
                self.join(m, r, gi, units, moving);
                bought.book(g, moving * units * g.unit_ths);
            }
        }
    }

    /// Adds members to the cohort of (region, generation, year bought),
    /// creating it when needed.
    fn join(&mut self, m: i32, r: usize, hw: usize, units: f64, people: f64) {
        let year = m.div_euclid(12);
        let found = (0..self.len()).find(|&i| {
            self.region[i] as usize == r && self.hw[i] as usize == hw && self.bought[i].div_euclid(12) == year
        });
        if let Some(i) = found {
            let total = self.members[i] + people;
            self.units[i] = (self.units[i] * self.members[i] + units * people) / total;
            self.members[i] = total;
        } else {
            self.region.push(r as u16);
            self.hw.push(hw as u16);
            self.members.push(people);
            self.units.push(units);
            self.bought.push(m);
            self.running.push(false);
            self.idle.push(0);
        }
    }

    /// Drops empty cohorts, keeping order.
    fn compact(&mut self) {
        let mut k = 0;
        for i in 0..self.len() {
            if self.members[i] > 1e-6 {
                self.region[k] = self.region[i];
                self.hw[k] = self.hw[i];
                self.members[k] = self.members[i];
                self.units[k] = self.units[i];
                self.bought[k] = self.bought[i];
                self.running[k] = self.running[i];
                self.idle[k] = self.idle[i];
                k += 1;
            } else if let Some(w) = self.waiting.get_mut(self.region[i] as usize) {
                *w += self.members[i].max(0.0);
            }
        }
        self.region.truncate(k);
        self.hw.truncate(k);
        self.members.truncate(k);
        self.units.truncate(k);
        self.bought.truncate(k);
        self.running.truncate(k);
        self.idle.truncate(k);
    }

    /// Cheapest retail rig (USD for one member's units) that earns more than
    /// its net power cost at residential prices in the hobbyist-weighted
    /// region mix, ignoring enthusiasm; `None` when none does.
    pub fn cheapest_profitable_rig(&self, m: i32, cat: &Catalogue, regions: &Regions, hashprice: f64) -> Option<f64> {
        let price_kwh: f64 = regions.list.iter().zip(&self.weights).map(|(r, w)| r.residential_usd_per_kwh * w).sum();
        let mut best: Option<f64> = None;
        for g in cat.gens.iter().filter(|g| g.retail && g.on_sale(m)) {
            let margin =
                g.unit_ths * (hashprice - g.kwh_per_ths_month() * price_kwh * (1.0 - self.cfg.heat_reuse_share));
            if margin > 0.0 {
                let units = self.cfg.units_per_member.max(1.0).floor();
                let cost = g.unit_price_usd * units;
                best = Some(best.map_or(cost, |b: f64| b.min(cost)));
            }
        }
        best
    }
}
