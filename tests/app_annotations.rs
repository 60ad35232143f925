//! Annotations through the real window: added in the editor's
//! "Annotations" section, edited by their labelled fields, undone, saved
//! with the scenario and loaded back.

use diverge::scenario::{Month, Scenario};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

mod app_support;
use app_support::{harness, settle};

fn scenario() -> Scenario {
    let mut s = diverge::app::files::default_scenario();
    s.timeline.end = Month::ym(2012, 12);
    s.events.clear();
    s
}

#[test]
fn an_annotation_added_in_the_editor_is_undoable_and_survives_save_and_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("annotated.ron");
    let mut h = harness(scenario());
    settle(&mut h);
    h.get_by_label("Timeline & seed").click();
    h.run_steps(2);
    h.get_by_label("Annotations").click();
    h.run_steps(2);
    h.get_by_label("+ Add annotation").click();
    h.run_steps(2);
    let added = h.state().doc.scenario.annotations.clone();
    assert_eq!(added.len(), 1, "one annotation added");
    assert_eq!(added[0].month, Month::ym(2010, 12), "placed mid-timeline");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().doc.scenario.annotations.is_empty(), "undo removes it");
    h.get_by_label("+ Add annotation").click();
    h.run_steps(2);
    h.get_all_by_label("2010-12 · Note").next().expect("listed by month and text").click();
    h.run_steps(2);
    let text = h.get_by_role_and_label(Role::TextInput, "Text");
    text.focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Text").type_text(": difficulty spike");
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Series").focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Series").type_text("hashrate_ehs");
    h.run_steps(2);
    let a = h.state().doc.scenario.annotations[0].clone();
    assert_eq!(a.text, "Note: difficulty spike");
    assert_eq!(a.series, "hashrate_ehs");
    assert!(h.state().doc.problems.is_none(), "valid: {:?}", h.state().doc.problems);
    h.state_mut().doc.path = Some(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let back = diverge::scenario::io::load(&path).expect("saved file loads");
    assert_eq!(back.annotations, vec![a]);
    assert_eq!(back, h.state().doc.scenario);
}
