//! The manifest keeps the GUI-free build's tests compiling: every test
//! that drives the window (`tests/app_*.rs`, or any test naming the app or
//! a GUI crate) needs a `[[test]]` entry in `Cargo.toml` with
//! `required-features = ["gui"]`, or `cargo test --no-default-features`
//! (run by `check.sh`) fails to compile it. Forgetting the entry happened
//! twice, so this reads the manifest rather than trusting review.
//!
//! The manifest is read with a small line parser (the crate has no TOML
//! dependency, and `[[test]]` tables are simple `key = value` lines).

use std::path::Path;

/// One `[[test]]` table of the manifest.
#[derive(Debug, Default)]
struct TestEntry {
    name: Option<String>,
    path: Option<String>,
    required_features: Vec<String>,
}

/// The `[[test]]` tables of a manifest's text.
fn test_entries(manifest: &str) -> Vec<TestEntry> {
    let mut entries = Vec::new();
    let mut current: Option<TestEntry> = None;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            entries.extend(current.take());
            if line == "[[test]]" {
                current = Some(TestEntry::default());
            }
            continue;
        }
        let Some(entry) = current.as_mut() else { continue };
        let Some((key, value)) = line.split_once('=') else { continue };
        let value = value.trim();
        let unquote = |s: &str| s.trim().trim_matches('"').to_owned();
        match key.trim() {
            "name" => entry.name = Some(unquote(value)),
            "path" => entry.path = Some(unquote(value)),
            "required-features" => {
                let list = value.trim_start_matches('[').trim_end_matches(']');
                entry.required_features = list.split(',').map(unquote).filter(|f| !f.is_empty()).collect();
            }
            _ => {}
        }
    }
    entries.extend(current);
    entries
}

/// Whether a test's source needs the GUI: an `app_` file, or one with a
/// `use` of the app module or a GUI crate.
fn needs_gui(file_name: &str, source: &str) -> bool {
    const GUI: [&str; 5] = ["diverge::app", "egui", "eframe", "egui_kittest", "rfd"];
    file_name.starts_with("app_")
        || source.lines().filter_map(|l| l.trim().strip_prefix("use ")).any(|path| {
            GUI.iter().any(|g| path.strip_prefix(g).is_some_and(|rest| rest.starts_with(':') || rest.starts_with(';')))
        })
}

/// Problems of a manifest against the test files `(file name, source)`.
fn problems(manifest: &str, tests: &[(String, String)]) -> Vec<String> {
    let entries = test_entries(manifest);
    let mut out = Vec::new();
    for (file, _) in tests.iter().filter(|(f, s)| needs_gui(f, s)) {
        let stem = file.trim_end_matches(".rs");
        let path = format!("tests/{file}");
        let entry =
            entries.iter().find(|e| e.path.as_deref() == Some(path.as_str()) || e.name.as_deref() == Some(stem));
        match entry {
            None => out.push(format!(
                "{path} drives the GUI but Cargo.toml has no [[test]] entry for it; add\n\
                 [[test]]\nname = \"{stem}\"\npath = \"{path}\"\nrequired-features = [\"gui\"]"
            )),
            Some(e) if !e.required_features.iter().any(|f| f == "gui") => out.push(format!(
                "{path}: its [[test]] entry in Cargo.toml lacks required-features = [\"gui\"] (has {:?})",
                e.required_features
            )),
            Some(_) => {}
        }
    }
    out
}

#[test]
fn every_gui_test_requires_the_gui_feature() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let mut tests = Vec::new();
    for entry in std::fs::read_dir(root.join("tests")).expect("tests/") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            tests.push((name, std::fs::read_to_string(&path).expect("a test source")));
        }
    }
    assert!(tests.iter().any(|(f, _)| f.starts_with("app_")), "no app_*.rs test found");
    let found = problems(&manifest, &tests);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_names_a_missing_or_incomplete_entry() {
    let manifest = "[package]\nname = \"x\"\n\n[[test]]\nname = \"app_ok\"\npath = \"tests/app_ok.rs\"\n\
                    required-features = [\"gui\"]\n\n[[test]]\nname = \"app_bad\"\npath = \"tests/app_bad.rs\"\n\n\
                    [dev-dependencies]\nrequired-features = [\"gui\"]\n";
    let src = |s: &str| (s.to_owned(), String::new());
    let tests = [src("app_ok.rs"), src("app_bad.rs"), src("app_new.rs"), src("golden.rs")];
    let found = problems(manifest, &tests);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("tests/app_bad.rs: its [[test]] entry"), "{}", found[0]);
    assert!(found[1].starts_with("tests/app_new.rs drives the GUI"), "{}", found[1]);
    // A test that uses the app under another name needs the entry too.
    let other = [("window.rs".to_owned(), "use diverge::app::DivergeApp;".to_owned())];
    assert_eq!(problems(manifest, &other).len(), 1);
    let core = [("core.rs".to_owned(), "use diverge::sim::run;\nlet s = \"use egui::Ui;\";".to_owned())];
    assert!(problems(manifest, &core).is_empty());
}
