//! The catalogue of mining hardware generations (MODEL.md, "Hardware"):
//! kind, availability, efficiency, hash rate, price, lifetime and whether a
//! private person can buy it. Split from `model.rs`, which re-exports it.

use serde::{Deserialize, Serialize};

use crate::scenario::month::Month;

/// The kind of a hardware generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HardwareKind {
    /// General-purpose processor.
    Cpu,
    /// Graphics card.
    Gpu,
    /// Field-programmable gate array board.
    Fpga,
    /// Application-specific integrated circuit.
    Asic,
}

impl HardwareKind {
    /// Every kind, in historical order.
    pub const ALL: [HardwareKind; 4] = [Self::Cpu, Self::Gpu, Self::Fpga, Self::Asic];

    /// Short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cpu => "CPU",
            Self::Gpu => "GPU",
            Self::Fpga => "FPGA",
            Self::Asic => "ASIC",
        }
    }
}

/// One generation of mining hardware.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hardware {
    /// Identifier used by the simulation and in messages.
    pub id: String,
    /// Display name.
    pub name: String,
    /// CPU, GPU, FPGA or ASIC.
    pub kind: HardwareKind,
    /// First month it can be bought.
    pub available_from: Month,
    /// Energy per unit of work.
    pub efficiency_j_per_th: f64,
    /// Hash rate of one unit.
    pub unit_hashrate_ths: f64,
    /// List price of one unit at launch.
    pub unit_price_usd: f64,
    /// Useful life before retirement.
    pub lifetime_months: u32,
    /// Whether a private person can buy it at retail.
    pub retail: bool,
}

impl Default for Hardware {
    fn default() -> Self {
        Self {
            id: "new_asic".into(),
            name: "New ASIC".into(),
            kind: HardwareKind::Asic,
            available_from: Month::ym(2026, 1),
            efficiency_j_per_th: 15.0,
            unit_hashrate_ths: 300.0,
            unit_price_usd: 5000.0,
            lifetime_months: 60,
            retail: false,
        }
    }
}
