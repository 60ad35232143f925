//! Which result columns a plot draws, under what name and in what style,
//! and which series are drawn against a ceiling — decided once, free of any
//! GUI toolkit, so the window and the exporters draw the same series in the
//! same colours.

use super::catalog::{PlotSpec, Series};
use super::palette::{self, SeriesStyle};
use crate::sim::ColumnSpec;

/// A ceiling on the drawn values of a series whose values jump by orders of
/// magnitude for a known reason: values above it are drawn inside a
/// labelled band just above the ceiling, and the read-out gives the real
/// value with the reason.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cap {
    /// Values above this are drawn in the band.
    pub above: f64,
    /// The band's label.
    pub band: &'static str,
    /// What the values in the band mean, for the read-out.
    pub note: &'static str,
}

/// The series drawn with a [`Cap`], by column key.
pub const CAPS: [(&str, Cap); 1] = [(
    "ai_nakamoto_owner",
    Cap {
        above: 1e4,
        band: "edge majority: billions of owners",
        note: "Edge devices hold at least half of the compute here, so the smallest set of owners holding half \
               includes the device owners: a cohort of billions of people, each owning a tiny share.",
    },
)];

/// The cap of the column `key`, if it has one.
pub fn cap_of(key: &str) -> Option<Cap> {
    CAPS.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
}

/// Where a capped value is drawn: three times the ceiling, inside the band
/// that runs from the ceiling to ten times it.
pub fn capped_draw_value(cap: &Cap) -> f64 {
    cap.above * 3.0
}

/// One column a plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotColumn {
    /// Index in the results.
    pub index: usize,
    /// Legend name.
    pub name: String,
    /// Colour and dash.
    pub style: SeriesStyle,
}

/// The columns of `specs` (a run's columns) that a plot shows, in table
/// order. Named series take their kind's colour; the columns of a prefix
/// take the categorical colours the named series of the plot leave free.
pub fn columns_of(spec: &PlotSpec, specs: &[ColumnSpec]) -> Vec<PlotColumn> {
    let mut out = Vec::new();
    let taken: Vec<palette::Rgb> = spec
        .series
        .iter()
        .filter_map(|s| if let Series::Key(k, _) = s { Some(palette::of_key(k).color) } else { None })
        .collect();
    let mut free = (0..).map(palette::categorical).filter(move |s| !taken.contains(&s.color));
    for series in spec.series {
        match *series {
            Series::Key(key, name) => {
                if let Some(index) = specs.iter().position(|s| s.key == key) {
                    out.push(PlotColumn { index, name: name.to_owned(), style: palette::of_key(key) });
                }
            }
            Series::Prefix(prefix) => {
                for (index, s) in specs.iter().enumerate() {
                    if s.key.starts_with(prefix) {
                        // "Hash share: China" → "China": the plot title already
                        // says what the shares are of.
                        let name = if s.label.is_empty() {
                            s.key[prefix.len()..].to_owned()
                        } else {
                            s.label.rsplit(": ").next().unwrap_or(&s.label).to_owned()
                        };
                        let style = free.next().unwrap_or(palette::categorical(0));
                        out.push(PlotColumn { index, name, style });
                    }
                }
            }
        }
    }
    out
}
