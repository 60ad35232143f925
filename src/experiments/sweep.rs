//! Sweeps: one or two parameters over a grid, each point one run or a Monte
//! Carlo, and the sharding that splits a large sweep over a cluster.
//!
//! A grid point's index runs over the first parameter's values slowest
//! (point `p` has value `p / n₂` of the first and `p mod n₂` of the second).
//! Shard `I/N` runs the points with `p ≡ I − 1 (mod N)`; every point's rows
//! are produced by the same function whether or not the sweep is sharded, so
//! [`merge`] can interleave the parts back into exactly the unsharded file.
//! The parts carry what merging needs in their comment lines (`grid:` and
//! `shard:`), and merging refuses parts of different sweeps.

use std::str::FromStr;

use rayon::prelude::*;

use super::montecarlo::bands;
use super::output::float_text;
use super::{ExperimentError, Tracker, paths, run_once};
use crate::scenario::Scenario;

/// One swept parameter and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Registry path, e.g. `regions[0].industrial_price_usd_per_kwh`.
    pub path: String,
    /// The values, in order.
    pub values: Vec<f64>,
}

impl FromStr for Axis {
    type Err = String;

    /// Parses `PATH=v1,v2,…` or `PATH=from:to:steps` (`:log` appended for a
    /// geometric grid).
    fn from_str(s: &str) -> Result<Self, String> {
        let (path, spec) = s.split_once('=').ok_or_else(|| format!("{s:?}: expected PATH=SPEC"))?;
        if path.is_empty() {
            return Err(format!("{s:?}: the parameter path is empty"));
        }
        let values = parse_spec(spec).map_err(|e| format!("{s:?}: {e}"))?;
        Ok(Self { path: path.to_owned(), values })
    }
}

/// Values of `v1,v2,…` or `from:to:steps[:log]`.
fn parse_spec(spec: &str) -> Result<Vec<f64>, String> {
    let number = |t: &str| {
        t.trim().parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| format!("{t:?} is not a finite number"))
    };
    if !spec.contains(':') {
        return spec.split(',').map(number).collect();
    }
    let parts: Vec<&str> = spec.split(':').collect();
    let log = match parts.as_slice() {
        [_, _, _] => false,
        [_, _, _, "log"] => true,
        _ => return Err("expected from:to:steps or from:to:steps:log".into()),
    };
    let (from, to) = (number(parts[0])?, number(parts[1])?);
    let steps: usize = parts[2].parse().map_err(|_| format!("steps {:?} is not a whole number", parts[2]))?;
    if steps < 2 {
        return Err(format!("needs at least 2 steps, got {steps}"));
    }
    if log && (from <= 0.0 || to <= 0.0) {
        return Err("a log grid needs from and to above 0".into());
    }
    let last = (steps - 1) as f64;
    Ok((0..steps)
        .map(|i| match (i, log) {
            (0, _) => from,
            (i, _) if i == steps - 1 => to,
            (i, false) => from + (to - from) * i as f64 / last,
            (i, true) => from * (to / from).powf(i as f64 / last),
        })
        .collect())
}

/// One part of a sharded sweep: shard `index` (from 1) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: usize,
    /// How many shards in all.
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `I/N` with `1 ≤ I ≤ N`.
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || format!("{s:?}: expected I/N with 1 ≤ I ≤ N, e.g. 3/8");
        let (i, n) = s.split_once('/').ok_or_else(err)?;
        let (index, count) = (i.trim().parse().map_err(|_| err())?, n.trim().parse().map_err(|_| err())?);
        if index == 0 || index > count { Err(err()) } else { Ok(Self { index, count }) }
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether grid point `p` belongs to this shard.
    pub fn has(&self, p: usize) -> bool {
        p % self.count == self.index - 1
    }
}

/// What to sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// One or two parameters.
    pub axes: Vec<Axis>,
    /// Runs per point (1: one run on `seed`; more: a Monte Carlo from it).
    pub runs: usize,
    /// Base seed.
    pub seed: u64,
    /// The part to run, or all points.
    pub shard: Option<Shard>,
}

impl Plan {
    /// Number of grid points.
    pub fn points(&self) -> usize {
        self.axes.iter().map(|a| a.values.len()).product()
    }

    /// The parameter values of point `p`, one per axis.
    pub fn values(&self, p: usize) -> Vec<f64> {
        let mut rest = p;
        let mut values = vec![0.0; self.axes.len()];
        for (i, axis) in self.axes.iter().enumerate().rev() {
            values[i] = axis.values[rest % axis.values.len()];
            rest /= axis.values.len();
        }
        values
    }

    /// The points this plan runs, in order.
    pub fn selected(&self) -> Vec<usize> {
        (0..self.points()).filter(|&p| self.shard.is_none_or(|s| s.has(p))).collect()
    }

    /// The comment lines merging relies on: the grid and the shard.
    pub fn provenance(&self, months: usize) -> Vec<String> {
        let axes: Vec<String> = self
            .axes
            .iter()
            .map(|a| format!("{}={}", a.path, a.values.iter().map(|&x| float_text(x)).collect::<Vec<_>>().join(",")))
            .collect();
        vec![
            format!("parameters: {}", axes.join(" ")),
            format!("grid: {} points x {months} months", self.points()),
            format!("shard: {}", self.shard.unwrap_or(Shard { index: 1, count: 1 })),
        ]
    }
}

/// The scenario at grid point `p`.
/// The scenario of grid point `p`: `base` with the point's values set,
/// validated (the error names the point).
pub fn scenario_at(base: &Scenario, plan: &Plan, p: usize) -> Result<Scenario, ExperimentError> {
    let mut s = base.clone();
    for (axis, value) in plan.axes.iter().zip(plan.values(p)) {
        paths::set(&mut s, &axis.path, value)?;
    }
    crate::scenario::validate::validate(&s).map_err(|problems| ExperimentError::Invalid {
        context: format!("at {}: ", describe_point(plan, p)),
        problems,
    })?;
    Ok(s)
}

fn describe_point(plan: &Plan, p: usize) -> String {
    let parts: Vec<String> =
        plan.axes.iter().zip(plan.values(p)).map(|(a, v)| format!("{} = {}", a.path, float_text(v))).collect();
    parts.join(", ")
}

/// Runs the plan and returns the CSV body (header and rows, no comments):
/// the parameter columns, `month`, then the results (their statistics when
/// `runs` > 1), one row per grid point and month. Every point is checked
/// before anything runs, so a bad value fails at once.
pub fn sweep(
    base: &Scenario,
    plan: &Plan,
    pool: &rayon::ThreadPool,
    tracker: &Tracker,
) -> Result<Vec<u8>, ExperimentError> {
    if plan.axes.is_empty() || plan.axes.len() > 2 || plan.axes.iter().any(|a| a.values.is_empty()) {
        return Err(ExperimentError::Setting("a sweep needs one or two parameters, each with values".into()));
    }
    let points = plan.selected();
    let scenarios: Vec<Scenario> = points.iter().map(|&p| scenario_at(base, plan, p)).collect::<Result<_, _>>()?;
    let header = header(base, plan)?;
    let chunks: Vec<Vec<u8>> = if plan.runs <= 1 {
        tracker.add_total(points.len());
        pool.install(|| {
            points.par_iter().zip(&scenarios).map(|(&p, s)| single_rows(s, plan, p, tracker)).collect::<Result<_, _>>()
        })?
    } else {
        tracker.add_total(points.len() * plan.runs);
        let mut chunks = Vec::with_capacity(points.len());
        for (&p, s) in points.iter().zip(&scenarios) {
            let bands = bands(s, plan.seed, plan.runs, pool, tracker)?;
            let mut w = csv::Writer::from_writer(Vec::new());
            bands.write_rows(&mut w, &prefix(plan, p)).map_err(|e| csv_error(&e))?;
            chunks.push(w.into_inner().map_err(|e| csv_error(&e.into_error().into()))?);
        }
        chunks
    };
    let mut out = header;
    for chunk in chunks {
        out.extend(chunk);
    }
    Ok(out)
}

fn csv_error(e: &csv::Error) -> ExperimentError {
    ExperimentError::Output(format!("cannot format the results as CSV: {e}"))
}

/// The header line: parameter paths, `month`, result columns.
fn header(base: &Scenario, plan: &Plan) -> Result<Vec<u8>, ExperimentError> {
    let sim = crate::sim::Simulation::new(base, plan.seed).map_err(|e| ExperimentError::from_run("", e))?;
    let specs = &sim.results().specs;
    let results: Vec<String> = if plan.runs <= 1 {
        specs.iter().map(|s| s.key.clone()).collect()
    } else {
        specs
            .iter()
            .flat_map(|s| super::montecarlo::STAT_SUFFIXES.map(|suffix| format!("{}.{suffix}", s.key)))
            .collect()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let cells = plan.axes.iter().map(|a| a.path.clone()).chain(["month".to_owned()]).chain(results);
    w.write_record(cells).map_err(|e| csv_error(&e))?;
    w.into_inner().map_err(|e| csv_error(&e.into_error().into()))
}

fn prefix(plan: &Plan, p: usize) -> Vec<String> {
    plan.values(p).into_iter().map(float_text).collect()
}

/// The rows of point `p` run once.
fn single_rows(s: &Scenario, plan: &Plan, p: usize, tracker: &Tracker) -> Result<Vec<u8>, ExperimentError> {
    let results = run_once(s, plan.seed, tracker)
        .map_err(|e| ExperimentError::from_run(&format!("at {}: ", describe_point(plan, p)), e))?;
    let prefix = prefix(plan, p);
    let mut w = csv::Writer::from_writer(Vec::new());
    for (m, month) in results.months.iter().enumerate() {
        let values = results.values.iter().map(|col| float_text(col[m]));
        w.write_record(prefix.iter().cloned().chain([month.to_string()]).chain(values)).map_err(|e| csv_error(&e))?;
    }
    w.into_inner().map_err(|e| csv_error(&e.into_error().into()))
}

/// One part file given to [`merge`]: its name (for messages) and its text.
#[derive(Debug, Clone)]
pub struct Part {
    /// Name shown in messages (the path).
    pub name: String,
    /// The whole file.
    pub text: String,
}

/// The merged sweep: the comment lines the parts share (without `shard:` and
/// `command:`) and the body, equal to what the unsharded sweep writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Shared comment lines, without `# `.
    pub comments: Vec<String>,
    /// Header and rows.
    pub body: String,
}

struct ParsedPart<'a> {
    name: &'a str,
    shared: Vec<&'a str>,
    shard: Shard,
    points: usize,
    months: usize,
    header: &'a str,
    rows: Vec<&'a str>,
}

fn parse_part(part: &Part) -> Result<ParsedPart<'_>, String> {
    let name = part.name.as_str();
    let mut lines = part.text.lines().peekable();
    let mut shared = Vec::new();
    let (mut shard, mut grid) = (None, None);
    while let Some(comment) = lines.peek().and_then(|l| l.strip_prefix('#')) {
        let comment = comment.strip_prefix(' ').unwrap_or(comment);
        if let Some(s) = comment.strip_prefix("shard: ") {
            shard = Some(s.parse::<Shard>().map_err(|e| format!("{name}: shard line: {e}"))?);
        } else if !comment.starts_with("command: ") {
            if let Some(g) = comment.strip_prefix("grid: ") {
                grid = Some(parse_grid(g).ok_or_else(|| format!("{name}: cannot read the grid line {comment:?}"))?);
            }
            shared.push(comment);
        }
        lines.next();
    }
    let (Some(shard), Some((points, months))) = (shard, grid) else {
        return Err(format!("{name}: not a part of a sweep (no `# grid:` and `# shard:` comment lines)"));
    };
    let header = lines.next().ok_or_else(|| format!("{name}: has no header line"))?;
    Ok(ParsedPart { name, shared, shard, points, months, header, rows: lines.collect() })
}

/// `P points x M months`.
fn parse_grid(text: &str) -> Option<(usize, usize)> {
    let (points, months) = text.split_once(" points x ")?;
    Some((points.parse().ok()?, months.strip_suffix(" months")?.parse().ok()?))
}

/// Joins the parts of a sharded sweep, in any order, into exactly what the
/// unsharded sweep writes. Refuses parts of different sweeps, a missing or
/// repeated shard and truncated parts, naming the file.
pub fn merge(parts: &[Part]) -> Result<Merged, String> {
    let parsed: Vec<ParsedPart> = parts.iter().map(parse_part).collect::<Result<_, _>>()?;
    let first = parsed.first().ok_or("no parts to merge")?;
    let count = first.shard.count;
    let mut by_shard: Vec<Option<&ParsedPart>> = vec![None; count];
    for p in &parsed {
        if p.shared != first.shared || p.header != first.header || p.shard.count != count {
            return Err(format!("{}: is not a part of the same sweep as {}", p.name, first.name));
        }
        let slot = &mut by_shard[p.shard.index - 1];
        if let Some(other) = slot {
            return Err(format!("{}: shard {} is also in {}", p.name, p.shard, other.name));
        }
        let expected = (0..first.points).filter(|&i| p.shard.has(i)).count() * first.months;
        if p.rows.len() != expected {
            return Err(format!("{}: has {} rows, shard {} needs {expected}", p.name, p.rows.len(), p.shard));
        }
        *slot = Some(p);
    }
    let missing: Vec<String> = (1..=count).filter(|&i| by_shard[i - 1].is_none()).map(|i| i.to_string()).collect();
    if !missing.is_empty() {
        return Err(format!("shards missing: {} of {count}", missing.join(", ")));
    }
    let mut body = String::with_capacity(parts.iter().map(|p| p.text.len()).sum());
    body.push_str(first.header);
    body.push('\n');
    for point in 0..first.points {
        let part = by_shard[point % count].ok_or("a shard is missing")?;
        let block = point / count;
        for row in &part.rows[block * first.months..(block + 1) * first.months] {
            body.push_str(row);
            body.push('\n');
        }
    }
    Ok(Merged { comments: first.shared.iter().map(|s| (*s).to_owned()).collect(), body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_give_lists_linear_and_log_grids() {
        assert_eq!("a.b=1,2.5,4".parse::<Axis>().unwrap().values, vec![1.0, 2.5, 4.0]);
        assert_eq!("a=0:1:5".parse::<Axis>().unwrap().values, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let log = "a=1:100:3:log".parse::<Axis>().unwrap().values;
        assert_eq!((log[0], log[2]), (1.0, 100.0));
        assert!((log[1] - 10.0).abs() < 1e-12);
        for bad in ["a", "=1", "a=1:2", "a=1:2:1", "a=0:1:3:log", "a=x,1", "a=1:2:3:lin", "a=1,,2"] {
            assert!(bad.parse::<Axis>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_partition_the_points() {
        for bad in ["0/3", "4/3", "1", "a/b"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        let shards: Vec<Shard> = (1..=3).map(|i| Shard { index: i, count: 3 }).collect();
        for p in 0..10 {
            assert_eq!(shards.iter().filter(|s| s.has(p)).count(), 1);
        }
    }

    #[test]
    fn the_first_axis_varies_slowest() {
        let plan = Plan {
            axes: vec![
                Axis { path: "a".into(), values: vec![1.0, 2.0] },
                Axis { path: "b".into(), values: vec![10.0, 20.0, 30.0] },
            ],
            runs: 1,
            seed: 1,
            shard: None,
        };
        assert_eq!(plan.points(), 6);
        assert_eq!(plan.values(0), vec![1.0, 10.0]);
        assert_eq!(plan.values(2), vec![1.0, 30.0]);
        assert_eq!(plan.values(3), vec![2.0, 10.0]);
    }
}
