//! Writing a month's mining metrics into its results row: prices, hash rate,
//! power and energy, class shares, and the concentration of entities, pools,
//! regions and region groups through [`crate::sim::metrics`].

use super::month::{Mined, MonthFigures};
use super::output::{TOP_ENTITIES, TOP_POOLS, col};
use super::{MiningSector, Scratch};
use crate::scenario::{FirmKind, RegionGroup};
use crate::sim::metrics::{Group, concentration};

impl MiningSector {
    /// Writes the month's metrics into `row`.
    pub(super) fn write_row(&self, sc: &mut Scratch, row: &mut [f64], figures: &MonthFigures, mined: &Mined) {
        self.write_economics(row, figures, mined);
        self.write_entities(sc, row, mined);
        self.write_pools(sc, row, mined);
        self.write_geography(sc, row, mined.network_ths);
    }

    /// Share of the network's running hash, 0 when nothing runs.
    fn share(network: f64, x: f64) -> f64 {
        if network > 0.0 { x / network } else { 0.0 }
    }

    fn write_economics(&self, row: &mut [f64], figures: &MonthFigures, mined: &Mined) {
        let (cat, h, mk, network) = (&self.catalogue, &self.hobbyists, &figures.market, mined.network_ths);
        row[col::PRICE] = mk.price_usd;
        row[col::FEES] = mk.fees_btc_per_block;
        row[col::SUBSIDY] = self.chain.subsidy_btc();
        row[col::BLOCKS] = mined.blocks.blocks;
        row[col::HASHRATE] = network / 1.0e6;
        row[col::DIFFICULTY] = self.chain.difficulty_ths / 1.0e6;
        row[col::REVENUE] = mined.revenue_usd;
        row[col::HASHPRICE] = figures.hashprice * 1000.0 / f64::from(figures.month.days());
        let hobby_mw: f64 = (0..h.len()).filter(|&i| h.running[i]).map(|i| h.cohort_mw(cat, i)).sum();
        let firm_mw: f64 = self.firms.iter().map(|f| f.running_mw).sum();
        let mw = hobby_mw + firm_mw;
        row[col::POWER] = mw / 1000.0;
        row[col::ENERGY] = mw / 1000.0 * 8.766;
        row[col::EFFICIENCY] = if network > 0.0 { mw * 1.0e6 / network } else { f64::NAN };
        let by_class = |k: FirmKind| self.firms.iter().filter(|f| f.class == k).map(|f| f.running_ths).sum::<f64>();
        row[col::HOBBYIST_SHARE] = Self::share(network, mined.hobby_ths);
        row[col::CLASS_HOBBYIST] = Self::share(network, mined.hobby_ths);
        row[col::CLASS_OPERATOR] = Self::share(network, by_class(FirmKind::Operator));
        row[col::CLASS_INDUSTRIAL] = Self::share(network, by_class(FirmKind::Industrial));
        let cheapest = h.cheapest_profitable_rig(figures.m, cat, &self.regions, figures.hashprice);
        row[col::CHEAPEST_RIG] = cheapest.unwrap_or(f64::NAN);
        row[col::HALVINGS] = f64::from(self.chain.halvings());
        row[col::BEST_HARDWARE_PRICE] = cat.most_efficient(figures.m).map_or(f64::NAN, |g| cat.gens[g].price_per_ths());
    }

    /// Entities: firms one by one, hobbyist cohorts as n members.
    fn write_entities(&self, sc: &mut Scratch, row: &mut [f64], mined: &Mined) {
        let (cat, h, network) = (&self.catalogue, &self.hobbyists, mined.network_ths);
        sc.groups.clear();
        sc.groups.extend(self.firms.iter().filter(|f| f.running_ths > 0.0).map(|f| Group::one(f.running_ths)));
        let firms_active = sc.groups.len() as f64;
        let mut people = 0.0;
        for i in (0..h.len()).filter(|&i| h.running[i]) {
            sc.groups.push(Group::cohort(h.cohort_ths(cat, i), h.members[i]));
            people += h.members[i];
        }
        let e = concentration(&sc.groups, &mut sc.sort);
        row[col::ACTIVE] = e.participants;
        row[col::FIRMS] = firms_active;
        row[col::HOBBYISTS] = people;
        sc.top.clear();
        sc.top.extend(self.firms.iter().map(|f| f.running_ths));
        keep_largest(&mut sc.top, TOP_ENTITIES);
        for i in 0..TOP_ENTITIES {
            row[self.cols.entity_start + i] = sc.top.get(i).map_or(0.0, |&x| Self::share(network, x));
        }
        row[col::NAKAMOTO_ENTITY] = e.nakamoto;
        row[col::HHI_ENTITY] = e.hhi;
        row[col::EFFECTIVE_ENTITIES] = e.effective;
        row[col::GINI_ENTITY] = e.gini;
        row[col::ENTROPY_ENTITY] = e.entropy_bits;
    }

    /// Pools: open pools, solo firms, and solo hobbyists before any pool.
    fn write_pools(&self, sc: &mut Scratch, row: &mut [f64], mined: &Mined) {
        let (cat, h, network) = (&self.catalogue, &self.hobbyists, mined.network_ths);
        sc.groups.clear();
        sc.top.clear();
        for p in self.pools.pools.iter().filter(|p| p.open && p.ths > 0.0) {
            sc.groups.push(Group::one(p.ths));
            sc.top.push(p.ths);
        }
        for f in self.firms.iter().filter(|f| f.is_solo() && f.running_ths > 0.0) {
            sc.groups.push(Group::one(f.running_ths));
            sc.top.push(f.running_ths);
        }
        if !mined.pools_open {
            for i in (0..h.len()).filter(|&i| h.running[i]) {
                sc.groups.push(Group::cohort(h.cohort_ths(cat, i), h.members[i]));
            }
        }
        let p = concentration(&sc.groups, &mut sc.sort);
        row[col::NAKAMOTO_POOL] = p.nakamoto;
        row[col::HHI_POOL] = p.hhi;
        row[col::EFFECTIVE_POOLS] = p.effective;
        row[col::OPEN_POOLS] = self.pools.pools.iter().filter(|p| p.open).count() as f64;
        keep_largest(&mut sc.top, TOP_POOLS);
        for i in 0..TOP_POOLS {
            row[self.cols.pool_start + i] = sc.top.get(i).map_or(0.0, |&x| Self::share(network, x));
        }
    }

    /// Regions and region groups. The firms' running hash by region was
    /// summed as they planned the month (`MiningSector::shut_down`); the
    /// hobbyists' is added here.
    fn write_geography(&self, sc: &mut Scratch, row: &mut [f64], network: f64) {
        let (cat, h) = (&self.catalogue, &self.hobbyists);
        for i in (0..h.len()).filter(|&i| h.running[i]) {
            sc.region_ths[h.region[i] as usize] += h.cohort_ths(cat, i);
        }
        sc.groups.clear();
        sc.groups.extend(sc.region_ths.iter().map(|&x| Group::one(x)));
        let r = concentration(&sc.groups, &mut sc.sort);
        row[col::NAKAMOTO_REGION] = r.nakamoto;
        row[col::HHI_REGION] = r.hhi;
        row[col::EFFECTIVE_REGIONS] = r.effective;
        for (i, &x) in sc.region_ths.iter().enumerate() {
            row[self.cols.region_start + i] = Self::share(network, x);
        }
        sc.group_ths.clear();
        sc.group_ths.resize(RegionGroup::ALL.len(), 0.0);
        for (i, &x) in sc.region_ths.iter().enumerate() {
            let g = RegionGroup::ALL.iter().position(|&g| g == self.regions.list[i].group).unwrap_or(0);
            sc.group_ths[g] += x;
        }
        sc.groups.clear();
        sc.groups.extend(sc.group_ths.iter().map(|&x| Group::one(x)));
        let g = concentration(&sc.groups, &mut sc.sort);
        row[col::HHI_GROUP] = g.hhi;
        row[col::EFFECTIVE_GROUPS] = g.effective;
        for (i, &x) in sc.group_ths.iter().enumerate() {
            row[self.cols.group_start + i] = Self::share(network, x);
        }
    }
}

/// Keeps the `k` largest values of `v`, largest first (a partial selection:
/// the month's top entities among thousands of firms need no full sort).
fn keep_largest(v: &mut Vec<f64>, k: usize) {
    if k == 0 {
        v.clear();
        return;
    }
    if v.len() > k {
        v.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
        v.truncate(k);
    }
    v.sort_by(|a, b| b.total_cmp(a));
}

#[cfg(test)]
mod tests {
    use super::keep_largest;

    #[test]
    fn keeps_the_largest_values_in_order() {
        let mut v = vec![3.0, 9.0, 1.0, 7.0, 9.0, 5.0];
        keep_largest(&mut v, 3);
        assert_eq!(v, [9.0, 9.0, 7.0]);
        let mut short = vec![2.0, 4.0];
        keep_largest(&mut short, 5);
        assert_eq!(short, [4.0, 2.0]);
    }
}
