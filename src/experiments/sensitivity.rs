//! Sensitivity screening: which parameters move a chosen output
//! (`COLUMN@MONTH`)? Two methods over every model parameter of the registry
//! ([`super::paths::model_parameters`]):
//!
//! - **One at a time** ([`one_at_a_time`]): each parameter alone at the low
//!   and the high end of its registry range, everything else as in the
//!   scenario; the effect is output(high) − output(low). Two runs per
//!   parameter. An end that validation refuses with the other fields as
//!   they are (a price of 0, a capacity above its ceiling) is moved to the
//!   nearest value it accepts (by bisection toward the scenario's value)
//!   and the row says so; a provider share, which must sum to 1 with the
//!   others, cannot move at all and shows no effect.
//! - **Morris elementary effects** ([`morris`]): `r` trajectories (default
//!   [`DEFAULT_TRAJECTORIES`]) of `k + 1` runs each through a grid of
//!   [`LEVELS`] levels, each step moving one parameter by Δ = 2/3 of its
//!   box; μ* (mean absolute effect, the ranking measure), μ and σ (spread:
//!   non-linearity and interactions) per parameter (Morris 1991; μ* from
//!   Campolongo, Cariboni and Saltelli 2007). Moving hundreds of parameters
//!   at once across their whole valid ranges gives scenarios that validation
//!   refuses (shares, ceilings) or that mean nothing, so Morris works in a box
//!   around the scenario: value × (1 ± spread) (default ±50 %), within the
//!   registry range; a parameter at 0 gets spread × 1 % of its range. An end
//!   of a box that is not valid with every other parameter at its scenario
//!   value is moved to the nearest valid value, as for one at a time; a box
//!   squeezed below 1 % of its width (a provider share) is dropped. Where
//!   two moving fields break a rule between them (a capacity above its
//!   region's ceiling), the boxes of the field validation names and of its
//!   siblings are halved toward their values until the design's points
//!   validate.
//!   Effects are in output units per whole box. Steps whose scenario is not
//!   valid are skipped and counted.
//!
//! Every run uses the scenario's seed (common random numbers), so an effect
//! is the parameter's and not the noise between seeds. The trajectories are
//! drawn from a `ChaCha12` stream seeded with the scenario's seed, so a
//! screening is reproducible. The `salib` crate (a young port of Python's
//! `SALib` first published in 2026, split over six sub-crates) was considered
//! and not used: the Morris design is a few dozen lines, and it needs this
//! registry's whole numbers, switches and validity checks anyway.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha12Rng;
use rayon::prelude::*;

use super::output::float_text;
use super::paths::{Field, Kind, model_parameters, set, set_many};
use super::{ExperimentError, OutputAt, Tracker, run_counted, run_uncounted};
use crate::scenario::Scenario;
use crate::scenario::validate::validate;
use crate::sim::SectorKind;

/// Morris trajectories when not told otherwise: 10 is the usual choice for
/// screening (Campolongo et al. 2007 use 10–20).
pub const DEFAULT_TRAJECTORIES: usize = 10;

/// Grid levels of a Morris design; Δ = LEVELS / (2 (LEVELS − 1)) = 2/3.
pub const LEVELS: usize = 4;

/// Default half-width of a Morris box, as a share of the parameter's value.
pub const DEFAULT_SPREAD: f64 = 0.5;

/// One row of a screening, per parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Registry path.
    pub path: String,
    /// Low and high values tried (the range, or the Morris box).
    pub low: f64,
    /// See `low`.
    pub high: f64,
    /// One at a time: output(high) − output(low). Morris: μ*.
    pub effect: f64,
    /// One at a time: output at low and high. Morris: μ and σ.
    pub detail: [f64; 2],
    /// Morris: elementary effects that were computed; one at a time: runs.
    pub count: usize,
    /// Why a value is missing (an end that is not valid), or empty.
    pub note: String,
}

/// Sorts rows by absolute effect, largest first; rows without an effect
/// last; ties keep registry order.
fn sort_rows(rows: &mut [Row]) {
    rows.sort_by(|a, b| match (a.effect.is_nan(), b.effect.is_nan()) {
        (false, false) => b.effect.abs().total_cmp(&a.effect.abs()),
        (a_nan, b_nan) => a_nan.cmp(&b_nan),
    });
}

/// The scenario with one field set, or why it is not valid.
fn with_value(base: &Scenario, field: &Field, value: f64) -> Result<Scenario, String> {
    let mut s = base.clone();
    set(&mut s, &field.path, value).map_err(|e| e.to_string())?;
    validate(&s).map_err(|p| p.0.first().map(ToString::to_string).unwrap_or_default())?;
    Ok(s)
}

/// The output of one run of `s` (of the output's sector alone), NaN when
/// the run has no value there.
fn output_of(s: &Scenario, output: &Output, tracker: &Tracker) -> Result<f64, ExperimentError> {
    let results = run_counted(s, s.seed, &[output.sector], tracker).map_err(|e| ExperimentError::from_run("", e))?;
    Ok(output.at.read(&results, s))
}

/// The screened output and the one sector that writes it: the other
/// sectors cannot move it, so runs leave them out.
struct Output<'a> {
    at: &'a OutputAt,
    sector: SectorKind,
}

/// What one job of a screening asks for.
enum Job {
    /// The output of a run of this scenario.
    Run(Box<Scenario>),
    /// Nothing: validation refuses the job's scenario.
    Invalid,
    /// Nothing to run: the scenario gives the output's sector the same
    /// inputs as one whose output the caller knows, so the output is that
    /// one, bit for bit.
    Same,
}

/// What a job gave.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// The run's output (NaN when the run has no value there).
    Value(f64),
    /// The scenario is not valid.
    Invalid,
    /// The output of the scenario [`Job::Same`] refers to.
    Same,
}

/// The outcome of every job, its runs in parallel: `plan` says what each
/// job is; jobs that run nothing are counted as done at once.
fn outcomes_of<J: Sync>(
    jobs: &[J],
    output: &Output,
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
    plan: impl Fn(&J) -> Job + Sync,
) -> Result<Vec<Outcome>, ExperimentError> {
    pool.install(|| {
        jobs.par_iter()
            .map(|job| match plan(job) {
                Job::Run(s) => output_of(&s, output, tracker).map(Outcome::Value),
                Job::Invalid => {
                    tracker.finish_one();
                    Ok(Outcome::Invalid)
                }
                Job::Same => {
                    tracker.finish_one();
                    Ok(Outcome::Same)
                }
            })
            .collect()
    })
}

/// [`output_of`] for a run outside the announced runs (the scenario's own
/// output, a step that had nothing to take after all).
fn output_uncounted(s: &Scenario, output: &Output, tracker: &Tracker) -> Result<f64, ExperimentError> {
    let results = run_uncounted(s, s.seed, &[output.sector], tracker).map_err(|e| ExperimentError::from_run("", e))?;
    Ok(output.at.read(&results, s))
}

/// A job's value: a run's output, NaN for a scenario that is not valid.
fn value(outcome: Outcome, same: f64) -> f64 {
    match outcome {
        Outcome::Value(y) => y,
        Outcome::Invalid => f64::NAN,
        Outcome::Same => same,
    }
}

/// One-at-a-time screening of every model parameter over its registry
/// range, sorted by absolute effect.
pub fn one_at_a_time(
    base: &Scenario,
    output: &OutputAt,
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
) -> Result<Vec<Row>, ExperimentError> {
    let output = Output { at: output, sector: output.sector(base)? };
    let fields = model_parameters(base);
    let ends: Vec<[(f64, Option<String>); 2]> = pool.install(|| {
        fields.par_iter().map(|f| [valid_end(base, f, f.param.min), valid_end(base, f, f.param.max)]).collect()
    });
    let jobs: Vec<(usize, f64)> = ends.iter().enumerate().flat_map(|(i, [lo, hi])| [(i, lo.0), (i, hi.0)]).collect();
    tracker.add_total(jobs.len());
    // A parameter the output's sector does not read (an AI setting for a
    // mining output) leaves the output at the scenario's own.
    let outcomes =
        outcomes_of(&jobs, &output, pool, tracker, |&(i, value)| match with_value(base, &fields[i], value) {
            Ok(s) if output.sector.same_inputs(&s, base) => Job::Same,
            Ok(s) => Job::Run(Box::new(s)),
            Err(_) => Job::Invalid,
        })?;
    let own = if outcomes.contains(&Outcome::Same) { output_uncounted(base, &output, tracker)? } else { f64::NAN };
    let outputs: Vec<f64> = outcomes.into_iter().map(|o| value(o, own)).collect();
    let mut rows: Vec<Row> = fields
        .iter()
        .zip(&ends)
        .zip(outputs.chunks(2))
        .map(|((f, [lo, hi]), y)| {
            let notes: Vec<String> = [(lo, "low", f.param.min), (hi, "high", f.param.max)]
                .iter()
                .filter_map(|((value, why), end, limit)| {
                    why.as_ref().map(|why| {
                        format!(
                            "{end} end moved to {} ({} is not valid: {why})",
                            float_text(*value),
                            float_text(*limit)
                        )
                    })
                })
                .collect();
            Row {
                path: f.path.clone(),
                low: lo.0,
                high: hi.0,
                effect: y[1] - y[0],
                detail: [y[0], y[1]],
                count: 2,
                note: notes.join("; "),
            }
        })
        .collect();
    sort_rows(&mut rows);
    Ok(rows)
}

/// The Morris box of a field: `(low, high)`, equal when it cannot vary.
fn morris_box(base: &Scenario, field: &Field, spread: f64) -> (f64, f64) {
    let (min, max, v) = (field.param.min, field.param.max, field.value);
    if field.kind == Kind::Switch {
        return (0.0, 1.0);
    }
    // A parameter at 0 has no scale of its own: 1 % of its range per unit of
    // spread (a quarter of the range would mean 25,000 initial firms).
    let half = if v == 0.0 { spread * (max - min) / 100.0 } else { spread * v.abs() };
    let round = |x: f64| if field.kind == Kind::Whole { x.round() } else { x };
    let end = |target: f64| valid_end(base, field, round(target.clamp(min, max))).0;
    let (low, high) = (end(v - half), end(v + half));
    // A box validation squeezes to almost nothing (a provider share, which
    // must sum to 1 with the others) is no box at all.
    if high - low < 0.01 * 2.0 * half { (v, v) } else { (low, high) }
}

/// Rounds of [`fit_boxes`] before the design is used as it is.
const FIT_ROUNDS: usize = 12;

/// Shrinks the boxes of the fields that validation names at the design's
/// points (a capacity above its region's ceiling when both move, a bits
/// floor above the bits at the reference month), and of their siblings in
/// the same structure, halfway toward their scenario values, until every
/// point validates or [`FIT_ROUNDS`] have passed. Each box end was valid
/// alone, so a rule between two fields holds once both are close enough to
/// their values.
fn fit_boxes(
    base: &Scenario,
    fields: &[Field],
    boxes: &mut [(f64, f64)],
    design: &[Trajectory],
    pool: &rayon::ThreadPool,
) {
    let k = fields.len();
    let jobs: Vec<(usize, usize)> = (0..design.len()).flat_map(|t| (0..=k).map(move |step| (t, step))).collect();
    for _ in 0..FIT_ROUNDS {
        let named: Vec<Vec<String>> = pool.install(|| {
            jobs.par_iter()
                .map(|&(t, step)| {
                    let mut s = base.clone();
                    if set_many(&mut s, &values_at(fields, boxes, &point_of(&design[t], step))).is_err() {
                        return Vec::new();
                    }
                    validate(&s).err().map(|p| p.0.into_iter().map(|q| q.path).collect()).unwrap_or_default()
                })
                .collect()
        });
        let mut shrink = vec![false; k];
        for path in named.iter().flatten() {
            // The rule's other field is a sibling (`regions[2].capacity_mw`
            // for `regions[2].capacity_max_mw`): shrink the whole group.
            let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
            for (i, f) in fields.iter().enumerate() {
                if f.path.rsplit_once('.').map_or("", |(p, _)| p) == parent {
                    shrink[i] = true;
                }
            }
        }
        if !shrink.contains(&true) {
            return;
        }
        for ((f, b), _) in fields.iter().zip(boxes.iter_mut()).zip(&shrink).filter(|(_, s)| **s) {
            let half = |x: f64| {
                let y = f.value + (x - f.value) / 2.0;
                if f.kind == Kind::Real { y } else { y.round() }
            };
            *b = (half(b.0), half(b.1));
        }
    }
}

/// The value nearest `target` on the way from the scenario's value that
/// validation accepts with every other field as it is, found by bisection,
/// and why `target` itself is refused (`None` when it is accepted).
fn valid_end(base: &Scenario, field: &Field, target: f64) -> (f64, Option<String>) {
    let Err(why) = with_value(base, field, target) else { return (target, None) };
    let (mut good, mut bad) = (field.value, target);
    for _ in 0..40 {
        let mid = if field.kind == Kind::Real { good + (bad - good) / 2.0 } else { f64::midpoint(good, bad).trunc() };
        if mid == good || mid == bad {
            break;
        }
        if with_value(base, field, mid).is_ok() { good = mid } else { bad = mid }
    }
    (good, Some(why))
}

/// A trajectory: the order the parameters move in, their starting levels
/// (in units of the box) and the direction of each step.
struct Trajectory {
    order: Vec<usize>,
    start: Vec<f64>,
    up: Vec<bool>,
}

fn trajectories(k: usize, r: usize, seed: u64) -> Vec<Trajectory> {
    let delta = LEVELS as f64 / (2.0 * (LEVELS - 1) as f64);
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    rng.set_stream(3);
    (0..r)
        .map(|_| {
            let mut order: Vec<usize> = (0..k).collect();
            order.shuffle(&mut rng);
            let up: Vec<bool> = (0..k).map(|_| rng.random()).collect();
            // Levels from which a step of Δ stays inside [0, 1].
            let starts = LEVELS - (delta * (LEVELS - 1) as f64).round() as usize;
            let start = up
                .iter()
                .map(|&u| {
                    let level = rng.random_range(0..starts) as f64 / (LEVELS - 1) as f64;
                    if u { level } else { level + delta }
                })
                .collect();
            Trajectory { order, start, up }
        })
        .collect()
}

/// Morris screening with `r` trajectories, sorted by μ*.
pub fn morris(
    base: &Scenario,
    output: &OutputAt,
    r: usize,
    spread: f64,
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
) -> Result<Vec<Row>, ExperimentError> {
    if r < 2 {
        return Err(ExperimentError::Setting(format!("Morris needs at least 2 trajectories, got {r}")));
    }
    let output = Output { at: output, sector: output.sector(base)? };
    let all = model_parameters(base);
    let boxes: Vec<(f64, f64)> = pool.install(|| all.par_iter().map(|f| morris_box(base, f, spread)).collect());
    let (fields, mut boxes): (Vec<Field>, Vec<(f64, f64)>) =
        all.into_iter().zip(boxes).filter(|(_, (lo, hi))| lo < hi).unzip();
    let k = fields.len();
    let design = trajectories(k, r, base.seed);
    fit_boxes(base, &fields, &mut boxes, &design, pool);
    tracker.add_total(r * (k + 1));
    let jobs: Vec<(usize, usize)> = (0..r).flat_map(|t| (0..=k).map(move |step| (t, step))).collect();
    let read = read_by(base, &fields, &boxes, output.sector);
    // A step that moves a parameter the output's sector does not read
    // leaves the output where the step before left it.
    let outcomes = outcomes_of(&jobs, &output, pool, tracker, |&(t, step)| {
        match scenario_at(base, &fields, &boxes, &point_of(&design[t], step)) {
            None => Job::Invalid,
            Some(_) if step > 0 && !read[design[t].order[step - 1]] => Job::Same,
            Some(s) => Job::Run(Box::new(s)),
        }
    })?;
    let ys = steps_resolved(&outcomes, k + 1, &output, tracker, |j| {
        scenario_at(base, &fields, &boxes, &point_of(&design[j / (k + 1)], j % (k + 1)))
    })?;
    Ok(morris_rows(&fields, &boxes, &design, &ys))
}

/// For each field, whether `sector` reads it: whether moving it across its
/// box changes the sector's inputs.
fn read_by(base: &Scenario, fields: &[Field], boxes: &[(f64, f64)], sector: SectorKind) -> Vec<bool> {
    fields
        .iter()
        .zip(boxes)
        .map(|(f, &(lo, hi))| {
            let mut s = base.clone();
            let other = if f.value == lo { hi } else { lo };
            set(&mut s, &f.path, other).is_err() || !sector.same_inputs(&s, base)
        })
        .collect()
}

/// The outputs of trajectories of `len` steps each from their outcomes: a
/// step marked [`Outcome::Same`] takes the output of the nearest step
/// before it that ran. Where that step's scenario was not valid, there is
/// nothing to take, and the step's own scenario (`scenario_of(j)`) is run
/// after all.
fn steps_resolved(
    outcomes: &[Outcome],
    len: usize,
    output: &Output,
    tracker: &Tracker,
    scenario_of: impl Fn(usize) -> Option<Scenario>,
) -> Result<Vec<f64>, ExperimentError> {
    let mut ys = Vec::with_capacity(outcomes.len());
    for (j, &o) in outcomes.iter().enumerate() {
        let y = match o {
            Outcome::Same => {
                let first = j - j % len;
                let anchor = (first..j).rev().map(|i| outcomes[i]).find(|o| *o != Outcome::Same);
                match anchor {
                    Some(Outcome::Value(_)) => ys[j - 1],
                    _ => scenario_of(j).map_or(Ok(f64::NAN), |s| output_uncounted(&s, output, tracker))?,
                }
            }
            o => value(o, f64::NAN),
        };
        ys.push(y);
    }
    Ok(ys)
}

/// The unit-box point of trajectory `t` after `step` moves.
fn point_of(t: &Trajectory, step: usize) -> Vec<f64> {
    let delta = LEVELS as f64 / (2.0 * (LEVELS - 1) as f64);
    let mut u = t.start.clone();
    for &i in &t.order[..step] {
        u[i] += if t.up[i] { delta } else { -delta };
    }
    u
}

/// The scenario at unit point `u`, `None` when it is not valid.
fn scenario_at(base: &Scenario, fields: &[Field], boxes: &[(f64, f64)], u: &[f64]) -> Option<Scenario> {
    let mut s = base.clone();
    set_many(&mut s, &values_at(fields, boxes, u)).ok()?;
    validate(&s).ok().map(|()| s)
}

/// The field values at unit point `u` of the boxes.
fn values_at<'a>(fields: &'a [Field], boxes: &[(f64, f64)], u: &[f64]) -> Vec<(&'a str, f64)> {
    fields
        .iter()
        .zip(boxes)
        .zip(u)
        .map(|((f, &(lo, hi)), &x)| {
            let value = match f.kind {
                Kind::Switch => f64::from(u8::from(x >= 0.5)),
                Kind::Whole => (lo + x * (hi - lo)).round(),
                Kind::Real => (lo + x * (hi - lo)).clamp(lo, hi),
            };
            (f.path.as_str(), value)
        })
        .collect()
}

/// μ*, μ and σ of every field from the outputs `ys` (trajectory-major).
fn morris_rows(fields: &[Field], boxes: &[(f64, f64)], design: &[Trajectory], ys: &[f64]) -> Vec<Row> {
    let delta = LEVELS as f64 / (2.0 * (LEVELS - 1) as f64);
    let k = fields.len();
    let mut effects: Vec<Vec<f64>> = vec![Vec::new(); k];
    for (t, traj) in design.iter().enumerate() {
        let y = &ys[t * (k + 1)..(t + 1) * (k + 1)];
        for (step, &i) in traj.order.iter().enumerate() {
            let ee = (y[step + 1] - y[step]) / if traj.up[i] { delta } else { -delta };
            if ee.is_finite() {
                effects[i].push(ee);
            }
        }
    }
    let mut rows: Vec<Row> = fields
        .iter()
        .zip(boxes)
        .zip(&effects)
        .map(|((f, &(low, high)), ee)| {
            let n = ee.len() as f64;
            let mu = ee.iter().sum::<f64>() / n;
            let mu_star = ee.iter().map(|e| e.abs()).sum::<f64>() / n;
            let sigma = (ee.iter().map(|e| (e - mu).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            let note = if ee.is_empty() { "no valid step".to_owned() } else { String::new() };
            Row { path: f.path.clone(), low, high, effect: mu_star, detail: [mu, sigma], count: ee.len(), note }
        })
        .collect();
    sort_rows(&mut rows);
    rows
}

/// The screening as CSV: one row per parameter, sorted by effect.
pub fn to_csv(rows: &[Row], morris: bool) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: [&str; 8] = if morris {
        ["parameter", "low", "high", "mu_star", "mu", "sigma", "effects", "note"]
    } else {
        ["parameter", "low", "high", "effect", "output_at_low", "output_at_high", "runs", "note"]
    };
    w.write_record(header)?;
    let f = super::output::float_text;
    for r in rows {
        let [a, b] = r.detail;
        w.write_record([
            r.path.clone(),
            f(r.low),
            f(r.high),
            f(r.effect),
            f(a),
            f(b),
            r.count.to_string(),
            r.note.clone(),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trajectories_step_every_parameter_once_inside_the_unit_box() {
        let design = trajectories(5, 3, 7);
        for t in &design {
            let mut sorted = t.order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
            for step in 0..=5 {
                assert!(point_of(t, step).iter().all(|&x| (-1e-12..=1.0 + 1e-12).contains(&x)));
            }
        }
        let again = trajectories(5, 3, 7);
        assert!(design.iter().zip(&again).all(|(a, b)| a.order == b.order && a.start == b.start));
    }

    #[test]
    fn rows_sort_by_absolute_effect_with_missing_effects_last() {
        let row = |path: &str, effect: f64| Row {
            path: path.into(),
            low: 0.0,
            high: 1.0,
            effect,
            detail: [0.0; 2],
            count: 0,
            note: String::new(),
        };
        let mut rows = vec![row("a", 1.0), row("b", f64::NAN), row("c", -3.0), row("d", 2.0)];
        sort_rows(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(order, ["c", "d", "a", "b"]);
    }
}
