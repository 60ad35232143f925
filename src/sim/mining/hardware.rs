//! The hardware catalogue at run time: what each generation costs now, what
//! it earns and what it burns.
//!
//! Generations come from the scenario (`hardware`, defaults and sources in
//! `data/bitcoin.md`, "Hardware generations"). A unit of generation `g` has
//! hash rate `unit_hashrate_ths` (TH/s) and draws
//! `efficiency_j_per_th × unit_hashrate_ths` watts, so one TH/s of it draws
//! `efficiency_j_per_th / 1000` kW.
//!
//! **Price tracks hashprice** (optional; `market.hardware_price_elasticity`
//! `e`, 0 switches it off): ASIC makers price to profitability, so a unit
//! costs `list price × (hashprice / hashprice at launch)^e`, the launch
//! hashprice being the one seen in the first simulated month the generation is
//! on sale. The factor is clamped to [`PRICE_FACTOR_MIN`, `PRICE_FACTOR_MAX`]
//! so a hashprice collapse cannot make hardware free. Hashprice here is the
//! smoothed revenue per TH/s per month the firms see.
//!
//! **ASIC supply** (optional; `market.hardware_supply_share_of_revenue` `s`,
//! 0 switches it off): makers can deliver at most `s × miners' revenue` worth
//! of new ASICs at list prices in a month (revenue averaged over about a
//! year: the makers' capacity is built on past sales);
//! buyers are served in the month's order until it is gone, and whoever comes
//! later buys general-purpose hardware or waits. Makers then reprice: ASIC
//! prices carry a scarcity factor that rises while orders exceed supply and
//! falls back toward list when they do not ([`Catalogue::clear_orders`]). CPUs, GPUs and FPGAs are
//! sold in far larger markets and are not limited. Makers' output follows the
//! industry's revenue (they reinvest it), which is why hash rate grew far
//! more slowly than profitability in 2013 (Avalon's first batch was a few
//! hundred units, data/bitcoin.md). An `AsicShortage` event multiplies the
//! makers' output while it lasts (the chip shortage of 2020–2022 in the
//! historical preset).

use std::cell::Cell;

#[cfg(doc)]
use super::econ::Valuation;
use crate::scenario::{Event, EventKind, Hardware, HardwareKind, Month, Scenario};

/// Lowest factor on a list price (a unit never sells below 30 % of list: the second-hand floor, estimate).
pub const PRICE_FACTOR_MIN: f64 = 0.3;
/// Highest factor on a list price.
pub const PRICE_FACTOR_MAX: f64 = 5.0;

/// Elasticity of the ASIC scarcity factor to the ratio of orders to supply:
/// 1 means makers move the premium by the share of orders they could not
/// fill (or of output left unsold).
pub const SCARCITY_RESPONSE: f64 = 1.0;
/// Largest monthly rise of the scarcity factor (×): makers reprice batch by
/// batch while sold out.
pub const SCARCITY_RISE_MAX: f64 = 1.25;
/// Largest monthly fall of the scarcity factor (÷): makers holding unsold
/// output cut prices fast (an S3-class machine listed in mid-2014 sold for
/// a fraction of that a few months later once the S5 was announced;
/// estimate, data/bitcoin.md gives no price series).
pub const SCARCITY_FALL_MAX: f64 = 3.0;
/// Highest scarcity factor on ASIC list prices.
pub const SCARCITY_MAX: f64 = 10.0;

/// Hours in an average month.
pub const HOURS_PER_MONTH: f64 = 365.25 * 24.0 / 12.0;

/// Share of the price left after `age` months of linear depreciation over
/// `lifetime` months (at least one), none after it.
fn straight_line(age: i32, lifetime: i32) -> f64 {
    (1.0 - f64::from(age) / f64::from(lifetime.max(1))).max(0.0)
}

/// One generation at run time.
#[derive(Debug, Clone)]
pub struct Generation {
    /// CPU, GPU, FPGA or ASIC.
    pub kind: HardwareKind,
    /// First month on sale (month index).
    pub from: i32,
    /// Energy per unit of work, J/TH.
    pub efficiency_j_per_th: f64,
    /// Hash rate of one unit, TH/s.
    pub unit_ths: f64,
    /// List price of one unit, USD.
    pub list_price_usd: f64,
    /// Useful life, months.
    pub lifetime_months: i32,
    /// Sold to private persons.
    pub retail: bool,
    launch_hashprice: f64,
    /// Current price of one unit, USD.
    pub unit_price_usd: f64,
    /// Power drawn per TH/s, kW: read for every cohort in every month's
    /// pricing, so kept rather than divided out each time.
    kw_per_ths: f64,
    /// Energy per TH/s per month, kWh (kept for the same reason).
    kwh_per_ths_month: f64,
    /// Share of the price left on the books at each age in months, up to
    /// the lifetime ([`Generation::book_share`]): read for every cohort of
    /// every buyer each month, so worked out once.
    book_shares: Vec<f64>,
}

impl Generation {
    fn new(h: &Hardware) -> Self {
        let kw_per_ths = h.efficiency_j_per_th / 1000.0;
        Self {
            kind: h.kind,
            from: h.available_from.index(),
            efficiency_j_per_th: h.efficiency_j_per_th,
            unit_ths: h.unit_hashrate_ths,
            list_price_usd: h.unit_price_usd,
            lifetime_months: h.lifetime_months as i32,
            retail: h.retail,
            launch_hashprice: f64::NAN,
            unit_price_usd: h.unit_price_usd,
            kw_per_ths,
            kwh_per_ths_month: kw_per_ths * HOURS_PER_MONTH,
            book_shares: (0..=h.lifetime_months.max(1))
                .map(|age| straight_line(age as i32, h.lifetime_months as i32))
                .collect(),
        }
    }

    /// Share of its price a machine of this generation still carries on the
    /// books at `age` months: linear depreciation over its lifetime, none
    /// left after it.
    pub fn book_share(&self, age: i32) -> f64 {
        match usize::try_from(age) {
            Ok(a) => self.book_shares.get(a).copied().unwrap_or(0.0),
            Err(_) => straight_line(age, self.lifetime_months),
        }
    }

    /// Power drawn per TH/s, kW.
    pub fn kw_per_ths(&self) -> f64 {
        self.kw_per_ths
    }

    /// Energy per TH/s per month, kWh.
    pub fn kwh_per_ths_month(&self) -> f64 {
        self.kwh_per_ths_month
    }

    /// Current price per TH/s, USD.
    pub fn price_per_ths(&self) -> f64 {
        self.unit_price_usd / self.unit_ths
    }

    /// List price per TH/s, USD.
    pub fn list_price_per_ths(&self) -> f64 {
        self.list_price_usd / self.unit_ths
    }

    /// Whether it is on sale in month index `m`.
    pub fn on_sale(&self, m: i32) -> bool {
        m >= self.from
    }
}

/// What the month's buyers have bought so far, and what the makers can still
/// deliver. Makers' output is counted at list prices (what the fabs can
/// make does not grow when the scarcity premium does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Purchases {
    /// Hash rate bought this month, TH/s (later buyers value hardware at the
    /// hashprice the network will have once it runs).
    pub pending_ths: f64,
    /// ASICs the makers can deliver this month, USD at list prices.
    pub asic_supply_usd: f64,
    /// ASICs the makers can still deliver this month, USD at list prices.
    pub asic_left_usd: f64,
    /// ASICs buyers wanted at this month's prices, USD at list prices
    /// (served or not).
    pub asic_wanted_usd: f64,
}

impl Purchases {
    /// A month's purchases when makers can deliver `share × revenue` of
    /// ASICs at list prices (`share ≤ 0`: no limit).
    pub fn new(share: f64, revenue_usd: f64) -> Self {
        let supply = if share > 0.0 { (share * revenue_usd).max(0.0) } else { f64::INFINITY };
        Self { pending_ths: 0.0, asic_supply_usd: supply, asic_left_usd: supply, asic_wanted_usd: 0.0 }
    }

    /// Records that a buyer wanted `ths` TH/s of generation `g`.
    pub fn want(&mut self, g: &Generation, ths: f64) {
        if g.kind == HardwareKind::Asic {
            self.asic_wanted_usd += ths.max(0.0) * g.list_price_per_ths();
        }
    }

    /// Most hash rate of generation `g` the makers can still deliver, TH/s.
    pub fn available_ths(&self, g: &Generation) -> f64 {
        let list = g.list_price_per_ths();
        if g.kind == HardwareKind::Asic && list > 0.0 { self.asic_left_usd / list } else { f64::INFINITY }
    }

    /// Records a purchase of `ths` TH/s of `g`.
    pub fn book(&mut self, g: &Generation, ths: f64) {
        self.pending_ths += ths;
        if g.kind == HardwareKind::Asic {
            self.asic_left_usd = (self.asic_left_usd - ths * g.list_price_per_ths()).max(0.0);
        }
    }
}

/// The scenario's `AsicShortage` events: the months each acts on and its
/// factor on the makers' output.
#[derive(Debug, Clone, Default)]
pub struct Shortages(Vec<(std::ops::Range<i32>, f64)>);

impl Shortages {
    /// The shortages among `events`.
    pub fn new(events: &[Event]) -> Self {
        Self(
            events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::AsicShortage { supply_multiplier, .. } => {
                        Some((e.active_months(), supply_multiplier.max(0.0)))
                    }
                    _ => None,
                })
                .collect(),
        )
    }

    /// Factor on the makers' output in month index `m` (1 with none active).
    pub fn factor(&self, m: i32) -> f64 {
        self.0.iter().filter(|(months, _)| months.contains(&m)).map(|(_, x)| x).product()
    }
}

/// A generation firms may buy this month, with the figures every firm's
/// valuation reads (computed once a month instead of once per firm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForSale {
    /// Generation index in the catalogue.
    pub gen_index: usize,
    /// Energy per TH/s per month, kWh ([`Generation::kwh_per_ths_month`]).
    pub kwh_per_ths_month: f64,
    /// Power per TH/s, kW ([`Generation::kw_per_ths`]).
    pub kw_per_ths: f64,
    /// Current price per TH/s, USD ([`Generation::price_per_ths`]).
    pub price_per_ths: f64,
    /// Useful life, months (at least 1).
    pub lifetime_months: usize,
}

/// Every generation of the scenario.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Generations in scenario order.
    pub gens: Vec<Generation>,
    /// The generations on sale this month that a buyer can prefer, in
    /// catalogue order: those with a price, less any that another one beats
    /// or matches on efficiency, price per TH/s and lifetime at once
    /// ([`Catalogue::drop_dominated`]).
    pub for_sale: Vec<ForSale>,
    /// Every generation on sale this month with a price (a reused buffer).
    on_sale: Vec<ForSale>,
    elasticity: f64,
    /// Factor on ASIC prices from the makers' order book (≥ 1).
    pub scarcity: f64,
    /// By generation: the months ahead at which the last valuation of it
    /// stopped paying, where the next one starts its search
    /// ([`Valuation::value_near`]).
    hints: Vec<Cell<usize>>,
}

impl Catalogue {
    /// The catalogue of a scenario.
    pub fn new(s: &Scenario) -> Self {
        Self {
            gens: s.hardware.iter().map(Generation::new).collect(),
            for_sale: Vec::with_capacity(s.hardware.len()),
            on_sale: Vec::with_capacity(s.hardware.len()),
            elasticity: s.market.hardware_price_elasticity,
            scarcity: 1.0,
            hints: vec![Cell::new(0); s.hardware.len()],
        }
    }

    /// Where valuing generation `gen_index` starts its search (see
    /// [`Valuation::value_near`]).
    pub fn hint(&self, gen_index: usize) -> &Cell<usize> {
        &self.hints[gen_index]
    }

    /// Makers reprice ASICs after a month of orders: the scarcity factor
    /// moves by `(wanted / supply)^`[`SCARCITY_RESPONSE`] (at most ×
    /// [`SCARCITY_RISE_MAX`] or ÷ [`SCARCITY_FALL_MAX`] a month), between 1
    /// and [`SCARCITY_MAX`], so prices rise while orders exceed what makers
    /// can deliver and fall back to list quickly when output goes unsold.
    pub fn clear_orders(&mut self, orders: &Purchases) {
        if !orders.asic_supply_usd.is_finite() {
            return;
        }
        let ratio = if orders.asic_supply_usd > 0.0 {
            orders.asic_wanted_usd / orders.asic_supply_usd
        } else if orders.asic_wanted_usd > 0.0 {
            f64::INFINITY
        } else {
            1.0
        };
        if ratio <= 0.0 {
            self.scarcity = (self.scarcity / SCARCITY_FALL_MAX).max(1.0);
            return;
        }
        let step = ratio.powf(SCARCITY_RESPONSE).clamp(1.0 / SCARCITY_FALL_MAX, SCARCITY_RISE_MAX);
        self.scarcity = (self.scarcity * step).clamp(1.0, SCARCITY_MAX);
    }

    /// Updates prices for `month` given the hashprice firms see
    /// (USD per TH/s per month).
    pub fn update(&mut self, month: Month, hashprice: f64) {
        let m = month.index();
        for g in &mut self.gens {
            if !g.on_sale(m) || !hashprice.is_finite() || hashprice <= 0.0 {
                continue;
            }
            if g.launch_hashprice.is_nan() {
                g.launch_hashprice = hashprice;
            }
            let factor = if self.elasticity > 0.0 {
                (hashprice / g.launch_hashprice).powf(self.elasticity).clamp(PRICE_FACTOR_MIN, PRICE_FACTOR_MAX)
            } else {
                1.0
            };
            let scarce = if g.kind == HardwareKind::Asic { self.scarcity } else { 1.0 };
            g.unit_price_usd = g.list_price_usd * factor * scarce;
        }
        self.on_sale.clear();
        for (gen_index, g) in self.gens.iter().enumerate() {
            if g.on_sale(m) && g.list_price_usd > 0.0 {
                self.on_sale.push(ForSale {
                    gen_index,
                    kwh_per_ths_month: g.kwh_per_ths_month(),
                    kw_per_ths: g.kw_per_ths(),
                    price_per_ths: g.price_per_ths(),
                    lifetime_months: g.lifetime_months.max(1) as usize,
                });
            }
        }
        self.drop_dominated();
    }

    /// Removes from [`Catalogue::for_sale`] every generation that another
    /// one on sale matches or beats on efficiency, price per TH/s and
    /// lifetime together (of identical ones the first stays). A buyer's value
    /// per dollar falls with power per TH/s and price and grows with life,
    /// whatever its power price, scale or revenue, so the one dropped is
    /// never the best buy, and every firm values only the few left (one to
    /// three generations of the baseline's seventeen on sale).
    fn drop_dominated(&mut self) {
        let gens = &self.gens;
        let beats = |x: &ForSale, y: &ForSale| {
            let (ex, ey) = (gens[x.gen_index].efficiency_j_per_th, gens[y.gen_index].efficiency_j_per_th);
            let weakly = ex <= ey && x.price_per_ths <= y.price_per_ths && x.lifetime_months >= y.lifetime_months;
            let strictly = ex < ey || x.price_per_ths < y.price_per_ths || x.lifetime_months > y.lifetime_months;
            weakly && (strictly || x.gen_index < y.gen_index)
        };
        let all = &self.on_sale;
        self.for_sale.clear();
        self.for_sale.extend(all.iter().filter(|y| !all.iter().any(|x| x.gen_index != y.gen_index && beats(x, y))));
    }

    /// Index of the most efficient generation on sale in month index `m`.
    pub fn most_efficient(&self, m: i32) -> Option<usize> {
        self.gens
            .iter()
            .enumerate()
            .filter(|(_, g)| g.on_sale(m))
            .min_by(|a, b| a.1.efficiency_j_per_th.total_cmp(&b.1.efficiency_j_per_th))
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_follows_hashprice_with_elasticity_and_clamps() {
        let mut s = Scenario::default();
        s.hardware.push(Hardware { available_from: Month::ym(2020, 1), unit_price_usd: 1000.0, ..Hardware::default() });
        s.market.hardware_price_elasticity = 0.5;
        let mut c = Catalogue::new(&s);
        c.update(Month::ym(2019, 12), 10.0);
        assert_eq!(c.gens[0].unit_price_usd, 1000.0, "not on sale yet: list price, no launch hashprice");
        c.update(Month::ym(2020, 1), 10.0);
        c.update(Month::ym(2020, 2), 40.0);
        assert!((c.gens[0].unit_price_usd - 2000.0).abs() < 1e-9);
        c.update(Month::ym(2020, 3), 1e-9);
        assert!((c.gens[0].unit_price_usd - 300.0).abs() < 1e-9);
    }

    #[test]
    fn power_per_ths_is_efficiency_over_thousand() {
        let g = Generation::new(&Hardware { efficiency_j_per_th: 30.0, ..Hardware::default() });
        assert!((g.kw_per_ths() - 0.03).abs() < 1e-12);
        assert!((g.kwh_per_ths_month() - 0.03 * 730.5).abs() < 1e-9);
    }

    fn asic(price: f64, ths: f64) -> Generation {
        Generation::new(&Hardware {
            kind: HardwareKind::Asic,
            unit_price_usd: price,
            unit_hashrate_ths: ths,
            ..Hardware::default()
        })
    }

    #[test]
    fn makers_deliver_at_most_their_supply_at_list_prices() {
        let g = asic(1000.0, 10.0);
        let mut p = Purchases::new(0.5, 2000.0);
        assert!((p.available_ths(&g) - 10.0).abs() < 1e-9, "1,000 USD at 100 USD per TH/s");
        p.book(&g, 4.0);
        assert!((p.available_ths(&g) - 6.0).abs() < 1e-9);
        let gpu = Generation::new(&Hardware { kind: HardwareKind::Gpu, ..Hardware::default() });
        assert!(p.available_ths(&gpu).is_infinite(), "general-purpose hardware is not limited");
        assert!(Purchases::new(0.0, 2000.0).available_ths(&g).is_infinite(), "share 0 switches the limit off");
    }

    #[test]
    fn scarcity_rises_with_unserved_orders_and_falls_back_to_list() {
        let mut s = Scenario::default();
        s.hardware.push(Hardware {
            kind: HardwareKind::Asic,
            available_from: Month::ym(2020, 1),
            unit_price_usd: 1000.0,
            ..Hardware::default()
        });
        s.market.hardware_price_elasticity = 0.0;
        let mut c = Catalogue::new(&s);
        let g = c.gens[0].clone();
        let mut busy = Purchases::new(1.0, 1000.0);
        busy.want(&g, 4.0 * 1000.0 / g.list_price_per_ths());
        c.clear_orders(&busy);
        assert!((c.scarcity - SCARCITY_RISE_MAX).abs() < 1e-12, "orders 4× supply: capped step");
        c.update(Month::ym(2020, 1), 1.0);
        assert!((c.gens[0].unit_price_usd - 1000.0 * SCARCITY_RISE_MAX).abs() < 1e-9);
        let quiet = Purchases::new(1.0, 1000.0);
        c.clear_orders(&quiet);
        c.clear_orders(&quiet);
        assert_eq!(c.scarcity, 1.0, "no orders: back to list, never below");
    }

    #[test]
    fn unsold_output_cuts_the_premium_faster_than_orders_raise_it() {
        let mut c = Catalogue::new(&Scenario::default());
        c.scarcity = 6.0;
        let g = asic(1000.0, 10.0);
        let mut half = Purchases::new(1.0, 1000.0);
        half.want(&g, 0.5 * 1000.0 / g.list_price_per_ths());
        c.clear_orders(&half);
        assert!((c.scarcity - 3.0).abs() < 1e-9, "half the output sold: premium halves");
        let mut tenth = Purchases::new(1.0, 1000.0);
        tenth.want(&g, 0.1 * 1000.0 / g.list_price_per_ths());
        c.clear_orders(&tenth);
        assert!((c.scarcity - 3.0 / SCARCITY_FALL_MAX).abs() < 1e-9, "a tenth sold: capped fall");
    }
}
