//! Scenario files: round trips, version fixtures, and every kind of bad file
//! giving its own clear error.

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

mod random_scenarios;

use std::path::{Path, PathBuf};

use diverge::scenario::io::{LoadError, MAX_FILE_BYTES, backup_path, load, load_str, save, to_ron_string};
use diverge::scenario::migrate::known_versions;
use diverge::scenario::params::Params;
use diverge::scenario::presets::{PRESETS, preset};
use diverge::scenario::{FORMAT_VERSION, Scenario};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use random_scenarios::{Perturb, repair};

fn baseline_text() -> &'static str {
    preset("baseline-2009-2040").unwrap().text
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn every_preset_survives_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    for p in &PRESETS {
        let s = p.load().unwrap();
        let path = dir.path().join(format!("{}.ron", p.name));
        save(&path, &s).unwrap();
        assert_eq!(load(&path).unwrap(), s, "{}", p.name);
    }
}

#[test]
fn saved_file_starts_with_header_and_keeps_struct_order() {
    let s = PRESETS[0].load().unwrap();
    let text = to_ron_string(&s).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(format!("// Diverge scenario, format version {FORMAT_VERSION}").as_str()));
    assert_eq!(lines.next(), Some(format!("// {}", s.name).as_str()));
    let order = ["format_version:", "name:", "seed:", "timeline:", "market:", "protocol:", "hardware:", "regions:"];
    let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "fields out of struct order: {positions:?}");
    assert_eq!(to_ron_string(&s).unwrap(), text, "saving is deterministic");
    assert!(text.contains("\n    // Mining hardware generations.\n    hardware: ["), "sections are commented");
}

#[test]
fn saving_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    let mut s = PRESETS[0].load().unwrap();
    save(&path, &s).unwrap();
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(!backup_path(&path).exists(), "no .bak before there was a previous file");
    s.name = "Second version".into();
    save(&path, &s).unwrap();
    assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), first);
    assert_eq!(load(&path).unwrap().name, "Second version");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "only the file and its .bak remain: {leftovers:?}");
}

#[test]
fn saving_into_a_missing_directory_names_the_file_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such dir").join("x.ron");
    let e = save(&path, &PRESETS[0].load().unwrap()).unwrap_err();
    assert!(e.to_string().starts_with(&format!("{}: cannot save", path.display())), "{e}");
    assert!(!path.exists());
}

/// Writing output to a named pipe (or a device such as `/dev/null`) goes
/// into it: a rename over it would replace it with a regular file, and as
/// root that is how `--out /dev/null` would break the machine's null device.
#[cfg(unix)]
#[test]
fn writing_to_a_named_pipe_goes_through_it_and_keeps_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("results.pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read(reader_path).unwrap());
    diverge::scenario::io::write_atomically(&fifo, b"month,x\n", false).unwrap();
    assert_eq!(reader.join().unwrap(), b"month,x\n");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a pipe");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
}

#[test]
fn saving_over_a_directory_fails_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taken.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), "keep me").unwrap();
    let e = save(&target, &PRESETS[0].load().unwrap()).unwrap_err();
    assert!(e.to_string().contains("taken.ron: cannot save"), "{e}");
    assert_eq!(std::fs::read_to_string(target.join("inside.txt")).unwrap(), "keep me");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "temporary file cleaned up");
}

/// Every fixture of every released format version keeps loading.
#[test]
fn every_versioned_fixture_keeps_loading() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in known_versions() {
        let dir = root.join(format!("v{version}"));
        let files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (keep fixtures of every version)", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        assert!(files.len() >= 6, "{}: expected copies of the presets", dir.display());
        for f in files {
            let s = load(&f).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(s.format_version, FORMAT_VERSION, "{} is upgraded", f.display());
        }
    }
}

// ---------------------------------------------------------------------------
// Bad files
// ---------------------------------------------------------------------------

#[test]
fn truncated_file_reports_line_and_column() {
    let text = baseline_text();
    // Cut at the end of a line half-way through: the parser runs out of text.
    let cut = &text[..=text[..text.len() / 2].rfind('\n').unwrap()];
    let e = load_str(cut, "cut.ron").unwrap_err();
    let LoadError::Syntax { line, col, ref message, .. } = e else { panic!("{e}") };
    // The text ends at its last non-blank line (the cut may leave a blank
    // line after it, wherever the half-way point falls in the preset).
    let last = cut.trim_end().lines().count();
    assert!((last..=last + 1).contains(&line), "line {line} is the end of the text ({last} lines)");
    assert!(message.contains("ends too early"), "{message}");
    assert!(e.to_string().starts_with(&format!("cut.ron:{line}:{col}: ")), "{e}");
    // Cut in the middle of a token: still a position.
    let e = load_str(&text[..text.len() / 3], "cut.ron").unwrap_err();
    assert!(matches!(e, LoadError::Syntax { line, .. } if line > 1), "{e}");
}

#[test]
fn misspelt_field_is_named_with_its_position_and_the_expected_fields() {
    let text = baseline_text().replacen("capacity_max_mw", "capacity_maxi_mw", 1);
    let e = load_str(&text, "typo.ron").unwrap_err();
    let LoadError::Syntax { line, .. } = e else { panic!("{e}") };
    assert_eq!(line, line_of(&text, "capacity_maxi_mw"));
    let msg = e.to_string();
    assert!(msg.contains("`capacity_maxi_mw`"), "{msg}");
    assert!(msg.contains("`capacity_max_mw`") && msg.contains("`industrial_price_usd_per_kwh`"), "{msg}");
}

#[test]
fn out_of_range_value_gives_the_field_path() {
    let text =
        baseline_text().replacen("industrial_price_usd_per_kwh: 0.04,", "industrial_price_usd_per_kwh: -0.2,", 1);
    let e = load_str(&text, "range.ron").unwrap_err();
    assert_eq!(e.to_string(), "range.ron: regions[1].industrial_price_usd_per_kwh: must be between 0 and 5, got -0.2");
    assert_eq!(e.problems().unwrap().0.len(), 1);
}

#[test]
fn every_problem_is_listed_one_per_line() {
    let text = baseline_text()
        .replacen("risk: 0.05,", "risk: 3.0,", 1)
        .replacen("end: \"2040-12\"", "end: \"2008-12\"", 1)
        .replacen("region: \"china\", share", "region: \"chian\", share", 1);
    let msg = load_str(&text, "many.ron").unwrap_err().to_string();
    let lines: Vec<&str> = msg.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("many.ron: ")), "{msg}");
    assert!(msg.contains("many.ron: regions[0].risk: must be between 0 and 1, got 3"), "{msg}");
    assert!(msg.contains("many.ron: timeline.end: must be after the start (2009-01), got 2008-12"), "{msg}");
    assert!(msg.contains("many.ron: events[0].kind.region: unknown region \"chian\"; valid ids: us, china,"), "{msg}");
}

#[test]
fn wrong_type_reports_line_and_column() {
    let text = baseline_text().replacen("seed: 1,", "seed: \"one\",", 1);
    let e = load_str(&text, "type.ron").unwrap_err();
    let LoadError::Syntax { line, .. } = e else { panic!("{e}") };
    assert_eq!(line, line_of(&text, "seed: \"one\""));
}

#[test]
fn bad_month_reports_line_and_expected_form() {
    let text = baseline_text().replacen("(\"2011-03\", 0.80)", "(\"2011-3\", 0.80)", 1);
    let e = load_str(&text, "month.ron").unwrap_err();
    assert!(matches!(e, LoadError::Syntax { .. }), "{e}");
    assert!(e.to_string().contains("expected a month as \"YYYY-MM\""), "{e}");
}

#[test]
fn empty_file_says_so() {
    for text in ["", "  \n\t\n"] {
        let e = load_str(text, "empty.ron").unwrap_err();
        assert!(matches!(e, LoadError::Empty { .. }), "{e}");
        assert!(e.to_string().starts_with("empty.ron: the file is empty"));
    }
}

#[test]
fn binary_garbage_is_refused_as_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.ron");
    std::fs::write(&path, b"(format_version: 1,\n\x89PNG\r\n\x1a\n\x00\xff\xfe").unwrap();
    let e = load(&path).unwrap_err();
    assert!(matches!(e, LoadError::NotText { line: 2, col: 1, .. }), "{e}");
    assert!(e.to_string().contains("garbage.ron:2:1: the file is not text"), "{e}");
}

#[test]
fn byte_order_mark_from_windows_editors_is_accepted() {
    let text = format!("\u{feff}{}", baseline_text());
    assert_eq!(load_str(&text, "bom.ron").unwrap(), PRESETS[0].load().unwrap());
}

#[test]
fn valid_utf8_garbage_is_a_syntax_error() {
    let e = load_str("%%% this is not RON {{{", "junk.ron").unwrap_err();
    assert!(matches!(e, LoadError::Syntax { line: 1, .. }), "{e}");
}

#[test]
fn huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    let e = load(&path).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { size, .. } if size == MAX_FILE_BYTES + 1), "{e}");
    assert!(e.to_string().contains("huge.ron: the file is too large: 16777217 bytes, but a scenario file may have at most 16777216 bytes (16 MiB)"), "{e}");
}

#[cfg(unix)]
#[test]
fn endless_special_file_is_cut_off_at_the_limit() {
    let e = load("/dev/zero").unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let nested = format!("(format_version: 1, notes: {}{})", "[".repeat(depth), "]".repeat(depth));
        let e = load_str(&nested, "deep.ron").unwrap_err();
        assert!(e.to_string().contains("nested more than"), "{e}");
        let deep_struct = format!("(format_version: 1, timeline: {}", "(".repeat(depth));
        assert!(load_str(&deep_struct, "deep.ron").is_err());
    }
}

#[test]
fn newer_format_version_is_refused_clearly() {
    let text = baseline_text().replacen("format_version: 1,", "format_version: 2,", 1);
    let e = load_str(&text, "new.ron").unwrap_err();
    assert!(matches!(e, LoadError::TooNew { found: 2, .. }), "{e}");
    assert!(e.to_string().contains("written by a newer Diverge"), "{e}");
    // A newer file may contain fields this version has never heard of: the
    // version message wins over "unknown field".
    let e = load_str("(format_version: 7, quantum_miners: 3)", "newer.ron").unwrap_err();
    assert!(matches!(e, LoadError::TooNew { found: 7, .. }), "{e}");
    let e = load_str("(format_version: 99999999999)", "newer.ron").unwrap_err();
    assert!(matches!(e, LoadError::TooNew { .. }), "{e}");
}

#[test]
fn missing_or_zero_format_version_is_refused() {
    let text = baseline_text().replacen("format_version: 1,", "", 1);
    assert!(matches!(load_str(&text, "x.ron").unwrap_err(), LoadError::MissingVersion { .. }));
    let text = baseline_text().replacen("format_version: 1,", "format_version: 0,", 1);
    assert!(matches!(load_str(&text, "x.ron").unwrap_err(), LoadError::UnknownVersion { found: 0, .. }));
}

#[test]
fn missing_file_and_directory_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.ron");
    let e = load(&missing).unwrap_err();
    assert!(e.to_string().starts_with(&format!("{}: cannot read the file", missing.display())), "{e}");
    let e = load(dir.path()).unwrap_err();
    assert!(matches!(e, LoadError::Directory { .. }), "{e}");
}

// ---------------------------------------------------------------------------
// Random valid scenarios
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_valid_scenarios_survive_save_and_load(seed in any::<u64>(), which in 0..PRESETS.len()) {
        let mut s = PRESETS[which].load().unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        s.visit("", &mut Perturb { rng: &mut rng });
        s.name = format!("Random \"{seed}\"\nwith a second line");
        repair(&mut s);
        diverge::scenario::validate::validate(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let text = to_ron_string(&s).unwrap();
        let back = load_str(&text, "random.ron").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, s);
    }
}

#[test]
fn a_save_interrupted_by_a_write_error_leaves_the_previous_file_and_backup_intact() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.ron");
    let first = Scenario { name: "First".into(), ..diverge::scenario::presets::default_scenario() };
    save(&path, &first).unwrap();
    let second = Scenario { name: "Second".into(), ..first.clone() };
    save(&path, &second).unwrap();
    let (file_before, bak_before) = (std::fs::read(&path).unwrap(), std::fs::read(backup_path(&path)).unwrap());
    let third = to_ron_string(&Scenario { name: "Third".into(), ..first.clone() }).unwrap();
    let err = diverge::scenario::io::write_atomically_with(&path, true, |file| {
        file.write_all(&third.as_bytes()[..third.len() / 2])?;
        Err(std::io::Error::other("injected: the disk is full"))
    })
    .unwrap_err();
    assert!(err.1.to_string().contains("injected"), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), file_before, "the file is untouched");
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), bak_before, "the backup is untouched");
    assert_eq!(load(&path).unwrap(), second);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "no temporary file is left behind: {names:?}");
}

#[test]
fn an_annotation_survives_save_and_load_and_old_files_have_none() {
    let old = PRESETS[0].load().unwrap();
    assert!(!baseline_text().contains("annotations"), "the preset predates annotations");
    assert!(old.annotations.is_empty());
    let mut s = old.clone();
    s.annotations.push(diverge::scenario::Annotation {
        month: diverge::scenario::Month::ym(2024, 4),
        text: "Fourth halving \"quoted\"".into(),
        series: "hashrate_ehs".into(),
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotated.ron");
    save(&path, &s).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("annotations: ["), "{}", &text[..400.min(text.len())]);
    assert!(text.contains("\"2024-04\""), "month written as YYYY-MM");
    let back = load(&path).unwrap();
    assert_eq!(back.annotations, s.annotations);
    assert_eq!(back, s);
}

#[test]
fn a_bad_annotation_in_a_file_names_its_field() {
    let text = baseline_text().replacen(
        "name:",
        "annotations: [(month: \"2099-01\", text: \"late\", series: \"\")],\n    name:",
        1,
    );
    let err = load_str(&text, "x.ron").unwrap_err().to_string();
    assert!(err.contains("annotations[0].month"), "{err}");
}
