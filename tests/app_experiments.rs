//! Drives the window's experiments through `egui_kittest`, by their
//! accessible labels: a Monte Carlo from the Run menu (its bands equal the
//! library's and fill the plots; Cancel stops one), the comparison with the
//! opened file (a second style on the plots and the table of differences),
//! the tornado chart (a bar click shows its parameter in the editor) and a
//! sweep from a parameter's context menu.

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

use diverge::app::DivergeApp;
use diverge::app::experiments::highlight;
use diverge::app::views::catalog::Tab;
use diverge::app::views::overlay::prepare_overlay;
use diverge::experiments::montecarlo::monte_carlo;
use diverge::experiments::{Tracker, thread_pool};
use diverge::scenario::{Month, Scenario};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod app_support;
use app_support::harness;

/// A short scenario so runs finish quickly.
fn scenario() -> Scenario {
    let mut s = diverge::app::files::default_scenario();
    s.timeline.end = Month::ym(2011, 12);
    s.events.clear();
    s
}

/// Steps until `done` holds (bounded, so a hung experiment fails).
fn wait_for(h: &mut Harness<'_, DivergeApp>, what: &str, done: impl Fn(&DivergeApp) -> bool) {
    wait_steps(h, what, 6000, done);
}

fn wait_steps(h: &mut Harness<'_, DivergeApp>, what: &str, steps: usize, done: impl Fn(&DivergeApp) -> bool) {
    for _ in 0..steps {
        h.step();
        if done(h.state()) {
            h.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("{what} did not happen");
}

fn settle(h: &mut Harness<'_, DivergeApp>) {
    wait_for(h, "the run", |a| !a.is_busy());
}

fn menu(h: &mut Harness<'_, DivergeApp>, top: &str, item: &str) {
    h.get_by_label(top).click();
    h.run_steps(4);
    h.get_by_label(item).click();
    h.run_steps(4);
}

fn line_plot() -> &'static diverge::app::views::PlotSpec {
    Tab::HashEconomics.plots().iter().find(|p| p.kind == diverge::views::catalog::PlotKind::Lines).unwrap()
}

#[test]
fn a_monte_carlo_from_the_menu_draws_the_bands_of_the_library() {
    let s = scenario();
    let mut h = harness(s.clone());
    settle(&mut h);
    menu(&mut h, "Run", "Monte Carlo…");
    h.get_by_role_and_label(Role::SpinButton, "Runs").set_value_accesskit(4.0);
    h.run();
    h.get_by_label("Start Monte Carlo").click();
    wait_for(&mut h, "the Monte Carlo", |a| a.experiments.mc.job.is_none() && a.experiments.mc.bands.is_some());
    let bands = h.state().experiments.mc.bands.clone().unwrap();
    let pool = thread_pool(Some(1)).unwrap();
    let library = monte_carlo(&s, s.seed, 4, &pool, &Tracker::new()).unwrap();
    // As CSV bytes: months without a value hold NaN, which never equals itself.
    assert!(
        bands.to_csv().unwrap() == library.to_csv().unwrap(),
        "the window's bands are the command line's, bit for bit"
    );
    let overlay = prepare_overlay(line_plot(), &h.state().views().overlay.data, false);
    assert!(!overlay.ranges.is_empty() && overlay.runs == 4, "the line plots carry bands");
    let r = &overlay.ranges[0];
    assert!(r.p5.iter().zip(&r.p95).all(|(a, b)| a <= b), "p5 never above p95");
    assert!(
        h.query_all_by_label_contains("Monte Carlo of 4 runs").next().is_some(),
        "legend and message name the runs"
    );
    // An edit clears the bands and says so.
    h.get_all_by_label("End").next().unwrap().set_value_accesskit(2012.0);
    settle(&mut h);
    assert!(h.state().experiments.mc.bands.is_none());
    assert!(h.query_by_label_contains("bands cleared").is_some());
}

#[test]
fn a_long_monte_carlo_shows_progress_and_cancels() {
    let mut h = harness(scenario());
    settle(&mut h);
    menu(&mut h, "Run", "Monte Carlo…");
    h.get_by_role_and_label(Role::SpinButton, "Runs").set_value_accesskit(5000.0);
    h.run();
    h.get_by_label("Start Monte Carlo").click();
    wait_for(&mut h, "the first runs", |a| a.experiments.mc.bands.as_ref().is_some_and(|b| b.runs > 0));
    assert!(h.query_by_label_contains("left").is_some(), "time left in the status bar");
    h.get_by_role_and_label(Role::Button, "Cancel Monte Carlo").click();
    // Runs finishing on the workers keep asking for frames until the cancel
    // is seen, so the harness steps rather than waits for the window to settle.
    wait_for(&mut h, "the cancel", |a| a.experiments.mc.job.is_none());
    let kept = h.state().experiments.mc.bands.as_ref().unwrap().runs;
    assert!(kept > 0 && kept < 5000, "the bands keep the runs done: {kept}");
    assert!(h.query_by_label_contains("Monte Carlo cancelled").is_some());
}

#[test]
fn comparing_with_the_opened_file_draws_it_behind_and_explains_the_edit() {
    let mut h = harness(scenario());
    settle(&mut h);
    h.get_by_label("Market").click();
    h.run();
    h.get_by_role_and_label(Role::Slider, "Price volatility").set_value_accesskit(1.5);
    settle(&mut h);
    menu(&mut h, "File", "Compare with the opened file");
    wait_for(&mut h, "the compared run", |a| a.experiments.compare.overlay().is_some());
    let overlay = prepare_overlay(line_plot(), &h.state().views().overlay.data, false);
    assert!(!overlay.compare.is_empty(), "the plot has the compared lines");
    assert!(h.query_all_by_label_contains("dashed, faded: opened file").next().is_some(), "legend entry");
    menu(&mut h, "File", "Differences…");
    wait_for(&mut h, "the explanation", |a| {
        a.experiments.compare.explanation.as_ref().is_some_and(|e| !e.rows.is_empty())
    });
    let rows = &h.state().experiments.compare.explanation.as_ref().unwrap().rows;
    assert_eq!(rows.len(), 3, "one difference, total and interaction: {rows:?}");
    assert_eq!(rows[0].label, "market.projection_volatility_per_year");
    assert!(h.query_by_label("market.projection_volatility_per_year").is_some(), "the table shows it");
    menu(&mut h, "File", "Clear comparison");
    assert!(h.state().experiments.compare.overlay().is_none());
}

#[test]
fn the_tornado_bars_jump_to_their_parameter() {
    let mut h = harness(scenario());
    settle(&mut h);
    menu(&mut h, "Run", "Sensitivity (tornado)…");
    h.get_by_label("Run screening").click();
    wait_for(&mut h, "the screening", |a| a.experiments.tornado.result.is_some());
    let first = h.state().experiments.tornado.result.as_ref().unwrap().rows[0].path.clone();
    let bar = h.get_by_role_and_label(Role::Button, &first);
    bar.click();
    h.run();
    assert_eq!(highlight::highlighted(&h.ctx).as_deref(), Some(first.as_str()), "the parameter is highlighted");
}

#[test]
fn a_sweep_from_a_parameters_menu_yields_a_chart() {
    let mut h = harness(scenario());
    settle(&mut h);
    h.get_by_label("Market").click();
    h.run();
    h.get_by_role_and_label(Role::Label, "Hardware price elasticity").click_secondary();
    h.run();
    h.get_by_label("Sweep…").click();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Steps").set_value_accesskit(3.0);
    h.run();
    h.get_by_label("Run sweep").click();
    wait_for(&mut h, "the sweep", |a| a.experiments.sweep.result.is_some());
    let result = h.state().experiments.sweep.result.as_ref().unwrap();
    assert_eq!(result.axes[0].values, vec![0.0, 1.0, 2.0]);
    assert!(result.runs.iter().all(Option::is_some));
    assert!(h.query_by_label("Sweep chart").is_some());
}

/// Closes the experiment window on screen and lets the frame settle.
fn close_window(h: &mut Harness<'_, DivergeApp>) {
    h.get_by_label("Close window").click();
    h.run_steps(3);
}

/// Renders the experiments' views to `DIVERGE_RENDER_DIR` for people to
/// look at (run with `--ignored`): bands, comparison, tornado, heat map.
#[test]
#[ignore = "writes review images; run on demand"]
fn render_the_experiments_for_review() {
    use diverge::app::command::Command;
    use diverge::app::experiments::Request;
    let dir = std::env::var("DIVERGE_RENDER_DIR").unwrap_or_else(|_| "target/review".into());
    std::fs::create_dir_all(&dir).unwrap();
    let save = |h: &mut Harness<'_, DivergeApp>, name: &str| {
        h.run_steps(6);
        h.render().unwrap().save(format!("{dir}/{name}.png")).unwrap();
    };
    let mut s = diverge::app::files::default_scenario();
    s.timeline.end = Month::ym(2030, 12);
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut DivergeApp| app.ui(ui), DivergeApp::new_for_test(s));
    settle(&mut h);
    let ctx = h.ctx.clone();
    let apply = |h: &mut Harness<'_, DivergeApp>, r: Request| h.state_mut().apply(&ctx, Command::Experiment(r));
    apply(&mut h, Request::StartMonteCarlo(40));
    wait_for(&mut h, "the Monte Carlo", |a| a.experiments.mc.job.is_none());
    h.state_mut().apply(&ctx, Command::ShowTab(Tab::HashEconomics));
    save(&mut h, "montecarlo_hash");
    h.state_mut().apply(&ctx, Command::ShowTab(Tab::Overview));
    save(&mut h, "montecarlo_overview");
    apply(&mut h, Request::ClearBands);
    apply(&mut h, Request::CompareWithPreset("us-energy-shock".into()));
    wait_for(&mut h, "the compared run", |a| a.experiments.compare.overlay().is_some());
    apply(&mut h, Request::ShowDifferences);
    wait_for(&mut h, "the explanation", |a| {
        a.experiments.compare.explanation.as_ref().is_some_and(|e| !e.rows.is_empty())
    });
    save(&mut h, "compare_differences");
    apply(&mut h, Request::ClearComparison);
    close_window(&mut h);
    apply(&mut h, Request::OpenSensitivity);
    apply(&mut h, Request::StartSensitivity);
    wait_steps(&mut h, "the screening", 40_000, |a| !a.experiments.tornado.is_running());
    assert!(h.state().experiments.tornado.result.is_some(), "{:?}", h.state().message.as_ref().map(|m| &m.text));
    save(&mut h, "tornado");
    close_window(&mut h);
    apply(&mut h, Request::OpenSweep("market.hardware_price_elasticity".into()));
    apply(&mut h, Request::StartSweep);
    wait_for(&mut h, "the sweep", |a| a.experiments.sweep.result.is_some());
    save(&mut h, "sweep_line");
    close_window(&mut h);
    apply(&mut h, Request::OpenSweep("market.hardware_price_elasticity".into()));
    let second = diverge::experiments::paths::model_parameters(&h.state().doc.scenario)
        .into_iter()
        .find(|f| f.path == "market.projection_volatility_per_year")
        .unwrap();
    if let Some((first, extra)) = &mut h.state_mut().experiments.sweep.dialog {
        first.steps = 6;
        *extra = Some(diverge::app::experiments::sweep::AxisDraft { from: 0.0, to: 1.5, steps: 6, field: second });
    }
    apply(&mut h, Request::StartSweep);
    wait_for(&mut h, "the two-parameter sweep", |a| {
        a.experiments.sweep.result.as_ref().is_some_and(|r| r.axes.len() == 2)
    });
    save(&mut h, "sweep_heat_map");
}
