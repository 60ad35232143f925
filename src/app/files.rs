//! Scenario files as the app sees them: loading with readable errors, atomic
//! saving, the preset list, and native file dialogs on a helper thread.
//!
//! Native dialogs block the thread that shows them, so they run on a named
//! thread and the answer comes back over a channel; the window keeps drawing
//! meanwhile. Where no native dialog exists (no desktop portal, e.g. a bare
//! X server or SSH session) the app falls back to typing a path.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::scenario::Scenario;

/// Why a dialog was opened, so its answer goes to the right place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Choose a scenario to open.
    Open,
    /// Choose where to save the scenario.
    SaveAs,
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
#[derive(Default)]
pub struct FileDialogs {
    pending: Option<Receiver<DialogAnswer>>,
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
        if !native_dialogs_available() {
            return Some(DialogAnswer::Unavailable(purpose));
        }
        let (tx, rx) = channel();
        let suggested = suggested.to_owned();
        let spawned = std::thread::Builder::new().name("diverge-file-dialog".into()).spawn(move || {
            let dialog = rfd::FileDialog::new().add_filter("Diverge scenario", &["ron"]);
            let chosen = match purpose {
                DialogPurpose::Open => dialog.pick_file(),
                DialogPurpose::SaveAs => dialog.set_file_name(suggested).save_file(),
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
    if purpose == DialogPurpose::SaveAs && path.extension().is_none() { path.with_extension("ron") } else { path }
}

/// Reads a scenario file. The error names the file and, for syntax and
/// unknown-field errors, the line and column.
pub fn load_scenario(path: &Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    ron::from_str::<Scenario>(&text)
        .map_err(|e| format!("{}:{}:{}: {}", path.display(), e.span.start.line, e.span.start.col, e.code))
}

/// Writes a scenario file atomically: to a temporary file beside it, then
/// renamed over the target, so a full disk never leaves half a file.
pub fn save_scenario(path: &Path, scenario: &Scenario) -> Result<(), String> {
    let fail = |what: &str, e: &dyn std::fmt::Display| format!("{}: {what}: {e}", path.display());
    let config = ron::ser::PrettyConfig::new().struct_names(false);
    let text = ron::ser::to_string_pretty(scenario, config).map_err(|e| fail("cannot write RON", &e))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail("cannot create a file in its folder", &e))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(|e| fail("cannot write", &e))?;
    tmp.as_file().sync_all().map_err(|e| fail("cannot write", &e))?;
    tmp.persist(path).map_err(|e| fail("cannot replace the file", &e.error))?;
    Ok(())
}

/// A bundled scenario offered under File ▸ Open preset.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetEntry {
    /// Name used on the command line and in the menu.
    pub name: String,
    /// One line on what it shows.
    pub summary: String,
}

/// The bundled presets.
pub fn presets() -> Vec<PresetEntry> {
    Vec::new()
}

/// The preset called `name`.
pub fn load_preset(name: &str) -> Result<Scenario, String> {
    Err(format!("there is no preset called \"{name}\""))
}

/// The scenario a new document starts from.
pub fn default_scenario() -> Scenario {
    Scenario::default()
}

/// Opens what the command line named: a file path, or else a preset name.
pub fn open_argument(arg: &str) -> Result<(Scenario, Option<PathBuf>), String> {
    let path = PathBuf::from(arg);
    if path.exists() || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        load_scenario(&path).map(|s| (s, Some(path)))
    } else {
        load_preset(arg).map(|s| (s, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.ron");
        let s = Scenario { name: "Round trip".into(), ..Scenario::default() };
        save_scenario(&path, &s).expect("save");
        assert_eq!(load_scenario(&path).expect("load"), s);
    }

    #[test]
    fn load_errors_name_file_line_and_column() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.ron");
        std::fs::write(&path, "(\n  name: \"x\",\n  sed: 3,\n)").expect("write");
        let message = load_scenario(&path).expect_err("unknown field");
        assert!(message.contains("bad.ron:3:"), "{message}");
        assert!(message.contains("sed"), "{message}");
        let missing = load_scenario(&dir.path().join("missing.ron")).expect_err("missing");
        assert!(missing.contains("missing.ron"), "{missing}");
    }
}
