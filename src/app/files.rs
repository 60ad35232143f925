//! Scenario files as the app sees them: loading with readable errors, atomic
//! saving, the preset list, and native file dialogs on a helper thread.
//!
//! Native dialogs block the thread that shows them, so they run on a named
//! thread and the answer comes back over a channel; the window keeps drawing
//! meanwhile. Where no native dialog exists (no desktop portal, e.g. a bare
//! X server or SSH session) the app falls back to typing a path.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::scenario::{Scenario, io, presets};

/// Why a dialog was opened, so its answer goes to the right place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Choose a scenario to open.
    Open,
    /// Choose where to save the scenario.
    SaveAs,
    /// Choose where to write an export.
    Export(super::export::ExportKind),
}

/// The answer of a file dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The user chose this path.
    Chosen(DialogPurpose, PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No native dialog can be shown here; ask for a path in the window.
    Unavailable(DialogPurpose),
}

/// A native file dialog in flight.
pub struct FileDialogs {
    pending: Option<Receiver<DialogAnswer>>,
    /// Whether native dialogs are used; when not, the window asks for a
    /// typed path.
    pub native: bool,
}

impl Default for FileDialogs {
    fn default() -> Self {
        Self { pending: None, native: native_dialogs_available() }
    }
}

/// A file name for a scenario called `name`: `name.ron`, with path
/// separators replaced.
pub fn file_name_for(name: &str) -> String {
    let stem = name.trim().replace(['/', '\\'], "-");
    if stem.is_empty() { "scenario.ron".to_owned() } else { format!("{stem}.ron") }
}

impl FileDialogs {
    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows a native dialog for `purpose`; `suggested` names the file for
    /// Save As. `wake` asks the window to repaint when the answer arrives.
    pub fn show(
        &mut self,
        purpose: DialogPurpose,
        suggested: &str,
        wake: impl Fn() + Send + 'static,
    ) -> Option<DialogAnswer> {
        if self.pending.is_some() {
            return None;
        }
        if !self.native {
            return Some(DialogAnswer::Unavailable(purpose));
        }
        let (tx, rx) = channel();
        let suggested = suggested.to_owned();
        let spawned = std::thread::Builder::new().name("diverge-file-dialog".into()).spawn(move || {
            let dialog = match purpose {
                DialogPurpose::Export(kind) => {
                    rfd::FileDialog::new().add_filter(kind.filter_name(), &[kind.extension()])
                }
                _ => rfd::FileDialog::new().add_filter("Diverge scenario", &["ron"]),
            };
            let chosen = match purpose {
                DialogPurpose::Open => dialog.pick_file(),
                DialogPurpose::SaveAs | DialogPurpose::Export(_) => dialog.set_file_name(suggested).save_file(),
            };
            let answer = chosen
                .map_or(DialogAnswer::Cancelled, |p| DialogAnswer::Chosen(purpose, with_ron_extension(p, purpose)));
            let _ = tx.send(answer);
            wake();
        });
        match spawned {
            Ok(_) => {
                self.pending = Some(rx);
                None
            }
            Err(_) => Some(DialogAnswer::Unavailable(purpose)),
        }
    }

    /// The answer, once the user has given it.
    pub fn poll(&mut self) -> Option<DialogAnswer> {
        let rx = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(answer) => {
                self.pending = None;
                Some(answer)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                Some(DialogAnswer::Cancelled)
            }
        }
    }
}

/// Whether a native dialog can be shown. On Linux and the BSDs rfd talks to
/// the desktop portal over the session bus; without a bus it cannot.
fn native_dialogs_available() -> bool {
    if cfg!(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")) {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
    } else {
        true
    }
}

fn with_ron_extension(path: PathBuf, purpose: DialogPurpose) -> PathBuf {
    match purpose {
        DialogPurpose::SaveAs if path.extension().is_none() => path.with_extension("ron"),
        DialogPurpose::Export(kind) => super::export::with_extension(path, kind),
        _ => path,
    }
}

/// Reads a scenario file (see [`io::load`]). The error names the file and,
/// for syntax and unknown-field errors, the line and column.
pub fn load_scenario(path: &Path) -> Result<Scenario, String> {
    io::load(path).map_err(|e| e.to_string())
}

/// Writes a scenario file atomically (see [`io::save`]): a full disk never
/// leaves half a file.
pub fn save_scenario(path: &Path, scenario: &Scenario) -> Result<(), String> {
    io::save(path, scenario).map_err(|e| e.to_string())
}

/// A bundled scenario offered under File > Open preset.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetEntry {
    /// Name used on the command line and in the menu.
    pub name: String,
    /// One line on what it shows.
    pub summary: String,
}

/// The bundled presets.
pub fn presets() -> Vec<PresetEntry> {
    presets::PRESETS
        .iter()
        .map(|p| PresetEntry { name: p.name.to_owned(), summary: p.description().to_owned() })
        .collect()
}

/// The preset called `name`.
pub fn load_preset(name: &str) -> Result<Scenario, String> {
    presets::load_preset(name).map_err(|e| e.to_string())
}

/// The scenario a new document starts from (the baseline preset).
pub fn default_scenario() -> Scenario {
    presets::default_scenario()
}

/// Name of the default preset.
pub const DEFAULT_PRESET: &str = presets::DEFAULT_PRESET;

/// Opens what the command line named: a file path, or else a preset name.
/// Returns the scenario, its file (none for a preset) and the preset name.
pub fn open_argument(arg: &str) -> Result<(Scenario, Option<PathBuf>, String), String> {
    match presets::resolve_arg(arg).map_err(|e| e.to_string())? {
        presets::Source::File(path) => load_scenario(&path).map(|s| (s, Some(path), String::new())),
        presets::Source::Preset(name) => load_preset(name).map(|s| (s, None, name.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.ron");
        let s = Scenario { name: "Round trip".into(), ..default_scenario() };
        save_scenario(&path, &s).expect("save");
        assert_eq!(load_scenario(&path).expect("load"), s);
    }

    #[test]
    fn load_errors_name_file_line_and_column() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.ron");
        std::fs::write(&path, "(\n  format_version: 1,\n  name: \"x\",\n  sed: 3,\n)").expect("write");
        let message = load_scenario(&path).expect_err("unknown field");
        assert!(message.contains("bad.ron:4:"), "{message}");
        assert!(message.contains("sed"), "{message}");
        let missing = load_scenario(&dir.path().join("missing.ron")).expect_err("missing");
        assert!(missing.contains("missing.ron"), "{missing}");
    }
}
