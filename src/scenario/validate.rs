//! Validation of a scenario: every problem at once, each with the path of the
//! field it concerns and a plain-language message.
//!
//! Range checks come from the parameter registry ([`super::params`]), so the
//! ranges the editor enforces and the ranges validation reports are the same.
//! Cross-field checks follow, one small function per rule: timeline order and
//! length, event months inside the timeline, references to regions that
//! exist, identifiers (unique, non-empty, usable as CSV column names), the
//! price and fee tables, provider shares, capacity ceilings and quantisation,
//! and the annotations (checked in `annotation.rs`).
//! Nothing stops at the first problem: a person fixing a file wants the whole
//! list.

use std::collections::HashMap;
use std::fmt;

use super::model::Scenario;
use super::month::Month;
use super::params::{Param, Params, Value, Visitor, index, join};

/// Longest timeline a scenario may have, in years.
pub const MAX_TIMELINE_YEARS: i32 = 200;

/// Tolerance on the sum of provider shares.
pub const SHARE_SUM_TOLERANCE: f64 = 1.0e-6;

/// One problem in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path of the field, e.g. `regions[3].industrial_price_usd_per_kwh`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), message: message.into() }
    }
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
    let problems = problems(scenario);
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// Every problem of a scenario, in the order of its fields (range checks
/// first, then the cross-field rules).
pub fn problems(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_ranges(scenario, &mut problems);
    check_timeline(scenario, &mut problems);
    check_tables(scenario, &mut problems);
    check_ids(scenario, &mut problems);
    check_required_lists(scenario, &mut problems);
    check_regions(scenario, &mut problems);
    check_events(scenario, &mut problems);
    check_firms(scenario, &mut problems);
    check_ai(scenario, &mut problems);
    super::annotation::check_annotations(scenario, &mut problems);
    super::key_params::check_key_parameters(scenario, &mut problems);
    problems
}

/// Formats a number for a message without noise (`0.2`, `1e-7`, `210000`).
pub fn show(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1.0e7 || x.abs() < 1.0e-4) { format!("{x:e}") } else { format!("{x}") }
}

struct RangeCheck<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Visitor for RangeCheck<'_> {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        if matches!(value, Value::Bool(_)) {
            return;
        }
        let Some(x) = value.as_f64() else { return };
        let message = if x.is_nan() {
            Some("must be a number, got NaN".to_owned())
        } else if x.is_infinite() {
            Some(format!("must be a finite number, got {x}"))
        } else if x < param.min || x > param.max {
            Some(format!("must be between {} and {}, got {}", show(param.min), show(param.max), show(x)))
        } else {
            None
        };
        if let Some(message) = message {
            self.problems.push(Problem::new(path, message));
        }
    }
}

fn check_ranges(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let mut copy = scenario.clone();
    copy.visit("", &mut RangeCheck { problems });
}

fn check_timeline(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let t = scenario.timeline;
    if t.end <= t.start {
        problems.push(Problem::new("timeline.end", format!("must be after the start ({}), got {}", t.start, t.end)));
    } else if t.end.months_since(t.start) >= MAX_TIMELINE_YEARS * 12 {
        problems.push(Problem::new(
            "timeline.end",
            format!("the timeline may last at most {MAX_TIMELINE_YEARS} years, got {} to {}", t.start, t.end),
        ));
    }
}

/// The BTC price table needs at least one entry, strictly increasing months
/// and prices above zero; the fee table needs strictly increasing months
/// (non-negative fees are a registry range).
fn check_tables(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let market = &scenario.market;
    if market.price_usd.is_empty() {
        problems.push(Problem::new("market.price_usd", "needs at least one (month, USD per BTC) entry"));
    }
    check_sorted("market.price_usd", market.price_usd.iter().map(|(m, _)| *m), problems);
    check_sorted("market.fees_btc_per_block", market.fees_btc_per_block.iter().map(|(m, _)| *m), problems);
    for (i, (_, usd)) in market.price_usd.iter().enumerate() {
        if *usd <= 0.0 {
            problems.push(Problem::new(
                join(&index("market.price_usd", i), "usd"),
                format!("a price must be above 0, got {}", show(*usd)),
            ));
        }
    }
}

fn check_sorted(path: &str, months: impl Iterator<Item = Month>, problems: &mut Vec<Problem>) {
    let mut previous: Option<Month> = None;
    for (i, month) in months.enumerate() {
        if let Some(prev) = previous
            && month <= prev
        {
            problems.push(Problem::new(
                join(&index(path, i), "month"),
                format!("months must increase down the table, but {month} follows {prev}"),
            ));
        }
        previous = Some(month);
    }
}

/// Whether `id` is usable as an identifier: non-empty, `[a-z0-9_]+`. Ids end
/// up in CSV column names, so nothing else is allowed.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn check_ids(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let ai = &scenario.ai;
    check_id_list("hardware", scenario.hardware.iter().map(|h| h.id.as_str()), problems);
    check_id_list("regions", scenario.regions.iter().map(|r| r.id.as_str()), problems);
    check_id_list("pools.pools", scenario.pools.pools.iter().map(|p| p.id.as_str()), problems);
    check_id_list("ai.workloads", ai.workloads.iter().map(|w| w.id.as_str()), problems);
    check_id_list("ai.providers", ai.providers.iter().map(|p| p.id.as_str()), problems);
    check_id_list("ai.devices", ai.devices.iter().map(|d| d.id.as_str()), problems);
}

fn check_id_list<'a>(list: &str, ids: impl Iterator<Item = &'a str>, problems: &mut Vec<Problem>) {
    let mut first_use: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        let path = join(&index(list, i), "id");
        if id.is_empty() {
            problems.push(Problem::new(path, "must not be empty"));
        } else if !is_valid_id(id) {
            problems.push(Problem::new(
                path,
                format!("{id:?} may use only lowercase letters a-z, digits and '_' (ids become CSV column names)"),
            ));
        } else if let Some(&j) = first_use.get(id) {
            problems.push(Problem::new(path, format!("duplicate id {id:?}, already used by {}", index(list, j))));
        } else {
            first_use.insert(id, i);
        }
    }
}

/// Most regions a scenario may list: far more than any map needs, and what
/// the simulation's 16-bit region indices (one per hardware cohort) hold
/// with room to spare.
pub const MAX_REGIONS: usize = 1_000;

/// Most hardware generations a scenario may list (16-bit indices likewise).
pub const MAX_HARDWARE: usize = 1_000;

fn check_required_lists(scenario: &Scenario, problems: &mut Vec<Problem>) {
    if scenario.regions.is_empty() {
        problems.push(Problem::new("regions", "needs at least one region"));
    }
    if scenario.hardware.is_empty() {
        problems.push(Problem::new("hardware", "needs at least one hardware generation"));
    }
    for (list, len, most) in
        [("regions", scenario.regions.len(), MAX_REGIONS), ("hardware", scenario.hardware.len(), MAX_HARDWARE)]
    {
        if len > most {
            problems.push(Problem::new(list, format!("lists {len} entries; at most {most} are allowed")));
        }
    }
}

fn check_regions(scenario: &Scenario, problems: &mut Vec<Problem>) {
    for (i, r) in scenario.regions.iter().enumerate() {
        if r.capacity_max_mw < r.capacity_mw {
            problems.push(Problem::new(
                join(&index("regions", i), "capacity_max_mw"),
                format!(
                    "must be at least the starting capacity ({} MW), got {} MW",
                    show(r.capacity_mw),
                    show(r.capacity_max_mw)
                ),
            ));
        }
    }
}

fn check_events(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let t = scenario.timeline;
    for (i, e) in scenario.events.iter().enumerate() {
        let path = index("events", i);
        if e.month < t.start || e.month > t.end {
            problems.push(Problem::new(
                join(&path, "month"),
                format!("{} is outside the timeline ({} to {})", e.month, t.start, t.end),
            ));
        }
        if let Some(region) = e.kind.region()
            && scenario.region_index(region).is_none()
        {
            problems.push(Problem::new(join(&join(&path, "kind"), "region"), unknown_region(scenario, region)));
        }
    }
}

/// Firms listed one by one start in a region that exists, with a hardware
/// generation that exists (or none: the best available at the start).
fn check_firms(scenario: &Scenario, problems: &mut Vec<Problem>) {
    for (i, firm) in scenario.miners.initial_firms.iter().enumerate() {
        let path = index("miners.initial_firms", i);
        if scenario.region_index(&firm.region).is_none() {
            problems.push(Problem::new(join(&path, "region"), unknown_region(scenario, &firm.region)));
        }
        if !firm.hardware.is_empty() && scenario.hardware_index(&firm.hardware).is_none() {
            let valid: Vec<&str> = scenario.hardware.iter().map(|h| h.id.as_str()).collect();
            problems.push(Problem::new(
                join(&path, "hardware"),
                format!(
                    "unknown hardware generation {:?}; valid ids: {} (or leave it empty for the best one available)",
                    firm.hardware,
                    valid.join(", ")
                ),
            ));
        }
    }
}

fn unknown_region(scenario: &Scenario, region: &str) -> String {
    let valid: Vec<&str> = scenario.regions.iter().map(|r| r.id.as_str()).collect();
    if valid.is_empty() {
        format!("unknown region {region:?}: the scenario has no regions")
    } else {
        format!("unknown region {region:?}; valid ids: {}", valid.join(", "))
    }
}

fn check_ai(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let ai = &scenario.ai;
    if !ai.providers.is_empty() {
        let sum: f64 = ai.providers.iter().map(|p| p.share).sum();
        if (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
            problems.push(Problem::new("ai.providers", format!("the shares must add up to 1, got {}", show(sum))));
        }
    }
    let progress = &ai.progress;
    if progress.bits_per_weight_at_reference > progress.bits_per_weight_ceiling {
        problems.push(Problem::new(
            "ai.progress.bits_per_weight_at_reference",
            format!(
                "must not exceed the bits per weight ceiling ({}), got {}",
                show(progress.bits_per_weight_ceiling),
                show(progress.bits_per_weight_at_reference)
            ),
        ));
    }
    if progress.bits_per_weight_floor > progress.bits_per_weight_at_reference {
        problems.push(Problem::new(
            "ai.progress.bits_per_weight_floor",
            format!(
                "must not exceed the bits per weight at the reference month ({}), got {}",
                show(progress.bits_per_weight_at_reference),
                show(progress.bits_per_weight_floor)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Event, EventKind, Hardware, Provider, Region};

    /// The smallest scenario that validates: one region, one generation, one
    /// price.
    fn minimal() -> Scenario {
        let mut s = Scenario::default();
        s.regions.push(Region { id: "us".into(), ..Region::default() });
        s.regions.push(Region { id: "china".into(), ..Region::default() });
        s.hardware.push(Hardware::default());
        s.market.price_usd.push((Month::ym(2009, 1), 0.001));
        s
    }

    fn paths(s: &Scenario) -> Vec<String> {
        problems(s).into_iter().map(|p| p.path).collect()
    }

    fn message_for(s: &Scenario, path: &str) -> String {
        let all = problems(s);
        all.iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no problem at {path}; got {all:?}"))
            .message
            .clone()
    }

    #[test]
    fn minimal_scenario_is_valid() {
        assert_eq!(problems(&minimal()), vec![]);
    }

    #[test]
    fn out_of_range_value_names_path_range_and_value() {
        let mut s = minimal();
        s.regions[1].industrial_price_usd_per_kwh = -0.2;
        let all = problems(&s);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].to_string(), "regions[1].industrial_price_usd_per_kwh: must be between 0 and 5, got -0.2");
    }

    #[test]
    fn nan_and_infinity_are_rejected() {
        let mut s = minimal();
        s.grid.congestion_exponent = f64::NAN;
        s.market.projection_drift_per_year = f64::INFINITY;
        assert!(message_for(&s, "grid.congestion_exponent").contains("NaN"));
        assert!(message_for(&s, "market.projection_drift_per_year").contains("finite"));
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let mut s = minimal();
        s.regions[0].risk = 2.0;
        s.hardware[0].lifetime_months = 0;
        s.timeline.end = s.timeline.start;
        assert_eq!(paths(&s), ["hardware[0].lifetime_months", "regions[0].risk", "timeline.end"]);
    }

    #[test]
    fn timeline_end_must_be_after_start() {
        let mut s = minimal();
        s.timeline.end = Month::ym(2008, 12);
        assert!(message_for(&s, "timeline.end").contains("must be after the start (2009-01)"));
    }

    #[test]
    fn timeline_longer_than_two_centuries_is_rejected() {
        let mut s = minimal();
        s.timeline.start = Month::ym(1990, 1);
        s.timeline.end = Month::ym(2190, 1);
        assert!(message_for(&s, "timeline.end").contains("at most 200 years"));
        s.timeline.end = Month::ym(2189, 12);
        assert_eq!(paths(&s), Vec::<String>::new());
    }

    #[test]
    fn event_outside_timeline_is_rejected() {
        let mut s = minimal();
        s.timeline.end = Month::ym(2025, 12);
        let kind = EventKind::BtcPriceShock { multiplier: 2.0 };
        s.events.push(Event { month: Month::ym(2030, 1), label: String::new(), kind: kind.clone() });
        s.events.push(Event { month: Month::ym(2008, 1), label: String::new(), kind });
        assert!(message_for(&s, "events[0].month").contains("2030-01 is outside the timeline (2009-01 to 2025-12)"));
        assert!(message_for(&s, "events[1].month").contains("outside the timeline"));
    }

    #[test]
    fn event_naming_unknown_region_lists_valid_ids() {
        let mut s = minimal();
        let kind = EventKind::Ban { region: "chian".into(), share: 1.0, duration_months: None };
        s.events.push(Event { month: Month::ym(2021, 6), label: String::new(), kind });
        assert_eq!(message_for(&s, "events[0].kind.region"), "unknown region \"chian\"; valid ids: us, china");
    }

    #[test]
    fn ids_must_be_unique() {
        let mut s = minimal();
        s.regions[1].id = "us".into();
        assert_eq!(message_for(&s, "regions[1].id"), "duplicate id \"us\", already used by regions[0]");
    }

    #[test]
    fn ids_must_be_non_empty_and_csv_safe_in_every_list() {
        let mut s = minimal();
        s.hardware[0].id = "Antminer S9".into();
        s.regions[0].id = String::new();
        s.pools.pools.push(crate::scenario::model::Pool { id: "a,b".into(), ..Default::default() });
        s.ai.workloads.push(crate::scenario::Workload { id: "x-y".into(), ..Default::default() });
        s.ai.devices.push(crate::scenario::DeviceClass { id: "Phone".into(), ..Default::default() });
        s.ai.providers.push(Provider { id: "a b".into(), share: 1.0, ..Default::default() });
        assert!(message_for(&s, "hardware[0].id").contains("only lowercase letters"));
        assert_eq!(message_for(&s, "regions[0].id"), "must not be empty");
        for p in ["pools.pools[0].id", "ai.workloads[0].id", "ai.devices[0].id", "ai.providers[0].id"] {
            assert!(message_for(&s, p).contains("CSV column names"), "{p}");
        }
        assert!(is_valid_id("latin_america") && is_valid_id("s19") && !is_valid_id("É"));
    }

    #[test]
    fn at_least_one_region_and_one_hardware_generation() {
        let mut s = minimal();
        s.regions.clear();
        s.hardware.clear();
        assert_eq!(message_for(&s, "regions"), "needs at least one region");
        assert_eq!(message_for(&s, "hardware"), "needs at least one hardware generation");
    }

    #[test]
    fn at_most_a_thousand_regions_and_hardware_generations() {
        let mut s = minimal();
        let (region, hardware) = (s.regions[0].clone(), s.hardware[0].clone());
        for i in s.regions.len()..=MAX_REGIONS {
            s.regions.push(Region { id: format!("r{i}"), ..region.clone() });
        }
        for i in s.hardware.len()..=MAX_HARDWARE {
            s.hardware.push(Hardware { id: format!("h{i}"), ..hardware.clone() });
        }
        assert_eq!(message_for(&s, "regions"), "lists 1001 entries; at most 1000 are allowed");
        assert_eq!(message_for(&s, "hardware"), "lists 1001 entries; at most 1000 are allowed");
        s.regions.pop();
        s.hardware.pop();
        assert!(problems(&s).is_empty(), "a thousand of each is allowed: {:?}", problems(&s));
    }

    #[test]
    fn price_table_must_be_sorted_and_positive() {
        let mut s = minimal();
        s.market.price_usd = vec![(Month::ym(2010, 1), 1.0), (Month::ym(2010, 1), 2.0), (Month::ym(2011, 1), 0.0)];
        assert!(message_for(&s, "market.price_usd[1].month").contains("2010-01 follows 2010-01"));
        assert!(message_for(&s, "market.price_usd[2].usd").contains("above 0"));
        s.market.price_usd.clear();
        assert!(message_for(&s, "market.price_usd").contains("at least one"));
    }

    #[test]
    fn fee_table_must_be_sorted_and_non_negative() {
        let mut s = minimal();
        s.market.fees_btc_per_block = vec![(Month::ym(2012, 1), 0.5), (Month::ym(2011, 1), -0.1)];
        assert!(message_for(&s, "market.fees_btc_per_block[1].month").contains("2011-01 follows 2012-01"));
        assert!(message_for(&s, "market.fees_btc_per_block[1].btc").contains("between 0 and 100"));
    }

    #[test]
    fn provider_shares_must_sum_to_one() {
        let mut s = minimal();
        s.ai.providers.push(Provider { id: "aws".into(), share: 0.31, ..Default::default() });
        s.ai.providers.push(Provider { id: "azure".into(), share: 0.22, ..Default::default() });
        assert_eq!(message_for(&s, "ai.providers"), "the shares must add up to 1, got 0.53");
        s.ai.providers.push(Provider { id: "rest".into(), share: 0.47 + 5.0e-7, ..Default::default() });
        assert_eq!(paths(&s), Vec::<String>::new());
    }

    #[test]
    fn capacity_ceiling_must_not_be_below_capacity() {
        let mut s = minimal();
        s.regions[0].capacity_mw = 500.0;
        s.regions[0].capacity_max_mw = 400.0;
        assert!(message_for(&s, "regions[0].capacity_max_mw").contains("at least the starting capacity (500 MW)"));
    }

    #[test]
    fn listed_firms_must_name_an_existing_region_and_hardware() {
        use crate::scenario::model::FirmSpec;
        let mut s = minimal();
        s.miners.initial_firms.push(FirmSpec { region: "us".into(), ..FirmSpec::default() });
        s.miners.initial_firms.push(FirmSpec { region: "usa".into(), hardware: "s9".into(), ..FirmSpec::default() });
        assert_eq!(paths(&s), ["miners.initial_firms[1].region", "miners.initial_firms[1].hardware"]);
        assert_eq!(message_for(&s, "miners.initial_firms[1].region"), "unknown region \"usa\"; valid ids: us, china");
        assert!(
            message_for(&s, "miners.initial_firms[1].hardware")
                .contains("unknown hardware generation \"s9\"; valid ids: new_asic")
        );
    }

    #[test]
    fn bits_at_reference_must_not_exceed_the_ceiling() {
        let mut s = minimal();
        s.ai.progress.bits_per_weight_ceiling = 8.0;
        s.ai.progress.bits_per_weight_at_reference = 12.0;
        assert!(message_for(&s, "ai.progress.bits_per_weight_at_reference").contains("ceiling (8)"));
    }

    #[test]
    fn bits_floor_must_not_exceed_bits_at_reference() {
        let mut s = minimal();
        s.ai.progress.bits_per_weight_floor = 8.0;
        s.ai.progress.bits_per_weight_at_reference = 4.0;
        assert!(message_for(&s, "ai.progress.bits_per_weight_floor").contains("must not exceed"));
    }
}
