//! Presentation mode through the real window: F5 enters and Esc leaves,
//! the arrow keys (and the ‹ › buttons) step through the views and stop at
//! both ends, a key-parameter slider edits the scenario so the run (and the
//! plot drawn from it) changes, the scenario's `key_parameters` survive
//! save and load and a bad key is reported by its field; and File ▸ Export
//! of a view carries the Monte Carlo bands the window draws.

use std::sync::Arc;

use diverge::app::DivergeApp;
use diverge::app::command::Command;
use diverge::app::experiments::Request;
use diverge::app::export::ExportKind;
use diverge::app::files::DialogPurpose;
use diverge::app::views::Tab;
use diverge::scenario::{Month, Scenario};
use diverge::sim::Results;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The baseline to 2030: long enough for the AI sector's edge share to
/// respond to its parameters, short enough to run quickly.
fn scenario() -> Scenario {
    let mut s = diverge::app::files::default_scenario();
    s.timeline.end = Month::ym(2030, 12);
    s
}

fn harness(s: Scenario) -> Harness<'static, DivergeApp> {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut DivergeApp| app.ui(ui), DivergeApp::new_for_test(s));
    settle(&mut h);
    h
}

/// Steps until the run and any experiment have finished.
fn settle(h: &mut Harness<'_, DivergeApp>) {
    for _ in 0..20_000 {
        h.step();
        if !h.state().is_busy() && !h.state().experiments.is_busy() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("the run did not finish");
}

fn column(r: &Results, key: &str) -> Vec<f64> {
    let i = r.specs.iter().position(|s| s.key == key).unwrap_or_else(|| panic!("no column {key}"));
    r.values[i].clone()
}

fn results(h: &Harness<'_, DivergeApp>) -> Arc<Results> {
    h.state().runner.results.clone().expect("results")
}

#[test]
fn f5_enters_presentation_without_the_editor_and_esc_leaves() {
    let mut h = harness(scenario());
    assert!(h.query_by_label("Timeline & seed").is_some(), "the editor is shown before presenting");
    h.key_press(Key::F5);
    h.run_steps(2);
    assert!(h.state().present.active, "F5 presents");
    assert!(h.query_by_label("Timeline & seed").is_none(), "the editor is hidden while presenting");
    assert!(h.query_by_label("File").is_none(), "the menu bar is hidden while presenting");
    assert!(h.query_by_label("1 / 6").is_some(), "the counter shows the first of six slides");
    assert!(h.query_by_label("What if…").is_some(), "the key-parameter panel is shown");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().present.active, "Esc leaves");
    assert!(h.query_by_label("Timeline & seed").is_some(), "the editor is back");
    assert!(h.query_by_label("1 / 6").is_none());
    // View ▸ Present enters too, and F5 toggles back out.
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Present F5").click();
    h.run_steps(2);
    assert!(h.state().present.active, "View ▸ Present presents");
    h.key_press(Key::F5);
    h.run_steps(2);
    assert!(!h.state().present.active, "F5 leaves again");
}

#[test]
fn arrow_keys_and_buttons_step_through_the_views_and_stop_at_the_ends() {
    let mut h = harness(scenario());
    h.key_press(Key::F5);
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::Overview);
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::Overview, "stops at the first slide");
    assert!(h.query_by_label("1 / 6").is_some());
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::HashEconomics);
    assert!(h.query_by_label("2 / 6").is_some(), "the counter follows");
    assert!(h.query_by_label(Tab::HashEconomics.title()).is_some(), "the slide's title is the view's");
    h.key_press(Key::PageDown);
    h.run_steps(2);
    h.key_press(Key::Space);
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::Geography, "PageDown and Space step forward");
    h.get_by_label("Next slide").click();
    h.run_steps(2);
    h.get_by_label("Next slide").click();
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::Ai);
    assert!(h.query_by_label("6 / 6").is_some());
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::Ai, "stops at the last slide");
    h.key_press(Key::PageUp);
    h.run_steps(2);
    h.get_by_label("Previous slide").click();
    h.run_steps(2);
    assert_eq!(h.state().prefs.tab, Tab::Geography, "PageUp and ‹ step back");
    h.get_by_label("Leave").click();
    h.run_steps(2);
    assert!(!h.state().present.active);
    assert_eq!(h.state().prefs.tab, Tab::Geography, "the window shows the view presented last");
}

#[test]
fn a_presentation_slider_edits_the_scenario_undoably_and_the_plot_follows() {
    let mut h = harness(scenario());
    let before = column(&results(&h), "ai_edge_share");
    let tau = h.state().doc.scenario.ai.progress.halving_months;
    h.key_press(Key::F5);
    h.run_steps(2);
    h.get_by_label("Next slide").click();
    h.run_steps(2);
    for _ in 0..4 {
        h.key_press(Key::ArrowRight);
        h.run_steps(1);
    }
    assert_eq!(h.state().prefs.tab, Tab::Ai);
    let slider = h.get_by_role_and_label(Role::Slider, "Halving time τ");
    let target = if tau > 4.0 { 4.0 } else { 12.0 };
    slider.set_value_accesskit(target);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.ai.progress.halving_months, target, "the slider edits τ");
    assert!(h.state().doc.is_dirty(), "the edit marks the scenario unsaved");
    settle(&mut h);
    assert!(h.state().present.active, "still presenting");
    let after = column(&results(&h), "ai_edge_share");
    assert_ne!(before, after, "the run (and the edge-share plot drawn from it) changed");
    assert!(h.query_by_label(&format!("{target} months")).is_some(), "the panel shows the new value");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.ai.progress.halving_months, tau, "Ctrl+Z undoes the slider's edit");
    settle(&mut h);
    assert_eq!(column(&results(&h), "ai_edge_share"), before, "and the run is the original again");
}

#[test]
fn key_parameters_round_trip_choose_the_sliders_and_a_bad_key_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keys.ron");
    let mut s = scenario();
    s.key_parameters = vec!["pools.variance_aversion".into(), "regions[0].capacity_mw".into()];
    diverge::scenario::io::save(&path, &s).expect("saved");
    let back = diverge::scenario::io::load(&path).expect("loads back");
    assert_eq!(back.key_parameters, s.key_parameters);
    assert_eq!(back, s);
    let mut h = harness(back);
    h.key_press(Key::F5);
    h.run_steps(2);
    assert!(h.query_by_label("Variance aversion").is_some(), "the named parameter has a slider");
    assert!(h.query_by_label("Capacity").is_some(), "the region's capacity has a slider");
    assert!(h.query_by_label("Halving time τ").is_none(), "the defaults give way to the named keys");

    let text = std::fs::read_to_string(&path).expect("read").replace("regions[0].capacity_mw", "regions[0].capacity");
    std::fs::write(&path, text).expect("write");
    let error = diverge::app::files::load_scenario(&path).expect_err("a bad key is rejected");
    assert!(error.contains("key_parameters[1]") && error.contains("regions[0].capacity"), "{error}");
}

fn export_view_svg(h: &mut Harness<'_, DivergeApp>, path: &std::path::Path) -> String {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::ChosenPath(DialogPurpose::Export(ExportKind::ViewSvg), path.to_path_buf()));
    h.run_steps(1);
    let said = h.state().message.as_ref().map(|m| m.text.clone());
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("the export was not written ({e}): {said:?}"))
}

#[test]
fn a_view_exported_from_the_window_carries_its_monte_carlo_bands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(scenario());
    h.state_mut().prefs.tab = Tab::HashEconomics;
    let plain = export_view_svg(&mut h, &dir.path().join("plain.svg"));
    assert_eq!(plain.matches("band p5-p95").count(), 0, "no bands without a Monte Carlo");
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Experiment(Request::StartMonteCarlo(3)));
    settle(&mut h);
    assert_eq!(h.state().experiments.mc.bands.as_ref().map(|b| b.runs), Some(3), "the bands are drawn");
    let svg = export_view_svg(&mut h, &dir.path().join("bands.svg"));
    roxmltree::Document::parse(&svg).expect("the SVG parses");
    let lines = plain.matches("<path").count();
    assert!(svg.matches("band p5-p95").count() >= 4, "an outer band per series of the view");
    assert_eq!(svg.matches("band p5-p95").count(), svg.matches("band p25-p75").count());
    assert!(svg.matches("<path").count() > lines, "the bands are paths besides the lines");
    assert!(svg.contains("3 runs"), "the source line says how many runs");
}

#[test]
fn the_editor_chooses_key_parameters_undoably() {
    let mut h = harness(scenario());
    h.get_by_label("Market").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Label, "Price volatility").click_secondary();
    h.run();
    h.get_by_label("Show when presenting").click();
    h.run_steps(2);
    let keys = h.state().doc.scenario.key_parameters.clone();
    assert_eq!(keys, vec!["market.projection_volatility_per_year".to_owned()]);
    assert!(h.state().doc.is_dirty());
    h.key_press(Key::F5);
    h.run_steps(2);
    assert!(h.query_by_label("Price volatility").is_some(), "the chosen parameter has a slider");
    assert!(h.query_by_label("Halving time τ").is_none(), "and replaces the default set");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().doc.scenario.key_parameters.is_empty(), "Ctrl+Z takes the choice back");
}
