//! Where miners can place hardware: regions with their power prices,
//! capacity and risk, the groups they belong to, and how effective power
//! prices rise as a region's grid fills up (MODEL.md, "Regions"). Split
//! from `model.rs`, which re-exports it.

use serde::{Deserialize, Serialize};

/// How the effective power price rises as mining load approaches a region's
/// capacity: `price × (1 + premium_at_capacity × utilisation^exponent)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Grid {
    /// Price premium when the region's capacity is full.
    pub congestion_premium_at_capacity: f64,
    /// How sharply the premium rises with utilisation.
    pub congestion_exponent: f64,
}

impl Default for Grid {
    fn default() -> Self {
        Self { congestion_premium_at_capacity: 0.6, congestion_exponent: 3.0 }
    }
}

/// Group of regions used for geographic metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegionGroup {
    /// United States and Canada.
    NorthAmerica,
    /// Mainland China.
    China,
    /// Russia, Kazakhstan and neighbours.
    RussiaCentralAsia,
    /// Europe including the Nordics.
    Europe,
    /// Central and South America.
    LatinAmerica,
    /// Africa.
    Africa,
    /// The Gulf states and neighbours.
    MiddleEast,
    /// Asia outside China.
    OtherAsia,
    /// Anything else.
    Other,
}

impl RegionGroup {
    /// Every group.
    pub const ALL: [RegionGroup; 9] = [
        Self::NorthAmerica,
        Self::China,
        Self::RussiaCentralAsia,
        Self::Europe,
        Self::LatinAmerica,
        Self::Africa,
        Self::MiddleEast,
        Self::OtherAsia,
        Self::Other,
    ];

    /// Display name.
    pub fn label(self) -> &'static str {
        match self {
            Self::NorthAmerica => "North America",
            Self::China => "China",
            Self::RussiaCentralAsia => "Russia & Central Asia",
            Self::Europe => "Europe",
            Self::LatinAmerica => "Latin America",
            Self::Africa => "Africa",
            Self::MiddleEast => "Middle East",
            Self::OtherAsia => "Other Asia",
            Self::Other => "Other",
        }
    }
}

/// A region miners can place hardware in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Region {
    /// Identifier referenced by events (`us`, `china`, …).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Group for geographic metrics.
    pub group: RegionGroup,
    /// Industrial electricity price at the timeline start.
    pub industrial_price_usd_per_kwh: f64,
    /// Residential electricity price at the timeline start (paid by hobbyists).
    pub residential_price_usd_per_kwh: f64,
    /// Yearly change of both prices (0.02 = +2 % a year).
    pub price_trend_per_year: f64,
    /// Power available to mining at the timeline start.
    pub capacity_mw: f64,
    /// Yearly growth of that capacity.
    pub capacity_growth_mw_per_year: f64,
    /// Ceiling of the capacity.
    pub capacity_max_mw: f64,
    /// Regulatory and political risk miners price in, as a cost premium.
    pub risk: f64,
    /// Relative weight of the region in the hobbyist population.
    pub hobbyist_weight: f64,
    /// Relative weight of the region as the home of new mining firms.
    pub entrant_weight: f64,
}

impl Default for Region {
    fn default() -> Self {
        Self {
            id: "new_region".into(),
            name: "New region".into(),
            group: RegionGroup::Other,
            industrial_price_usd_per_kwh: 0.06,
            residential_price_usd_per_kwh: 0.15,
            price_trend_per_year: 0.0,
            capacity_mw: 100.0,
            capacity_growth_mw_per_year: 100.0,
            capacity_max_mw: 2000.0,
            risk: 0.1,
            hobbyist_weight: 1.0,
            entrant_weight: 1.0,
        }
    }
}
