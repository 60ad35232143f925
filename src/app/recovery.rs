//! Recovery copies of unsaved work, so a crash or a killed process never
//! loses more than a minute of editing.
//!
//! While the scenario has unsaved changes, [`Recovery::tick`] writes it,
//! with the file it belongs to and the time, to `recovery.ron` in the app's
//! data folder (beside eframe's preferences) once every
//! [`AUTOSAVE_INTERVAL`]; the write is atomic, so a crash during it leaves
//! the previous copy. Saving, discarding the changes or quitting cleanly
//! removes the copy; quitting without saving keeps it when the user asks.
//! On the next launch [`Recovery::find`] returns it and the app offers to
//! restore it, naming the file and the time.
//!
//! The copy is plain RON of a [`RecoveryFile`], so a person can also open
//! it in an editor; it is never loaded as a scenario file of its own.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::scenario::validate::validate;

/// How often unsaved changes are copied.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_mins(1);

/// Name of the copy in the data folder.
pub const FILE_NAME: &str = "recovery.ron";

/// What a recovery copy holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryFile {
    /// The scenario file the changes belong to, if it had one.
    pub file: Option<PathBuf>,
    /// The preset or "untitled" it started from when it had no file.
    pub origin: String,
    /// When the copy was written, in seconds since 1970 (UTC).
    pub saved_unix_s: u64,
    /// The edited scenario.
    pub scenario: Scenario,
}

impl RecoveryFile {
    /// What the copy is of, for the restore prompt: the file name, or the
    /// preset it started from.
    pub fn subject(&self) -> String {
        match (&self.file, self.origin.as_str()) {
            (Some(p), _) => p.display().to_string(),
            (None, "") => "an untitled scenario".to_owned(),
            (None, origin) => format!("the preset {origin}"),
        }
    }

    /// When it was written, as `YYYY-MM-DD HH:MM UTC`.
    pub fn when(&self) -> String {
        utc_minute(self.saved_unix_s)
    }
}

/// The recovery copy of one app instance.
#[derive(Debug, Clone)]
pub struct Recovery {
    dir: PathBuf,
    interval: Duration,
    last_write: Option<Instant>,
    written: Option<Scenario>,
}

impl Recovery {
    /// Copies kept in `dir` (created when first needed).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into(), interval: AUTOSAVE_INTERVAL, last_write: None, written: None }
    }

    /// The same with another interval (tests use a short one).
    #[must_use]
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Where the copy lives.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The copy left by an earlier run, if any; an unreadable copy is an
    /// error naming the file.
    pub fn find(&self) -> Option<Result<RecoveryFile, String>> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => return Some(Err(format!("{}: cannot read the recovery copy: {e}", path.display()))),
        };
        Some(
            ron::from_str::<RecoveryFile>(&text)
                .map_err(|e| format!("{}: the recovery copy is damaged: {e}", path.display())),
        )
    }

    /// Called every frame: writes a copy when the scenario has unsaved
    /// changes that are not in the copy yet and the interval has passed
    /// since the last write (or since the changes began). Returns the time
    /// until the next write is due, so the window can wake for it.
    pub fn tick(&mut self, scenario: &Scenario, dirty: bool, file: Option<&Path>, origin: &str) -> Option<Duration> {
        if !dirty && self.written.is_some() {
            // Undone back to the file: the copy is stale.
            self.clear();
        }
        if !dirty || self.written.as_ref() == Some(scenario) {
            self.last_write.get_or_insert_with(Instant::now);
            return None;
        }
        let since = self.last_write.get_or_insert_with(Instant::now).elapsed();
        if since < self.interval {
            return Some(self.interval.saturating_sub(since));
        }
        // A failed write (full disk, read-only folder) is retried at the
        // next interval; the user's work is still in memory.
        let _ = self.write(scenario, file, origin);
        Some(self.interval)
    }

    /// Writes a copy now.
    pub fn write(&mut self, scenario: &Scenario, file: Option<&Path>, origin: &str) -> Result<(), String> {
        self.last_write = Some(Instant::now());
        let copy = RecoveryFile {
            file: file.map(Path::to_path_buf),
            origin: origin.to_owned(),
            saved_unix_s: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            scenario: scenario.clone(),
        };
        let text = ron::ser::to_string_pretty(&copy, ron::ser::PrettyConfig::default())
            .map_err(|e| format!("cannot write the recovery copy: {e}"))?;
        std::fs::create_dir_all(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let path = self.path();
        crate::scenario::io::write_atomically(&path, text.as_bytes(), false)
            .map_err(|(what, e)| format!("{}: {what}: {e}", path.display()))?;
        self.written = Some(scenario.clone());
        Ok(())
    }

    /// Removes the copy (after saving, discarding or a clean quit).
    pub fn clear(&mut self) {
        self.written = None;
        self.last_write = Some(Instant::now());
        let _ = std::fs::remove_file(self.path());
    }
}

/// Whether a recovered scenario can be restored as is (it validates), or
/// what is wrong with it.
pub fn check(copy: &RecoveryFile) -> Result<(), String> {
    validate(&copy.scenario).map(|_warnings| ()).map_err(|p| p.to_string())
}

/// `YYYY-MM-DD HH:MM UTC` of a Unix time.
pub fn utc_minute(unix_s: u64) -> String {
    let days = (unix_s / 86_400) as i64;
    let rest = unix_s % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", rest / 3600, rest % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_are_civil_dates() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_minute(1_796_127_000), "2026-12-01 12:10 UTC");
    }

    #[test]
    fn a_copy_is_written_only_for_unsaved_changes_and_only_after_the_interval() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut r = Recovery::new(dir.path()).with_interval(Duration::from_millis(30));
        let mut s = crate::scenario::presets::default_scenario();
        assert!(r.tick(&s, false, None, "baseline").is_none());
        s.seed = 99;
        assert!(r.tick(&s, true, None, "baseline").is_some());
        assert!(r.find().is_none(), "not before the interval");
        std::thread::sleep(Duration::from_millis(40));
        r.tick(&s, true, None, "baseline");
        let copy = r.find().expect("written").expect("readable");
        assert_eq!(copy.scenario, s);
        assert_eq!(copy.subject(), "the preset baseline");
        check(&copy).expect("valid");
        r.clear();
        assert!(r.find().is_none(), "cleared");
    }
}
