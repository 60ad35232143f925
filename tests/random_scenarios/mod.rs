//! Random valid scenarios for the property tests: every registered numeric
//! field of a preset drawn inside its registry range (half of them, a fifth
//! of those at the minimum), then the cross-field rules that independent
//! draws break put back. Shared by the file round-trip and the output
//! property tests so both explore the same space.
#![allow(dead_code)]

use diverge::scenario::Scenario;
use diverge::scenario::params::{Value, Visitor};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Sets numeric fields to random values inside their registry ranges.
pub struct Perturb<'a> {
    /// The draws.
    pub rng: &'a mut ChaCha8Rng,
}

impl Visitor for Perturb<'_> {
    fn param(&mut self, path: &str, param: &diverge::scenario::params::Param, value: Value<'_>) {
        if path == "format_version" || !self.rng.random_bool(0.5) {
            return;
        }
        let (lo, hi) = (param.min, param.max);
        match value {
            Value::F64(x) => *x = if self.rng.random_bool(0.2) { lo } else { self.rng.random_range(lo..=hi) },
            Value::U32(x) => *x = self.rng.random_range(lo as u32..=hi as u32),
            Value::U64(x) => *x = self.rng.random(),
            Value::Bool(b) => *b = self.rng.random(),
            Value::OptU32(d) => {
                *d = if self.rng.random_bool(0.5) { None } else { Some(self.rng.random_range(lo as u32..=hi as u32)) }
            }
            Value::Month(_) => {}
        }
    }
}

/// Restores the cross-field rules that independent draws may break.
pub fn repair(s: &mut Scenario) {
    for (_, usd) in &mut s.market.price_usd {
        *usd = usd.max(1.0e-6);
    }
    for r in &mut s.regions {
        r.capacity_max_mw = r.capacity_max_mw.max(r.capacity_mw);
    }
    let p = &mut s.ai.progress;
    let mut bits = [p.bits_per_weight_floor, p.bits_per_weight_at_reference, p.bits_per_weight_ceiling];
    bits.sort_by(f64::total_cmp);
    [p.bits_per_weight_floor, p.bits_per_weight_at_reference, p.bits_per_weight_ceiling] = bits;
    let total: f64 = s.ai.providers.iter().map(|p| p.share).sum();
    if total > 0.0 {
        for p in &mut s.ai.providers {
            p.share /= total;
        }
        // Put the rounding residue on the largest share, which stays positive.
        let (largest, _) =
            s.ai.providers
                .iter()
                .enumerate()
                .fold((0, f64::MIN), |best, (i, p)| if p.share > best.1 { (i, p.share) } else { best });
        let rest: f64 = s.ai.providers.iter().enumerate().filter(|(i, _)| *i != largest).map(|(_, p)| p.share).sum();
        s.ai.providers[largest].share = 1.0 - rest;
    } else if let Some(first) = s.ai.providers.first_mut() {
        first.share = 1.0;
    }
}
