//! Why two scenarios differ: the table of what differs between A and B, and
//! for each difference the change in chosen outputs when only that
//! difference is applied to A, plus the interaction remainder so the rows
//! add up to the total B − A.
//!
//! The two scenarios are compared as serde trees (`serde_json::Value`), so
//! every field counts, numeric or not, and a field added to the model needs
//! no change here. Each differing field is one difference; a list of
//! entries (hardware, regions, events, pools, workloads, providers, devices,
//! price and fee tables, firms) is matched entry by entry — by `id`, events
//! by month, kind and region, table rows by month, other lists by position —
//! and each entry added, removed or changed is one difference. The name,
//! description and notes describe the file, not the model, and are not
//! compared. A difference whose scenario alone is not valid (an event for a
//! region only B has) gets no effect and a note; its share of the total is
//! then in the interaction row.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::Value;

use super::output::float_text;
use super::{ExperimentError, OutputAt, Tracker, run_once};
use crate::scenario::Scenario;
use crate::scenario::validate::validate;

/// Top-level fields that describe the file rather than the model.
const NOT_COMPARED: [&str; 4] = ["name", "description", "notes", "format_version"];

/// The outputs explained when none are chosen: the hash rate, the two
/// sectors' Nakamoto coefficients and the AI edge share, at the last month.
pub const HEADLINE_OUTPUTS: [&str; 4] = ["hashrate_ehs", "nakamoto_entity", "nakamoto_pool", "ai_edge_share"];

/// What applying a difference does to A's tree.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// Replace the value at the path with B's.
    Set(Value),
    /// Insert B's entry into the list at the path, at this position.
    Insert(usize, Value),
    /// Remove the entry at this position of the list.
    Remove(usize),
    /// Replace the entry at this position with B's.
    Replace(usize, Value),
}

/// One difference between A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The field path, or the list and a description of the entry
    /// (`events: added 2026-01 EnergyShock us "US power +80 %"`).
    pub description: String,
    /// Keys from the root of the tree to the field or list.
    path: Vec<String>,
    change: Change,
}

impl Difference {
    /// For a changed field, its value in `a` and the value this difference
    /// sets (as text); `None` for a list entry added, removed or replaced.
    pub fn field_values(&self, a: &Scenario) -> Option<(String, String)> {
        let Change::Set(new) = &self.change else { return None };
        let ta = tree(a).ok()?;
        let old = self.path.iter().try_fold(&ta, |v, k| v.get(k))?;
        Some((text(old), text(new)))
    }
}

/// Every difference between `a` and `b`, in field order.
pub fn differences(a: &Scenario, b: &Scenario) -> Result<Vec<Difference>, ExperimentError> {
    let (mut ta, tb) = (tree(a)?, tree(b)?);
    let (Value::Object(ma), Value::Object(mb)) = (&mut ta, &tb) else {
        return Err(ExperimentError::Setting("a scenario is not a structure".into()));
    };
    for key in NOT_COMPARED {
        ma.remove(key);
    }
    let mut out = Vec::new();
    let mut tb = Value::Object(mb.clone());
    if let Value::Object(mb) = &mut tb {
        for key in NOT_COMPARED {
            mb.remove(key);
        }
    }
    walk(&ta, &tb, &mut Vec::new(), "", &mut out);
    Ok(out)
}

fn tree(s: &Scenario) -> Result<Value, ExperimentError> {
    serde_json::to_value(s).map_err(|e| ExperimentError::Setting(format!("cannot compare the scenarios: {e}")))
}

/// An enum variant as serde writes it: `{"Variant": {...}}`.
fn variant(m: &serde_json::Map<String, Value>) -> Option<&str> {
    let mut keys = m.keys();
    match (keys.next(), keys.next()) {
        (Some(k), None) if k.starts_with(|c: char| c.is_ascii_uppercase()) => Some(k),
        _ => None,
    }
}

fn walk(a: &Value, b: &Value, path: &mut Vec<String>, shown: &str, out: &mut Vec<Difference>) {
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) if variant(ma).is_none() || variant(ma) == variant(mb) => {
            let inner = variant(ma);
            for (key, va) in ma {
                let Some(vb) = mb.get(key) else { continue };
                path.push(key.clone());
                let shown = if inner.is_some() { shown.to_owned() } else { crate::scenario::params::join(shown, key) };
                walk(va, vb, path, &shown, out);
                path.pop();
            }
        }
        (Value::Array(la), Value::Array(lb)) if la.iter().chain(lb).all(|e| e.is_object() || e.is_array()) => {
            list(la, lb, path, shown, out);
        }
        _ if a != b => {
            out.push(Difference { description: shown.to_owned(), path: path.clone(), change: Change::Set(b.clone()) });
        }
        _ => {}
    }
}

/// How entries of a list are matched: `id`, events by month, kind and
/// region, table rows by month, anything else by position.
fn entry_key(entry: &Value, index: usize) -> String {
    match entry {
        Value::Object(m) if m.get("id").is_some_and(Value::is_string) => text(&m["id"]),
        Value::Object(m) if m.contains_key("month") && m.contains_key("kind") => {
            let (kind, region) = match &m["kind"] {
                Value::Object(k) => {
                    let name = k.keys().next().cloned().unwrap_or_default();
                    let region = k.values().next().and_then(|v| v.get("region")).map(text).unwrap_or_default();
                    (name, region)
                }
                other => (text(other), String::new()),
            };
            format!("{} {kind} {region}", text(&m["month"])).trim_end().to_owned()
        }
        Value::Array(cells) if cells.first().is_some_and(Value::is_string) => text(&cells[0]),
        _ => format!("#{index}"),
    }
}

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

/// Keys of a list's entries, with `~2`, `~3` appended to repeated keys.
fn keys(list: &[Value]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .enumerate()
        .map(|(i, e)| {
            let key = entry_key(e, i);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { key } else { format!("{key}~{n}") }
        })
        .collect()
}

fn label(entry: &Value, key: &str) -> String {
    match entry.get("label").and_then(Value::as_str) {
        Some(l) if !l.is_empty() => format!("{key} {l:?}"),
        _ => key.to_owned(),
    }
}

fn list(la: &[Value], lb: &[Value], path: &[String], shown: &str, out: &mut Vec<Difference>) {
    let (ka, kb) = (keys(la), keys(lb));
    let at: HashMap<&str, usize> = ka.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut insert_at = 0;
    let push = |out: &mut Vec<Difference>, description: String, change: Change| {
        out.push(Difference { description, path: path.to_vec(), change });
    };
    for (j, key) in kb.iter().enumerate() {
        match at.get(key.as_str()) {
            Some(&i) => {
                insert_at = i + 1;
                if la[i] != lb[j] {
                    let what = changed_fields(&la[i], &lb[j]);
                    push(
                        out,
                        format!("{shown}: changed {}{what}", label(&lb[j], key)),
                        Change::Replace(i, lb[j].clone()),
                    );
                }
            }
            None => {
                push(out, format!("{shown}: added {}", label(&lb[j], key)), Change::Insert(insert_at, lb[j].clone()));
            }
        }
    }
    let in_b: std::collections::HashSet<&str> = kb.iter().map(String::as_str).collect();
    for (i, key) in ka.iter().enumerate() {
        if !in_b.contains(key.as_str()) {
            push(out, format!("{shown}: removed {}", label(&la[i], key)), Change::Remove(i));
        }
    }
}

/// ` (field, field)`: the fields of an entry that differ.
fn changed_fields(a: &Value, b: &Value) -> String {
    let (Value::Object(ma), Value::Object(mb)) = (a, b) else { return String::new() };
    let fields: Vec<&str> = ma.iter().filter(|(k, v)| mb.get(*k) != Some(v)).map(|(k, _)| k.as_str()).collect();
    if fields.is_empty() { String::new() } else { format!(" ({})", fields.join(", ")) }
}

/// `a` with only difference `d` applied.
pub fn apply(base: &Scenario, difference: &Difference) -> Result<Scenario, String> {
    let mut root = serde_json::to_value(base).map_err(|e| e.to_string())?;
    let mut node = &mut root;
    for key in &difference.path {
        node = node.get_mut(key.as_str()).ok_or("the scenarios have different shapes")?;
    }
    match (&difference.change, node) {
        (Change::Set(value), node) => *node = value.clone(),
        (Change::Insert(at, entry), Value::Array(list)) => list.insert((*at).min(list.len()), entry.clone()),
        (Change::Remove(at), Value::Array(list)) if *at < list.len() => drop(list.remove(*at)),
        (Change::Replace(at, entry), Value::Array(list)) if *at < list.len() => list[*at] = entry.clone(),
        _ => return Err("the scenarios have different shapes".into()),
    }
    let s: Scenario = serde_json::from_value(root).map_err(|e| e.to_string())?;
    validate(&s)
        .map_err(|p| format!("not valid alone: {}", p.0.first().map(ToString::to_string).unwrap_or_default()))?;
    Ok(s)
}

/// One row of an explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The difference, `total` or `interaction`.
    pub label: String,
    /// Change of each output (NaN when not computed).
    pub effects: Vec<f64>,
    /// Why an effect is missing, or empty.
    pub note: String,
}

/// The explanation: one row per difference sorted by the absolute effect on
/// the first output, then `total` (B − A) and `interaction` (total minus the
/// sum of the rows).
pub fn explain(
    a: &Scenario,
    b: &Scenario,
    outputs: &[OutputAt],
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
) -> Result<Vec<Row>, ExperimentError> {
    // Every output reads A's month, so both scenarios are read alike.
    let outputs: Vec<OutputAt> =
        outputs.iter().map(|o| OutputAt { column: o.column.clone(), month: Some(o.month_in(a)) }).collect();
    for o in &outputs {
        o.check(a)?;
    }
    let diffs = differences(a, b)?;
    let variants: Vec<Result<Scenario, String>> = diffs.iter().map(|d| apply(a, d)).collect();
    let mut jobs: Vec<&Scenario> = vec![a, b];
    jobs.extend(variants.iter().filter_map(|v| v.as_ref().ok()));
    tracker.add_total(jobs.len());
    let values: Vec<Vec<f64>> = pool.install(|| {
        jobs.par_iter()
            .map(|s| {
                let results = run_once(s, s.seed, tracker).map_err(|e| ExperimentError::from_run("", e))?;
                Ok(outputs.iter().map(|o| o.read(&results, s)).collect())
            })
            .collect::<Result<_, ExperimentError>>()
    })?;
    let (base, total): (&[f64], Vec<f64>) =
        (&values[0], values[1].iter().zip(&values[0]).map(|(b, a)| b - a).collect());
    let mut computed = values[2..].iter();
    let mut rows: Vec<Row> = diffs
        .iter()
        .zip(&variants)
        .map(|(d, v)| match v {
            Ok(_) => {
                let y = computed.next().map_or(&[][..], Vec::as_slice);
                Row {
                    label: d.description.clone(),
                    effects: y.iter().zip(base).map(|(y, a)| y - a).collect(),
                    note: String::new(),
                }
            }
            Err(why) => Row { label: d.description.clone(), effects: vec![f64::NAN; outputs.len()], note: why.clone() },
        })
        .collect();
    rows.sort_by(|x, y| {
        let (ex, ey) = (x.effects.first().copied().unwrap_or(f64::NAN), y.effects.first().copied().unwrap_or(f64::NAN));
        match (ex.is_nan(), ey.is_nan()) {
            (false, false) => ey.abs().total_cmp(&ex.abs()),
            (xn, yn) => xn.cmp(&yn),
        }
    });
    let interaction: Vec<f64> = (0..outputs.len())
        .map(|o| total[o] - rows.iter().map(|r| r.effects[o]).filter(|e| !e.is_nan()).sum::<f64>())
        .collect();
    let skipped = rows.iter().any(|r| !r.note.is_empty());
    let note = if skipped { "includes the differences that are not valid alone".to_owned() } else { String::new() };
    rows.push(Row { label: "total".into(), effects: total, note: String::new() });
    rows.push(Row { label: "interaction".into(), effects: interaction, note });
    Ok(rows)
}

/// The explanation as CSV: `difference`, one column per output, `note`.
pub fn to_csv(rows: &[Row], outputs: &[OutputAt]) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("difference".to_owned())
        .chain(outputs.iter().map(ToString::to_string))
        .chain(["note".to_owned()]);
    w.write_record(header)?;
    for r in rows {
        w.write_record(
            std::iter::once(r.label.clone()).chain(r.effects.iter().map(|&x| float_text(x))).chain([r.note.clone()]),
        )?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::{default_scenario, load_preset};
    use crate::scenario::{Event, EventKind, Month};

    #[test]
    fn one_changed_field_is_one_difference_named_by_its_path() {
        let a = default_scenario();
        let mut b = a.clone();
        b.regions[1].industrial_price_usd_per_kwh = 0.2;
        b.name = "Other name".into();
        let d = differences(&a, &b).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].description,
            "regions: changed ".to_owned() + &b.regions[1].id + " (industrial_price_usd_per_kwh)"
        );
        assert_eq!(apply(&a, &d[0]).unwrap(), {
            let mut x = b.clone();
            x.name = a.name.clone();
            x
        });
    }

    #[test]
    fn list_entries_added_removed_and_fields_changed_each_count_once() {
        let a = default_scenario();
        let mut b = a.clone();
        b.events.push(Event {
            month: Month::ym(2030, 1),
            label: "Test shock".into(),
            kind: EventKind::EnergyShock { region: "us".into(), multiplier: 2.0, duration_months: None },
        });
        b.hardware.remove(0);
        b.grid.congestion_exponent += 1.0;
        let d = differences(&a, &b).unwrap();
        let names: Vec<&str> = d.iter().map(|x| x.description.as_str()).collect();
        assert_eq!(d.len(), 3, "{names:?}");
        assert!(names.contains(&"grid.congestion_exponent"), "{names:?}");
        assert!(names.contains(&"events: added 2030-01 EnergyShock us \"Test shock\""), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("hardware: removed ")), "{names:?}");
        for x in &d {
            assert_ne!(apply(&a, x).unwrap(), a);
        }
    }

    #[test]
    fn a_preset_against_itself_has_no_difference_and_against_another_some() {
        let a = default_scenario();
        assert!(differences(&a, &a.clone()).unwrap().is_empty());
        let b = load_preset("us-energy-shock").unwrap();
        assert!(!differences(&a, &b).unwrap().is_empty());
    }
}
