//! The visible series of a view as CSV: `month`, then one column per series
//! drawn (by column key, each once even when two plots draw it), in the
//! order the plots show them; with a Monte Carlo, each series' p5, p25,
//! p75 and p95 follow it. Numbers are written as every Diverge CSV writes
//! them ([`crate::experiments::write_float`]).

use super::View;
use crate::experiments::output::float_text;
use crate::scenario::Month;

/// The CSV text of `view`'s series over `months`.
pub fn view_csv(view: &View, months: &[Month]) -> ::csv::Result<Vec<u8>> {
    let mut columns: Vec<(String, &[f64])> = Vec::new();
    for chart in &view.charts {
        for s in &chart.series {
            if columns.iter().any(|(k, _)| *k == s.key) {
                continue;
            }
            columns.push((s.key.clone(), &s.values));
            if let Some(b) = &s.spread {
                for (suffix, v) in [("p5", &b.p5), ("p25", &b.p25), ("p75", &b.p75), ("p95", &b.p95)] {
                    columns.push((format!("{}.{suffix}", s.key), v));
                }
            }
        }
    }
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(std::iter::once("month".to_owned()).chain(columns.iter().map(|(k, _)| k.clone())))?;
    for (m, month) in months.iter().enumerate() {
        let cells = columns.iter().map(|(_, v)| v.get(m).map_or_else(String::new, |x| float_text(*x)));
        w.write_record(std::iter::once(month.to_string()).chain(cells))?;
    }
    w.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))
}
