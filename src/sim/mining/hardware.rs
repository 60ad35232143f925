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

use crate::scenario::{Hardware, HardwareKind, Month, Scenario};

/// Lowest factor on a list price (a unit never sells below 30 % of list: the second-hand floor, estimate).
pub const PRICE_FACTOR_MIN: f64 = 0.3;
/// Highest factor on a list price.
pub const PRICE_FACTOR_MAX: f64 = 5.0;

/// Hours in an average month.
pub const HOURS_PER_MONTH: f64 = 365.25 * 24.0 / 12.0;

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
}

impl Generation {
    fn new(h: &Hardware) -> Self {
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
        }
    }

    /// Power drawn per TH/s, kW.
    pub fn kw_per_ths(&self) -> f64 {
        self.efficiency_j_per_th / 1000.0
    }

    /// Energy per TH/s per month, kWh.
    pub fn kwh_per_ths_month(&self) -> f64 {
        self.kw_per_ths() * HOURS_PER_MONTH
    }

    /// Current price per TH/s, USD.
    pub fn price_per_ths(&self) -> f64 {
        self.unit_price_usd / self.unit_ths
    }

    /// Whether it is on sale in month index `m`.
    pub fn on_sale(&self, m: i32) -> bool {
        m >= self.from
    }
}

/// Every generation of the scenario.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Generations in scenario order.
    pub gens: Vec<Generation>,
    elasticity: f64,
}

impl Catalogue {
    /// The catalogue of a scenario.
    pub fn new(s: &Scenario) -> Self {
        Self { gens: s.hardware.iter().map(Generation::new).collect(), elasticity: s.market.hardware_price_elasticity }
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
            g.unit_price_usd = g.list_price_usd * factor;
        }
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
}
