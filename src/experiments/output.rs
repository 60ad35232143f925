//! What every experiment writes: the one float format of its CSV files, the
//! `#` comment lines that make a result reproducible, and the
//! `COLUMN@MONTH` notation that picks one number out of a run.
//!
//! The comment lines record the scenario's content hash, the seeds, the
//! number of runs, the command and the Diverge version, so any file can be
//! regenerated. The content hash is FNV-1a (64 bit) of the scenario as
//! Diverge saves it (`scenario::io::to_ron_string`): it does not depend on
//! the platform, the Rust version or the formatting of the file it came
//! from, and it changes with any field.

use crate::scenario::io::to_ron_string;
use crate::scenario::{Month, Scenario};
use crate::sim::Results;

/// Appends `x` to `cell` as every Diverge CSV writes numbers
/// ([`crate::sim::results::format_value`]): the shortest text that reads
/// back as the same `f64`, `0` for both zeros, nothing for NaN and
/// infinities (an empty CSV cell means "no value").
pub fn write_float(cell: &mut String, x: f64) {
    cell.push_str(crate::sim::results::format_value(x, &mut ryu::Buffer::new()));
}

/// `x` formatted by [`write_float`].
pub fn float_text(x: f64) -> String {
    let mut s = String::new();
    write_float(&mut s, x);
    s
}

/// FNV-1a (64 bit) of the scenario as Diverge saves it, as 16 hex digits.
pub fn content_hash(scenario: &Scenario) -> String {
    let text = to_ron_string(scenario).unwrap_or_else(|e| format!("unserialisable scenario: {e}"));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The `#` comment lines at the top of an experiment's CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Lines without their `# ` prefix, in order.
    pub lines: Vec<String>,
}

impl Provenance {
    /// Starts with the Diverge version and the command line.
    pub fn new(command: &str) -> Self {
        Self { lines: vec![format!("diverge {}", env!("CARGO_PKG_VERSION")), format!("command: {command}")] }
    }

    /// Records a scenario by its name and content hash, under `label`
    /// (`scenario`, `a`, `b`).
    pub fn scenario(&mut self, label: &str, source: &str, scenario: &Scenario) -> &mut Self {
        self.line(format!("{label}: {source} ({:?}), content hash fnv1a64:{}", scenario.name, content_hash(scenario)))
    }

    /// Adds one line (`key: value`).
    pub fn line(&mut self, line: impl Into<String>) -> &mut Self {
        self.lines.push(line.into());
        self
    }

    /// Records the seeds of `runs` runs from base seed `seed`.
    pub fn seeds(&mut self, seed: u64, runs: usize) -> &mut Self {
        if runs == 1 {
            self.line(format!("seed: {seed}")).line("runs: 1")
        } else {
            let last = super::run_seed(seed, runs - 1);
            self.line(format!("seeds: {seed} to {last} (run k uses seed {seed} + k)")).line(format!("runs: {runs}"))
        }
    }

    /// The comment block, each line prefixed with `# ` and ended by `\n`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            for part in line.lines() {
                out.push_str("# ");
                out.push_str(part);
                out.push('\n');
            }
        }
        out
    }
}

/// One number of a run: a column at a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputAt {
    /// Column key, e.g. `hashrate_ehs`.
    pub column: String,
    /// The month; `None` is the last month of the timeline.
    pub month: Option<Month>,
}

impl std::str::FromStr for OutputAt {
    type Err = String;

    /// Parses `COLUMN@YYYY-MM`, or `COLUMN` for the last month.
    fn from_str(s: &str) -> Result<Self, String> {
        let (column, month) = match s.split_once('@') {
            Some((c, m)) => (c, Some(m.parse::<Month>().map_err(|e| format!("{s:?}: {e}"))?)),
            None => (s, None),
        };
        if column.is_empty() {
            return Err(format!("{s:?}: expected COLUMN@YYYY-MM, e.g. hashrate_ehs@2030-12"));
        }
        Ok(Self { column: column.to_owned(), month })
    }
}

impl std::fmt::Display for OutputAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}@{m}", self.column),
            None => write!(f, "{}@end", self.column),
        }
    }
}

impl OutputAt {
    /// The month this output reads in a scenario (its last month when none
    /// was given).
    pub fn month_in(&self, scenario: &Scenario) -> Month {
        self.month.unwrap_or(scenario.timeline.end)
    }

    /// Checks that a run of `scenario` has this column and month, naming the
    /// valid columns or the timeline otherwise.
    pub fn check(&self, scenario: &Scenario) -> Result<(), super::ExperimentError> {
        self.sector(scenario).map(|_| ())
    }

    /// Checks the output (as [`OutputAt::check`]) and names the one sector
    /// that writes its column.
    pub fn sector(&self, scenario: &Scenario) -> Result<crate::sim::SectorKind, super::ExperimentError> {
        let sim = crate::sim::Simulation::new(scenario, scenario.seed)
            .map_err(|e| super::ExperimentError::from_run("", e))?;
        let specs = &sim.results().specs;
        let Some(column) = specs.iter().position(|s| s.key == self.column) else {
            let keys: Vec<&str> = specs.iter().map(|s| s.key.as_str()).collect();
            return Err(super::ExperimentError::Output(format!(
                "unknown output column {:?}; the columns are: {}",
                self.column,
                keys.join(", ")
            )));
        };
        let month = self.month_in(scenario);
        let t = scenario.timeline;
        if month < t.start || month > t.end {
            return Err(super::ExperimentError::Output(format!(
                "{self}: {month} is outside the timeline ({} to {})",
                t.start, t.end
            )));
        }
        let layout = sim.layout();
        let writer = layout.into_iter().find(|(_, columns)| columns.contains(&column)).map(|(kind, _)| kind);
        writer.ok_or_else(|| super::ExperimentError::Output(format!("no sector writes the column {:?}", self.column)))
    }

    /// The value in `results`, NaN when the run has no value that month.
    pub fn read(&self, results: &Results, scenario: &Scenario) -> f64 {
        results.at(&self.column, self.month_in(scenario)).unwrap_or(f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::default_scenario;

    #[test]
    fn output_at_parses_column_and_month() {
        let o: OutputAt = "hashrate_ehs@2030-12".parse().unwrap();
        assert_eq!((o.column.as_str(), o.month), ("hashrate_ehs", Some(Month::ym(2030, 12))));
        assert_eq!("x".parse::<OutputAt>().unwrap().month, None);
        assert!("x@2030-13".parse::<OutputAt>().is_err());
        assert!("@2030-01".parse::<OutputAt>().is_err());
    }

    #[test]
    fn content_hash_changes_with_any_field_and_only_then() {
        let a = default_scenario();
        let mut b = a.clone();
        assert_eq!(content_hash(&a), content_hash(&b));
        b.regions[0].risk += 0.01;
        assert_ne!(content_hash(&a), content_hash(&b));
    }

    #[test]
    fn floats_round_trip_and_non_finite_values_are_empty() {
        for x in [0.1, 1.0 / 3.0, 1e-300, 123_456_789.0] {
            assert_eq!(float_text(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(float_text(f64::NAN), "");
        assert_eq!(float_text(f64::INFINITY), "");
    }
}
