//! The report: one self-contained HTML file about a scenario — its name,
//! description and notes, the parameters that differ from the baseline
//! preset, headline numbers, every view as inline SVG (with bands after a
//! Monte Carlo) and the record that regenerates it.
//!
//! Self-contained means no external reference at all: no scripts, no
//! style sheets, images or fonts from elsewhere (system fonts only), so the
//! file can be mailed, archived and opened offline years later.

use std::fmt::Write as _;

use super::headline::headlines;
use super::svg::{esc, view_svg};
use super::{Meta, View};
use crate::experiments::explain::differences;
use crate::experiments::output::content_hash;
use crate::scenario::Scenario;
use crate::sim::Results;

/// Width of each view's SVG in the report, in px.
const VIEW_WIDTH: u32 = 1100;
/// Height of one row of plots in a view's SVG.
const ROW_HEIGHT: u32 = 340;

/// What a report is made of.
pub struct ReportInput<'a> {
    /// The scenario reported on.
    pub scenario: &'a Scenario,
    /// The baseline it is compared with (the default preset).
    pub baseline: &'a Scenario,
    /// Its run (run 0 of a Monte Carlo).
    pub results: &'a Results,
    /// Every view, with bands after a Monte Carlo.
    pub views: &'a [View],
    /// Seed and runs.
    pub meta: &'a Meta,
    /// The command line that made it.
    pub command: &'a str,
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,Arial,Helvetica,sans-serif;max-width:1140px;margin:24px auto;\
padding:0 16px;color:#111;background:#fff;line-height:1.45}h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px \
solid #ccc;padding-bottom:4px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;\
text-align:left;vertical-align:top}th{background:#f2f2f2}.notes{white-space:pre-wrap;background:#f7f7f7;padding:8px 12px;\
border-left:3px solid #bbb}svg{display:block;max-width:100%;height:auto}code{font-family:'DejaVu Sans Mono',monospace}\
.muted{color:#555}";

/// The report's HTML.
pub fn report_html(input: &ReportInput<'_>) -> String {
    let s = input.scenario;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — Diverge report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&s.name)
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&s.name));
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(&input.meta.source_line()));
    if !s.description.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&s.description));
    }
    if !s.notes.trim().is_empty() {
        let _ = writeln!(out, "<h2>Notes</h2>\n<div class=\"notes\">{}</div>", esc(s.notes.trim()));
    }
    differences_table(&mut out, input);
    headline_table(&mut out, input.results);
    for view in input.views {
        let rows = view.charts.len().div_ceil(2) as u32;
        let _ = writeln!(out, "<h2>{}</h2>", esc(view.tab.title()));
        // Inline SVG in HTML needs no namespace declaration: leaving it out
        // keeps the file free of any URL.
        let svg = view_svg(view, input.meta, VIEW_WIDTH, 90 + rows * ROW_HEIGHT);
        out.push_str(&svg.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1));
    }
    reproducibility(&mut out, input);
    out.push_str("</body>\n</html>\n");
    out
}

fn differences_table(out: &mut String, input: &ReportInput<'_>) {
    out.push_str("<h2>What differs from the baseline</h2>\n");
    let diffs = differences(input.baseline, input.scenario).unwrap_or_default();
    if diffs.is_empty() {
        let _ = writeln!(out, "<p>No parameter differs from the baseline preset “{}”.</p>", esc(&input.baseline.name));
        return;
    }
    let _ = writeln!(
        out,
        "<p>{} difference(s) from the baseline preset “{}”.</p>\n<table>\n<tr><th>Parameter or entry</th><th>Baseline</th><th>This scenario</th></tr>",
        diffs.len(),
        esc(&input.baseline.name)
    );
    for d in &diffs {
        let (old, new) = d.field_values(input.baseline).unwrap_or_else(|| ("—".into(), "as described".into()));
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            esc(&d.description),
            esc(&old),
            esc(&new)
        );
    }
    out.push_str("</table>\n");
}

fn headline_table(out: &mut String, results: &Results) {
    out.push_str("<h2>Headline numbers</h2>\n<table>\n");
    for h in headlines(results) {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(&h.label), esc(&h.value));
    }
    out.push_str("</table>\n");
}

fn reproducibility(out: &mut String, input: &ReportInput<'_>) {
    let m = input.meta;
    let seeds = if m.runs > 1 {
        format!("{} to {} (run k uses seed {} + k)", m.seed, crate::experiments::run_seed(m.seed, m.runs - 1), m.seed)
    } else {
        m.seed.to_string()
    };
    let rows = [
        ("Scenario content hash", format!("fnv1a64:{}", content_hash(input.scenario))),
        ("Seed", seeds),
        ("Runs", m.runs.to_string()),
        ("Diverge version", env!("CARGO_PKG_VERSION").to_owned()),
        ("Command", input.command.to_owned()),
    ];
    out.push_str("<h2>Reproducibility</h2>\n<table>\n");
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><th>{k}</th><td><code>{}</code></td></tr>", esc(&v));
    }
    out.push_str("</table>\n");
}
