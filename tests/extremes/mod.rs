//! Shared helpers of the robustness tests: setting one registered parameter
//! of a scenario to the smallest or largest value the registry allows, and
//! running one sector alone over a timeline while checking every value.
#![allow(dead_code)]

use diverge::scenario::params::{Collect, Param, Params, Value, Visitor};
use diverge::scenario::validate::validate;
use diverge::scenario::{Month, Scenario};
use diverge::sim::{ColumnSpec, MonthContext, Sector};
use rand::SeedableRng;
use rand_chacha::ChaCha12Rng;

/// Sets the field at `path` to its registry minimum or maximum.
pub struct SetExtreme<'a> {
    /// Parameter path, as the registry names it.
    pub path: &'a str,
    /// Maximum (`true`) or minimum.
    pub to_max: bool,
}

impl Visitor for SetExtreme<'_> {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        if path != self.path {
            return;
        }
        let x = if self.to_max { param.max } else { param.min };
        match value {
            Value::F64(v) => *v = x,
            Value::U32(v) => *v = x as u32,
            Value::Bool(v) => *v = self.to_max,
            Value::OptU32(Some(v)) => *v = x.max(1.0) as u32,
            Value::U64(_) | Value::Month(_) | Value::OptU32(None) => {}
        }
    }
}

/// Every registered parameter path of `s` that `keep` accepts.
pub fn paths(s: &Scenario, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut collect = Collect::default();
    s.clone().visit("", &mut collect);
    collect.fields.iter().map(|(p, _, _)| p.clone()).filter(|p| keep(p)).collect()
}

/// `s` with the parameter at `path` at its minimum or maximum.
pub fn at_extreme(s: &Scenario, path: &str, to_max: bool) -> Scenario {
    let mut s = s.clone();
    s.visit("", &mut SetExtreme { path, to_max });
    s
}

/// Runs `run` on `base` with each parameter that `keep` accepts set to its
/// minimum or maximum, one at a time, skipping extremes a cross-field rule
/// rejects on their own. Checks that more than `at_least` parameters of the
/// `what` kind are registered and that more than half the extremes were valid.
pub fn run_each_extreme(
    base: &Scenario,
    what: &str,
    at_least: usize,
    keep: impl Fn(&str) -> bool,
    to_max: bool,
    mut run: impl FnMut(&Scenario, &str),
) {
    let paths = paths(base, keep);
    assert!(paths.len() > at_least, "only {} {what} parameters registered", paths.len());
    let mut checked = 0;
    for path in &paths {
        let s = at_extreme(base, path, to_max);
        if validate(&s).is_err() {
            continue; // a cross-field rule rejects this extreme on its own
        }
        run(&s, &format!("{path} at its {}", if to_max { "maximum" } else { "minimum" }));
        checked += 1;
    }
    assert!(checked * 2 > paths.len(), "only {checked} of {} extremes were valid", paths.len());
}

/// Steps `sector` alone over `scenario`'s timeline (seed 1) and calls
/// `check` on every value it writes, with its column and month.
pub fn run_sector_checked(
    mut sector: impl Sector,
    scenario: &Scenario,
    mut check: impl FnMut(&ColumnSpec, f64, Month),
) {
    let specs = sector.columns();
    let mut row = vec![f64::NAN; specs.len()];
    let mut markers = Vec::new();
    let mut rng = ChaCha12Rng::seed_from_u64(1);
    for (index, month) in scenario.timeline.start.through(scenario.timeline.end).enumerate() {
        sector.step(&MonthContext { month, index }, &mut rng, &mut row, &mut markers);
        for (spec, &x) in specs.iter().zip(&row) {
            check(spec, x, month);
        }
    }
}
