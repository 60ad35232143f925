//! Cloud inference: capacity, the scarcity multiplier (with GPU-shortage
//! events) and the price per token.
//!
//! **Capacity** (T tokens/month) starts at the larger of the scenario's
//! reference capacity carried back to the start month at the growth rate and
//! the first month's cloud demand at target utilisation (a market in balance
//! at the start). Providers then build toward demand / target utilisation,
//! never faster than `capacity_growth_per_year` and never shrinking (data
//! centres are sunk). When demand grows faster than providers can build, the
//! cloud runs short, as it did in 2023 (`data/ai.md`: training and inference
//! compete for the same accelerators).
//!
//! **GPU shortages** (`EventKind::GpuShortage`) multiply the capacity that can
//! be used while they last, without triggering extra building (the missing
//! accelerators cannot be bought).
//!
//! **Scarcity multiplier** `s = max(1, demand / usable capacity)^ε`
//! (ε = `scarcity_elasticity`): the price premium when demand exceeds
//! capacity (MODEL.md, "Compute bottleneck").
//!
//! **Price** per 1 M tokens of a model of `X` B parameters:
//! `p₀·(X / X_ref)·(1 − d)^t·s`, with `p₀` the price of the reference model of
//! `X_ref` parameters at the reference month (default $2 for 100 B in 2024)
//! and `d` the yearly decline of the price per parameter. Default d = 0.28:
//! FLOP/s per dollar of ML GPUs doubles every ≈ 2.07 years (`data/ai.md`,
//! Epoch AI hardware trends), 1 − 2^(−1/2.07) ≈ 0.28. A fixed capability also
//! needs fewer parameters every year (τ), so its price falls by
//! `(1 − d)·2^(−12/τ)` a year: ≈ 4× a year with τ = 8, below Epoch AI's
//! 9×–900× (`data/ai.md`), which measures the 2023–25 price war (margins,
//! distillation) and cannot be extrapolated for decades.

use crate::scenario::{Cloud, Event, EventKind, Month};

/// The largest scarcity multiplier: a cloud with no usable capacity (a
/// shortage that removes all of it) charges this premium, and no premium
/// exceeds it, so prices and spend stay finite numbers.
pub const MAX_SCARCITY: f64 = 1.0e6;

/// The cloud's state between months.
#[derive(Debug, Clone)]
pub struct CloudMarket {
    params: Cloud,
    /// ln(1 − yearly decline of the price per parameter).
    ln_price_retained: f64,
    shortages: Vec<(Month, Option<u32>, f64)>,
    /// Capacity providers have built (T tokens/month), before shortages;
    /// `None` until the first month sets it.
    built: Option<f64>,
    /// Scarcity multiplier of the last simulated month (1 = no premium).
    pub scarcity: f64,
    /// Demand over usable capacity in the last simulated month.
    pub utilisation: f64,
    /// Usable capacity in the last simulated month (T tokens/month).
    pub usable_capacity: f64,
}

impl CloudMarket {
    /// A cloud market for these parameters and the scenario's events.
    pub fn new(params: &Cloud, events: &[Event]) -> Self {
        let shortages = events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::GpuShortage { capacity_multiplier, duration_months } => {
                    Some((e.month, duration_months, capacity_multiplier))
                }
                _ => None,
            })
            .collect();
        Self {
            params: params.clone(),
            ln_price_retained: (1.0 - params.price_decline_per_year).ln(),
            shortages,
            built: None,
            scarcity: 1.0,
            utilisation: f64::NAN,
            usable_capacity: f64::NAN,
        }
    }

    /// Product of the capacity multipliers of the shortages active in `month`.
    pub fn shortage_factor(&self, month: Month) -> f64 {
        self.shortages
            .iter()
            .filter(|(start, duration, _)| {
                month >= *start
                    && duration.is_none_or(|d| month.months_since(*start) < i32::try_from(d).unwrap_or(i32::MAX))
            })
            .map(|(_, _, k)| *k)
            .product()
    }

    /// Books one month of cloud demand (T tokens/month) at `t` years from the
    /// reference: sets usable capacity, utilisation and scarcity, then lets
    /// providers build for the next month.
    pub fn step(&mut self, month: Month, t: f64, demand: f64) {
        let p = &self.params;
        let target = p.target_utilisation.max(1.0e-6);
        let built = *self.built.get_or_insert_with(|| {
            let carried = p.capacity_t_tokens_per_month * (p.capacity_growth_per_year.ln_1p() * t).exp();
            carried.max(demand / target)
        });
        let usable = built * self.shortage_factor(month);
        self.usable_capacity = usable;
        // With no usable capacity and some demand, utilisation has no value
        // (NaN, an empty cell) and the premium is the largest one.
        self.utilisation = if usable > 0.0 {
            demand / usable
        } else if demand > 0.0 {
            f64::NAN
        } else {
            0.0
        };
        self.scarcity = if usable > 0.0 || demand <= 0.0 {
            self.utilisation.max(1.0).powf(p.scarcity_elasticity).min(MAX_SCARCITY)
        } else {
            MAX_SCARCITY
        };
        let fastest = built * (p.capacity_growth_per_year.ln_1p() / 12.0).exp();
        self.built = Some(fastest.min(built.max(demand / target)));
    }

    /// Price of 1 M tokens on a model of `params_b` at `t`, without scarcity.
    pub fn base_price_usd_per_mtok(&self, params_b: f64, t: f64) -> f64 {
        let p = &self.params;
        p.price_usd_per_mtok * (params_b / p.price_reference_params_b) * (self.ln_price_retained * t).exp()
    }

    /// Price of 1 M tokens on the reference model at `t`, with the last
    /// month's scarcity.
    pub fn reference_price_usd_per_mtok(&self, t: f64) -> f64 {
        self.base_price_usd_per_mtok(self.params.price_reference_params_b, t) * self.scarcity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cloud() -> Cloud {
        Cloud {
            capacity_t_tokens_per_month: 100.0,
            capacity_growth_per_year: 1.0,
            price_usd_per_mtok: 2.0,
            price_decline_per_year: 0.5,
            scarcity_elasticity: 2.0,
            price_reference_params_b: 100.0,
            target_utilisation: 0.8,
            demand_price_elasticity: 0.0,
        }
    }

    fn shortage(month: Month, k: f64, months: Option<u32>) -> Event {
        Event {
            month,
            label: String::new(),
            kind: EventKind::GpuShortage { capacity_multiplier: k, duration_months: months },
        }
    }

    #[test]
    fn no_premium_with_slack_and_a_premium_when_short() {
        let mut c = CloudMarket::new(&cloud(), &[]);
        c.step(Month::ym(2024, 1), 0.0, 50.0);
        assert_eq!(c.scarcity, 1.0);
        assert!((c.utilisation - 0.5).abs() < 1e-12);
        // Nothing was built at 50 % utilisation; demand quadrupling in a
        // month meets the same capacity.
        c.step(Month::ym(2024, 2), 1.0 / 12.0, 200.0);
        assert!((c.utilisation - 2.0).abs() < 1e-9);
        assert!((c.scarcity - 4.0).abs() < 1e-9);
        // Providers then build at most 2× a year toward 250 (200 / 0.8).
        c.step(Month::ym(2024, 3), 2.0 / 12.0, 200.0);
        assert!((c.usable_capacity - 100.0 * 2f64.powf(1.0 / 12.0)).abs() < 1e-9);
    }

    #[test]
    fn providers_build_toward_target_utilisation() {
        let mut c = CloudMarket::new(&cloud(), &[]);
        let mut m = Month::ym(2024, 1);
        for _ in 0..120 {
            c.step(m, 0.0, 500.0);
            m = m.offset(1);
        }
        assert!((c.utilisation - 0.8).abs() < 1e-9, "{}", c.utilisation);
        assert_eq!(c.scarcity, 1.0);
    }

    #[test]
    fn a_shortage_cuts_usable_capacity_while_it_lasts() {
        let start = Month::ym(2025, 1);
        let mut c = CloudMarket::new(&cloud(), &[shortage(start, 0.5, Some(6))]);
        assert_eq!(c.shortage_factor(start.offset(-1)), 1.0);
        assert_eq!(c.shortage_factor(start), 0.5);
        assert_eq!(c.shortage_factor(start.offset(5)), 0.5);
        assert_eq!(c.shortage_factor(start.offset(6)), 1.0);
        let permanent = CloudMarket::new(&cloud(), &[shortage(start, 0.7, None), shortage(start, 0.5, Some(1))]);
        assert!((permanent.shortage_factor(start) - 0.35).abs() < 1e-12);
        assert!((permanent.shortage_factor(start.offset(100)) - 0.7).abs() < 1e-12);
        // At target utilisation, halving capacity makes demand 1.6× capacity.
        let mut m = Month::ym(2024, 1);
        while m < start {
            c.step(m, 0.0, 80.0);
            m = m.offset(1);
        }
        c.step(start, 0.0, 80.0);
        assert!((c.scarcity - 1.6f64.powi(2)).abs() < 1e-9, "{}", c.scarcity);
    }

    #[test]
    fn price_scales_with_size_and_falls_per_year() {
        let c = CloudMarket::new(&cloud(), &[]);
        assert!((c.base_price_usd_per_mtok(100.0, 0.0) - 2.0).abs() < 1e-12);
        assert!((c.base_price_usd_per_mtok(300.0, 0.0) - 6.0).abs() < 1e-12);
        assert!((c.base_price_usd_per_mtok(100.0, 1.0) - 1.0).abs() < 1e-12);
    }
}
