//! Every preset in `saves/` parses against the scenario model and validates.

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

use diverge::scenario::Scenario;
use diverge::scenario::validate::validate;

#[test]
fn every_preset_in_saves_parses_and_validates() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario: Scenario = ron::from_str(&text).unwrap_or_else(|e| panic!("{}:{e}", path.display()));
        if let Err(problems) = validate(&scenario) {
            panic!("{}:\n{problems}", path.display());
        }
        seen += 1;
    }
    assert!(seen >= 6, "expected the presets in {}", dir.display());
}
