//! Shared helpers of the window tests: a kittest harness around the app on
//! a scenario, and stepping it until the scenario's run is over.
#![allow(dead_code)]

use diverge::app::DivergeApp;
use diverge::scenario::Scenario;
use egui_kittest::Harness;

/// The app on scenario `s` in a 1400 × 900 window.
pub fn harness(s: Scenario) -> Harness<'static, DivergeApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut DivergeApp| app.ui(ui), DivergeApp::new_for_test(s))
}

/// Steps until the current run is over (bounded, so a hung run fails).
pub fn settle(h: &mut Harness<'_, DivergeApp>) {
    for _ in 0..2000 {
        h.step();
        if !h.state().is_busy() {
            h.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("the run did not finish");
}
