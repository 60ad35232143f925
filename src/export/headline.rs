//! The headline numbers of a run, for the report: when edge inference
//! passes half of all AI inference, mining's Nakamoto coefficient and
//! effective regions at the start, in 2025 and at the end, and the largest
//! mining region before and after each mining event.
//!
//! A measure without a value in a month (before the first miner, when no
//! entity holds a share: a Nakamoto coefficient of 0 or an undefined
//! effective number) reads "—", never a number that looks like a result.

use crate::scenario::Month;
use crate::sim::{MarkerKind, Results};
use crate::views::ticks::si;

/// One headline: what it is and its value as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// What is measured.
    pub label: String,
    /// The value, with its unit.
    pub value: String,
}

/// Months after an event at which "after" is read.
const AFTER: i32 = 12;

/// Every headline of `results`.
pub fn headlines(results: &Results) -> Vec<Headline> {
    let mut out = Vec::new();
    if let Some(edge) = results.get("ai_edge_share") {
        let first = edge.iter().position(|v| *v >= 0.5).map(|i| results.months[i]);
        out.push(Headline {
            label: "Edge inference passes 50 % of AI inference".into(),
            value: first.map_or_else(|| "not within the run".into(), |m| m.to_string()),
        });
    }
    let (Some(&start), Some(&end)) = (results.months.first(), results.months.last()) else { return out };
    let mid = Month::ym(2025, 1);
    let moments: Vec<Month> = [start, mid, end].into_iter().filter(|m| *m >= start && *m <= end).collect::<Vec<_>>();
    for (key, what) in [
        ("nakamoto_entity", "Mining Nakamoto coefficient (entities)"),
        ("effective_regions", "Mining effective regions"),
    ] {
        for &m in &moments {
            if let Some(v) = results.at(key, m) {
                out.push(Headline { label: format!("{what}, {m}"), value: count_text(v) });
            }
        }
    }
    for marker in results.markers.iter().filter(|m| m.kind == MarkerKind::ScenarioEvent) {
        let before = marker.month.offset(-1).max(start);
        let after = marker.month.offset(AFTER).min(end);
        if let (Some(b), Some(a)) = (largest_region(results, before), largest_region(results, after)) {
            out.push(Headline {
                label: format!(
                    "Largest mining region before and {AFTER} months after “{}” ({})",
                    marker.label, marker.month
                ),
                value: format!("{b} → {a}"),
            });
        }
    }
    out
}

/// Text shown for a measure with no value in the month.
pub const NO_VALUE: &str = "— (no value)";

/// A count of entities as text: "—" when there is none to measure (both
/// measures are at least 1 whenever any entity holds a share).
fn count_text(v: f64) -> String {
    if v.is_finite() && v > 0.0 { si(v) } else { NO_VALUE.to_owned() }
}

/// "China 65.0 %": the region with the largest hash share in `month`.
fn largest_region(results: &Results, month: Month) -> Option<String> {
    let i = results.months.binary_search(&month).ok()?;
    results
        .specs
        .iter()
        .zip(&results.values)
        .filter(|(s, _)| s.key.starts_with("region_share."))
        .filter_map(|(s, v)| v.get(i).filter(|x| x.is_finite()).map(|x| (s, *x)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, x)| {
            let name = s.label.rsplit(": ").next().unwrap_or(&s.label);
            format!("{name} {:.1} %", x * 100.0)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ColumnSpec;

    fn results(rows: &[(Month, f64, f64)]) -> Results {
        let specs = vec![
            ColumnSpec::new("nakamoto_entity", "Nakamoto", "entities"),
            ColumnSpec::new("effective_regions", "Effective regions", "regions"),
        ];
        let mut r = Results::new(specs, rows.len());
        for &(m, n, e) in rows {
            r.push(m, &[n, e]);
        }
        r
    }

    fn value_of<'a>(h: &'a [Headline], label: &str) -> &'a str {
        &h.iter().find(|h| h.label == label).unwrap_or_else(|| panic!("no headline {label}: {h:?}")).value
    }

    #[test]
    fn a_month_without_miners_reads_no_value_not_zero() {
        let (start, mid, end) = (Month::ym(2009, 1), Month::ym(2025, 1), Month::ym(2030, 12));
        let h = headlines(&results(&[(start, 0.0, f64::NAN), (mid, 3.0, 4.5), (end, 5.0, 6.0)]));
        assert_eq!(value_of(&h, "Mining Nakamoto coefficient (entities), 2009-01"), NO_VALUE);
        assert_eq!(value_of(&h, "Mining effective regions, 2009-01"), NO_VALUE);
        assert_eq!(value_of(&h, "Mining Nakamoto coefficient (entities), 2025-01"), "3");
        assert_eq!(value_of(&h, "Mining effective regions, 2030-12"), "6");
        assert!(h.iter().all(|h| h.value != "0"), "{h:?}");
    }
}
