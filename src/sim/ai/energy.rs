//! The electricity AI inference draws, in the cloud and at the edge, so the
//! two sectors' energy can be compared on one axis.
//!
//! Compute is counted as in the rest of the sector — tokens served times the
//! parameters of the model serving them — and a token costs about
//! 2 FLOP per parameter (one multiply and one add per weight, the standard
//! estimate for a transformer's forward pass). Energy is that compute over
//! the FLOP per joule a deployed accelerator really delivers:
//!
//! - **efficiency growth**: FLOP per joule of ML accelerators rises ≈ 50 %
//!   a year (data/ai.md, Epoch AI hardware trends), applied from the
//!   progress reference month in both places;
//! - **cloud, at the reference month (estimate)**: an H100-class GPU gives
//!   ≈ 1.4 × 10¹² FLOP/J at its dense peak (≈ 990 TFLOP/s at 700 W); serving
//!   runs at ≈ 20 % of peak (token generation waits on memory), and the host,
//!   network and cooling (PUE ≈ 1.2 plus ≈ 1.5× for the servers around the
//!   GPU) raise the draw by ≈ 1.8×, so ≈ 1.6 × 10¹¹ FLOP/J delivered;
//! - **edge, at the reference month (estimate)**: a 40 TOPS NPU at ≈ 5 W is
//!   ≈ 8 × 10¹² operations per joule at peak; on-device generation uses
//!   ≈ 10 % of it and the memory and system-on-chip around the NPU double the draw, so
//!   ≈ 4 × 10¹¹ FLOP/J delivered.
//!
//! These are the energy of inference only — no training, no idle cloud
//! capacity, no standby of devices — so read them as a lower bound on AI's
//! electricity, beside mining's whole fleet.

use crate::sim::results::ColumnSpec;

/// FLOP per parameter and token.
pub const FLOP_PER_PARAM_TOKEN: f64 = 2.0;

/// Yearly growth of delivered FLOP per joule (data/ai.md: ≈ +50 %/yr).
pub const EFFICIENCY_GROWTH_PER_YEAR: f64 = 0.5;

/// Delivered FLOP per joule of cloud inference at the reference month
/// (estimate, see the module documentation).
pub const CLOUD_FLOP_PER_J: f64 = 1.6e11;

/// Delivered FLOP per joule of edge inference at the reference month
/// (estimate, see the module documentation).
pub const EDGE_FLOP_PER_J: f64 = 4.0e11;

/// The columns of [`InferenceEnergy`], in the order the sector writes them.
pub fn columns() -> [ColumnSpec; 4] {
    [
        ColumnSpec::new("ai_cloud_energy_twh_per_year", "Cloud inference energy (estimate)", "TWh/yr"),
        ColumnSpec::new("ai_edge_energy_twh_per_year", "Edge inference energy (estimate)", "TWh/yr"),
        ColumnSpec::new("ai_cloud_power_gw", "Cloud inference power (estimate)", "GW"),
        ColumnSpec::new("ai_edge_power_gw", "Edge inference power (estimate)", "GW"),
    ]
}

/// Hours in an average month.
const HOURS_PER_MONTH: f64 = 365.25 * 24.0 / 12.0;

/// Inference energy of one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InferenceEnergy {
    /// Cloud, terawatt-hours a year at this month's rate.
    pub cloud_twh_per_year: f64,
    /// Edge, terawatt-hours a year at this month's rate.
    pub edge_twh_per_year: f64,
    /// Cloud, average GW.
    pub cloud_gw: f64,
    /// Edge, average GW.
    pub edge_gw: f64,
}

/// The energy of serving `cloud_compute` and `edge_compute` (T tokens × B
/// params in the month) `t` years after the reference month.
pub fn inference_energy(cloud_compute: f64, edge_compute: f64, t: f64) -> InferenceEnergy {
    let gain = (1.0 + EFFICIENCY_GROWTH_PER_YEAR).powf(t);
    // T tokens × B params → FLOP.
    let flop = |c: f64| c * 1.0e12 * 1.0e9 * FLOP_PER_PARAM_TOKEN;
    let twh_per_month = |c: f64, flop_per_j: f64| flop(c) / (flop_per_j * gain) / 3.6e15;
    let (cloud, edge) = (twh_per_month(cloud_compute, CLOUD_FLOP_PER_J), twh_per_month(edge_compute, EDGE_FLOP_PER_J));
    InferenceEnergy {
        cloud_twh_per_year: cloud * 12.0,
        edge_twh_per_year: edge * 12.0,
        // TWh in a month over the month's hours → TW → GW.
        cloud_gw: cloud / HOURS_PER_MONTH * 1.0e3,
        edge_gw: edge / HOURS_PER_MONTH * 1.0e3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn energy_is_compute_over_delivered_efficiency() {
        // 1 T tokens of a 1 B model: 2e21 FLOP; at 1.6e11 FLOP/J that is
        // 1.25e10 J = 3.47 MWh… per month, ×12 a year.
        let e = inference_energy(1.0, 0.0, 0.0);
        let twh = 2.0e21 / 1.6e11 / 3.6e15 * 12.0;
        assert!((e.cloud_twh_per_year - twh).abs() < 1e-15);
        assert_eq!(e.edge_twh_per_year, 0.0);
        let gw_from_twh = e.cloud_twh_per_year / (365.25 * 24.0) * 1.0e3;
        assert!((e.cloud_gw - gw_from_twh).abs() < 1e-12, "GW and TWh/yr agree");
    }

    #[test]
    fn a_year_of_hardware_progress_cuts_energy_by_a_third() {
        let (a, b) = (inference_energy(5.0, 5.0, 1.0), inference_energy(5.0, 5.0, 2.0));
        assert!((b.cloud_twh_per_year * 1.5 - a.cloud_twh_per_year).abs() < 1e-12);
        assert!(a.edge_twh_per_year < a.cloud_twh_per_year, "the same compute costs less at the edge");
    }
}
