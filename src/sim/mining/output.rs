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

/// Declares the fixed columns once, in row order: for each, its index
/// constant in [`col`] (what the sector writes through), its stable key,
/// label and unit.
macro_rules! fixed_columns {
    ($($name:ident => ($key:literal, $label:literal, $unit:literal)),* $(,)?) => {
        /// The fixed columns in row order (their discriminants are the
        /// indices).
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy)]
        enum Fixed { $($name),* }

        /// Column indices of the fixed columns.
        #[allow(missing_docs)]
        pub mod col {
            $(pub const $name: usize = super::Fixed::$name as usize;)*
        }

        /// Key, label and unit of every fixed column, in row order.
        const FIXED: &[(&str, &str, &str)] = &[$(($key, $label, $unit)),*];
    };
}

fixed_columns! {
    PRICE => ("btc_price_usd", "BTC price", "USD"),
    FEES => ("fees_btc_per_block", "Fees per block", "BTC"),
    SUBSIDY => ("subsidy_btc", "Block subsidy", "BTC"),
    BLOCKS => ("blocks_mined", "Blocks mined", "blocks/month"),
    HASHRATE => ("hashrate_ehs", "Network hash rate", "EH/s"),
    DIFFICULTY => ("difficulty_hashrate_ehs", "Hash rate seen by the difficulty", "EH/s"),
    REVENUE => ("revenue_usd", "Miner revenue", "USD/month"),
    HASHPRICE => ("hashprice_usd_per_ph_day", "Hashprice", "USD per PH/s per day"),
    POWER => ("power_gw", "Power drawn", "GW"),
    ENERGY => ("energy_twh_per_year", "Energy (annualised)", "TWh/yr"),
    EFFICIENCY => ("fleet_efficiency_j_per_th", "Fleet efficiency", "J/TH"),
    ACTIVE => ("active_entities", "Active mining entities", "entities"),
    FIRMS => ("active_firms", "Active firms", "firms"),
    HOBBYISTS => ("active_hobbyists", "Active hobbyists", "people"),
    HOBBYIST_SHARE => ("hobbyist_hash_share", "Hobbyist share of hash rate", "fraction 0–1"),
    CLASS_HOBBYIST => ("class_share.hobbyist", "Hash share: hobbyists", "fraction 0–1"),
    CLASS_OPERATOR => ("class_share.operator", "Hash share: operators", "fraction 0–1"),
    CLASS_INDUSTRIAL => ("class_share.industrial", "Hash share: industrial firms", "fraction 0–1"),
    NAKAMOTO_ENTITY => ("nakamoto_entity", "Nakamoto coefficient (entities)", "entities"),
    HHI_ENTITY => ("hhi_entity", "HHI (entities)", "0–1"),
    EFFECTIVE_ENTITIES => ("effective_entities", "Effective number of entities (1/HHI)", "entities"),
    GINI_ENTITY => ("gini_entity", "Gini of entity shares", "0–1"),
    ENTROPY_ENTITY => ("entropy_bits_entity", "Entropy of entity shares", "bits"),
    NAKAMOTO_POOL => ("nakamoto_pool", "Nakamoto coefficient (pools)", "pools"),
    HHI_POOL => ("hhi_pool", "HHI (pools)", "0–1"),
    EFFECTIVE_POOLS => ("effective_pools", "Effective number of pools (1/HHI)", "pools"),
    OPEN_POOLS => ("open_pools", "Open pools", "pools"),
    NAKAMOTO_REGION => ("nakamoto_region", "Nakamoto coefficient (regions)", "regions"),
    HHI_REGION => ("hhi_region", "HHI (regions)", "0–1"),
    EFFECTIVE_REGIONS => ("effective_regions", "Effective number of regions (1/HHI)", "regions"),
    HHI_GROUP => ("hhi_region_group", "HHI (region groups)", "0–1"),
    EFFECTIVE_GROUPS => ("effective_region_groups", "Effective number of region groups (1/HHI)", "groups"),
    CHEAPEST_RIG => ("cheapest_home_rig_usd", "Cheapest profitable home rig", "USD"),
    BEST_HARDWARE_PRICE => ("best_hardware_usd_per_th", "Price of the most efficient hardware", "USD per TH/s"),
    HALVINGS => ("halvings", "Halvings so far", "halvings"),
    ASIC_ORDERS => ("asic_orders_to_supply", "ASIC orders over what makers can deliver", "ratio"),
    ASIC_SCARCITY => ("asic_scarcity_factor", "ASIC price factor from scarcity", "×"),
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
