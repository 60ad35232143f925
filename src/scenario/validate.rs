//! Validation of a scenario: every problem at once, each with the path of the
//! field it concerns and a plain-language message.
//!
//! Range checks come from the parameter registry ([`super::params`]), so the
//! ranges the editor enforces and the ranges validation reports are the same.
//! Cross-field checks (timeline order, references, shares) follow.

use std::fmt;

use super::model::Scenario;
use super::params::{Param, Params, Value, Visitor};

/// One problem in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path of the field, e.g. `regions[3].industrial_price_usd_per_kwh`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl Problems {
    /// The problem about this exact path, if any (used by the editor to show
    /// messages inline).
    pub fn for_path(&self, path: &str) -> Option<&Problem> {
        self.0.iter().find(|p| p.path == path)
    }
}

/// Checks a scenario; `Ok` when it can be simulated.
pub fn validate(scenario: &Scenario) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_ranges(scenario, &mut problems);
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// Formats a number for a message without noise (`0.2`, `1e-7`, `210000`).
pub fn show(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1.0e7 || x.abs() < 1.0e-4) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

struct RangeCheck<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Visitor for RangeCheck<'_> {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        let Some(x) = value.as_f64() else { return };
        if matches!(value, Value::Bool(_)) {
            return;
        }
        let message = if x.is_nan() {
            Some("must be a number, got NaN".to_owned())
        } else if x < param.min || x > param.max {
            Some(format!("must be between {} and {}, got {}", show(param.min), show(param.max), show(x)))
        } else {
            None
        };
        if let Some(message) = message {
            self.problems.push(Problem { path: path.to_owned(), message });
        }
    }
}

fn check_ranges(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let mut copy = scenario.clone();
    copy.visit("", &mut RangeCheck { problems });
}
