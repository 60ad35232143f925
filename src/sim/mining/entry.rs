//! Where firms come from: the firms a scenario lists, the classes' initial
//! counts, and entry each month at a rate that rises with the value of the
//! best new machine (MODEL.md, "Miners": new entrants arrive at a rate that
//! rises with expected profitability, with class, region and capital drawn
//! from scenario distributions).

use rand::Rng;
use rand_distr::{Distribution, LogNormal, Poisson};

use super::firms::{Cohort, Firm, Operation};
use super::{MiningSector, econ};
use crate::scenario::{FirmKind, Scenario};

/// Most entrants in one month as a multiple of the base rate, whatever the
/// profitability: founding a mining business takes time, so a wild price
/// path cannot flood the model with firms (estimate).
pub const MAX_ENTRY_MULTIPLE: f64 = 10.0;

impl MiningSector {
    fn new_firm(&self, kind: FirmKind, home: usize, capital: f64) -> Firm {
        let c = self.class(kind);
        Firm {
            class: kind,
            strategic: c.strategic,
            overhead_per_kw: c.overhead_usd_per_kw_month,
            spend_share: c.max_spend_share_per_month,
            cash: capital,
            home: home as u16,
            pool: None,
            power_deal: 1.0,
            fleet: Vec::new(),
            operation: Operation::fixed_or_fleet(
                c.fixed_relative_cost * self.miners.fixed_cost_reference_usd_per_th_month,
                self.catalogue.most_efficient(self.start).map(|g| g as u16),
                1.0,
            ),
            running_ths: 0.0,
            running_mw: 0.0,
            installed_mw: 0.0,
            opex: 0.0,
            revenue: 0.0,
            month_scale: econ::Scale::of(&self.scale, 0.0),
            scale_mw: 0.0,
            months_empty: 0,
        }
    }

    /// Firms listed one by one in `miners.initial_firms`.
    pub(super) fn add_listed_firms(&mut self, s: &Scenario) {
        if self.regions.is_empty() {
            return;
        }
        for spec in &s.miners.initial_firms {
            let region = s.region_index(&spec.region).unwrap_or(0);
            let hw = s.hardware_index(&spec.hardware).or_else(|| self.catalogue.most_efficient(self.start));
            let mut f = self.new_firm(spec.class, region, spec.capital_usd);
            if spec.fixed_relative_cost > 0.0 {
                f.operation = Operation::fixed_or_fleet(
                    spec.fixed_relative_cost * self.miners.fixed_cost_reference_usd_per_th_month,
                    hw.map(|g| g as u16),
                    spec.hashrate_ths.max(1e-6),
                );
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
    pub(super) fn add_class_firms<R: Rng>(&mut self, m: i32, rng: &mut R) {
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

    /// Value-to-price ratio of the best new machine for a reference entrant
    /// (operator hurdle, no scale economies, cheapest open region).
    fn entry_ratio(&self) -> f64 {
        let Some(r) = (0..self.regions.len())
            .filter(|&r| self.regions.open(r) && self.regions.list[r].headroom_mw() > 0.0)
            .min_by(|&a, &b| self.regions.firm_price(a).total_cmp(&self.regions.firm_price(b)))
        else {
            return 0.0;
        };
        let price_kwh = self.regions.firm_price(r) * (1.0 + self.regions.list[r].risk);
        let overhead = self.miners.operator.overhead_usd_per_kw_month;
        self.catalogue
            .for_sale
            .iter()
            .map(|g| {
                let opex = g.kwh_per_ths_month * price_kwh + overhead * g.kw_per_ths;
                self.valuations[0].value(&self.outlook, self.signal, opex, g.lifetime_months) / g.price_per_ths
            })
            .fold(0.0, f64::max)
    }

    pub(super) fn entry_step<R: Rng>(&mut self, m: i32, rng: &mut R) {
        if !self.entry.enabled || self.entry.base_rate_per_month <= 0.0 {
            return;
        }
        let op_ok = m >= self.miners.operator.first_month.index();
        let ind_ok = m >= self.miners.industrial.first_month.index();
        if !op_ok && !ind_ok {
            return;
        }
        let ratio = self.entry_ratio();
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
}
