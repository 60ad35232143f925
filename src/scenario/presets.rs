//! The bundled scenarios of `saves/`, embedded in the binary with
//! `include_str!` so that an installed Diverge has them without the source
//! tree, and the resolver that turns a command-line argument into a scenario
//! (a path when it looks like one, otherwise a preset name).
//!
//! To add a preset: put `saves/NAME.ron` in the repository and add `NAME` to
//! the `presets!` list below; a test checks that the list and the directory
//! agree and that every preset validates.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::io::{LoadError, load, load_str};
use super::model::Scenario;

/// A bundled scenario.
#[derive(Debug)]
pub struct Preset {
    /// File stem in `saves/`, e.g. `baseline-2009-2040`; also the name the
    /// command line accepts.
    pub name: &'static str,
    /// The RON text, as in `saves/NAME.ron`.
    pub text: &'static str,
    description: OnceLock<String>,
}

impl Preset {
    const fn new(name: &'static str, text: &'static str) -> Self {
        Self { name, text, description: OnceLock::new() }
    }

    /// Parses and validates the preset.
    pub fn load(&self) -> Result<Scenario, LoadError> {
        load_str(self.text, &format!("preset {}", self.name))
    }

    /// The scenario's one-line description (read once, then cached); the
    /// load error when the preset is broken, which a test rules out.
    pub fn description(&self) -> &str {
        self.description.get_or_init(|| match self.load() {
            Ok(s) => s.description.lines().next().unwrap_or_default().to_owned(),
            Err(e) => e.to_string(),
        })
    }
}

/// Declares the embedded presets, the default first.
macro_rules! presets {
    ($($name:literal),* $(,)?) => {
        /// Every bundled preset; the first is the default scenario.
        pub static PRESETS: [Preset; [$($name),*].len()] = [
            $(Preset::new($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/", $name, ".ron")))),*
        ];
    };
}

presets![
    "baseline-2009-2040",
    "history-2009-2025",
    "us-energy-shock",
    "edge-ai-takeoff",
    "cloud-ai-lock-in",
    "hobbyist-revival",
    "natural-oligopoly",
];

/// Name of the default scenario.
pub const DEFAULT_PRESET: &str = "baseline-2009-2040";

/// A preset by name.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// Names of every preset, comma-separated, for messages.
pub fn preset_names() -> String {
    PRESETS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

/// Why an argument could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The file or preset did not load.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Neither an existing file nor a preset name.
    #[error("{name:?} is neither a file nor a preset; presets: {}", preset_names())]
    UnknownPreset {
        /// What was asked for.
        name: String,
    },
}

/// Loads a preset by name.
pub fn load_preset(name: &str) -> Result<Scenario, OpenError> {
    let p = preset(name).ok_or_else(|| OpenError::UnknownPreset { name: name.to_owned() })?;
    Ok(p.load()?)
}

/// The default scenario (the baseline preset).
pub fn default_scenario() -> Scenario {
    // The embedded presets are validated by tests; failing here is a build bug.
    load_preset(DEFAULT_PRESET).expect("the embedded default preset is valid")
}

/// What a command-line argument refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A scenario file.
    File(PathBuf),
    /// A bundled preset.
    Preset(&'static str),
}

/// Treats `arg` as a path when it exists or ends in `.ron`, otherwise as a
/// preset name.
pub fn resolve_arg(arg: &str) -> Result<Source, OpenError> {
    let path = Path::new(arg);
    if path.exists() || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        return Ok(Source::File(path.to_path_buf()));
    }
    preset(arg).map(|p| Source::Preset(p.name)).ok_or_else(|| OpenError::UnknownPreset { name: arg.to_owned() })
}

/// Opens a path or a preset name (see [`resolve_arg`]).
pub fn open_arg(arg: &str) -> Result<Scenario, OpenError> {
    match resolve_arg(arg)? {
        Source::File(path) => Ok(load(path)?),
        Source::Preset(name) => load_preset(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_preset_loads_and_has_a_description() {
        for p in &PRESETS {
            let s = p.load().unwrap_or_else(|e| panic!("{e}"));
            assert!(!s.name.is_empty() && !s.description.is_empty(), "{}", p.name);
            assert_eq!(p.description(), s.description.lines().next().unwrap_or_default());
        }
    }

    #[test]
    fn embedded_list_equals_the_files_in_saves() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = PRESETS.iter().map(|p| p.name.to_owned()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "add new saves/*.ron files to the presets! list");
        for p in &PRESETS {
            let file = std::fs::read_to_string(dir.join(format!("{}.ron", p.name))).unwrap();
            assert_eq!(p.text, file, "{} is embedded verbatim", p.name);
        }
    }

    #[test]
    fn default_scenario_is_the_baseline() {
        assert_eq!(PRESETS[0].name, DEFAULT_PRESET);
        let s = default_scenario();
        assert_eq!(s, load_preset("baseline-2009-2040").unwrap());
        assert_eq!(s.timeline.end, crate::scenario::Month::ym(2040, 12));
    }

    #[test]
    fn unknown_preset_name_lists_the_presets() {
        let e = open_arg("baseline").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("\"baseline\" is neither a file nor a preset; presets: baseline-2009-2040, "));
        assert!(msg.contains("hobbyist-revival"));
    }

    #[test]
    fn argument_ending_in_ron_is_a_path_even_when_missing() {
        assert_eq!(
            resolve_arg("nowhere/baseline-2009-2040.ron").unwrap(),
            Source::File("nowhere/baseline-2009-2040.ron".into())
        );
        let e = open_arg("nowhere/x.ron").unwrap_err();
        assert!(matches!(e, OpenError::Load(LoadError::Read { .. })), "{e}");
        assert!(e.to_string().starts_with("nowhere/x.ron: cannot read the file"));
    }

    #[test]
    fn existing_path_wins_over_preset_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history-2009-2025");
        std::fs::write(&path, preset("history-2009-2025").unwrap().text).unwrap();
        let arg = path.to_str().unwrap();
        assert_eq!(resolve_arg(arg).unwrap(), Source::File(path.clone()));
        assert_eq!(resolve_arg("history-2009-2025").unwrap(), Source::Preset("history-2009-2025"));
        assert_eq!(open_arg(arg).unwrap(), load_preset("history-2009-2025").unwrap());
    }
}
