//! Reading every released version of the scenario file format and upgrading
//! it to the current model.
//!
//! A file is read in two passes. First a lenient probe reads only
//! `format_version` (any other field is skipped unread), so that a file
//! written by a newer Diverge is refused with a clear message instead of a
//! confusing "unknown field". Then the text is parsed into the typed structure
//! of *its own* version, and that value is upgraded one version at a time
//! until it is current.
//!
//! Only version 1 exists today, and its structure is the current
//! [`Scenario`]. Adding version 2 takes:
//! 1. freeze today's model: copy the structs whose shape changes into a
//!    module `v1` (kept forever, never edited again);
//! 2. bump [`FORMAT_VERSION`], add `Versioned::V2`, parse version 2 into the
//!    current model and version 1 into the frozen `v1` types in
//!    [`parse_version`];
//! 3. write `fn v1_to_v2(v1::Scenario) -> Scenario` and call it from
//!    [`upgrade`];
//! 4. add `tests/fixtures/v2/` with copies of the presets; the `v1` fixtures
//!    stay and must keep loading.

use serde::Deserialize;

use super::model::{FORMAT_VERSION, Scenario};

/// The only part of a file read before its version is known. Every other
/// field is skipped, so the probe accepts files of any version.
/// Named like the model so that a file written with an explicit struct name,
/// `Scenario(...)`, passes the probe too.
#[derive(Debug, Deserialize)]
#[serde(rename = "Scenario")]
struct Probe {
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u64>,
}

/// `Some(version)` for a stated version; `#[serde(default)]` supplies `None`
/// when the field is absent (RON would otherwise expect `Some(1)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

/// Reads `format_version` without interpreting anything else.
/// `Ok(None)` when the file does not state a version.
pub fn probe_version(text: &str, options: &ron::Options) -> Result<Option<u64>, ron::error::SpannedError> {
    options.from_str::<Probe>(text).map(|p| p.format_version)
}

/// A scenario as written in a file of a given format version.
#[derive(Debug)]
pub enum Versioned {
    /// Format version 1, the current model.
    V1(Box<Scenario>),
}

/// Parses `text` with the typed structure of format `version`; `None` when
/// the version is not one this build knows.
pub fn parse_version(
    version: u32,
    text: &str,
    options: &ron::Options,
) -> Option<Result<Versioned, ron::error::SpannedError>> {
    match version {
        1 => Some(options.from_str::<Scenario>(text).map(|s| Versioned::V1(Box::new(s)))),
        _ => None,
    }
}

/// Upgrades a parsed file to the current model, one version at a time.
pub fn upgrade(versioned: Versioned) -> Scenario {
    let mut scenario = match versioned {
        Versioned::V1(s) => *s,
    };
    scenario.format_version = FORMAT_VERSION;
    scenario
}

/// Every format version this build can read, oldest first.
pub fn known_versions() -> std::ops::RangeInclusive<u32> {
    1..=FORMAT_VERSION
}
