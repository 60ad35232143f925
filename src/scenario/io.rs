//! Scenario files: loading with precise errors and saving without ever
//! leaving a broken file.
//!
//! Loading refuses files over [`MAX_FILE_BYTES`] before reading them (from
//! the file's metadata, and again while reading, for special files that do
//! not report a size), refuses non-UTF-8 bytes, parses RON with a recursion
//! limit so hostile nesting gives an error rather than a stack overflow,
//! reads `format_version` first ([`super::migrate`]), upgrades older
//! versions, and validates the result. Every error names its origin (the
//! file or preset): syntax and type errors as `FILE:LINE:COL: message`,
//! validation problems as `FILE: field.path: message`, one per line.
//!
//! Saving writes pretty RON in struct order behind a header comment, into a
//! temporary file in the same directory, syncs it, keeps the previous file
//! as `FILE.bak`, then renames the temporary file over the target, so a crash
//! at any point leaves either the old or the new file whole. A target that
//! is a device or a pipe (`--out /dev/stdout`) is written in place instead,
//! since a rename would replace it.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::migrate;
use super::model::{FORMAT_VERSION, Scenario};
use super::validate::{Problems, validate};

/// Largest scenario file Diverge reads (16 MiB; the presets are ~20 KiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting of RON values accepted. Scenarios nest about six levels;
/// the limit only stops hostile files from exhausting the stack.
pub const RECURSION_LIMIT: usize = 64;

/// Why a scenario could not be loaded. `Display` gives the whole message,
/// starting with the origin.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{origin}: cannot read the file: {source}")]
    Read {
        /// The file.
        origin: String,
        /// The system's reason.
        #[source]
        source: io::Error,
    },
    /// The path is a directory.
    #[error("{origin}: is a directory, not a scenario file")]
    Directory {
        /// The path.
        origin: String,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "{origin}: the file is too large: {size} bytes, but a scenario file may have at most {limit} bytes ({} MiB)",
        limit / (1024 * 1024)
    )]
    TooLarge {
        /// The file.
        origin: String,
        /// Its size in bytes (at least `limit + 1` when it could not be known).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The bytes are not UTF-8 text.
    #[error("{origin}:{line}:{col}: the file is not text (invalid UTF-8 at byte {offset}); is it a scenario file?")]
    NotText {
        /// The file.
        origin: String,
        /// Line of the first invalid byte.
        line: usize,
        /// Column of the first invalid byte.
        col: usize,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// Nothing but white space.
    #[error("{origin}: the file is empty; a scenario file starts with `(` and `format_version: {FORMAT_VERSION},`")]
    Empty {
        /// The file.
        origin: String,
    },
    /// RON syntax or type error, with its position.
    #[error("{origin}:{line}:{col}: {message}")]
    Syntax {
        /// The file.
        origin: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// What the parser expected or found.
        message: String,
    },
    /// `format_version` is absent.
    #[error(
        "{origin}: `format_version` is missing; every scenario file states it (the current version is {FORMAT_VERSION})"
    )]
    MissingVersion {
        /// The file.
        origin: String,
    },
    /// Written by a newer Diverge.
    #[error(
        "{origin}: the file has format version {found}, but this Diverge reads versions up to {FORMAT_VERSION}; \
         it was written by a newer Diverge, so update Diverge to open it"
    )]
    TooNew {
        /// The file.
        origin: String,
        /// The version the file states.
        found: u64,
    },
    /// A version that never existed (0).
    #[error("{origin}: format version {found} does not exist; versions start at 1")]
    UnknownVersion {
        /// The file.
        origin: String,
        /// The version the file states.
        found: u64,
    },
    /// The file parsed but the scenario has problems.
    #[error("{}", ProblemLines { origin, problems })]
    Invalid {
        /// The file.
        origin: String,
        /// Every problem.
        problems: Problems,
    },
}

impl LoadError {
    /// The file or preset the error is about.
    pub fn origin(&self) -> &str {
        match self {
            Self::Read { origin, .. }
            | Self::Directory { origin }
            | Self::TooLarge { origin, .. }
            | Self::NotText { origin, .. }
            | Self::Empty { origin }
            | Self::Syntax { origin, .. }
            | Self::MissingVersion { origin }
            | Self::TooNew { origin, .. }
            | Self::UnknownVersion { origin, .. }
            | Self::Invalid { origin, .. } => origin,
        }
    }

    /// The validation problems, when that is what went wrong.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            Self::Invalid { problems, .. } => Some(problems),
            _ => None,
        }
    }
}

/// `FILE: path: message`, one line per problem.
struct ProblemLines<'a> {
    origin: &'a str,
    problems: &'a Problems,
}

impl fmt::Display for ProblemLines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {p}", self.origin)?;
        }
        Ok(())
    }
}

/// Why a scenario could not be saved. Nothing is lost: the previous file,
/// if any, is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The scenario could not be written as RON.
    #[error("{path}: cannot write the scenario as RON: {message}")]
    Serialize {
        /// The target file.
        path: String,
        /// The serializer's message.
        message: String,
    },
    /// A file-system operation failed (full disk, read-only directory, …).
    #[error("{path}: cannot save: {what}: {source}")]
    Io {
        /// The target file.
        path: String,
        /// The step that failed.
        what: &'static str,
        /// The system's reason.
        #[source]
        source: io::Error,
    },
}

/// The RON options every scenario is read with.
fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// Loads, upgrades and validates the scenario file at `path`.
pub fn load(path: impl AsRef<Path>) -> Result<Scenario, LoadError> {
    let path = path.as_ref();
    let text = read_limited(path)?;
    load_str(&text, &path.display().to_string())
}

/// Reads a file as text, refusing directories, files over the limit and
/// non-UTF-8 bytes before parsing anything.
fn read_limited(path: &Path) -> Result<String, LoadError> {
    let origin = || path.display().to_string();
    let read_err = |source| LoadError::Read { origin: origin(), source };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(LoadError::Directory { origin: origin() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin: origin(), size: meta.len(), limit: MAX_FILE_BYTES });
    }
    // Metadata can lie (pipes, /dev/zero, a file growing meanwhile): never
    // read more than one byte past the limit.
    let mut bytes = Vec::new();
    File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)).map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin: origin(), size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, col) = line_col(e.as_bytes(), offset);
        LoadError::NotText { origin: origin(), line, col, offset }
    })
}

/// Line and column (from 1) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.split(|&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// Parses, upgrades and validates scenario text; `origin` names it in errors
/// (a file path, or `preset NAME`).
pub fn load_str(text: &str, origin: &str) -> Result<Scenario, LoadError> {
    // Some Windows editors start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty { origin: origin.to_owned() });
    }
    let options = ron_options();
    let version = migrate::probe_version(text, &options)
        .map_err(|e| syntax(origin, &e))?
        .ok_or_else(|| LoadError::MissingVersion { origin: origin.to_owned() })?;
    let known = u32::try_from(version).ok().filter(|v| migrate::known_versions().contains(v));
    let Some(version32) = known else {
        return Err(if version == 0 {
            LoadError::UnknownVersion { origin: origin.to_owned(), found: version }
        } else {
            LoadError::TooNew { origin: origin.to_owned(), found: version }
        });
    };
    let parsed = migrate::parse_version(version32, text, &options)
        .ok_or_else(|| LoadError::TooNew { origin: origin.to_owned(), found: version })?
        .map_err(|e| syntax(origin, &e))?;
    let scenario = migrate::upgrade(parsed);
    validate(&scenario).map_err(|problems| LoadError::Invalid { origin: origin.to_owned(), problems })?;
    Ok(scenario)
}

fn syntax(origin: &str, e: &ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        origin: origin.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: describe(&e.code),
    }
}

/// RON's message, reworded where it would puzzle a person who is not a
/// programmer.
fn describe(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early (is it cut off? a closing bracket may be missing)".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            format!("values are nested more than {RECURSION_LIMIT} levels deep; this is not a scenario file")
        }
        other => other.to_string(),
    }
}

/// The scenario as pretty RON, fields in struct order, behind a header
/// comment naming the format version and the scenario.
pub fn to_ron_string(scenario: &Scenario) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(false);
    let body = ron::ser::to_string_pretty(scenario, config)?;
    let name: String = scenario.name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = format!("// Diverge scenario, format version {FORMAT_VERSION}\n// {name}\n");
    for line in body.lines() {
        if let Some(comment) = section_comment(line) {
            out.push_str("\n    // ");
            out.push_str(comment);
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// A comment to put above a top-level group of the scenario, so a saved file
/// reads like the presets. Top-level fields are the lines indented by exactly
/// one level; string values never span lines (newlines are escaped).
fn section_comment(line: &str) -> Option<&'static str> {
    let field = line.strip_prefix("    ").filter(|rest| !rest.starts_with(' '))?.split(':').next()?;
    Some(match field {
        "annotations" => "Notes pinned to months, drawn on the plots: month, text, series (column key or \"\").",
        "key_parameters" => "Parameters shown as large sliders when presenting (F5), by path; [] for the default set.",
        "timeline" => "First and last simulated month (\"YYYY-MM\").",
        "market" => "Bitcoin price (USD) and fees (BTC per block): tables, then a seeded projection.",
        "protocol" => "Bitcoin protocol constants.",
        "hardware" => "Mining hardware generations.",
        "grid" => "Congestion: effective power price rises as a region's capacity fills.",
        "regions" => "Regions: power prices (USD/kWh), capacity for mining (MW), risk.",
        "events" => "Dated events: energy shocks, bans, capacity changes, subsidies, GPU shortages.",
        "miners" => "Miner classes: hobbyists (cohorts), operators, industrial firms.",
        "scale" => "Economies of scale: factor (size / reference)^-elasticity, floored.",
        "entry" => "Arrival of new mining firms.",
        "pools" => "Mining pools and how miners choose them.",
        "ai" => "AI compute: workloads, progress, data, cloud, providers, devices, placement.",
        _ => return None,
    })
}

/// Saves `scenario` to `path` atomically, keeping the previous file as
/// `FILE.bak`. On error nothing at `path` has changed.
pub fn save(path: impl AsRef<Path>, scenario: &Scenario) -> Result<(), SaveError> {
    let path = path.as_ref();
    let shown = path.display().to_string();
    let text =
        to_ron_string(scenario).map_err(|e| SaveError::Serialize { path: shown.clone(), message: e.to_string() })?;
    write_atomically(path, text.as_bytes(), true).map_err(|(what, source)| SaveError::Io { path: shown, what, source })
}

/// The backup path of `path`: `FILE.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Writes `bytes` to a temporary file next to `path`, syncs it and renames
/// it over `path`; with `keep_backup` the previous file is first copied to
/// `FILE.bak`. Errors say which step failed.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), (&'static str, io::Error)> {
    write_atomically_with(path, keep_backup, |file| file.write_all(bytes))
}

/// [`write_atomically`] with the writing done by `write` into the
/// temporary file. When `write` fails midway — a full disk, or an error a
/// test injects — the temporary file is removed and `path` and its backup
/// are left exactly as they were.
pub fn write_atomically_with(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), (&'static str, io::Error)> {
    if is_special_file(path) {
        return write_in_place(path, write);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| ("cannot create a temporary file in its directory", without_temp_name(e)))?;
    write(tmp.as_file_mut()).map_err(|e| ("cannot write (is the disk full?)", without_temp_name(e)))?;
    tmp.as_file().sync_all().map_err(|e| ("cannot flush to disk (is the disk full?)", without_temp_name(e)))?;
    if keep_backup && path.is_file() {
        std::fs::copy(path, backup_path(path)).map_err(|e| ("cannot keep the previous file as .bak", e))?;
    }
    tmp.persist(path).map_err(|e| ("cannot replace the file", without_temp_name(e.error)))?;
    Ok(())
}

/// Whether `path` names something other than a regular file or a folder: a
/// device such as `/dev/null` or `/dev/stdout`, a named pipe or a socket.
/// Renaming a temporary file over one would replace it with a regular file
/// (as root, even `/dev/null`), so such a target is written in place.
fn is_special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Opens an existing special file for writing and hands it to `write`.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), (&'static str, io::Error)> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| ("cannot open for writing", e))?;
    write(&mut file).map_err(|e| ("cannot write", e))
}

/// The system's error without the temporary file's name, which the person
/// never chose and which is gone once the write fails: the message names
/// their file instead. (The temporary-file crate appends ` at path "…"` to
/// the system's message.)
fn without_temp_name(e: io::Error) -> io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((message, _)) => io::Error::new(e.kind(), message.to_owned()),
        None => e,
    }
}
