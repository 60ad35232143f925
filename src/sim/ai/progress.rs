//! Algorithmic progress, quantisation, the training-data stock and the
//! frontier: the curves that decide how large a model each workload needs and
//! how many bytes each of its parameters takes.
//!
//! Everything here is a closed-form function of the month, measured in years
//! `t` from the progress reference month (`ai.progress.reference_month`,
//! default 2024-01, where the scenario's sizes are observed). Closed forms
//! keep the curves exact, cheap and identical whether a run starts before or
//! after the reference month.

use crate::scenario::{AiProgress, DataStock, Month, Workload};

/// Years from the reference month to `month` (negative before it).
pub fn years_from(reference: Month, month: Month) -> f64 {
    f64::from(month.months_since(reference)) / 12.0
}

/// Algorithmic efficiency factor `e(t) = 2^(−12·t/τ)`: the parameters (and
/// compute) a fixed capability needs, relative to the reference month.
///
/// τ = `halving_months`; default 8 months, Epoch AI's estimate for language
/// models (95 % CI 5–14; `data/ai.md`, "Efficiency and progress"). Applied to
/// parameters as MODEL.md states it; a 2024 3 B model matching a 2022 100 B+
/// model is in line with it.
pub fn efficiency(progress: &AiProgress, t: f64) -> f64 {
    (-12.0 * t / progress.halving_months).exp2()
}

/// Bits per weight of deployed models: linear decline from the reference
/// value (4 bits in 2024, the low end of the 2–4 bit on-device range of
/// `data/ai.md`) by `bits_decline_per_year`, between the floor (2 bits) and
/// the ceiling (16 bits, half precision, reached going back in time).
pub fn bits_per_weight(progress: &AiProgress, t: f64) -> f64 {
    (progress.bits_per_weight_at_reference - progress.bits_decline_per_year * t)
        .min(progress.bits_per_weight_ceiling)
        .max(progress.bits_per_weight_floor)
}

/// The training-data stock and the frontier model it feeds.
///
/// The largest model's training set grows as `T(t) = T₀·(1+g_T)^t`; the
/// stock is used up at the first `t` where `T(t) ≥ S` (defaults `T₀` = 15 T
/// tokens in 2024, 2.5×/yr, `S` = 300 T tokens ⇒ spring 2027, inside the
/// 2026–2032 window of Villalobos et al. 2024, `data/ai.md`, "Data").
/// Frontier size grows as `F₀·(1+g_F)^t` until then and at `g_F·k` after,
/// with `k` = `slowdown_after_exhaustion`. With `limited` off the stock never
/// binds.
#[derive(Debug, Clone, Copy)]
pub struct Frontier {
    f0: f64,
    growth: f64,
    growth_after: f64,
    t0: f64,
    training_growth: f64,
    stock: f64,
    /// Years from the reference month at which the stock runs out (`None`
    /// when it never does).
    pub exhaustion_t: Option<f64>,
}

impl Frontier {
    /// The frontier of a scenario's data settings.
    pub fn new(data: &DataStock) -> Self {
        let exhaustion_t = if !data.limited {
            None
        } else if data.training_t_tokens_at_reference >= data.stock_t_tokens {
            Some(f64::NEG_INFINITY)
        } else if data.training_growth_per_year > 0.0 && data.training_t_tokens_at_reference > 0.0 {
            Some(
                (data.stock_t_tokens / data.training_t_tokens_at_reference).ln()
                    / data.training_growth_per_year.ln_1p(),
            )
        } else {
            None
        };
        Self {
            f0: data.frontier_params_b_at_reference,
            growth: data.frontier_growth_per_year,
            growth_after: data.frontier_growth_per_year * data.slowdown_after_exhaustion,
            t0: data.training_t_tokens_at_reference,
            training_growth: data.training_growth_per_year,
            stock: data.stock_t_tokens,
            exhaustion_t,
        }
    }

    /// Whether the stock is used up at `t`.
    pub fn exhausted(&self, t: f64) -> bool {
        self.exhaustion_t.is_some_and(|tx| t >= tx)
    }

    /// Frontier model size (B parameters) at `t`.
    pub fn params_b(&self, t: f64) -> f64 {
        let fast = self.growth.ln_1p();
        let slow = self.growth_after.ln_1p();
        match self.exhaustion_t {
            // Exhausted before the reference: slow growth through the
            // reference, fast growth before the exhaustion date.
            Some(tx) if tx < 0.0 => {
                let tx = tx.max(-1.0e6);
                if t >= tx { self.f0 * (slow * t).exp() } else { self.f0 * (slow * tx + fast * (t - tx)).exp() }
            }
            Some(tx) if t > tx => self.f0 * (fast * tx + slow * (t - tx)).exp(),
            _ => self.f0 * (fast * t).exp(),
        }
    }

    /// Share of the data stock the largest training set uses (0–1).
    pub fn data_used_share(&self, t: f64) -> f64 {
        if self.stock <= 0.0 {
            return 1.0;
        }
        (self.t0 * (self.training_growth.ln_1p() * t).exp() / self.stock).min(1.0)
    }
}

/// Parameters (B) the model serving `workload` needs at `t`: what its users
/// expect.
///
/// - A fixed workload (`tracks_frontier` off: classic ML, speech) needs the
///   capability of `required_params_b` at the reference month; after it that
///   capability fits in `required·e(t)` parameters. Before it the workload was
///   served by models of about that size at the quality of the day, so the
///   need is `required·min(1, e(t))`.
/// - A frontier-tracking workload (assistants, code) expects a capability
///   that grows with the frontier's, `C(t) = F(t)/e(t)` in reference-efficiency
///   parameters, with elasticity η (`expectation_elasticity`):
///   `need = required·(C(t)/C₀)^η·e(t) = required·(F/F₀)^η·e^(1−η)`.
///   With η = 0.7, F doubling a year and τ = 8 months the need grows ≈ 18 %
///   a year while data lasts and shrinks ≈ 22 % a year after the stock is
///   used up: the capability users expect "stops running away" (MODEL.md).
///   η is not measured directly; it is chosen so that a small open model
///   trails the frontier by months, not years (`data/ai.md`: one consumer GPU
///   lags the frontier by ≈ 6–12 months).
pub fn needed_params_b(workload: &Workload, progress: &AiProgress, frontier: &Frontier, t: f64) -> f64 {
    let e = efficiency(progress, t);
    if workload.tracks_frontier {
        let eta = progress.expectation_elasticity;
        let growth = frontier.params_b(t) / frontier.f0;
        workload.required_params_b * growth.powf(eta) * e.powf(1.0 - eta)
    } else {
        workload.required_params_b * e.min(1.0)
    }
}

/// Demand of a workload at month `month` and `t` years from the reference, in
/// trillions of tokens per month: 0 before `since`; from the reference value
/// `D₀` growing at `g` a year, exponentially, or logistically toward the
/// ceiling `K·c` when one is set: `D = K·c / (1 + (K·c/D₀ − 1)·e^(−ln(1+g)·t))`.
///
/// `c` is the price response of the ceiling ([`price_response`]); it moves
/// where demand saturates, not the reference value, so `D(0) = D₀` whatever
/// the price path.
pub fn demand_t_tokens(workload: &Workload, month: Month, t: f64, c: f64) -> f64 {
    if month < workload.since {
        return 0.0;
    }
    let d0 = workload.demand_t_tokens_per_month;
    let rate = workload.demand_growth_per_year.ln_1p();
    let ceiling = workload.demand_ceiling_t_tokens_per_month * c;
    if ceiling <= 0.0 {
        d0 * (rate * t).exp()
    } else if d0 <= 0.0 {
        0.0
    } else if d0 >= ceiling {
        ceiling
    } else {
        ceiling / (1.0 + (ceiling / d0 - 1.0) * (-rate * t).exp())
    }
}

/// Widest factor the price response may move a demand ceiling by, either
/// way: extreme but valid scenarios (prices falling 99.9 % a year for
/// decades) stay finite.
pub const MAX_PRICE_RESPONSE: f64 = 1.0e12;

/// How far a workload's demand ceiling moves with its price:
/// `(p(t) / p(0))^−ε`, with `price_ratio = p(t)/p(0)` and ε the demand price
/// elasticity; 1 when the ratio is not a positive finite number.
///
/// A constant-elasticity demand on the level use saturates at: cheaper
/// tokens are used more (longer contexts, agents, new uses). The top of the
/// plausible range is the −1.11 estimated within models across providers on
/// `OpenRouter` usage ("The Emerging Market for Intelligence: Pricing, Supply,
/// and Demand for LLMs", NBER working paper): switching between providers of
/// one model is more elastic than demand for inference as a whole. The
/// default ε = 0.8 lies inside 0–1.11; with it the baseline's cloud bill
/// grows with use to ≈ $350 B a year in 2034 and then falls as the edge
/// takes most inference (≈ $120 B in 2040; measured 2026-12-08), where with
/// no response it collapsed to ≈ $3 B by 2040. It is a choice inside a range, not a
/// measurement: the editor and the sensitivity screening expose it.
pub fn price_response(price_ratio: f64, elasticity: f64) -> f64 {
    if price_ratio > 0.0 && price_ratio.is_finite() {
        price_ratio.powf(-elasticity).clamp(1.0 / MAX_PRICE_RESPONSE, MAX_PRICE_RESPONSE)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress() -> AiProgress {
        AiProgress::default()
    }

    #[test]
    fn efficiency_halves_every_tau() {
        let p = AiProgress { halving_months: 8.0, ..progress() };
        assert!((efficiency(&p, 8.0 / 12.0) - 0.5).abs() < 1e-12);
        assert!((efficiency(&p, -16.0 / 12.0) - 4.0).abs() < 1e-12);
    }

    #[test]
    fn bits_stay_between_floor_and_ceiling() {
        let p = AiProgress { bits_per_weight_at_reference: 4.0, bits_decline_per_year: 0.5, ..progress() };
        assert_eq!(bits_per_weight(&p, 0.0), 4.0);
        assert_eq!(bits_per_weight(&p, 2.0), 3.0);
        assert_eq!(bits_per_weight(&p, 100.0), p.bits_per_weight_floor);
        assert_eq!(bits_per_weight(&p, -100.0), p.bits_per_weight_ceiling);
    }

    #[test]
    fn stock_runs_out_when_the_training_set_reaches_it() {
        let data = DataStock {
            limited: true,
            stock_t_tokens: 300.0,
            training_t_tokens_at_reference: 15.0,
            training_growth_per_year: 1.5,
            ..DataStock::default()
        };
        let f = Frontier::new(&data);
        let tx = f.exhaustion_t.expect("the default stock runs out");
        // 15 · 2.5^t = 300 ⇒ t = ln 20 / ln 2.5 ≈ 3.27 years.
        assert!((tx - 20f64.ln() / 2.5f64.ln()).abs() < 1e-12);
        assert!((f.data_used_share(tx) - 1.0).abs() < 1e-9);
        assert!(!f.exhausted(tx - 0.01) && f.exhausted(tx));
    }

    #[test]
    fn frontier_growth_slows_after_exhaustion_and_is_continuous() {
        let data = DataStock { frontier_growth_per_year: 1.0, slowdown_after_exhaustion: 0.3, ..DataStock::default() };
        let f = Frontier::new(&data);
        let tx = f.exhaustion_t.expect("the default stock runs out");
        let before = f.params_b(tx - 1e-9);
        let after = f.params_b(tx + 1e-9);
        assert!((before / after - 1.0).abs() < 1e-6);
        let yearly_after = f.params_b(tx + 2.0) / f.params_b(tx + 1.0);
        assert!((yearly_after - 1.3).abs() < 1e-9, "{yearly_after}");
        assert!((f.params_b(tx - 1.0) / f.params_b(tx - 2.0) - 2.0).abs() < 1e-9);
        let unlimited = Frontier::new(&DataStock { limited: false, ..data });
        // Five years after exhaustion: (2 / 1.3)^5 ≈ 8.6 times larger.
        let ratio = unlimited.params_b(tx + 5.0) / f.params_b(tx + 5.0);
        assert!((ratio - (2.0f64 / 1.3).powi(5)).abs() < 1e-6, "{ratio}");
    }

    #[test]
    fn tracking_need_runs_away_before_exhaustion_and_shrinks_after() {
        let p = progress();
        let data = DataStock::default();
        let f = Frontier::new(&data);
        let tx = f.exhaustion_t.expect("the default stock runs out");
        let w = Workload { tracks_frontier: true, required_params_b: 100.0, ..Workload::default() };
        assert!((needed_params_b(&w, &p, &f, 0.0) - 100.0).abs() < 1e-9);
        assert!(needed_params_b(&w, &p, &f, tx - 0.1) > needed_params_b(&w, &p, &f, tx - 1.1));
        assert!(needed_params_b(&w, &p, &f, tx + 2.0) < needed_params_b(&w, &p, &f, tx + 1.0));
        let fixed = Workload { tracks_frontier: false, ..w };
        assert_eq!(needed_params_b(&fixed, &p, &f, -3.0), 100.0);
        assert!((needed_params_b(&fixed, &p, &f, 8.0 / 12.0) - 50.0).abs() < 1e-9);
    }

    #[test]
    fn logistic_demand_starts_at_reference_and_saturates() {
        let w = Workload {
            since: Month::ym(2020, 1),
            demand_t_tokens_per_month: 10.0,
            demand_growth_per_year: 2.0,
            demand_ceiling_t_tokens_per_month: 1000.0,
            ..Workload::default()
        };
        let m = Month::ym(2024, 1);
        assert!((demand_t_tokens(&w, m, 0.0, 1.0) - 10.0).abs() < 1e-9);
        assert!(demand_t_tokens(&w, m, 30.0, 1.0) > 999.0);
        assert_eq!(demand_t_tokens(&w, Month::ym(2019, 12), -4.0, 1.0), 0.0);
        let unbounded = Workload { demand_ceiling_t_tokens_per_month: 0.0, ..w };
        assert!((demand_t_tokens(&unbounded, m, 1.0, 1.0) - 30.0).abs() < 1e-9);
    }

    #[test]
    fn cheaper_tokens_raise_the_ceiling_but_not_the_reference_demand() {
        let w = Workload {
            demand_t_tokens_per_month: 10.0,
            demand_growth_per_year: 2.0,
            demand_ceiling_t_tokens_per_month: 1000.0,
            ..Workload::default()
        };
        let m = Month::ym(2030, 1);
        // Price down 10×, elasticity 0.8: the ceiling rises 10^0.8 ≈ 6.3×.
        let c = price_response(0.1, 0.8);
        assert!((c - 10f64.powf(0.8)).abs() < 1e-9);
        assert!((demand_t_tokens(&w, m, 0.0, c) - 10.0).abs() < 1e-9, "D(0) = D₀");
        assert!(demand_t_tokens(&w, m, 40.0, c) > 6000.0, "saturates at the moved ceiling");
        assert_eq!(price_response(0.1, 0.0), 1.0, "no response at ε = 0");
        assert_eq!(price_response(0.0, 0.8), 1.0);
        assert_eq!(price_response(f64::NAN, 0.8), 1.0);
        assert_eq!(price_response(1e-300, 3.0), MAX_PRICE_RESPONSE);
    }
}
