//! The monthly choice between edge and cloud for each workload.
//!
//! Share served at the edge = **reach** × **logit share** (MODEL.md,
//! "Placement"):
//! - reach = installed units able to serve the workload / all installed
//!   AI-capable units (see [`super::devices`]): the share of users who could
//!   run it locally at all;
//! - logit share = 1 / (1 + e^(−V)) with the edge's advantage in log-odds
//!
//!   `V = w_c·ln(cloud cost / edge cost) + w_p·privacy + w_l·latency
//!        − w_q·quality gap − inertia`
//!
//!   where the costs are per parameter served (the same work on either side;
//!   the size difference enters through the quality gap), the cloud's
//!   including the scarcity multiplier; privacy and latency are the
//!   workload's weights scaled by the scenario's; the quality gap is
//!   ln(what users expect / the model capable devices serve), averaged in
//!   logs over those devices (0 when they run the full model); and inertia is
//!   the habit and integration that keeps work in the cloud.
//!
//! A logit is the standard discrete-choice form: each term shifts the odds by
//! a constant factor, so weights read as "one log-unit of price difference
//! is worth `w_c` log-odds". The weights are calibrated, not measured
//! (see the baseline preset's notes).

use crate::scenario::{Placement, Workload};

/// The terms of one workload's choice in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// ln(cloud cost per parameter-token / edge cost per parameter-token),
    /// scarcity included.
    pub log_cost_ratio: f64,
    /// ln(need / model served at the edge), ≥ 0.
    pub quality_gap: f64,
    /// Share of installed units able to serve the workload (0–1).
    pub reach: f64,
}

/// The edge's advantage in log-odds.
pub fn edge_log_odds(placement: &Placement, workload: &Workload, choice: &Choice) -> f64 {
    placement.cost_weight * choice.log_cost_ratio
        + placement.privacy_weight * workload.privacy_weight
        + placement.latency_weight * workload.latency_weight
        - placement.quality_gap_weight * choice.quality_gap
        - placement.cloud_inertia
}

/// Share of the workload served at the edge (0–1).
pub fn edge_share(placement: &Placement, workload: &Workload, choice: &Choice) -> f64 {
    let v = edge_log_odds(placement, workload, choice);
    choice.reach.clamp(0.0, 1.0) * logistic(v)
}

fn logistic(v: f64) -> f64 {
    if v >= 0.0 { 1.0 / (1.0 + (-v).exp()) } else { v.exp() / (1.0 + v.exp()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neutral() -> (Placement, Workload) {
        let p = Placement {
            cost_weight: 1.0,
            privacy_weight: 1.0,
            latency_weight: 1.0,
            quality_gap_weight: 1.0,
            cloud_inertia: 0.0,
            ..Placement::default()
        };
        let w = Workload { privacy_weight: 0.0, latency_weight: 0.0, ..Workload::default() };
        (p, w)
    }

    #[test]
    fn even_odds_give_half_of_the_reach() {
        let (p, w) = neutral();
        let c = Choice { log_cost_ratio: 0.0, quality_gap: 0.0, reach: 0.6 };
        assert!((edge_share(&p, &w, &c) - 0.3).abs() < 1e-12);
    }

    #[test]
    fn no_reach_means_no_edge() {
        let (p, w) = neutral();
        let c = Choice { log_cost_ratio: 50.0, quality_gap: 0.0, reach: 0.0 };
        assert_eq!(edge_share(&p, &w, &c), 0.0);
    }

    #[test]
    fn each_term_moves_the_share_the_right_way() {
        let (p, w) = neutral();
        let base = Choice { log_cost_ratio: 0.0, quality_gap: 0.0, reach: 1.0 };
        let s0 = edge_share(&p, &w, &base);
        assert!(edge_share(&p, &w, &Choice { log_cost_ratio: 1.0, ..base }) > s0);
        assert!(edge_share(&p, &w, &Choice { quality_gap: 1.0, ..base }) < s0);
        let private = Workload { privacy_weight: 1.0, ..w.clone() };
        assert!(edge_share(&p, &private, &base) > s0);
        let fast = Workload { latency_weight: 1.0, ..w.clone() };
        assert!(edge_share(&p, &fast, &base) > s0);
        let sticky = Placement { cloud_inertia: 2.0, ..p };
        assert!(edge_share(&sticky, &w, &base) < s0);
        // One log-odd of advantage: e/(1+e).
        let one = edge_share(&p, &w, &Choice { log_cost_ratio: 1.0, ..base });
        assert!((one - 1f64.exp() / (1.0 + 1f64.exp())).abs() < 1e-12);
    }

    #[test]
    fn extreme_odds_do_not_overflow() {
        let (p, w) = neutral();
        assert_eq!(edge_share(&p, &w, &Choice { log_cost_ratio: -1.0e6, quality_gap: 0.0, reach: 1.0 }), 0.0);
        assert_eq!(edge_share(&p, &w, &Choice { log_cost_ratio: 1.0e6, quality_gap: 0.0, reach: 1.0 }), 1.0);
    }
}
