//! Image snapshots of key views, rendered with wgpu (Mesa's software
//! rasteriser in CI). `UPDATE_SNAPSHOTS=1 cargo test --test app_snapshots`
//! rewrites them under `tests/snapshots/`.
//!
//! The threshold tolerates small font rendering differences between
//! machines; layout changes, missing plots or legends still fail.

use diverge::app::DivergeApp;
use diverge::app::views::Tab;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};

/// The scenario of the snapshots: the frozen version-1 fixture of the
/// baseline, so preset tuning does not change the editor's picture.
fn fixture_scenario() -> diverge::scenario::Scenario {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1/baseline-2009-2040.ron");
    diverge::app::files::load_scenario(std::path::Path::new(path)).expect("the v1 fixture loads")
}

/// Fixed results for the plot views (see [`FixtureSector`]): the pictures
/// test how views draw, not what the model computes, so model tuning does
/// not break them; the model has its own calibration tests.
fn fixture_results(scenario: &diverge::scenario::Scenario) -> diverge::sim::Results {
    let keys = fixture_keys();
    let mut sim = diverge::sim::Simulation::with_sectors(scenario, 1, vec![(9, Box::new(FixtureSector { keys }))]);
    while sim.step() {}
    sim.into_results()
}

/// The app with the fixture open, its own run finished, showing the
/// fixture results on `tab`.
fn settled(tab: Tab, size: [f32; 2]) -> Harness<'static, DivergeApp> {
    let scenario = fixture_scenario();
    let results = fixture_results(&scenario);
    let mut app = DivergeApp::new_for_test(scenario);
    app.prefs.tab = tab;
    let mut h = Harness::builder().with_size(size).wgpu().build_ui_state(|ui, app: &mut DivergeApp| app.ui(ui), app);
    for _ in 0..3000 {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(!h.state().is_busy(), "the run did not finish");
    h.state_mut().runner.show_finished(results, std::time::Duration::from_millis(1));
    // Let plot bounds and the layout settle.
    h.run_steps(4);
    h
}

/// The real default scenario after its run, for people to look at.
fn settled_real(tab: Tab, size: [f32; 2], theme: egui::Theme) -> Harness<'static, DivergeApp> {
    let mut app = DivergeApp::new_for_test(diverge::app::files::default_scenario());
    app.prefs.tab = tab;
    let mut h = Harness::builder().with_size(size).wgpu().build_ui_state(|ui, app: &mut DivergeApp| app.ui(ui), app);
    h.ctx.set_theme(theme);
    for _ in 0..3000 {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run_steps(4);
    h
}

fn options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(2.0).max_failed_pixels(2_000)
}

/// Snapshots with the status bar masked: it shows how long the run took,
/// which varies from machine to machine.
fn snap(h: &mut Harness<'_, DivergeApp>, name: &str, size: [f32; 2]) {
    h.remove_cursor();
    h.run_steps(2);
    h.mask(egui::Rect::from_min_max(egui::pos2(0.0, size[1] - 28.0), egui::pos2(size[0], size[1])));
    h.snapshot_options(name, &options());
}

#[test]
fn overview_of_the_default_scenario() {
    let mut h = settled(Tab::Overview, [1280.0, 720.0]);
    snap(&mut h, "overview_1280x720", [1280.0, 720.0]);
}

#[test]
fn ai_tab_of_the_default_scenario() {
    let mut h = settled(Tab::Ai, [1280.0, 720.0]);
    snap(&mut h, "ai_tab_1280x720", [1280.0, 720.0]);
}

#[test]
fn energy_tab_at_a_small_window() {
    let mut h = settled(Tab::Energy, [1024.0, 640.0]);
    snap(&mut h, "energy_1024x640", [1024.0, 640.0]);
}

#[test]
fn editor_with_the_market_section_open() {
    let mut h = settled(Tab::HashEconomics, [1280.0, 720.0]);
    h.get_by_label("Market").click();
    h.run_steps(3);
    snap(&mut h, "editor_market_1280x720", [1280.0, 720.0]);
}

/// Renders every tab at 1440×900 and 1024×640, dark and light, into
/// `DIVERGE_RENDER_DIR` for people to look at (run with `--ignored`).
#[test]
#[ignore = "writes review images; run on demand"]
fn render_every_tab_for_review() {
    let dir = std::env::var("DIVERGE_RENDER_DIR").unwrap_or_else(|_| "target/review".into());
    std::fs::create_dir_all(&dir).expect("review dir");
    for size in [[1440.0, 900.0], [1024.0, 640.0]] {
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            for tab in Tab::ALL {
                let mut h = settled_real(tab, size, theme);
                let image = h.render().expect("render");
                let name = format!("{dir}/{}_{:?}_{}x{}.png", tab.slug(), theme, size[0], size[1]);
                image.save(&name).expect("save");
            }
        }
    }
}

/// A test fixture sector: smooth, fixed curves under every column key the
/// views draw. Used only by these snapshot tests, never by the app.
struct FixtureSector {
    keys: Vec<(String, String)>,
}

impl diverge::sim::Sector for FixtureSector {
    fn columns(&self) -> Vec<diverge::sim::ColumnSpec> {
        self.keys.iter().map(|(k, u)| diverge::sim::ColumnSpec::new(k.clone(), k.clone(), u.clone())).collect()
    }
    fn step(
        &mut self,
        ctx: &diverge::sim::MonthContext,
        _rng: &mut rand_chacha::ChaCha12Rng,
        row: &mut [f64],
        _markers: &mut Vec<diverge::sim::Marker>,
    ) {
        let t = ctx.index as f64 / 12.0;
        for (i, v) in row.iter_mut().enumerate() {
            let k = &self.keys[i].0;
            *v = if k.starts_with("region_share.") || k.starts_with("class_share.") {
                let n = 4.0;
                (1.0 + (t * 0.3 + i as f64).sin() * 0.5) / n
            } else if k.contains("share") || k.starts_with("hhi") || k.starts_with("gini") || k.contains("hhi") {
                (0.2 + 0.6 * (1.0 - (-t / 10.0).exp()) * (1.0 + 0.1 * (t + i as f64).sin())).min(1.0)
            } else if let Some(&(_, first, last)) = PHYSICAL.iter().find(|(key, _, _)| key == k) {
                // From `first` in 2009 to `last` in 2040, log-linearly.
                first * (last / first).powf(t / 32.0) * (1.0 + 0.2 * (t * 2.0).sin())
            } else {
                10f64.powf(1.0 + t / 8.0 + (i % 3) as f64) * (1.0 + 0.2 * (t * 2.0).sin())
            };
        }
    }
}

/// Columns with a physical size get curves of the size the baseline model
/// gives (2009 → 2040), so the energy plots show mining and the two AI
/// lines apart and at plausible levels: the generic curve grows ×10 every
/// 8 years from 10, 100 or 1000 by column index, which put AI edge power at
/// ≈ 100 000 GW in 2040 (the model: ≈ 1 GW) and drew all three power lines
/// on top of one another.
const PHYSICAL: &[(&str, f64, f64)] = &[
    ("power_gw", 0.001, 25.0),
    ("ai_cloud_power_gw", 0.01, 8.0),
    ("ai_edge_power_gw", 1.0e-4, 1.5),
    // Energy = power × 8.766 TWh a year per GW.
    ("energy_twh_per_year", 0.00877, 219.0),
    ("ai_cloud_energy_twh_per_year", 0.0877, 70.0),
    ("ai_edge_energy_twh_per_year", 8.77e-4, 13.0),
    // Fleet efficiency falls from CPU mining to ASICs.
    ("fleet_efficiency_j_per_th", 5.0e7, 9.0),
    ("ai_demand_t_tokens_per_month", 3.0, 1.0e6),
];

fn fixture_keys() -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = [
        ("btc_price_usd", "USD"),
        ("hashrate_ehs", "EH/s"),
        ("revenue_usd", "USD/month"),
        ("hashprice_usd_per_ph_day", "USD/PH/day"),
        ("power_gw", "GW"),
        ("energy_twh_per_year", "TWh/yr"),
        ("fleet_efficiency_j_per_th", "J/TH"),
        ("active_entities", "entities"),
        ("hobbyist_hash_share", "fraction"),
        ("class_share.hobbyist", "fraction"),
        ("class_share.operator", "fraction"),
        ("class_share.industrial", "fraction"),
        ("nakamoto_entity", "entities"),
        ("hhi_entity", "0-1"),
        ("effective_entities", "entities"),
        ("gini_entity", "0-1"),
        ("nakamoto_pool", "pools"),
        ("hhi_pool", "0-1"),
        ("nakamoto_region", "regions"),
        ("hhi_region", "0-1"),
        ("effective_regions", "regions"),
        ("region_share.us", "fraction"),
        ("region_share.china", "fraction"),
        ("region_share.kazakhstan", "fraction"),
        ("region_share.nordics", "fraction"),
        ("ai_edge_share", "fraction"),
        ("ai_edge_share.assistant", "fraction"),
        ("ai_edge_share.vision", "fraction"),
        ("ai_edge_market_usd_b", "USD bn"),
        ("ai_cloud_spend_usd_b", "USD bn"),
        ("ai_cloud_price_usd_per_mtok", "USD/M tokens"),
        ("ai_capable_devices_m", "M units"),
        ("ai_frontier_params_b", "B params"),
        ("ai_small_model_params_b", "B params"),
        ("ai_nakamoto_owner", "owners"),
        ("ai_hhi_owner", "0-1"),
        ("ai_effective_owners", "owners"),
        ("ai_cloud_energy_twh_per_year", "TWh/yr"),
        ("ai_edge_energy_twh_per_year", "TWh/yr"),
        ("ai_cloud_power_gw", "GW"),
        ("ai_edge_power_gw", "GW"),
        ("ai_demand_t_tokens_per_month", "T tokens/month"),
    ]
    .iter()
    .map(|(k, u)| ((*k).to_owned(), (*u).to_owned()))
    .collect();
    keys.sort();
    keys
}
