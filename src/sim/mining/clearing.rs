//! The month's clearing hashprice: the `h` at which the hash rate that would
//! run, `S(h)`, earns the month's reward at the target block rate,
//! `h·S(h) = R` (USD per TH/s-month). The difficulty settles there once it
//! has caught up with the running fleet, so the shutdown rule compares costs
//! with it (see [`super::MiningSector`]).
//!
//! The supply curve is gathered once a month into flat arrays: each firm
//! cohort that can run adds `ths × share(h)`, its machines' costs spread
//! uniformly over `[lo, hi]` ([`super::firms::running_share`]), so it rises
//! linearly from `lo` to `hi`; each hobbyist cohort adds its hash rate from
//! the hashprice at which its members start to run; fixed-cost firms add a
//! constant. `h·S(h)` grows with `h`, so the root is bracketed (starting near
//! last month's price) and found by the Illinois variant of regula falsi,
//! which converges in a handful of passes over the arrays where bisection
//! took twenty, to a relative precision of [`PRECISION`].

/// Relative width of the bracket at which the search stops.
pub const PRECISION: f64 = 1.0e-9;
/// Most passes over the supply curve in one month.
const MAX_PASSES: usize = 100;
/// The clearing price stays within this factor of the hashprice at the
/// current difficulty, either way.
pub const MAX_FACTOR: f64 = 1.0e3;

/// The month's supply curve.
#[derive(Debug, Clone, Default)]
pub struct SupplyCurve {
    /// Firm cohorts: hashprice below which none of it runs.
    lo: Vec<f64>,
    /// Firm cohorts: hashprice from which all of it runs.
    hi: Vec<f64>,
    /// Firm cohorts: hash rate, TH/s.
    ths: Vec<f64>,
    /// Hobbyist cohorts: hashprice from which their members run.
    from: Vec<f64>,
    /// Hobbyist cohorts: hash rate, TH/s.
    hobby_ths: Vec<f64>,
    /// Hash rate that runs whatever the price (fixed-cost firms), TH/s.
    fixed_ths: f64,
    /// Last month's clearing price, where this month's search starts.
    last: Option<f64>,
}

impl SupplyCurve {
    /// Solves the month's curve (see [`SupplyCurve::clearing_price`]) from
    /// last month's clearing price, and remembers the result for next month.
    pub fn solve(&mut self, reward: f64, current: f64) -> f64 {
        let price = self.clearing_price(reward, current, self.last);
        if reward > 0.0 {
            self.last = Some(price);
        }
        price
    }

    /// Empties the curve for a new month, keeping its buffers and the last
    /// clearing price.
    pub fn clear(&mut self) {
        self.lo.clear();
        self.hi.clear();
        self.ths.clear();
        self.from.clear();
        self.hobby_ths.clear();
        self.fixed_ths = 0.0;
    }

    /// A firm cohort of `ths` TH/s whose machines' costs spread over
    /// `[lo, hi]`.
    pub fn add_cohort(&mut self, ths: f64, lo: f64, hi: f64) {
        self.lo.push(lo);
        self.hi.push(hi);
        self.ths.push(ths);
    }

    /// A hobbyist cohort of `ths` TH/s running from hashprice `from`.
    pub fn add_step(&mut self, ths: f64, from: f64) {
        self.from.push(from);
        self.hobby_ths.push(ths);
    }

    /// Hash rate that runs at any price.
    pub fn add_fixed(&mut self, ths: f64) {
        self.fixed_ths += ths;
    }

    /// Hash rate that would run at hashprice `h`, TH/s.
    pub fn supply(&self, h: f64) -> f64 {
        let mut total = self.fixed_ths;
        for ((&lo, &hi), &ths) in self.lo.iter().zip(&self.hi).zip(&self.ths) {
            total += if h >= hi {
                ths
            } else if h <= lo {
                0.0
            } else {
                ths * (h - lo) / (hi - lo)
            };
        }
        for (&from, &ths) in self.from.iter().zip(&self.hobby_ths) {
            if h >= from {
                total += ths;
            }
        }
        total
    }

    /// The clearing hashprice for reward `reward` (USD per month), within
    /// [`MAX_FACTOR`] of `current` either way, searched from `guess` (last
    /// month's clearing price) when there is one; `current` when nothing is
    /// earned.
    pub fn clearing_price(&self, reward: f64, current: f64, guess: Option<f64>) -> f64 {
        if reward <= 0.0 || !current.is_finite() || current <= 0.0 {
            return current;
        }
        let excess = |h: f64| h * self.supply(h) - reward;
        let (min, max) = (current / MAX_FACTOR, current * MAX_FACTOR);
        let start = guess.filter(|g| g.is_finite() && *g > min && *g < max).unwrap_or(current);
        let Some(bracket) = Bracket::around(start, min, max, &excess) else {
            return if excess(max) < 0.0 { max } else { min };
        };
        bracket.illinois(&excess)
    }
}

/// `a < b` with `f(a) < 0 ≤ f(b)`.
#[derive(Debug, Clone, Copy)]
struct Bracket {
    a: f64,
    fa: f64,
    b: f64,
    fb: f64,
}

impl Bracket {
    /// Widens a bracket around `start` by growing factors until it holds the
    /// root, within `[min, max]`; `None` when the root is outside.
    fn around(start: f64, min: f64, max: f64, f: &impl Fn(f64) -> f64) -> Option<Self> {
        let mut step = 1.1_f64;
        let (mut a, mut b) = ((start / step).max(min), (start * step).min(max));
        let (mut fa, mut fb) = (f(a), f(b));
        for _ in 0..MAX_PASSES {
            if fa < 0.0 && fb >= 0.0 {
                return Some(Self { a, fa, b, fb });
            }
            step *= step;
            if fa >= 0.0 {
                if a <= min {
                    return None;
                }
                (b, fb) = (a, fa);
                a = (a / step).max(min);
                fa = f(a);
            } else {
                if b >= max {
                    return None;
                }
                (a, fa) = (b, fb);
                b = (b * step).min(max);
                fb = f(b);
            }
        }
        None
    }

    /// Regula falsi with the Illinois correction (the endpoint kept twice
    /// in a row has its value halved), so the bracket shrinks from both
    /// sides even where the curve bends or jumps.
    fn illinois(mut self, f: &impl Fn(f64) -> f64) -> f64 {
        let mut kept = 0_i8;
        for _ in 0..MAX_PASSES {
            if self.b - self.a <= PRECISION * self.b {
                break;
            }
            let secant = self.b - self.fb * (self.b - self.a) / (self.fb - self.fa);
            let c = if secant > self.a && secant < self.b { secant } else { f64::midpoint(self.a, self.b) };
            let fc = f(c);
            if fc < 0.0 {
                (self.a, self.fa) = (c, fc);
                if kept == -1 {
                    self.fb /= 2.0;
                }
                kept = -1;
            } else {
                (self.b, self.fb) = (c, fc);
                if kept == 1 {
                    self.fa /= 2.0;
                }
                kept = 1;
            }
        }
        self.b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linear_ramp_clears_where_price_times_supply_meets_the_reward() {
        // 100 TH/s with costs spread over [1, 3]: S(h) = 50·(h − 1) there.
        let mut c = SupplyCurve::default();
        c.add_cohort(100.0, 1.0, 3.0);
        // h·50(h − 1) = 75 → h² − h − 1.5 = 0 → h = (1 + √7) / 2.
        let h = c.clearing_price(75.0, 2.0, None);
        assert!((h - f64::midpoint(1.0, 7f64.sqrt())).abs() < 1e-8, "{h}");
        // Above the ramp all of it runs: h·100 = 500 → h = 5.
        let h = c.clearing_price(500.0, 2.0, Some(1.6));
        assert!((h - 5.0).abs() < 1e-8, "{h}");
    }

    #[test]
    fn a_step_clears_at_the_price_it_starts_running() {
        let mut c = SupplyCurve::default();
        c.add_step(10.0, 4.0);
        c.add_fixed(1.0);
        // Below 4 only 1 TH/s runs (h·1 < 30 up to h = 30 > 4); from 4 on
        // 11 TH/s: 4·11 = 44 ≥ 30, so the price sits at the step.
        let h = c.clearing_price(30.0, 5.0, None);
        assert!((h - 4.0).abs() < 4.0 * 1e-8, "{h}");
    }

    #[test]
    fn the_price_stays_within_its_bounds_and_is_current_without_reward() {
        let mut c = SupplyCurve::default();
        c.add_fixed(1.0);
        assert_eq!(c.clearing_price(0.0, 7.0, None), 7.0);
        assert_eq!(c.clearing_price(1.0e12, 1.0, None), MAX_FACTOR, "too little supply: the upper bound");
        let mut big = SupplyCurve::default();
        big.add_fixed(1.0e12);
        assert_eq!(big.clearing_price(1.0, 1.0, None), 1.0 / MAX_FACTOR);
    }
}
