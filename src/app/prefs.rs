//! Preferences kept between launches by eframe's storage: the open tab, the
//! theme, whether the editor is shown and recent files. Scenarios are never stored
//! here; they live in their own files.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::views::Tab;

/// What persists between launches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Prefs {
    /// The plot tab shown.
    pub tab: Tab,
    /// Light, dark or follow the system.
    pub theme: egui::ThemePreference,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether the editor panel is hidden (View > Show the editor).
    pub editor_hidden: bool,
}
