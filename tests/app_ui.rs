//! Drives the real Diverge window through `egui_kittest`: edits by label,
//! the live re-run, undo, validation, the dirty marker, saving and the
//! unsaved-changes prompt.

use diverge::app::DivergeApp;
use diverge::scenario::{Month, Scenario};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod app_support;
use app_support::{harness, settle};

/// A short scenario so runs finish quickly.
fn scenario() -> Scenario {
    let mut s = diverge::app::files::default_scenario();
    s.timeline.end = Month::ym(2012, 12);
    s.events.clear();
    s
}

fn months(h: &Harness<'_, DivergeApp>) -> usize {
    h.state().runner.results.as_ref().map_or(0, |r| r.len())
}

fn status_shows_dirty(h: &Harness<'_, DivergeApp>) -> bool {
    h.query_by_label_contains(" •").is_some()
}

/// Sets the year of the timeline's end through its labelled widget.
fn set_end_year(h: &mut Harness<'_, DivergeApp>, year: f64) {
    h.get_all_by_label("End").next().expect("the End field").set_value_accesskit(year);
    h.step();
}

#[test]
fn editing_a_parameter_restarts_the_run_and_changes_the_results() {
    let mut h = harness(scenario());
    settle(&mut h);
    assert_eq!(months(&h), 48);
    let runs = h.state().runner.runs_started;
    set_end_year(&mut h, 2015.0);
    settle(&mut h);
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2015, 12));
    assert!(h.state().runner.runs_started > runs, "the edit started a new run");
    assert_eq!(months(&h), 84, "the new run covers the longer timeline");
}

#[test]
fn undo_restores_the_value_and_the_result() {
    let mut h = harness(scenario());
    settle(&mut h);
    set_end_year(&mut h, 2014.0);
    settle(&mut h);
    assert_eq!(months(&h), 72);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    settle(&mut h);
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2012, 12));
    assert_eq!(months(&h), 48);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.step();
    settle(&mut h);
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2014, 12), "redo");
    assert_eq!(months(&h), 72);
}

#[test]
fn an_invalid_value_shows_its_message_and_keeps_the_last_results() {
    let mut h = harness(scenario());
    settle(&mut h);
    let runs = h.state().runner.runs_started;
    h.get_by_label("Cloud").click();
    h.step();
    h.get_by_role_and_label(Role::SpinButton, "Cloud price").set_value_accesskit(-5.0);
    h.step();
    h.step();
    assert_eq!(h.state().doc.scenario.ai.cloud.price_usd_per_mtok, -5.0);
    assert!(h.query_by_label_contains("must be between 0 and 10000, got -5").is_some(), "inline message");
    settle(&mut h);
    assert_eq!(h.state().runner.runs_started, runs, "an invalid scenario is not run");
    assert_eq!(months(&h), 48, "the last valid results stay on screen");
}

#[test]
fn the_status_bar_says_once_that_the_run_finished_and_how_long_it_took() {
    let mut h = harness(scenario());
    settle(&mut h);
    assert!(h.query_by_label("run finished").is_some(), "the run's state");
    assert!(h.query_by_label_contains("last run").is_some(), "the run's time");
    assert!(h.query_by_label_contains("Run finished in").is_none(), "no message repeats them");
    h.state_mut().say("Run failed: a stand-in error", true);
    set_end_year(&mut h, 2013.0);
    settle(&mut h);
    assert!(h.query_by_label_contains("a stand-in error").is_none(), "a run that finishes clears an old error");
}

#[test]
fn the_dirty_marker_appears_after_an_edit_and_clears_after_saving() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("saved.ron");
    let mut h = harness(scenario());
    settle(&mut h);
    assert!(!status_shows_dirty(&h));
    set_end_year(&mut h, 2013.0);
    h.step();
    assert!(status_shows_dirty(&h), "dirty after an edit");
    h.state_mut().doc.path = Some(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    h.step();
    assert!(!status_shows_dirty(&h), "clean after saving");
    let text = std::fs::read_to_string(&path).expect("saved file");
    let back: Scenario = ron::from_str(&text).expect("valid RON");
    assert_eq!(back, h.state().doc.scenario);
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut h = harness(scenario());
    settle(&mut h);
    set_end_year(&mut h, 2013.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.step();
    h.step();
    assert!(h.query_by_label("Unsaved changes").is_some(), "the prompt appears");
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2013, 12), "cancel keeps the edits");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.step();
    h.step();
    h.get_by_label("Discard").click();
    h.step();
    h.step();
    assert_eq!(h.state().doc.scenario, diverge::app::files::default_scenario(), "discard starts a new scenario");
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn ai_workloads_can_be_added_reordered_removed_and_restored() {
    let mut h = harness(scenario());
    settle(&mut h);
    let ids = |h: &Harness<'_, DivergeApp>| -> Vec<String> {
        h.state().doc.scenario.ai.workloads.iter().map(|w| w.id.clone()).collect()
    };
    let before = ids(&h);
    let n = before.len();
    let (a, b) = (format!("workload_{}", n + 1), format!("workload_{}", n + 2));
    h.get_by_label("AI workloads").click();
    h.run_steps(2);
    h.get_by_label("+ Add workload").click();
    h.run_steps(2);
    h.get_by_label("+ Add workload").click();
    h.run_steps(2);
    assert_eq!(ids(&h)[n..], [a.clone(), b.clone()]);
    h.get_by_label(&format!("Move New workload ({b}) up")).click();
    h.run_steps(2);
    assert_eq!(ids(&h)[n..], [b.clone(), a.clone()], "reordered");
    h.get_by_label(&format!("Remove New workload ({b})")).click();
    h.run_steps(2);
    assert_eq!(&ids(&h)[n..], std::slice::from_ref(&a));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(ids(&h)[n..], [b, a], "undo brings the removed workload back in place");
}

#[test]
fn a_field_resets_to_its_preset_value() {
    let mut h = harness(scenario());
    settle(&mut h);
    // Fold the open "Timeline & seed" section (its notes are long) so the
    // AI section's buttons are on screen.
    h.get_by_label("Timeline & seed").click();
    h.step();
    h.get_by_label("AI efficiency & data").click();
    h.step();
    h.get_by_role_and_label(Role::SpinButton, "Data stock").set_value_accesskit(150.0);
    h.step();
    h.step();
    assert_eq!(h.state().doc.scenario.ai.data.stock_t_tokens, 150.0);
    h.get_by_label("Reset Data stock").click();
    h.step();
    assert_eq!(h.state().doc.scenario.ai.data.stock_t_tokens, scenario().ai.data.stock_t_tokens);
}

#[test]
fn a_preset_opens_from_the_file_menu() {
    let mut h = harness(scenario());
    settle(&mut h);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open preset").click();
    h.run_steps(2);
    h.get_by_label("us-energy-shock").click();
    h.run_steps(2);
    let expected = diverge::app::files::load_preset("us-energy-shock").expect("bundled preset");
    assert_eq!(h.state().doc.scenario, expected);
    assert_eq!(h.state().doc.display_name(), "us-energy-shock (preset)");
    assert!(!h.state().doc.is_dirty());
    settle(&mut h);
    assert_eq!(months(&h), expected.timeline.months(), "the preset ran to its end");
}

/// The year field of the timeline's end.
fn end_year<'h>(h: &'h Harness<'_, DivergeApp>) -> egui_kittest::Node<'h> {
    h.get_all_by_label("End").next().expect("the End field")
}

#[test]
fn a_year_is_typed_freely_and_committed_on_enter_or_put_back_with_esc() {
    let mut h = harness(scenario());
    settle(&mut h);
    end_year(&h).click();
    h.run_steps(2);
    // Every keystroke stays as typed: nothing is validated or clamped
    // until Enter.
    for (typed, shown) in [("2", "2"), ("0", "20"), ("1", "201"), ("4", "2014")] {
        focused_text(&h).type_text(typed);
        h.run_steps(2);
        assert_eq!(focused_text(&h).value().as_deref(), Some(shown), "after typing {typed}");
        if shown != "2014" {
            assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2012, 12), "not committed mid-typing");
        }
    }
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2014, 12), "committed on Enter");
    settle(&mut h);
    assert_eq!(months(&h), 72);
    end_year(&h).click();
    h.run_steps(2);
    focused_text(&h).type_text("1999");
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.step();
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2014, 12), "Esc commits nothing");
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2014, 12), "Esc puts the value back");
    assert!(h.state().runner.is_running() || !h.state().is_busy(), "Esc in a field does not cancel anything else");
}

/// The number field being typed in (a drag value keeps its role while it
/// shows its text editor).
fn focused_text<'h>(h: &'h Harness<'_, DivergeApp>) -> egui_kittest::Node<'h> {
    h.get_all_by_role(Role::SpinButton).find(egui_kittest::Node::is_focused).expect("a focused number field")
}

/// The left edge of the plots, which is the editor panel's right edge.
fn plots_left(h: &Harness<'_, DivergeApp>) -> f32 {
    h.get_by_label("Overview — Diverging futures").rect().left()
}

#[test]
fn the_editor_keeps_its_width_when_a_reset_appears_and_can_be_hidden() {
    let mut h = harness(scenario());
    settle(&mut h);
    let left = plots_left(&h);
    h.get_by_label("Timeline & seed").click();
    h.run_steps(2);
    h.get_by_label("AI efficiency & data").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::SpinButton, "Data stock").set_value_accesskit(150.0);
    h.run_steps(3);
    assert!(h.query_by_label("Reset Data stock").is_some(), "the Reset button shows");
    assert!((plots_left(&h) - left).abs() < 1.0, "the panel did not grow: {left} → {}", plots_left(&h));
    let reset = h.get_by_label("Reset Data stock").rect();
    assert!(reset.right() <= left, "the Reset button is inside the panel, not clipped");
    h.get_by_label("AI efficiency & data").click();
    h.run_steps(2);
    assert!((plots_left(&h) - left).abs() < 1.0, "folding every section keeps the width");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(20);
    assert!(plots_left(&h) < 60.0, "hidden: the plots take the window ({})", plots_left(&h));
    assert!(h.state().prefs.editor_hidden);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(20);
    assert!((plots_left(&h) - left).abs() < 1.0, "shown again at its width");
}

#[test]
fn an_invalid_value_is_written_under_its_field_at_body_size() {
    let mut h = harness(scenario());
    settle(&mut h);
    h.get_by_label("Cloud").click();
    h.step();
    h.get_by_role_and_label(Role::SpinButton, "Cloud price").set_value_accesskit(-5.0);
    h.run_steps(3);
    let field = h.get_by_role_and_label(Role::SpinButton, "Cloud price").rect();
    let message = h.get_by_label_contains("must be between 0 and 10000, got -5").rect();
    assert!(message.top() >= field.bottom() - 1.0 && message.top() - field.bottom() < 12.0, "{field:?} {message:?}");
    assert!(message.height() >= 15.0, "body-size text, not small print: {message:?}");
}

#[test]
fn events_are_listed_by_month_and_durations_read_as_whole_months() {
    let mut s = scenario();
    s.timeline.end = Month::ym(2014, 12);
    let kind = diverge::scenario::EventKind::Ban { region: "china".into(), share: 0.5, duration_months: Some(4) };
    s.events.push(diverge::scenario::Event { month: Month::ym(2013, 3), label: "Later".into(), kind: kind.clone() });
    s.events.push(diverge::scenario::Event { month: Month::ym(2011, 5), label: "Earlier".into(), kind });
    let mut h = harness(s);
    settle(&mut h);
    h.get_by_label("Timeline & seed").click();
    h.run_steps(2);
    h.get_by_label("Events").click();
    h.run_steps(2);
    let earlier = h.get_all_by_label("2011-05 · Earlier").next().expect("listed").rect().top();
    let later = h.get_all_by_label("2013-03 · Later").next().expect("listed").rect().top();
    assert!(earlier < later, "sorted by month whatever the file's order");
    h.get_all_by_label("2011-05 · Earlier").next().expect("listed").click();
    h.run_steps(2);
    let duration = h.get_by_role_and_label(Role::SpinButton, "Duration");
    assert_eq!(duration.value().as_deref(), Some("4 months"));
}

#[test]
fn hovering_a_plot_reads_every_series_at_that_month() {
    let mut h = harness(scenario());
    settle(&mut h);
    let title = h.get_by_label("Nakamoto coefficients").rect();
    h.hover_at(egui::pos2(title.left() + 250.0, title.bottom() + 120.0));
    for _ in 0..40 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    let readout = h.get_all_by_label("Values: Nakamoto coefficients").last().expect("the read-out");
    for series in ["Mining: entities", "Mining: pools", "AI: compute owners"] {
        assert!(readout.query_by_label(series).is_some(), "{series} is in the read-out");
    }
    assert!(readout.query_all_by_label_contains(" entities").next().is_some(), "values carry their unit");
    assert!(readout.query_all_by_label_contains("20").next().is_some(), "the month is named");
}

#[test]
fn the_typed_path_prompt_starts_at_the_file_takes_enter_and_keeps_errors_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let start = dir.path().join("start.ron");
    let mut h = harness(scenario());
    settle(&mut h);
    h.state_mut().use_typed_paths();
    h.state_mut().doc.path = Some(start.clone());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    let field = h.get_by_role_and_label(Role::TextInput, "Path");
    assert_eq!(field.value().as_deref(), Some(start.to_str().expect("utf-8")), "starts at the current file");
    assert!(field.is_focused(), "ready to type");
    let bad = dir.path().join("missing").join("x.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path").type_text(bad.to_str().expect("utf-8"));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let field = h.get_by_role_and_label(Role::TextInput, "Path");
    assert_eq!(field.value().as_deref(), Some(bad.to_str().expect("utf-8")), "the typed path stays");
    assert!(h.query_by_label_contains("missing").is_some(), "the reason is shown");
    let good = dir.path().join("good.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path").type_text(good.to_str().expect("utf-8"));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(good.is_file(), "Enter pressed OK and saved");
    assert!(h.query_by_role_and_label(Role::TextInput, "Path").is_none(), "the prompt closed");
}

#[test]
fn menus_shortcuts_and_help_come_from_one_table() {
    let mut h = harness(scenario());
    settle(&mut h);
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label_contains("Keyboard shortcuts").click();
    h.run_steps(6);
    for spec in diverge::app::actions::ACTIONS.iter().filter(|s| !s.keys.is_empty()) {
        assert!(h.query_all_by_label(spec.label).next().is_some(), "{} is listed", spec.label);
    }
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Light").click();
    h.run_steps(2);
    assert_eq!(h.state().prefs.theme, egui::ThemePreference::Light);
    assert_eq!(h.ctx.theme(), egui::Theme::Light, "the theme switched through a command");
}

#[test]
fn the_scroll_wheel_zooms_the_time_axis_and_markers_can_be_switched_off() {
    let mut h = harness(scenario());
    settle(&mut h);
    let spec = &diverge::app::views::Tab::Overview.plots()[1];
    let id = diverge::app::views::plot::plot_id(spec);
    let width =
        |h: &Harness<'_, DivergeApp>| egui_plot::PlotMemory::load(&h.ctx, id).expect("plot memory").bounds().width();
    let before = width(&h);
    let title = h.get_by_label("Nakamoto coefficients").rect();
    h.hover_at(egui::pos2(title.left() + 250.0, title.bottom() + 120.0));
    h.run_steps(2);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 3.0),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(20);
    let after = width(&h);
    assert!(after < before * 0.9, "zoomed in on time: {before} → {after}");
    assert!(h.state().views().show_halvings);
    h.get_by_label("Show halvings").click();
    h.run_steps(2);
    assert!(!h.state().views().show_halvings, "halving markers switched off");
    assert!(h.state().views().show_events, "event markers stay");
}

#[test]
fn esc_in_a_field_does_not_cancel_the_run() {
    let mut s = scenario();
    s.timeline.end = Month::ym(2040, 12);
    let mut h = harness(s);
    settle(&mut h);
    end_year(&h).click();
    h.run_steps(2);
    focused_text(&h).type_text("2039");
    h.key_press(Key::Enter);
    h.step();
    assert!(h.state().is_busy(), "the edit started a run");
    end_year(&h).click();
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.step();
    assert!(!matches!(h.state().runner.state, diverge::app::runner::RunState::Cancelled), "Esc left the field only");
    settle(&mut h);
    assert_eq!(h.state().doc.scenario.timeline.end, Month::ym(2039, 12));
}

#[test]
fn file_export_writes_the_current_view_as_svg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(scenario());
    settle(&mut h);
    h.state_mut().use_typed_paths();
    h.state_mut().doc.path = Some(dir.path().join("start.ron"));
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export").click();
    h.run_steps(2);
    h.get_by_label("View as SVG…").click();
    h.run_steps(3);
    let field = h.get_by_role_and_label(Role::TextInput, "Path");
    let expected = dir.path().join(format!("{}-overview.svg", scenario().name.replace(' ', "-")));
    assert_eq!(field.value().as_deref(), Some(expected.to_str().expect("utf-8")), "suggests a name in the folder");
    h.key_press(Key::Enter);
    h.run_steps(3);
    let svg = std::fs::read_to_string(&expected).expect("the SVG was written");
    assert!(svg.starts_with("<svg") && svg.contains("Effective number of entities"), "the overview's plots");
    assert!(svg.contains(r#"class="series""#), "with its series");
}

/// Sets a registry field (a slider or a number field) of editor section
/// `section` by its label.
fn set_field(h: &mut Harness<'_, DivergeApp>, section: &str, label: &str, value: f64) {
    h.get_by_label(section).click();
    h.run();
    let field = h.query_by_role_and_label(Role::Slider, label);
    let field = field.unwrap_or_else(|| h.get_by_role_and_label(Role::SpinButton, label));
    field.set_value_accesskit(value);
    h.step();
}

#[test]
fn a_rerun_keeps_the_sector_an_edit_does_not_touch_and_says_so() {
    use diverge::sim::SectorKind;
    let mut h = harness(scenario());
    settle(&mut h);
    assert!(h.state().runner.last_replayed.is_empty(), "the first run simulates everything");
    set_field(&mut h, "Market", "Price volatility", 1.5);
    settle(&mut h);
    assert_eq!(h.state().runner.last_replayed, vec![SectorKind::Ai], "a mining edit keeps the AI sector");
    assert!(h.query_by_label_contains("AI kept").is_some(), "the status bar says what was kept");
    set_field(&mut h, "AI efficiency & data", "Halving time τ", 12.0);
    settle(&mut h);
    assert_eq!(h.state().runner.last_replayed, vec![SectorKind::Mining], "an AI edit keeps the mining sector");
    let s = &h.state().doc.scenario;
    let fresh = diverge::sim::run(s, s.seed, |_, _| std::ops::ControlFlow::Continue(())).expect("runs");
    let shown = h.state().runner.results.clone().expect("results");
    assert_eq!(shown.markers, fresh.markers);
    for (a, b) in shown.values.iter().zip(&fresh.values) {
        assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()), "the kept results are a full run's");
    }
}
