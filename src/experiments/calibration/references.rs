//! The reference figures the history preset is checked against, and the
//! stories it must tell, with their tolerances: `data/bitcoin.md` (and
//! MODEL.md's validation section) as data.
//!
//! Each entry is a plain value in a table, so a reader checks one line
//! against the source it names, and the tests and `diverge calibrate` judge
//! the model by the same lines.

use super::path::Series;
use super::{Ensemble, STORY_SHARE, Spread, When};
use crate::scenario::{Month, Scenario};
use crate::sim::{MarkerKind, Results};

/// How close a model value must come to a point reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// Within this factor either way (`x/f ≤ model ≤ x·f`).
    Factor(f64),
    /// Within this fraction of the reference (`|model/x − 1| ≤ r`).
    Relative(f64),
    /// Inside this range, whatever the reference point.
    Range(f64, f64),
}

impl Tolerance {
    /// Whether `model` is close enough to `target`.
    pub fn accepts(self, model: f64, target: f64) -> bool {
        match self {
            Tolerance::Factor(f) => model >= target / f && model <= target * f,
            Tolerance::Relative(r) => (model / target - 1.0).abs() <= r,
            Tolerance::Range(lo, hi) => (lo..=hi).contains(&model),
        }
    }
}

impl std::fmt::Display for Tolerance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tolerance::Factor(x) => write!(f, "×{x} either way"),
            Tolerance::Relative(r) => write!(f, "±{:.0} %", r * 100.0),
            Tolerance::Range(lo, hi) => write!(f, "{lo}–{hi}"),
        }
    }
}

/// A published figure the model should reproduce.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Output column key.
    pub key: &'static str,
    /// When it applies.
    pub when: When,
    /// The published value.
    pub target: f64,
    /// How close the model must come.
    pub tolerance: Tolerance,
    /// Where the figure comes from.
    pub source: &'static str,
}

impl Point {
    /// Whether the ensemble reproduces it: the p5–p95 band contains the
    /// target, or the median is within tolerance.
    pub fn holds(&self, spread: &Spread) -> bool {
        spread.contains(self.target) || self.tolerance.accepts(spread.median, self.target)
    }
}

const HASH: &str = "data/bitcoin.md, Network hash rate";
fn hash(y: i32, m: u32, target: f64) -> Point {
    Point {
        key: "hashrate_ehs",
        when: When::Month(Month::ym(y, m)),
        target,
        tolerance: Tolerance::Factor(2.0),
        source: HASH,
    }
}
fn energy(year: i32, target: f64) -> Point {
    Point {
        key: "energy_twh_per_year",
        when: When::Year(year),
        target,
        tolerance: Tolerance::Relative(0.35),
        source: "data/bitcoin.md, Energy (CBECI best guess)",
    }
}
fn pool_hhi(year: i32, target: f64) -> Point {
    Point {
        key: "hhi_pool",
        when: When::Year(year),
        target,
        tolerance: Tolerance::Range(0.134, 0.176),
        source: "data/bitcoin.md, Pools (Milad et al.)",
    }
}
fn share(key: &'static str, y: i32, m: u32, target: f64) -> Point {
    Point {
        key,
        when: When::Month(Month::ym(y, m)),
        target,
        tolerance: Tolerance::Relative(0.35),
        source: "data/bitcoin.md, Geography (CBECI mining map)",
    }
}

/// A share of the mining map CBECI gathered from 2021-09 to 2022-01, once
/// covert mining had resumed in China, within 35 %.
fn after_the_ban(key: &'static str, target: f64) -> Point {
    Point { when: When::Span(Month::ym(2021, 9), Month::ym(2022, 1)), ..share(key, 2021, 9, target) }
}

/// The point references of the history preset. The hash-rate rows are the
/// table's, except the ban's daily low of 2021-06, which the story of the
/// June–July drop checks instead.
pub fn history_points() -> Vec<Point> {
    let hash_rate = HASH_RATE_TABLE.iter().filter(|&&(y, m, _)| (y, m) != (2021, 6)).map(|&(y, m, x)| hash(y, m, x));
    hash_rate
        .chain([
            energy(2022, 95.5),
            energy(2024, 138.0),
            pool_hhi(2018, 0.1759),
            pool_hhi(2020, 0.1648),
            pool_hhi(2022, 0.1338),
            share("region_share.china", 2019, 9, 0.755),
            share("region_share.china", 2021, 4, 0.46),
            share("region_share.us", 2021, 8, 0.354),
            share("region_share.kazakhstan", 2021, 8, 0.181),
            share("region_share.russia", 2021, 8, 0.110),
            share("region_share.canada", 2021, 8, 0.0955),
            after_the_ban("region_share.us", 0.378),
            after_the_ban("region_share.china", 0.211),
        ])
        .collect()
}

/// Something the history must show on (nearly) every seed, checked run by
/// run: `Err` says what one run did instead.
#[derive(Debug, Clone, Copy)]
pub struct Story {
    /// What must hold, in words.
    pub what: &'static str,
    /// The check of one run.
    pub check: fn(&Scenario, &Results) -> Result<(), String>,
}

impl Story {
    /// The seeds (by run index) on which the story fails, with what each
    /// did instead.
    pub fn failures(&self, ensemble: &Ensemble) -> Vec<(u64, String)> {
        ensemble
            .seeds
            .iter()
            .zip(&ensemble.runs)
            .filter_map(|(&seed, r)| (self.check)(&ensemble.scenario, r).err().map(|e| (seed, e)))
            .collect()
    }

    /// Whether the story holds on enough runs of the ensemble.
    pub fn holds(&self, ensemble: &Ensemble) -> bool {
        let failed = self.failures(ensemble).len();
        let held = ensemble.runs.len() - failed;
        held as f64 >= STORY_SHARE * ensemble.runs.len() as f64 - 1e-9
    }
}

fn at(r: &Results, key: &str, m: Month) -> Result<f64, String> {
    r.at(key, m).ok_or_else(|| format!("no {key} in {m}"))
}

/// Every month of `from..=to` satisfies `ok` on `key`, or the first that
/// does not.
fn every_month(r: &Results, key: &str, from: Month, to: Month, ok: impl Fn(f64) -> bool) -> Result<(), String> {
    for m in from.through(to) {
        let x = at(r, key, m)?;
        if !ok(x) {
            return Err(format!("{key} = {x:.3} in {m}"));
        }
    }
    Ok(())
}

/// Every row of `data/bitcoin.md`'s table "Network hash rate" as (year,
/// month, EH/s). The two 2021 rows are dated to the day (the ban's low on
/// 2021-06-27, the recovery on 2021-12-21) and stand here for their month.
pub const HASH_RATE_TABLE: [(i32, u32, f64); 13] = [
    (2012, 12, 0.000_025),
    (2013, 9, 0.001),
    (2014, 12, 0.3),
    (2016, 1, 1.0),
    (2016, 12, 2.5),
    (2018, 12, 40.0),
    (2019, 9, 100.0),
    (2020, 12, 140.0),
    (2021, 6, 57.5),
    (2021, 12, 193.6),
    (2022, 12, 250.0),
    (2024, 12, 800.0),
    (2025, 4, 1000.0),
];

/// [`HASH_RATE_TABLE`] as a series to read month by month.
pub fn hash_rate_series() -> Series {
    let points = HASH_RATE_TABLE.iter().map(|&(y, m, x)| (Month::ym(y, m), x)).collect();
    Series::new(points).expect("the table's rows are in order and positive")
}

/// How good the table's figures are: "approx." in `data/bitcoin.md` means
/// about ±15 %.
pub const HASH_RATE_TABLE_TOLERANCE: f64 = 0.15;

/// The months of the real halvings (`data/bitcoin.md`, "Protocol":
/// 2012-11-28, 2016-07-09, 2020-05-11, 2024-04-20).
pub fn real_halvings() -> [Month; 4] {
    [Month::ym(2012, 11), Month::ym(2016, 7), Month::ym(2020, 5), Month::ym(2024, 4)]
}

fn halvings(_: &Scenario, r: &Results) -> Result<(), String> {
    let model: Vec<Month> = r.markers.iter().filter(|m| m.kind == MarkerKind::Halving).map(|m| m.month).collect();
    let real = real_halvings();
    if model.len() != real.len() {
        return Err(format!("halvings {model:?}"));
    }
    match model.iter().zip(real).find(|(m, r)| m.months_since(*r).abs() > 2) {
        Some((m, r)) => Err(format!("halving in {m}, real {r}")),
        None => Ok(()),
    }
}

fn ban_drop(_: &Scenario, r: &Results) -> Result<(), String> {
    let h = |y, m| at(r, "hashrate_ehs", Month::ym(y, m));
    let before = h(2021, 4)?.max(h(2021, 5)?);
    let low = h(2021, 6)?.min(h(2021, 7)?);
    let drop = 1.0 - low / before;
    if !(57.5 / 2.0..=57.5 * 2.0).contains(&low) || !(0.25..=0.55).contains(&drop) {
        return Err(format!("June–July low {low:.1} EH/s, a drop of {:.0} %", drop * 100.0));
    }
    let dec = h(2021, 12)?;
    if dec <= 1.3 * low { Err(format!("December {dec:.1} EH/s, low {low:.1}: no recovery")) } else { Ok(()) }
}

/// The network came back over half a year, not in one month: the moved
/// machines waited for sites (data/bitcoin.md: the low of late June 2021,
/// "recovered" only by late December).
fn slow_return(_: &Scenario, r: &Results) -> Result<(), String> {
    let h = |y, m| at(r, "hashrate_ehs", Month::ym(y, m));
    let before = h(2021, 4)?.max(h(2021, 5)?);
    for m in [8, 9] {
        let x = h(2021, m)?;
        if x >= before {
            return Err(format!("2021-{m:02} {x:.1} EH/s, back at April–May's {before:.1}"));
        }
    }
    Ok(())
}

/// China's lead before the ban. It ends in 2020-12: the map's own figure for
/// 2021-04 is 46 % (a point reference of its own), and between its 75.5 % of
/// 2019-09 and that, a straight line crosses half in 2021-01.
fn china_before_the_ban(_: &Scenario, r: &Results) -> Result<(), String> {
    every_month(r, "region_share.china", Month::ym(2016, 1), Month::ym(2020, 12), |x| x > 0.5)
}

fn china_leaves(_: &Scenario, r: &Results) -> Result<(), String> {
    every_month(r, "region_share.china", Month::ym(2021, 7), Month::ym(2021, 8), |x| x < 0.1)
}

fn us_leads_after_the_ban(s: &Scenario, r: &Results) -> Result<(), String> {
    for m in Month::ym(2021, 7).through(Month::ym(2025, 12)) {
        let us = at(r, "region_share.us", m)?;
        for other in s.regions.iter().filter(|x| x.id != "us") {
            let x = at(r, &format!("region_share.{}", other.id), m)?;
            if x >= us {
                return Err(format!("{m}: {} {x:.3} ≥ US {us:.3}", other.id));
            }
        }
    }
    Ok(())
}

fn hobbyists(_: &Scenario, r: &Results) -> Result<(), String> {
    every_month(r, "hobbyist_hash_share", Month::ym(2010, 1), Month::ym(2010, 12), |x| x >= 0.9)?;
    every_month(r, "hobbyist_hash_share", Month::ym(2017, 1), Month::ym(2025, 12), |x| x <= 0.05)
}

fn pool_nakamoto(_: &Scenario, r: &Results) -> Result<(), String> {
    every_month(r, "nakamoto_pool", Month::ym(2018, 1), Month::ym(2025, 12), |x| (2.0..=4.0).contains(&x))
}

fn two_pools_hold_half(_: &Scenario, r: &Results) -> Result<(), String> {
    for year in 2023..=2025 {
        let n = When::Year(year).value(r, "nakamoto_pool");
        if n.is_nan() || n > 2.0 {
            return Err(format!("{year}: mean pool Nakamoto {n:.2}"));
        }
    }
    Ok(())
}

/// The stories of the history preset.
pub const HISTORY_STORIES: [Story; 9] = [
    Story { what: "halvings within two months of the real ones", check: halvings },
    Story {
        what: "June–July 2021 low 29–115 EH/s, 25–55 % below April–May, recovered by December", check: ban_drop
    },
    Story {
        what: "the hash rate stays below its April–May 2021 level in August and September 2021",
        check: slow_return,
    },
    Story { what: "China above half of the hash rate every month 2016-01 to 2020-12", check: china_before_the_ban },
    Story { what: "China below 10 % in July and August 2021", check: china_leaves },
    Story { what: "the US the largest region every month 2021-07 to 2025-12", check: us_leads_after_the_ban },
    Story { what: "hobbyists ≥ 90 % of hash rate in 2010, ≤ 5 % from 2017", check: hobbyists },
    Story { what: "pool Nakamoto 2–4 every month from 2018", check: pool_nakamoto },
    Story {
        what: "the two largest pools hold half in 2023–2025 (yearly mean pool Nakamoto ≤ 2)",
        check: two_pools_hold_half,
    },
];
