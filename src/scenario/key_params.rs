//! Key parameters: the few parameters a scenario names for presentation
//! mode, where they are shown as large sliders so an audience can watch a
//! "what if" live.
//!
//! They are presentation only, like annotations: the simulation never reads
//! the list, so naming, reordering or removing a key parameter cannot change
//! a result. A key parameter is a registry path (`ai.progress.halving_months`,
//! `events[2].kind.multiplier`) of a number a slider can move (a real number
//! or a count); switches, months, the seed and possibly-permanent durations
//! are not. The list lives in the scenario because it belongs to the story
//! the file tells; it defaults to empty, so older files load unchanged, and
//! an empty list means [`DEFAULT_KEY_PARAMETERS`].

use super::model::Scenario;
use super::params::{Param, Params, Value, Visitor, index};
use super::validate::Problem;

/// Most key parameters a scenario may name: a panel an audience can take in
/// at a glance.
pub const MAX_KEY_PARAMETERS: usize = 6;

/// The key parameters of a scenario that names none: one lever for each of
/// the four stories the views tell, each a top-level parameter every
/// scenario has, with a range a slider covers.
///
/// - `market.projection_drift_per_year`: the projected Bitcoin price drives
///   mining revenue, hence the hash rate, the hardware bought and where it
///   can pay for its power (the hash-rate, energy and geography views).
/// - `pools.concentration_aversion`: how strongly miners avoid a pool
///   nearing a majority, the lever on pool concentration (the concentration
///   view).
/// - `ai.progress.halving_months`: the algorithmic-progress halving time τ,
///   which sets how soon a model that fits a device is good enough (the AI
///   view's edge share).
/// - `ai.placement.edge_cost_decline_per_year`: how fast running a model on
///   a device gets cheaper, the cost side of the edge-versus-cloud choice.
pub const DEFAULT_KEY_PARAMETERS: [&str; 4] = [
    "market.projection_drift_per_year",
    "pools.concentration_aversion",
    "ai.progress.halving_months",
    "ai.placement.edge_cost_decline_per_year",
];

/// A key parameter as a slider needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyParam {
    /// Registry path.
    pub path: String,
    /// Label, unit, range and help from the registry.
    pub param: Param,
    /// Current value.
    pub value: f64,
    /// Whether it is a count (whole numbers only).
    pub integer: bool,
}

/// What the registry has at a path.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    /// A number a slider can move.
    Number(KeyParam),
    /// A parameter of another kind; the text says which.
    Other(&'static str),
}

/// Finds the wanted paths in one walk of the registry.
struct Lookup<'a> {
    wanted: &'a [String],
    found: Vec<Option<Found>>,
}

impl Visitor for Lookup<'_> {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        for (i, w) in self.wanted.iter().enumerate() {
            if w != path {
                continue;
            }
            let number = |value: f64, integer: bool| {
                Found::Number(KeyParam { path: path.to_owned(), param: *param, value, integer })
            };
            self.found[i] = Some(match &value {
                Value::F64(x) => number(**x, false),
                Value::U32(x) => number(f64::from(**x), true),
                Value::Bool(_) => Found::Other("a switch"),
                Value::Month(_) => Found::Other("a month"),
                Value::U64(_) => Found::Other("the seed"),
                Value::OptU32(_) => Found::Other("a duration that may be permanent"),
            });
        }
    }
}

fn look_up(scenario: &Scenario, wanted: &[String]) -> Vec<Option<Found>> {
    let mut lookup = Lookup { wanted, found: vec![None; wanted.len()] };
    scenario.clone().visit("", &mut lookup);
    lookup.found
}

/// The key parameters presentation mode shows for `scenario`: those it
/// names that a slider can move, or, when it names none, the defaults it
/// has. Invalid names are left out (validation reports them).
pub fn key_parameters(scenario: &Scenario) -> Vec<KeyParam> {
    let wanted: Vec<String> = if scenario.key_parameters.is_empty() {
        DEFAULT_KEY_PARAMETERS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        scenario.key_parameters.clone()
    };
    look_up(scenario, &wanted)
        .into_iter()
        .filter_map(|f| match f {
            Some(Found::Number(k)) => Some(k),
            _ => None,
        })
        .collect()
}

/// Adds `path` to the key parameters (`shown`) or removes it. Adding a
/// path already there, or removing one that is not, does nothing; adding
/// past [`MAX_KEY_PARAMETERS`] adds it anyway, and validation says so.
pub fn set_presented(scenario: &mut Scenario, path: &str, shown: bool) {
    let keys = &mut scenario.key_parameters;
    let at = keys.iter().position(|k| k == path);
    match (shown, at) {
        (true, None) => keys.push(path.to_owned()),
        (false, Some(i)) => {
            keys.remove(i);
        }
        _ => {}
    }
}

/// Problems of the key parameters: at most [`MAX_KEY_PARAMETERS`], each
/// named once and each the path of a number parameter of this scenario.
pub(crate) fn check_key_parameters(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let keys = &scenario.key_parameters;
    if keys.is_empty() {
        return;
    }
    if keys.len() > MAX_KEY_PARAMETERS {
        problems.push(Problem::new(
            "key_parameters",
            format!("may name at most {MAX_KEY_PARAMETERS} parameters, got {}", keys.len()),
        ));
    }
    for (i, (key, found)) in keys.iter().zip(look_up(scenario, keys)).enumerate() {
        let path = index("key_parameters", i);
        let message = match found {
            _ if keys[..i].contains(key) => Some(format!("\"{key}\" is named twice")),
            None => Some(format!(
                "\"{key}\" is not a parameter of this scenario; write a path as the editor's tooltips and \
                 problem messages do, e.g. \"ai.progress.halving_months\" or \"regions[0].capacity_mw\""
            )),
            Some(Found::Other(kind)) => Some(format!("\"{key}\" is {kind}, not a number a slider can move")),
            Some(Found::Number(_)) => None,
        };
        if let Some(message) = message {
            problems.push(Problem::new(path, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::default_scenario;
    use crate::scenario::validate::problems;

    #[test]
    fn the_defaults_exist_in_the_baseline_and_are_numbers() {
        let mut s = default_scenario();
        let keys = key_parameters(&s);
        let paths: Vec<&str> = keys.iter().map(|k| k.path.as_str()).collect();
        assert_eq!(paths, DEFAULT_KEY_PARAMETERS);
        let tau = keys.iter().find(|k| k.path == "ai.progress.halving_months").expect("tau");
        assert!(!tau.integer, "the halving time is a real number of months");
        assert_eq!(tau.value, s.ai.progress.halving_months);
        s.key_parameters = vec!["protocol.halving_interval_blocks".into()];
        assert!(key_parameters(&s)[0].integer, "a count is whole numbers");
    }

    #[test]
    fn named_keys_replace_the_defaults_in_their_order() {
        let mut s = default_scenario();
        s.key_parameters = vec!["regions[1].capacity_mw".into(), "market.projection_drift_per_year".into()];
        assert!(problems(&s).is_empty(), "{:?}", problems(&s));
        let paths: Vec<String> = key_parameters(&s).into_iter().map(|k| k.path).collect();
        assert_eq!(paths, s.key_parameters);
    }

    #[test]
    fn bad_keys_are_reported_by_index_with_the_key() {
        let mut s = default_scenario();
        s.key_parameters =
            vec!["market.nope".into(), "seed".into(), "timeline.start".into(), "seed".into(), "pools.min_share".into()];
        let found: Vec<(String, String)> = problems(&s).into_iter().map(|p| (p.path, p.message)).collect();
        let of = |path: &str| found.iter().find(|(p, _)| p == path).map(|(_, m)| m.clone()).unwrap_or_default();
        assert!(of("key_parameters[0]").contains("\"market.nope\" is not a parameter"), "{found:?}");
        assert!(of("key_parameters[1]").contains("the seed"), "{found:?}");
        assert!(of("key_parameters[2]").contains("a month"), "{found:?}");
        assert!(of("key_parameters[3]").contains("named twice"), "{found:?}");
        assert_eq!(of("key_parameters[4]"), "", "a valid key has no problem");
        s.key_parameters = (0..7).map(|_| "pools.min_share".to_owned()).collect();
        assert!(problems(&s).iter().any(|p| p.path == "key_parameters" && p.message.contains("at most 6")));
    }
}
