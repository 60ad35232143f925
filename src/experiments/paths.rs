//! Reading and setting a numeric scenario field by its dotted path
//! (`regions[0].industrial_price_usd_per_kwh`), the path validation messages
//! and the editor use.
//!
//! Both walk the parameter registry ([`crate::scenario::params`]) instead of
//! keeping a second table of fields, so every registered field can be swept
//! or screened and a new field needs no change here. Setting checks the
//! registry's range and the field's type (whole numbers for counts, 0 or 1
//! for switches) and names the path in its error.

use crate::scenario::Scenario;
use crate::scenario::params::{Param, Params, Value, Visitor};
use crate::scenario::validate::show;

/// How a field stores its number, which decides the values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A real number.
    Real,
    /// A whole number (a count, a number of months, a duration).
    Whole,
    /// A switch: 0 is off, 1 is on.
    Switch,
}

/// A numeric field of a scenario as the registry describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Full path, e.g. `regions[0].capacity_mw`.
    pub path: String,
    /// Label, unit, range and help from the registry.
    pub param: Param,
    /// How the number is stored.
    pub kind: Kind,
    /// The scenario's value (switches as 0 or 1).
    pub value: f64,
}

/// Why a value cannot be set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SetError {
    /// No registered numeric field has this path.
    #[error("unknown parameter {path:?}{hint}")]
    Unknown {
        /// The path asked for.
        path: String,
        /// `; did you mean …?` with the closest known paths, or empty.
        hint: String,
    },
    /// The path names a field that is not a number (a month).
    #[error("{path}: is a month, not a number; it cannot be set to {value}")]
    NotNumeric {
        /// The path.
        path: String,
        /// The value asked for.
        value: String,
    },
    /// The value is outside the registry's range or of the wrong kind.
    #[error("{path}: {message}")]
    Invalid {
        /// The path.
        path: String,
        /// What is wrong with the value.
        message: String,
    },
}

/// Fields that describe the file rather than the model, never screened.
const NOT_MODEL_PARAMETERS: [&str; 2] = ["format_version", "seed"];

/// Every numeric model parameter of `scenario`, in registry order: fields
/// holding a number or a switch, without months, permanent durations (no
/// number to vary), the seed and the format version.
pub fn model_parameters(scenario: &Scenario) -> Vec<Field> {
    struct Gather(Vec<Field>);
    impl Visitor for Gather {
        fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
            let (kind, value) = match value {
                Value::F64(v) => (Kind::Real, *v),
                Value::U32(v) | Value::OptU32(Some(v)) => (Kind::Whole, f64::from(*v)),
                Value::U64(v) => (Kind::Whole, *v as f64),
                Value::Bool(v) => (Kind::Switch, if *v { 1.0 } else { 0.0 }),
                Value::Month(_) | Value::OptU32(None) => return,
            };
            if !NOT_MODEL_PARAMETERS.contains(&path) {
                self.0.push(Field { path: path.to_owned(), param: *param, kind, value });
            }
        }
    }
    let mut gather = Gather(Vec::new());
    scenario.clone().visit("", &mut gather);
    gather.0
}

/// Sets the field at `path` to `value`, checking the registry's range and
/// the field's kind. On error the scenario is unchanged.
pub fn set(scenario: &mut Scenario, path: &str, value: f64) -> Result<(), SetError> {
    struct Setter<'a> {
        path: &'a str,
        value: f64,
        outcome: Option<Result<(), SetError>>,
    }
    impl Visitor for Setter<'_> {
        fn param(&mut self, path: &str, param: &Param, target: Value<'_>) {
            if path == self.path && self.outcome.is_none() {
                self.outcome = Some(assign(path, param, target, self.value));
            }
        }
    }
    let mut setter = Setter { path, value, outcome: None };
    scenario.visit("", &mut setter);
    setter.outcome.unwrap_or_else(|| Err(unknown(scenario, path)))
}

/// Sets several fields in one walk of the registry (as fast for hundreds
/// of fields as [`set`] is for one). Stops at the first error; the scenario
/// may then be partly changed.
pub fn set_many(scenario: &mut Scenario, values: &[(&str, f64)]) -> Result<(), SetError> {
    struct Setter<'a> {
        wanted: std::collections::HashMap<&'a str, f64>,
        error: Option<SetError>,
    }
    impl Visitor for Setter<'_> {
        fn param(&mut self, path: &str, param: &Param, target: Value<'_>) {
            if self.error.is_none()
                && let Some(value) = self.wanted.remove(path)
                && let Err(e) = assign(path, param, target, value)
            {
                self.error = Some(e);
            }
        }
    }
    let mut setter = Setter { wanted: values.iter().copied().collect(), error: None };
    scenario.visit("", &mut setter);
    if let Some(e) = setter.error {
        return Err(e);
    }
    match setter.wanted.keys().min() {
        Some(path) => Err(unknown(scenario, path)),
        None => Ok(()),
    }
}

/// Checks `value` against `param` and the target's kind, then writes it.
fn assign(path: &str, param: &Param, target: Value<'_>, value: f64) -> Result<(), SetError> {
    let invalid = |message: String| SetError::Invalid { path: path.to_owned(), message };
    if !value.is_finite() {
        return Err(invalid(format!("must be a finite number, got {value}")));
    }
    let whole = value.fract() == 0.0;
    let in_range = value >= param.min && value <= param.max;
    let range = || format!("must be between {} and {}, got {}", show(param.min), show(param.max), show(value));
    match target {
        Value::Month(_) => Err(SetError::NotNumeric { path: path.to_owned(), value: show(value) }),
        Value::Bool(b) if value == 0.0 || value == 1.0 => {
            *b = value == 1.0;
            Ok(())
        }
        Value::Bool(_) => Err(invalid(format!("is a switch: must be 0 (off) or 1 (on), got {}", show(value)))),
        _ if !in_range => Err(invalid(range())),
        Value::F64(v) => {
            *v = value;
            Ok(())
        }
        Value::U32(_) | Value::U64(_) | Value::OptU32(_) if !whole => {
            Err(invalid(format!("must be a whole number, got {}", show(value))))
        }
        Value::U32(v) => {
            *v = value as u32;
            Ok(())
        }
        Value::U64(v) => {
            *v = value as u64;
            Ok(())
        }
        Value::OptU32(v) => {
            *v = Some(value as u32);
            Ok(())
        }
    }
}

/// The error for an unknown path, suggesting the known paths that share the
/// most of its last segment or its prefix.
fn unknown(scenario: &Scenario, path: &str) -> SetError {
    let mut all = crate::scenario::params::Collect::default();
    scenario.clone().visit("", &mut all);
    let last = path.rsplit('.').next().unwrap_or(path);
    let mut close: Vec<&str> = all
        .fields
        .iter()
        .map(|(p, _, _)| p.as_str())
        .filter(|p| p.rsplit('.').next() == Some(last) || (path.len() > 3 && p.starts_with(path)))
        .take(4)
        .collect();
    close.dedup();
    let hint = if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) };
    SetError::Unknown { path: path.to_owned(), hint }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::default_scenario;

    #[test]
    fn sets_a_region_price_by_its_path() {
        let mut s = default_scenario();
        set(&mut s, "regions[0].industrial_price_usd_per_kwh", 0.123).unwrap();
        assert_eq!(s.regions[0].industrial_price_usd_per_kwh, 0.123);
        set(&mut s, "hardware[0].lifetime_months", 30.0).unwrap();
        assert_eq!(s.hardware[0].lifetime_months, 30);
    }

    #[test]
    fn names_an_unknown_path_and_suggests_close_ones() {
        let mut s = default_scenario();
        let err = set(&mut s, "regions[0].industrial_price", 0.1).unwrap_err();
        assert!(err.to_string().starts_with("unknown parameter \"regions[0].industrial_price\""), "{err}");
        let err = set(&mut s, "regions[99].industrial_price_usd_per_kwh", 0.1).unwrap_err();
        assert!(err.to_string().contains("did you mean regions[0].industrial_price_usd_per_kwh"), "{err}");
    }

    #[test]
    fn refuses_out_of_range_fractional_counts_and_months_without_changing_anything() {
        let mut s = default_scenario();
        let before = s.clone();
        let err = set(&mut s, "regions[0].industrial_price_usd_per_kwh", 7.0).unwrap_err();
        assert_eq!(err.to_string(), "regions[0].industrial_price_usd_per_kwh: must be between 0 and 5, got 7");
        let err = set(&mut s, "hardware[0].lifetime_months", 2.5).unwrap_err();
        assert!(err.to_string().contains("must be a whole number, got 2.5"), "{err}");
        let err = set(&mut s, "timeline.end", 2030.0).unwrap_err();
        assert!(matches!(err, SetError::NotNumeric { .. }), "{err}");
        assert_eq!(s, before);
    }

    #[test]
    fn model_parameters_skip_the_seed_months_and_the_format_version() {
        let fields = model_parameters(&default_scenario());
        assert!(fields.len() > 100, "{}", fields.len());
        assert!(fields.iter().all(|f| f.path != "seed" && f.path != "format_version" && f.param.unit != "month"));
        assert!(fields.iter().any(|f| f.kind == Kind::Switch));
    }
}
