//! Shared helper of the robustness tests: setting one registered parameter
//! of a scenario to the smallest or largest value the registry allows.
#![allow(dead_code)]

use diverge::scenario::Scenario;
use diverge::scenario::params::{Collect, Param, Params, Value, Visitor};

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
