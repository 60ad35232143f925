//! The month's clearing hashprice: the `h` at which the hash rate that would
//! run, `S(h)`, earns the month's reward at the target block rate,
//! `h·S(h) = R` (USD per TH/s-month). The difficulty settles there once it
//! has caught up with the running fleet, so the shutdown rule compares costs
//! with it (see [`super::MiningSector`]).
//!
//! The supply curve is gathered once a month into two flat arrays: each firm
//! cohort that can run adds `ths × share(h)`, its machines' costs spread
//! uniformly over `[lo, hi]` ([`super::firms::running_share`]), so it rises
//! linearly from `lo` to `hi`; each hobbyist cohort adds its hash rate from
//! the hashprice at which its members start to run; fixed-cost firms add a
//! constant. So `S` is piecewise linear, `h·S(h)` is piecewise quadratic and
//! grows with `h`, and the root is found exactly: a pass over the arrays
//! gives the straight piece through a point, whose quadratic root is either
//! the answer or the next point to try ([`SupplyCurve::clearing_price`]).
//! Starting from last month's price this takes two or three passes, where a
//! bracketing search took six to ten to reach a relative precision of 1e-9.

/// Most passes over the supply curve in one month.
const MAX_PASSES: usize = 100;
/// The clearing price stays within this factor of the hashprice at the
/// current difficulty, either way.
pub const MAX_FACTOR: f64 = 1.0e3;

/// The month's supply curve.
#[derive(Debug, Clone, Default)]
pub struct SupplyCurve {
    /// Firm cohorts, each read whole by every pass.
    ramps: Vec<Ramp>,
    /// Hobbyist cohorts: hashprice from which their members run, and their
    /// hash rate, TH/s.
    steps: Vec<(f64, f64)>,
    /// Hash rate that runs whatever the price (fixed-cost firms), TH/s.
    fixed_ths: f64,
    /// Last month's clearing price, where this month's search starts.
    last: Option<f64>,
}

/// A firm cohort on the supply curve: none of it runs below `lo`, all of it
/// from `hi`, linearly between.
#[derive(Debug, Clone, Copy)]
struct Ramp {
    lo: f64,
    hi: f64,
    /// Hash rate, TH/s.
    ths: f64,
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
        self.ramps.clear();
        self.steps.clear();
        self.fixed_ths = 0.0;
    }

    /// A firm cohort of `ths` TH/s whose machines' costs spread over
    /// `[lo, hi]`.
    pub fn add_cohort(&mut self, ths: f64, lo: f64, hi: f64) {
        self.ramps.push(Ramp { lo, hi, ths });
    }

    /// A hobbyist cohort of `ths` TH/s running from hashprice `from`.
    pub fn add_step(&mut self, ths: f64, from: f64) {
        self.steps.push((from, ths));
    }

    /// Hash rate that runs at any price.
    pub fn add_fixed(&mut self, ths: f64) {
        self.fixed_ths += ths;
    }

    /// Hash rate that would run at hashprice `h`, TH/s: the definition the
    /// search's pieces are checked against.
    #[cfg(test)]
    pub fn supply(&self, h: f64) -> f64 {
        let mut total = self.fixed_ths;
        for &Ramp { lo, hi, ths } in &self.ramps {
            total += if h >= hi {
                ths
            } else if h <= lo {
                0.0
            } else {
                ths * (h - lo) / (hi - lo)
            };
        }
        for &(from, ths) in &self.steps {
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
    ///
    /// Between breakpoints the curve is a straight line, so `h·S(h) = R` is a
    /// quadratic there. Each pass gathers the line through the current point
    /// and the breakpoints on either side; the quadratic's root is the answer
    /// when it falls within them, and otherwise the next point to try, the
    /// piece just passed being excluded from the bracket. Every pass excludes
    /// at least one piece, so the search ends; from last month's price it
    /// usually takes two or three passes.
    pub fn clearing_price(&self, reward: f64, current: f64, guess: Option<f64>) -> f64 {
        if reward <= 0.0 || !current.is_finite() || current <= 0.0 {
            return current;
        }
        let (min, max) = (current / MAX_FACTOR, current * MAX_FACTOR);
        let mut h = guess.filter(|g| g.is_finite() && *g > min && *g < max).unwrap_or(current);
        // The root lies in [low, high].
        let (mut low, mut high) = (min, max);
        for _ in 0..MAX_PASSES {
            let piece = self.piece(h);
            let root = piece.root(reward);
            if root >= piece.lower && root < piece.upper {
                return root.clamp(min, max);
            }
            if root >= piece.upper {
                low = low.max(piece.upper);
            } else {
                high = high.min(piece.lower);
            }
            if low >= high {
                // The root sits on a jump (a hobbyist cohort starting to
                // run), or beyond the bounds.
                return high.clamp(min, max);
            }
            h = if root >= low && root < high { root } else { f64::midpoint(low, high) };
        }
        h
    }

    /// The straight piece of the curve through hashprice `h`.
    fn piece(&self, h: f64) -> Piece {
        let mut p = Piece { base: self.fixed_ths, slope: 0.0, lower: f64::NEG_INFINITY, upper: f64::INFINITY };
        for &Ramp { lo, hi, ths } in &self.ramps {
            if h >= hi {
                p.base += ths;
                p.lower = p.lower.max(hi);
            } else if h < lo {
                p.upper = p.upper.min(lo);
            } else {
                let slope = ths / (hi - lo);
                p.slope += slope;
                p.base -= slope * lo;
                p.lower = p.lower.max(lo);
                p.upper = p.upper.min(hi);
            }
        }
        for &(from, ths) in &self.steps {
            if h >= from {
                p.base += ths;
                p.lower = p.lower.max(from);
            } else {
                p.upper = p.upper.min(from);
            }
        }
        p
    }
}

/// A stretch of the supply curve between two breakpoints, where
/// `S(h) = base + slope·h` for `lower ≤ h < upper`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    base: f64,
    slope: f64,
    lower: f64,
    upper: f64,
}

impl Piece {
    /// The positive root of `h·(base + slope·h) = reward` (`reward > 0`), in
    /// the form without cancellation for the sign of `base`; infinite when
    /// the line never earns the reward.
    fn root(&self, reward: f64) -> f64 {
        if self.slope <= 0.0 {
            return if self.base > 0.0 { reward / self.base } else { f64::INFINITY };
        }
        let disc = (self.base * self.base + 4.0 * self.slope * reward).sqrt();
        if self.base >= 0.0 { 2.0 * reward / (self.base + disc) } else { (disc - self.base) / (2.0 * self.slope) }
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

    /// A random curve: firm cohorts `(ths, lo, width)`, hobbyist steps
    /// `(ths, from)` and a fixed part.
    fn curve(cohorts: &[(f64, f64, f64)], steps: &[(f64, f64)], fixed: f64) -> SupplyCurve {
        let mut c = SupplyCurve::default();
        for &(ths, lo, width) in cohorts {
            c.add_cohort(ths, lo, lo + width);
        }
        for &(ths, from) in steps {
            c.add_step(ths, from);
        }
        c.add_fixed(fixed);
        c
    }

    proptest::proptest! {
        /// The price clears the market: `h·S(h)` equals the reward, or the
        /// reward falls within a jump at `h` (a hobbyist cohort starting to
        /// run), or `h` is at a bound and the market cannot clear inside; and
        /// where the search starts does not matter.
        #[test]
        fn the_price_clears_the_market_from_any_start(
            cohorts in proptest::collection::vec((0.0f64..1e3, 0.0f64..50.0, 0.0f64..20.0), 0..40),
            steps in proptest::collection::vec((0.0f64..1e3, 0.01f64..80.0), 0..10),
            fixed in 0.0f64..10.0,
            reward in 1e-3f64..1e6,
            current in 0.1f64..100.0,
            guess in 0.1f64..100.0,
        ) {
            let c = curve(&cohorts, &steps, fixed);
            let h = c.clearing_price(reward, current, Some(guess));
            let (min, max) = (current / MAX_FACTOR, current * MAX_FACTOR);
            proptest::prop_assert!(h >= min && h <= max, "{h} outside [{min}, {max}]");
            let earned = h * c.supply(h);
            let just_below = h * (1.0 - 1e-12) * c.supply(h * (1.0 - 1e-12));
            let clears = (earned - reward).abs() <= 1e-9 * reward;
            let on_a_jump = just_below <= reward * (1.0 + 1e-9) && earned >= reward * (1.0 - 1e-9);
            let at_a_bound = (h == max && earned < reward) || (h == min && earned > reward);
            proptest::prop_assert!(clears || on_a_jump || at_a_bound, "h {h}: earns {earned} of {reward}");
            let again = c.clearing_price(reward, current, None);
            proptest::prop_assert!((again - h).abs() <= 1e-9 * h, "from the current price {again}, from {guess} {h}");
        }
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
