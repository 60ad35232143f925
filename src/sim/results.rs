//! Monthly results as named columns, the contract between the simulation,
//! the CSV writer and the plots.
//!
//! A column has a stable key (the CSV header, e.g. `hashrate_ehs`), a label
//! and a unit for people. Values are `f64`; `NaN` means "no value this month"
//! and is written as an empty CSV cell. Event markers (halvings, bans, shocks,
//! data exhaustion) travel with the results so every view can draw them.

use std::collections::HashMap;
use std::io::Write;

use crate::scenario::Month;

/// Description of one output column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// Stable key, used as the CSV header.
    pub key: String,
    /// Label for people.
    pub label: String,
    /// Unit (`EH/s`, `USD`, `fraction 0–1`, …); empty when dimensionless.
    pub unit: String,
}

impl ColumnSpec {
    /// A column spec from string slices.
    pub fn new(key: impl Into<String>, label: impl Into<String>, unit: impl Into<String>) -> Self {
        Self { key: key.into(), label: label.into(), unit: unit.into() }
    }
}

/// What a marker stands for, so views can style and filter them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// A halving of the block subsidy.
    Halving,
    /// An event from the scenario that acts on mining (ban, energy shock,
    /// capacity change, renewable subsidy, BTC price shock).
    ScenarioEvent,
    /// An event from the scenario that acts on AI compute (GPU shortage).
    AiEvent,
    /// The training-data stock is used up.
    DataExhaustion,
    /// The end of the historical price table.
    ProjectionStart,
}

/// A labelled month to mark on plots.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// When.
    pub month: Month,
    /// Short label.
    pub label: String,
    /// What kind.
    pub kind: MarkerKind,
}

/// The months simulated so far and one value per column per month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Simulated months, in order.
    pub months: Vec<Month>,
    /// Column descriptions, in output order.
    pub specs: Vec<ColumnSpec>,
    /// `values[c][m]`: column `c` at month `m`.
    pub values: Vec<Vec<f64>>,
    /// Markers to draw on plots.
    pub markers: Vec<Marker>,
    index: HashMap<String, usize>,
}

impl Results {
    /// Empty results with these columns, with room for `months` months.
    pub fn new(specs: Vec<ColumnSpec>, months: usize) -> Self {
        let index = specs.iter().enumerate().map(|(i, s)| (s.key.clone(), i)).collect();
        let values = specs.iter().map(|_| Vec::with_capacity(months)).collect();
        Self { months: Vec::with_capacity(months), specs, values, markers: Vec::new(), index }
    }

    /// Appends one month; `row` holds one value per column.
    pub fn push(&mut self, month: Month, row: &[f64]) {
        debug_assert_eq!(row.len(), self.specs.len());
        self.months.push(month);
        for (col, &x) in self.values.iter_mut().zip(row) {
            col.push(x);
        }
    }

    /// The series of a column by key.
    pub fn get(&self, key: &str) -> Option<&[f64]> {
        self.index.get(key).map(|&i| self.values[i].as_slice())
    }

    /// The spec of a column by key.
    pub fn spec(&self, key: &str) -> Option<&ColumnSpec> {
        self.index.get(key).map(|&i| &self.specs[i])
    }

    /// The value of a column in a given month.
    pub fn at(&self, key: &str, month: Month) -> Option<f64> {
        let i = self.months.binary_search(&month).ok()?;
        self.get(key).map(|s| s[i])
    }

    /// Number of simulated months.
    pub fn len(&self) -> usize {
        self.months.len()
    }

    /// Whether no month has been simulated.
    pub fn is_empty(&self) -> bool {
        self.months.is_empty()
    }

    /// Writes the results as CSV: a `month` column (`YYYY-MM`) then every
    /// column by key; values as [`format_value`] writes them, `NaN` as an
    /// empty cell ("no value this month").
    pub fn write_csv<W: Write>(&self, out: W) -> csv::Result<()> {
        // Keys go through the CSV writer, which quotes them where needed;
        // months and numbers never need quoting, so rows are written
        // directly (the writer's per-field checks cost more than the numbers).
        let mut header = csv::Writer::from_writer(Vec::new());
        header.write_field("month")?;
        for s in &self.specs {
            header.write_field(&s.key)?;
        }
        header.write_record(None::<&[u8]>)?;
        let mut out = std::io::BufWriter::new(out);
        out.write_all(&header.into_inner().map_err(csv::IntoInnerError::into_error)?)?;
        let mut buf = ryu::Buffer::new();
        let mut line = Vec::with_capacity(32 * (self.values.len() + 1));
        for (m, month) in self.months.iter().enumerate() {
            line.clear();
            write!(line, "{month}")?;
            for col in &self.values {
                line.push(b',');
                line.extend_from_slice(format_value(col[m], &mut buf).as_bytes());
            }
            line.push(b'\n');
            out.write_all(&line)?;
        }
        out.flush()?;
        Ok(())
    }
}

/// The text of a value in Diverge's CSV files: the shortest decimal that
/// reads back as the same `f64` (so a figure copied from a scenario table
/// reads as it was typed), integers without a fraction, `0` for both zeros,
/// and an empty string for `NaN` and infinities.
pub fn format_value(x: f64, buf: &mut ryu::Buffer) -> &str {
    if !x.is_finite() {
        return "";
    }
    if x == 0.0 {
        return "0";
    }
    let text = buf.format_finite(x);
    text.strip_suffix(".0").unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_exactly_and_as_people_write_them() {
        let mut buf = ryu::Buffer::new();
        assert_eq!(format_value(0.0008, &mut buf), "0.0008");
        assert_eq!(format_value(88_000.0, &mut buf), "88000");
        assert_eq!(format_value(-0.0, &mut buf), "0");
        assert_eq!(format_value(f64::NAN, &mut buf), "");
        assert_eq!(format_value(f64::INFINITY, &mut buf), "");
        assert_eq!(format_value(-2.5, &mut buf), "-2.5");
        for x in [0.1 + 0.2, 1.0 / 3.0, 6.02e23, 1.5e-12, 123_456_789.125] {
            assert_eq!(format_value(x, &mut buf).parse::<f64>().ok(), Some(x));
        }
    }
}
