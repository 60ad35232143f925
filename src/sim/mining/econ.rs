//! What every miner knows when deciding in a month: the hashprice at the
//! current difficulty, its outlook, and the scale economies of its size.
//!
//! **Hashprice** `hp` = expected revenue of one TH/s over the month at the
//! current difficulty = `(seconds / target) / D × (subsidy + fees) × price`,
//! USD per TH/s per month; it lags the network because `D` does (retarget
//! lag), and it drives the shutdown rule. Firms value hardware with the
//! steady-state signal `R̄ / H`: the month's reward at the target block rate,
//! smoothed over months ([`SIGNAL_WEIGHT`], so one month's price spike does
//! not trigger a buying spree), over last month's network, diluted by the
//! hardware other firms already bought this month.
//!
//! **Outlook.** Revenue `k` months ahead is expected at
//! `hp × (1 − d)^(k/12) × (subsidy(k) + fees) / (subsidy + fees)`, with `d`
//! `miners.expected_hashprice_decline_per_year` (network growth eats each
//! miner's share) and `subsidy(k)` the protocol subsidy at the height reached
//! after `k` months of target-rate blocks: firms foresee halvings exactly.
//! Because the outlook only falls, a machine bought now has positive margin
//! until some month `k*` and none after; it is idled then (shutdown option),
//! so its value is `hp·f·A(k*) − opex·B(k*)`, with prefix sums
//! `A(k) = Σ_{j<k} outlook_j/(1+i)^{j/12}` and `B(k) = Σ_{j<k} 1/(1+i)^{j/12}`
//! at the hurdle rate `i` of the class. The prefix sums are rebuilt once a
//! month per class, so valuing a machine costs one binary search.
//!
//! **Scale economies** (`scale` settings, MODEL.md step 4): factors on the
//! power price, hardware price, overhead and interest rate fall with the
//! entity's installed power as `(MW / reference)^−e` down to a floor; credit
//! is `capital × (credit_multiple + credit_multiple_per_decade ×
//! log10(MW / reference))`.

use std::cell::Cell;

use crate::scenario::ScaleEconomies;

/// Weight of the current month in the smoothed hashprice signal.
pub const SIGNAL_WEIGHT: f64 = 0.35;
/// Longest horizon the outlook covers, months.
pub const MAX_HORIZON: usize = 240;

/// Prefix sums of the discounted outlook for one hurdle rate.
#[derive(Debug, Clone, Default)]
pub struct Valuation {
    /// `A(k)`: discounted outlook factors summed over the first `k` months.
    pub a: Vec<f64>,
    /// `B(k)`: discount factors summed over the first `k` months.
    pub b: Vec<f64>,
    /// Discount factor of each month ahead, `(1 + i)^(−k/12)`.
    disc: Vec<f64>,
    /// The hurdle rate `disc` and `b` were worked out for: they depend on
    /// it alone, so they are kept from month to month.
    hurdle: Option<f64>,
}

impl Valuation {
    /// Rebuilds the sums for `outlook` at yearly hurdle rate `hurdle`.
    pub fn rebuild(&mut self, outlook: &[f64], hurdle: f64) {
        if self.hurdle != Some(hurdle) || self.disc.len() != outlook.len() {
            self.discount(outlook.len(), hurdle);
        }
        self.a.clear();
        let mut a = 0.0;
        self.a.push(a);
        for (&o, &disc) in outlook.iter().zip(&self.disc) {
            a += o * disc;
            self.a.push(a);
        }
    }

    /// Works out the discount factors and their sums `B` for `months`
    /// months ahead at yearly hurdle rate `hurdle`.
    fn discount(&mut self, months: usize, hurdle: f64) {
        let monthly = (1.0 + hurdle).max(1e-6).powf(1.0 / 12.0);
        let (mut disc, mut b) = (1.0, 0.0);
        self.disc.clear();
        self.b.clear();
        self.b.push(b);
        for _ in 0..months {
            self.disc.push(disc);
            b += disc;
            self.b.push(b);
            disc /= monthly;
        }
        self.hurdle = Some(hurdle);
    }

    /// Value per TH/s of running a machine for at most `life` months when
    /// month 0 earns `revenue` and costs `opex` (USD per TH/s-month).
    pub fn value(&self, outlook: &[f64], revenue: f64, opex: f64, life: usize) -> f64 {
        self.value_near(outlook, revenue, opex, life, &Cell::new(0))
    }

    /// [`Valuation::value`], searching for the last month that pays from
    /// `hint` (where the last valuation of similar hardware stopped) and
    /// leaving the answer there. Buyers of one generation in one month stop
    /// within a few months of each other, so this takes a few well-predicted
    /// steps where a binary search over the outlook takes eight dependent
    /// ones; the answer is the same.
    pub fn value_near(&self, outlook: &[f64], revenue: f64, opex: f64, life: usize, hint: &Cell<usize>) -> f64 {
        if revenue <= 0.0 {
            return 0.0;
        }
        let life = life.min(outlook.len());
        // First month whose margin is negative (outlook is non-increasing).
        let k = partition_from(&outlook[..life], |&o| revenue * o >= opex, hint.get());
        hint.set(k);
        revenue * self.a[k] - opex * self.b[k]
    }
}

/// `slice.partition_point(pred)` for a `pred` true on a prefix of `slice`,
/// found by galloping out from `start` and then bisecting the last gallop's
/// step: about `2·log2(distance)` tests when the answer is `distance` from
/// `start`.
pub fn partition_from<T>(slice: &[T], pred: impl Fn(&T) -> bool, start: usize) -> usize {
    let n = slice.len();
    let start = start.min(n);
    let mut step = 1;
    if start < n && pred(&slice[start]) {
        // Everything before `lo` holds; the answer lies above `start`.
        let mut lo = start + 1;
        while lo + step - 1 < n && pred(&slice[lo + step - 1]) {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step - 1).min(n);
        lo + slice[lo..hi].partition_point(pred)
    } else {
        // Nothing from `hi` on holds; the answer lies at or below `start`.
        let mut hi = start;
        while hi >= step && !pred(&slice[hi - step]) {
            hi -= step;
            step *= 2;
        }
        let lo = if hi >= step { hi - step + 1 } else { 0 };
        lo + slice[lo..hi].partition_point(pred)
    }
}

/// Scale factors of an entity of a given size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Factor on the power price.
    pub power: f64,
    /// Factor on hardware prices.
    pub hardware: f64,
    /// Factor on overhead per kW.
    pub overhead: f64,
    /// Yearly interest rate on debt.
    pub interest: f64,
    /// Credit as a multiple of capital.
    pub credit_multiple: f64,
}

impl Scale {
    /// The factors for an entity with `size_mw` installed.
    pub fn of(s: &ScaleEconomies, size_mw: f64) -> Self {
        let decades = if s.power.reference_mw > 0.0 && size_mw > s.power.reference_mw {
            (size_mw / s.power.reference_mw).log10()
        } else {
            0.0
        };
        Self {
            power: s.power.factor(size_mw),
            hardware: s.hardware.factor(size_mw),
            overhead: s.overhead.factor(size_mw),
            interest: s.interest_rate_per_year * s.interest.factor(size_mw),
            credit_multiple: s.credit_multiple + s.credit_multiple_per_decade * decades,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_stops_when_margin_turns_negative() {
        let outlook = [1.0, 0.8, 0.5, 0.2];
        let mut v = Valuation::default();
        v.rebuild(&outlook, 0.0);
        // Revenue 10, opex 6: months 0 and 1 pay (10, 8), month 2 (5) does not.
        let x = v.value(&outlook, 10.0, 6.0, 4);
        assert!((x - ((10.0 - 6.0) + (8.0 - 6.0))).abs() < 1e-12, "{x}");
        // Life shorter than the positive stretch.
        assert!((v.value(&outlook, 10.0, 6.0, 1) - 4.0).abs() < 1e-12);
    }

    proptest::proptest! {
        /// Galloping from any start finds the bisection's answer, on any
        /// prefix length, any start inside or beyond the slice.
        #[test]
        fn a_search_from_any_start_finds_the_partition_point(
            len in 0usize..300,
            cut in 0usize..300,
            start in 0usize..320,
        ) {
            let v: Vec<usize> = (0..len).collect();
            let pred = |&x: &usize| x < cut;
            proptest::prop_assert_eq!(partition_from(&v, pred, start), v.partition_point(pred));
        }
    }

    #[test]
    fn discounting_lowers_value() {
        let outlook = [1.0; 24];
        let mut v0 = Valuation::default();
        v0.rebuild(&outlook, 0.0);
        let mut v1 = Valuation::default();
        v1.rebuild(&outlook, 0.5);
        assert!(v1.value(&outlook, 2.0, 1.0, 24) < v0.value(&outlook, 2.0, 1.0, 24));
        assert!((v0.value(&outlook, 2.0, 1.0, 24) - 24.0).abs() < 1e-9);
    }

    #[test]
    fn bigger_entities_get_better_terms() {
        let s = ScaleEconomies::default();
        let small = Scale::of(&s, 0.5);
        let big = Scale::of(&s, 500.0);
        assert_eq!(small.power, 1.0);
        assert!(big.power < small.power && big.hardware < small.hardware && big.overhead < small.overhead);
        assert!(big.interest < small.interest);
        assert!(big.credit_multiple > small.credit_multiple);
    }
}
