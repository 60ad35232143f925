//! Diverge: a scenario lab for decentralisation. Bitcoin mining concentrates
//! into few operators while its map spreads out; AI compute moves from the
//! cloud to the edge. A scenario describes both; the simulation runs it month
//! by month; the app and the command line present the results.
//!
//! Layers, from the bottom: [`scenario`] (the model, validation, files,
//! presets), [`sim`] (the simulation and its metrics), and `app` (the desktop
//! GUI, behind the default `gui` feature). The first two never depend on a GUI
//! toolkit. [`experiments`] (Monte Carlo, sweeps, sensitivity screening,
//! explanations) builds on both, GUI-free, for the command line and the app;
//! [`bench`] measures the simulation's speed for `diverge bench` and the
//! benchmarks; [`views`] describes what each plot tab shows, for the window
//! and for anything that draws results without one; [`export`] draws them
//! without a window (SVG, PNG, CSV, the HTML report).

#[cfg(feature = "gui")]
pub mod app;
pub mod bench;
pub mod experiments;
pub mod export;
pub mod scenario;
pub mod sim;
pub mod views;
