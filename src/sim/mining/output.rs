//! The mining sector's output columns (a contract with the CSV, the plots and
//! the tests) and the monthly metrics written into them.
//!
//! Keys are stable: the ones issue 4 fixes (`hashrate_ehs`, `nakamoto_pool`,
//! `region_share.<region id>`, …) plus extras (`blocks_mined`,
//! `difficulty_hashrate_ehs`, `group_share.<group>`, `pool_share.top1`, …).
//! Shares are fractions 0–1, HHI is 0–1. Concentration metrics come from
//! [`crate::sim::metrics`], where a hobbyist cohort of n members counts as n
//! entities.

use crate::scenario::{RegionGroup, Scenario};
use crate::sim::results::ColumnSpec;

/// Number of top pools reported individually (`pool_share.top1` …).
pub const TOP_POOLS: usize = 3;
/// Number of top entities (firms) reported individually
/// (`entity_share.top1` …).
pub const TOP_ENTITIES: usize = 5;

/// Snake-case key of a region group for column names.
pub fn group_key(g: RegionGroup) -> &'static str {
    match g {
        RegionGroup::NorthAmerica => "north_america",
        RegionGroup::China => "china",
        RegionGroup::RussiaCentralAsia => "russia_central_asia",
        RegionGroup::Europe => "europe",
        RegionGroup::LatinAmerica => "latin_america",
        RegionGroup::Africa => "africa",
        RegionGroup::MiddleEast => "middle_east",
        RegionGroup::OtherAsia => "other_asia",
        RegionGroup::Other => "other",
    }
}

/// Positions of the columns in a row.
#[derive(Debug, Clone)]
pub struct Cols {
    /// Every column, in row order.
    pub specs: Vec<ColumnSpec>,
    /// First `region_share.*` column.
    pub region_start: usize,
    /// First `group_share.*` column.
    pub group_start: usize,
    /// First `pool_share.top*` column.
    pub pool_start: usize,
    /// First `entity_share.top*` column.
    pub entity_start: usize,
}

/// Fixed columns, in row order; the index constants below follow it.
const FIXED: &[(&str, &str, &str)] = &[
    ("btc_price_usd", "BTC price", "USD"),
    ("fees_btc_per_block", "Fees per block", "BTC"),
    ("subsidy_btc", "Block subsidy", "BTC"),
    ("blocks_mined", "Blocks mined", "blocks/month"),
    ("hashrate_ehs", "Network hash rate", "EH/s"),
    ("difficulty_hashrate_ehs", "Hash rate seen by the difficulty", "EH/s"),
    ("revenue_usd", "Miner revenue", "USD/month"),
    ("hashprice_usd_per_ph_day", "Hashprice", "USD per PH/s per day"),
    ("power_gw", "Power drawn", "GW"),
    ("energy_twh_per_year", "Energy (annualised)", "TWh/yr"),
    ("fleet_efficiency_j_per_th", "Fleet efficiency", "J/TH"),
    ("active_entities", "Active mining entities", "entities"),
    ("active_firms", "Active firms", "firms"),
    ("active_hobbyists", "Active hobbyists", "people"),
    ("hobbyist_hash_share", "Hobbyist share of hash rate", "fraction 0–1"),
    ("class_share.hobbyist", "Hash share: hobbyists", "fraction 0–1"),
    ("class_share.operator", "Hash share: operators", "fraction 0–1"),
    ("class_share.industrial", "Hash share: industrial firms", "fraction 0–1"),
    ("nakamoto_entity", "Nakamoto coefficient (entities)", "entities"),
    ("hhi_entity", "HHI (entities)", "0–1"),
    ("effective_entities", "Effective number of entities (1/HHI)", "entities"),
    ("gini_entity", "Gini of entity shares", "0–1"),
    ("entropy_bits_entity", "Entropy of entity shares", "bits"),
    ("nakamoto_pool", "Nakamoto coefficient (pools)", "pools"),
    ("hhi_pool", "HHI (pools)", "0–1"),
    ("effective_pools", "Effective number of pools (1/HHI)", "pools"),
    ("open_pools", "Open pools", "pools"),
    ("nakamoto_region", "Nakamoto coefficient (regions)", "regions"),
    ("hhi_region", "HHI (regions)", "0–1"),
    ("effective_regions", "Effective number of regions (1/HHI)", "regions"),
    ("hhi_region_group", "HHI (region groups)", "0–1"),
    ("effective_region_groups", "Effective number of region groups (1/HHI)", "groups"),
    ("cheapest_home_rig_usd", "Cheapest profitable home rig", "USD"),
    ("best_hardware_usd_per_th", "Price of the most efficient hardware", "USD per TH/s"),
    ("halvings", "Halvings so far", "halvings"),
    ("asic_orders_to_supply", "ASIC orders over what makers can deliver", "ratio"),
    ("asic_scarcity_factor", "ASIC price factor from scarcity", "×"),
];

/// Column indices of the fixed columns.
#[allow(missing_docs)]
pub mod col {
    pub const PRICE: usize = 0;
    pub const FEES: usize = 1;
    pub const SUBSIDY: usize = 2;
    pub const BLOCKS: usize = 3;
    pub const HASHRATE: usize = 4;
    pub const DIFFICULTY: usize = 5;
    pub const REVENUE: usize = 6;
    pub const HASHPRICE: usize = 7;
    pub const POWER: usize = 8;
    pub const ENERGY: usize = 9;
    pub const EFFICIENCY: usize = 10;
    pub const ACTIVE: usize = 11;
    pub const FIRMS: usize = 12;
    pub const HOBBYISTS: usize = 13;
    pub const HOBBYIST_SHARE: usize = 14;
    pub const CLASS_HOBBYIST: usize = 15;
    pub const CLASS_OPERATOR: usize = 16;
    pub const CLASS_INDUSTRIAL: usize = 17;
    pub const NAKAMOTO_ENTITY: usize = 18;
    pub const HHI_ENTITY: usize = 19;
    pub const EFFECTIVE_ENTITIES: usize = 20;
    pub const GINI_ENTITY: usize = 21;
    pub const ENTROPY_ENTITY: usize = 22;
    pub const NAKAMOTO_POOL: usize = 23;
    pub const HHI_POOL: usize = 24;
    pub const EFFECTIVE_POOLS: usize = 25;
    pub const OPEN_POOLS: usize = 26;
    pub const NAKAMOTO_REGION: usize = 27;
    pub const HHI_REGION: usize = 28;
    pub const EFFECTIVE_REGIONS: usize = 29;
    pub const HHI_GROUP: usize = 30;
    pub const EFFECTIVE_GROUPS: usize = 31;
    pub const CHEAPEST_RIG: usize = 32;
    pub const BEST_HARDWARE_PRICE: usize = 33;
    pub const HALVINGS: usize = 34;
    pub const ASIC_ORDERS: usize = 35;
    pub const ASIC_SCARCITY: usize = 36;
}

impl Cols {
    /// The columns of a scenario (one share column per region and group).
    pub fn new(s: &Scenario) -> Self {
        let mut specs: Vec<ColumnSpec> = FIXED.iter().map(|&(k, l, u)| ColumnSpec::new(k, l, u)).collect();
        let region_start = specs.len();
        for r in &s.regions {
            specs.push(ColumnSpec::new(
                format!("region_share.{}", r.id),
                format!("Hash share: {}", r.name),
                "fraction 0–1",
            ));
        }
        let group_start = specs.len();
        for g in RegionGroup::ALL {
            specs.push(ColumnSpec::new(
                format!("group_share.{}", group_key(g)),
                format!("Hash share: {}", g.label()),
                "fraction 0–1",
            ));
        }
        let pool_start = specs.len();
        for i in 1..=TOP_POOLS {
            specs.push(ColumnSpec::new(
                format!("pool_share.top{i}"),
                format!("Hash share of the #{i} pool"),
                "fraction 0–1",
            ));
        }
        let entity_start = specs.len();
        for i in 1..=TOP_ENTITIES {
            specs.push(ColumnSpec::new(
                format!("entity_share.top{i}"),
                format!("Hash share of the #{i} entity"),
                "fraction 0–1",
            ));
        }
        Self { specs, region_start, group_start, pool_start, entity_start }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_constants_match_the_fixed_table() {
        assert_eq!(FIXED[col::HASHRATE].0, "hashrate_ehs");
        assert_eq!(FIXED[col::NAKAMOTO_POOL].0, "nakamoto_pool");
        assert_eq!(FIXED[col::EFFECTIVE_REGIONS].0, "effective_regions");
        assert_eq!(FIXED[col::CHEAPEST_RIG].0, "cheapest_home_rig_usd");
        assert_eq!(FIXED[col::HALVINGS].0, "halvings");
        assert_eq!(FIXED[col::ASIC_ORDERS].0, "asic_orders_to_supply");
        assert_eq!(FIXED[col::ASIC_SCARCITY].0, "asic_scarcity_factor");
        assert_eq!(FIXED.len(), col::ASIC_SCARCITY + 1);
    }
}
