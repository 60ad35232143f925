//! The scenario and simulation layers, the experiments built on them, the
//! views' description and the exporters never name a GUI toolkit (nor the app), so they build
//! and test without one (`cargo build --no-default-features`, run in CI, is the
//! other half of this guarantee).

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 6] = ["egui", "eframe", "rfd", "egui_plot", "egui_extras", "egui_kittest"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `word` occurs in `text` as a whole identifier (so `rfd` is found in
/// `use rfd::FileDialog` but not inside a longer name).
fn mentions(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

#[test]
fn scenario_and_sim_never_mention_gui_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("scenario"), &mut files);
    rust_files(&root.join("sim"), &mut files);
    rust_files(&root.join("experiments"), &mut files);
    rust_files(&root.join("views"), &mut files);
    rust_files(&root.join("export"), &mut files);
    assert!(files.len() >= 8, "found the core sources");
    let mut offenders = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for word in FORBIDDEN {
            if mentions(&text, word) {
                offenders.push(format!("{} mentions {word}", f.display()));
            }
        }
        if text.contains("crate::app") {
            offenders.push(format!("{} depends on the app", f.display()));
        }
    }
    assert!(offenders.is_empty(), "GUI crates in the core:\n{}", offenders.join("\n"));
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    assert!(mentions("use egui::Ui;", "egui"));
    assert!(mentions("rfd::FileDialog::new()", "rfd"));
    assert!(!mentions("let surfdata = 1; // egui_plot_like", "rfd"));
    assert!(!mentions("my_eframe_x", "eframe"));
}
