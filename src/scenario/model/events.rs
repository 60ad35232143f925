//! Dated scenario events (price shocks, bans, capacity changes,
//! subsidies, GPU shortages): what happens in a month and to whom. Split
//! from `model.rs`, which re-exports it.

use serde::{Deserialize, Serialize};

use crate::scenario::month::Month;

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Month the event takes effect.
    pub month: Month,
    /// Short label shown on plots.
    #[serde(default)]
    pub label: String,
    /// What happens.
    pub kind: EventKind,
}

impl Event {
    /// Month indices it acts on: from its month up to (not including) the
    /// month its duration ends, `i32::MAX` when it lasts for good.
    pub fn active_months(&self) -> std::ops::Range<i32> {
        let from = self.month.index();
        from..self.kind.duration_months().map_or(i32::MAX, |d| from.saturating_add(d as i32))
    }
}

/// What an event does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EventKind {
    /// Multiplies a region's electricity prices.
    EnergyShock {
        /// Region id.
        region: String,
        /// Price multiplier (2.0 doubles prices).
        multiplier: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// Forces a share of a region's hash power to leave or stop, and blocks
    /// new capacity there while it lasts.
    Ban {
        /// Region id.
        region: String,
        /// Share of the region's hash power and capacity removed (0–1).
        share: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// Adds (or with a negative value removes) mining capacity in a region.
    CapacityChange {
        /// Region id.
        region: String,
        /// Change of capacity.
        delta_mw: f64,
    },
    /// Cheap renewable power offered to miners in a region.
    RenewableSubsidy {
        /// Region id.
        region: String,
        /// Reduction of the industrial price.
        price_cut_usd_per_kwh: f64,
        /// Capacity added while the subsidy lasts.
        extra_capacity_mw: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// A shortage of accelerators that cuts cloud AI capacity.
    GpuShortage {
        /// Multiplier on cloud capacity while it lasts (0.7 = −30 %).
        capacity_multiplier: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// A shortage of chips for mining hardware that cuts what ASIC makers
    /// can deliver (`market.hardware_supply_share_of_revenue`).
    AsicShortage {
        /// Multiplier on the makers' output while it lasts (0.4 = −60 %).
        supply_multiplier: f64,
        /// Duration; `None` is permanent.
        duration_months: Option<u32>,
    },
    /// A jump of the Bitcoin price, applied to every later month.
    BtcPriceShock {
        /// Price multiplier.
        multiplier: f64,
    },
}

impl EventKind {
    /// Short name of the kind.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Self::EnergyShock { .. } => "Energy price shock",
            Self::Ban { .. } => "Mining ban",
            Self::CapacityChange { .. } => "Capacity change",
            Self::RenewableSubsidy { .. } => "Renewable subsidy",
            Self::GpuShortage { .. } => "GPU shortage",
            Self::AsicShortage { .. } => "ASIC shortage",
            Self::BtcPriceShock { .. } => "BTC price shock",
        }
    }

    /// The region this event acts on, if any.
    pub fn region(&self) -> Option<&str> {
        match self {
            Self::EnergyShock { region, .. }
            | Self::Ban { region, .. }
            | Self::CapacityChange { region, .. }
            | Self::RenewableSubsidy { region, .. } => Some(region),
            Self::GpuShortage { .. } | Self::AsicShortage { .. } | Self::BtcPriceShock { .. } => None,
        }
    }

    /// How long the event lasts; `None` when permanent or instantaneous.
    pub fn duration_months(&self) -> Option<u32> {
        match self {
            Self::EnergyShock { duration_months, .. }
            | Self::Ban { duration_months, .. }
            | Self::RenewableSubsidy { duration_months, .. }
            | Self::GpuShortage { duration_months, .. }
            | Self::AsicShortage { duration_months, .. } => *duration_months,
            Self::CapacityChange { .. } | Self::BtcPriceShock { .. } => None,
        }
    }
}
