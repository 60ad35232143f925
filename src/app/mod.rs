//! The desktop app: one eframe window hosting the scenario editor, the
//! simulation and the plot views. Built only with the default `gui` feature.

use std::path::PathBuf;

/// How the window is opened from the command line.
#[derive(Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Scenario file path or preset name to open; the default scenario when
    /// `None`.
    pub file: Option<String>,
    /// When set, save a PNG of the window here once the run has finished,
    /// then exit.
    pub screenshot: Option<PathBuf>,
}

/// Opens the window and returns when it closes.
pub fn launch(_options: LaunchOptions) -> anyhow::Result<()> {
    anyhow::bail!("the Diverge window is not built yet; use `diverge check`, `diverge presets` or `diverge run`")
}
