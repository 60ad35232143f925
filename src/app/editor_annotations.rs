//! The editor's "Annotations" section: the scenario's notes pinned to
//! months, each with its month, text and the column it points at.
//!
//! Built from the same pieces as the other lists (an item block with a
//! Remove button, the registered month field, text rows) so adding,
//! removing and editing a note goes through the same undoable edits. Notes
//! are listed by month, like events, and are not reordered by hand.

use egui::Ui;

use crate::scenario::annotation::MAX_ANNOTATION_CHARS;
use crate::scenario::params::{Params, index};

use super::command::{ListKind, TextField};
use super::editor::{SectionContext, text_row};
use super::editor_lists::{add_button, item};

/// The list of annotations.
pub fn annotations(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    ui.label(format!(
        "Notes drawn on every plot at their month (one line, at most {MAX_ANNOTATION_CHARS} characters). \
         Series: a column key such as hashrate_ehs to mark that line; empty for none."
    ));
    let len = cx.draft.annotations.len();
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by_key(|&i| cx.draft.annotations[i].month);
    for i in order {
        let a = cx.draft.annotations[i].clone();
        let path = index("annotations", i);
        item(ui, cx, ListKind::Annotations, i, len, &format!("{} · {}", a.month, a.text), false, |ui, cx| {
            cx.fields(ui, &[], |s, d| s.annotations[i].visit(&path, d));
            text_row(ui, cx, "Text", TextField::AnnotationText(i), &a.text, &format!("{path}.text"), false);
            text_row(ui, cx, "Series", TextField::AnnotationSeries(i), &a.series, &format!("{path}.series"), false);
        });
    }
    add_button(ui, cx, ListKind::Annotations, "annotation");
}
