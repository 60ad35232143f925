//! Annotations: notes a scenario's author pins to a month ("the 2024
//! halving", "ban announced"), optionally pointing at one result column.
//!
//! They are presentation only: the simulation never reads them, so adding,
//! editing or removing one cannot change a result. They live in the scenario
//! (not in preferences) because they belong to the story a file tells and
//! travel with it into exports and reports. The field defaults to an empty
//! list, so files written before annotations existed keep loading unchanged
//! and no format version bump is needed.

use serde::{Deserialize, Serialize};

use super::model::Scenario;
use super::month::Month;
use super::params::{index, join};
use super::validate::Problem;

/// Longest annotation text, in characters: a label on a chart, not an essay.
pub const MAX_ANNOTATION_CHARS: usize = 200;

/// A note pinned to a month of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Annotation {
    /// Month the note is pinned to.
    pub month: Month,
    /// The text drawn next to the marker (one line, at most
    /// [`MAX_ANNOTATION_CHARS`] characters).
    pub text: String,
    /// Key of the result column to point at (e.g. `hashrate_ehs`); empty for
    /// a note on the month alone.
    pub series: String,
}

impl Default for Annotation {
    fn default() -> Self {
        Self { month: Month::ym(2024, 4), text: "Note".into(), series: String::new() }
    }
}

/// Whether `key` could name a result column: lowercase ASCII letters, digits,
/// `_` and `.`, starting with a letter.
pub fn is_plausible_column_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

/// Problems of the annotations: month inside the timeline, text present,
/// short and free of control characters, series empty or a column-like key.
pub(crate) fn check_annotations(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let t = scenario.timeline;
    for (i, a) in scenario.annotations.iter().enumerate() {
        let path = index("annotations", i);
        if a.month < t.start || a.month > t.end {
            problems.push(Problem::new(
                join(&path, "month"),
                format!("{} is outside the timeline ({} to {})", a.month, t.start, t.end),
            ));
        }
        let chars = a.text.chars().count();
        let text_problem = if a.text.trim().is_empty() {
            Some("must not be empty".to_owned())
        } else if chars > MAX_ANNOTATION_CHARS {
            Some(format!("must be at most {MAX_ANNOTATION_CHARS} characters, got {chars}"))
        } else if a.text.chars().any(char::is_control) {
            Some("must be one line without control characters (tabs, newlines)".to_owned())
        } else {
            None
        };
        if let Some(message) = text_problem {
            problems.push(Problem::new(join(&path, "text"), message));
        }
        if !a.series.is_empty() && !is_plausible_column_key(&a.series) {
            problems.push(Problem::new(
                join(&path, "series"),
                format!(
                    "\"{}\" is not a column key (lowercase letters, digits, '_' and '.', e.g. hashrate_ehs); leave it empty for none",
                    a.series
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(a: Annotation) -> Vec<Problem> {
        let mut s = Scenario::default();
        s.annotations.push(Annotation::default());
        s.annotations.push(a);
        let mut problems = Vec::new();
        check_annotations(&s, &mut problems);
        problems
    }

    #[test]
    fn a_plain_annotation_is_valid() {
        assert_eq!(with(Annotation { series: "hashrate_ehs".into(), ..Annotation::default() }), vec![]);
    }

    #[test]
    fn month_outside_the_timeline_names_the_index() {
        let p = with(Annotation { month: Month::ym(2050, 1), ..Annotation::default() });
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path, "annotations[1].month");
        assert!(p[0].message.contains("outside the timeline"), "{}", p[0].message);
    }

    #[test]
    fn text_must_be_present_short_and_one_line() {
        for (text, needle) in
            [("  ", "empty"), ("a\nb", "control"), ("tab\there", "control"), (&"x".repeat(201)[..], "at most 200")]
        {
            let p = with(Annotation { text: text.into(), ..Annotation::default() });
            assert_eq!(p.len(), 1, "{text:?}: {p:?}");
            assert_eq!(p[0].path, "annotations[1].text");
            assert!(p[0].message.contains(needle), "{text:?}: {}", p[0].message);
        }
        assert_eq!(with(Annotation { text: "é".repeat(200), ..Annotation::default() }), vec![]);
    }

    #[test]
    fn series_must_look_like_a_column_key() {
        for bad in ["Hashrate", "hash rate", "1st", "a-b", "_x"] {
            let p = with(Annotation { series: bad.into(), ..Annotation::default() });
            assert_eq!(p.len(), 1, "{bad}");
            assert_eq!(p[0].path, "annotations[1].series");
        }
        for good in ["hashrate_ehs", "region.us.share", "ai2"] {
            assert_eq!(with(Annotation { series: good.into(), ..Annotation::default() }), vec![], "{good}");
        }
    }
}
