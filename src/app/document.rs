//! The open scenario: its file, its saved state, the preset values fields
//! reset to, its validation problems and its edit history.
//!
//! Undo is snapshot-based ([`Undoer`]): every frame the current scenario is
//! fed in, and a change that stays still for a moment becomes one undo step,
//! so a slider drag folds into a single step. The history has no practical
//! limit within a session.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::util::undoer::{Settings, Undoer};

use crate::scenario::Scenario;
use crate::scenario::validate::{Problems, validate};

use super::command::{Edit, Scalar};
use super::edits::{apply_edit, set_param, values_by_path};

/// Undo steps kept per session; large enough to be unlimited in practice.
const MAX_UNDOS: usize = 100_000;

/// The scenario being edited and everything known about it.
pub struct Document {
    /// The scenario as edited.
    pub scenario: Scenario,
    /// The file it was opened from or saved to.
    pub path: Option<PathBuf>,
    /// Where it came from, for the title when there is no file (a preset
    /// name, or "new").
    pub origin: String,
    /// The scenario as last saved or opened, for the dirty marker.
    saved: Scenario,
    /// The scenario as it was opened, before any edit or save (File ▸
    /// Compare with the opened file).
    opened: Scenario,
    /// Values of the preset or file it was opened from, by parameter path.
    reference: HashMap<String, Scalar>,
    /// Problems of the current scenario; `None` when it is valid.
    pub problems: Option<Problems>,
    undoer: Undoer<Scenario>,
}

impl Document {
    /// A document for `scenario`, opened from `path` (or a preset or new when
    /// `None`, named by `origin`).
    pub fn new(scenario: Scenario, path: Option<PathBuf>, origin: impl Into<String>) -> Self {
        let mut undoer =
            Undoer::with_settings(Settings { max_undos: MAX_UNDOS, stable_time: 0.4, auto_save_interval: 10.0 });
        undoer.add_undo(&scenario);
        Self {
            reference: values_by_path(&scenario),
            problems: validate(&scenario).err(),
            saved: scenario.clone(),
            opened: scenario.clone(),
            scenario,
            path,
            origin: origin.into(),
            undoer,
        }
    }

    /// A document whose file (or preset) holds `saved` but whose edited
    /// scenario is `scenario`, as after restoring a recovery copy: it is
    /// dirty, resets go to `saved`'s values and undo steps back to it.
    pub fn restored(scenario: Scenario, saved: Scenario, path: Option<PathBuf>, origin: impl Into<String>) -> Self {
        let mut doc = Self::new(saved, path, origin);
        let before = doc.scenario.clone();
        doc.undoer.add_undo(&before);
        doc.scenario = scenario;
        doc.problems = validate(&doc.scenario).err();
        doc
    }

    /// The scenario as it was opened, before the edits.
    pub fn opened(&self) -> &Scenario {
        &self.opened
    }

    /// Whether the scenario differs from the file.
    pub fn is_dirty(&self) -> bool {
        self.scenario != self.saved
    }

    /// The name shown in the title and status bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
            None if self.origin.is_empty() => "untitled".to_owned(),
            None => format!("{} (preset)", self.origin),
        }
    }

    /// Records that the scenario was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.scenario.clone();
        self.path = Some(path);
    }

    /// Applies an edit; `true` when the scenario changed.
    pub fn edit(&mut self, edit: &Edit) -> bool {
        let before = self.scenario.clone();
        // Discrete edits (lists, kinds, text) get their own undo step; value
        // changes fold while they keep changing, so a drag is one step.
        if !matches!(edit, Edit::Set { .. }) {
            self.undoer.add_undo(&before);
        }
        apply_edit(&mut self.scenario, edit);
        self.changed_from(&before)
    }

    /// The value the field at `path` had in the preset or file, if it existed.
    pub fn reference_value(&self, path: &str) -> Option<Scalar> {
        self.reference.get(path).copied()
    }

    /// Sets the field at `path` back to its preset value.
    pub fn reset_field(&mut self, path: &str) -> bool {
        let Some(value) = self.reference_value(path) else {
            return false;
        };
        let before = self.scenario.clone();
        self.undoer.add_undo(&before);
        set_param(&mut self.scenario, path, value);
        self.changed_from(&before)
    }

    /// Feeds the current state to the history (call once a frame).
    pub fn feed_history(&mut self, time_s: f64) {
        self.undoer.feed_state(time_s, &self.scenario);
    }

    /// Steps back; `true` when the scenario changed.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undoer.undo(&self.scenario).cloned() else {
            return false;
        };
        self.replace(previous)
    }

    /// Steps forward; `true` when the scenario changed.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.undoer.redo(&self.scenario).cloned() else {
            return false;
        };
        self.replace(next)
    }

    /// Whether there is something to undo / redo.
    pub fn can_undo(&self) -> bool {
        self.undoer.has_undo(&self.scenario)
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.undoer.has_redo(&self.scenario)
    }

    fn replace(&mut self, scenario: Scenario) -> bool {
        let before = std::mem::replace(&mut self.scenario, scenario);
        self.changed_from(&before)
    }

    fn changed_from(&mut self, before: &Scenario) -> bool {
        if *before == self.scenario {
            return false;
        }
        self.problems = validate(&self.scenario).err();
        true
    }
}
