//! Edge device classes: the installed base of AI-capable units, its vintages,
//! and what those units can run.
//!
//! Each class (phones, PCs, cars, `IoT`) holds **owners** that follow Bass
//! diffusion from the launch month: each month
//! `adopters = (p + q·N/M)·(M − N)/12` with `p`, `q` per year and `M` the
//! market size (`bass_*`, `market_size_m`). Every owner holds one unit. Units
//! retire at rate `1/lifetime` a month (a geometric life with the class's mean
//! lifetime, which avoids the artificial replacement echoes of a fixed life)
//! and are replaced at once, so unit sales = adopters + replacements and the
//! installed base equals the owners.
//!
//! Units are kept as **vintages** (one per month of sale) because a unit keeps
//! the memory and accelerator it was sold with: memory and TOPS of new units
//! grow from their launch values by `memory_growth_per_year` (≈ 0.19: doubling
//! every ≈ 4 years, the "memory wall" of `data/ai.md`) and
//! `tops_growth_per_year`. A unit can run a model of at most
//! `memory × model_memory_share × 8 / bits per weight` billion parameters.
//!
//! Units sold in the same month are not all alike: a flagship phone's NPU
//! has several times the TOPS of a budget one. Throughput is log-logistic
//! around the typical unit's with scale `tops_spread`, so the share of a
//! vintage above a workload's TOPS bar is `1 / (1 + (bar / typical)^(1/spread))`
//! and rises smoothly as the typical unit grows. This is what lets the share
//! of phones sold that can run a small assistant go from ≈ 4 % (2023) to
//! ≈ 19 % (2024) and ≈ 33 % (2025), as the shipments of `data/ai.md` say,
//! instead of jumping from none to all in one month. Memory is the typical
//! unit's for the whole vintage (a simplification: on-device models of
//! 2024–25 are held back by TOPS, not memory). A spread of 0 keeps the step.

use crate::scenario::{DeviceClass, Month};

/// Most workload TOPS bars a fleet keeps each vintage's passing share for.
const MAX_BARS: usize = 8;

/// Units of one class sold in one month, with the specification they keep.
#[derive(Debug, Clone, Copy)]
struct Vintage {
    units_m: f64,
    memory_gb: f64,
    tops: f64,
    /// ln(TOPS of the typical unit).
    ln_tops: f64,
    /// ln(the model memory of a unit in bits: memory × the class's model
    /// share × 8), so a month's largest-model logarithms are one subtraction
    /// of ln(bits per weight) each.
    ln_model_bits: f64,
    /// Largest model it can hold at this month's bits per weight (B params)
    /// and its logarithm, set by [`Fleet::prepare`] once a month for every
    /// workload to read.
    max_model_b: f64,
    ln_max_model: f64,
    /// Share of its units whose TOPS pass each of the fleet's `bars`, worked
    /// out once when it is sold (TOPS never change afterwards).
    pass: [f64; MAX_BARS],
}

/// The installed base of one device class.
#[derive(Debug, Clone)]
pub struct Fleet {
    class: DeviceClass,
    owners_m: f64,
    vintages: Vec<Vintage>,
    /// The workloads' TOPS bars whose passing share each vintage keeps.
    bars: Vec<f64>,
    /// Bits per weight of the last [`Fleet::prepare`] (NaN before the
    /// first): while they do not change, only vintages sold since need
    /// their largest model worked out.
    prepared_bits: f64,
    /// Units sold in the last simulated month (millions).
    pub sold_last_month_m: f64,
}

/// What a workload needs of a device in one month, worked out once for
/// every fleet.
#[derive(Debug, Clone, Copy)]
pub struct Need {
    /// Model size users expect (B params).
    pub params_b: f64,
    /// Its natural logarithm, read for every vintage that holds the need.
    pub ln_params: f64,
    /// Smallest model allowed to serve it (B params): the need less the
    /// largest quality gap.
    pub smallest_b: f64,
    /// Accelerator throughput a unit needs (TOPS).
    pub min_tops: f64,
}

impl Need {
    /// The need for `params_b` parameters and `min_tops`, with `gap_factor`
    /// = e^(−largest quality gap).
    pub fn new(params_b: f64, min_tops: f64, gap_factor: f64) -> Self {
        Self { params_b, ln_params: params_b.ln(), smallest_b: params_b * gap_factor, min_tops }
    }
}

/// What the installed units of a fleet can do for one workload.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Capability {
    /// Installed units able to serve the workload (millions).
    pub units_m: f64,
    /// Σ units × ln(size of the model they serve, B params): the model is the
    /// largest that fits, at most what users expect.
    pub units_log_model: f64,
}

impl Capability {
    /// Adds another fleet's capability.
    pub fn add(&mut self, other: Capability) {
        self.units_m += other.units_m;
        self.units_log_model += other.units_log_model;
    }
}

impl Fleet {
    /// An empty fleet of a class, before its launch, keeping no TOPS bars.
    #[cfg(test)]
    pub fn new(class: &DeviceClass) -> Self {
        Self::with_bars(class, &[])
    }

    /// A fleet that works out, for every vintage as it is sold, the share of
    /// its units passing each TOPS bar in `bars` (the workloads' `min_tops`;
    /// the first [`MAX_BARS`] distinct ones), so [`Fleet::capability`] reads
    /// it instead of recomputing it every month for every workload.
    pub fn with_bars(class: &DeviceClass, bars: &[f64]) -> Self {
        let mut kept: Vec<f64> = Vec::with_capacity(MAX_BARS);
        for &b in bars {
            if kept.len() < MAX_BARS && !kept.contains(&b) {
                kept.push(b);
            }
        }
        Self {
            class: class.clone(),
            owners_m: 0.0,
            vintages: Vec::new(),
            bars: kept,
            prepared_bits: f64::NAN,
            sold_last_month_m: 0.0,
        }
    }

    /// Share of a vintage with ln(typical TOPS) `ln_tops` whose units pass
    /// `min_tops` under the class's spread.
    fn passing_share(&self, ln_tops: f64, min_tops: f64) -> f64 {
        logistic((ln_tops - min_tops.ln()) / self.class.tops_spread)
    }

    /// Installed AI-capable units (millions).
    pub fn installed_m(&self) -> f64 {
        self.owners_m
    }

    /// Memory (GB) and TOPS of a unit sold in `month`.
    fn spec_at(&self, month: Month) -> (f64, f64) {
        let years = f64::from(month.months_since(self.class.launch).max(0)) / 12.0;
        let memory = self.class.memory_gb_at_launch * (self.class.memory_growth_per_year.ln_1p() * years).exp();
        let tops = self.class.tops_at_launch * (self.class.tops_growth_per_year.ln_1p() * years).exp();
        (memory, tops)
    }

    /// Part of a unit's price attributed to AI when sold in `month` (USD).
    pub fn ai_cost_usd_at(&self, month: Month) -> f64 {
        let years = f64::from(month.months_since(self.class.launch).max(0)) / 12.0;
        self.class.ai_cost_usd * (self.class.ai_cost_growth_per_year.ln_1p() * years).exp()
    }

    /// Advances one month: Bass adoption, retirement, replacement.
    pub fn step(&mut self, month: Month) {
        self.sold_last_month_m = 0.0;
        if month < self.class.launch {
            return;
        }
        let market = self.class.market_size_m;
        let remaining = (market - self.owners_m).max(0.0);
        let pull = if market > 0.0 { self.class.bass_q_per_year * self.owners_m / market } else { 0.0 };
        let adopters = ((self.class.bass_p_per_year + pull) / 12.0 * remaining).min(remaining);
        let retire_share = (1.0 / (self.class.lifetime_years * 12.0)).min(1.0);
        self.owners_m += adopters;
        // Vintages that have all but retired only cost time.
        let floor = 1.0e-9 * (1.0 + self.owners_m);
        let mut retired = 0.0;
        let mut all_kept = true;
        for v in &mut self.vintages {
            let r = v.units_m * retire_share;
            v.units_m -= r;
            retired += r;
            all_kept &= v.units_m > floor;
        }
        if !all_kept {
            self.vintages.retain(|v| v.units_m > floor);
        }
        let sold = adopters + retired;
        let (memory_gb, tops) = self.spec_at(month);
        // A month's sales too small to keep are not kept either.
        if sold > floor {
            let ln_tops = tops.ln();
            let mut pass = [f64::NAN; MAX_BARS];
            if self.class.tops_spread > 0.0 {
                for (p, &bar) in pass.iter_mut().zip(&self.bars).filter(|(_, b)| **b > 0.0) {
                    *p = self.passing_share(ln_tops, bar);
                }
            }
            self.vintages.push(Vintage {
                units_m: sold,
                memory_gb,
                tops,
                ln_tops,
                ln_model_bits: (memory_gb * self.class.model_memory_share * 8.0).ln(),
                max_model_b: f64::NAN,
                ln_max_model: f64::NAN,
                pass,
            });
        }
        self.sold_last_month_m = sold;
    }

    /// Works out, once a month, the largest model each vintage can hold at
    /// `bits` per weight; [`Fleet::capability_for`] and
    /// [`Fleet::units_times_max_model`] read it for every workload. While
    /// `bits` stays the same (at its floor or ceiling) the figures of units
    /// already installed stand, and only vintages sold since (the newest, at
    /// the end, not yet worked out) are.
    pub fn prepare(&mut self, bits: f64) {
        let (share, ln_bits) = (self.class.model_memory_share, bits.ln());
        let set = |v: &mut Vintage| {
            v.max_model_b = v.memory_gb * share * 8.0 / bits;
            v.ln_max_model = v.ln_model_bits - ln_bits;
        };
        if bits.to_bits() == self.prepared_bits.to_bits() {
            self.vintages.iter_mut().rev().take_while(|v| v.max_model_b.is_nan()).for_each(set);
        } else {
            self.vintages.iter_mut().for_each(set);
            self.prepared_bits = bits;
        }
    }

    /// Σ units × largest model they can run (for the fleet average), after
    /// [`Fleet::prepare`].
    pub fn units_times_max_model(&self) -> f64 {
        self.vintages.iter().map(|v| v.units_m * v.max_model_b).sum()
    }

    /// The units able to serve a workload that needs `needed_b` parameters
    /// and `min_tops`, with a quality gap of at most `max_gap` (see
    /// [`Fleet::capability_for`]).
    #[cfg(test)]
    pub fn capability(&self, needed_b: f64, min_tops: f64, max_gap: f64) -> Capability {
        self.capability_for(&Need::new(needed_b, min_tops, (-max_gap).exp()))
    }

    /// The units able to serve a workload's `need`: those with enough TOPS
    /// whose largest model is at least the need's smallest (MODEL.md: "a
    /// workload can run on a device class when the model it needs fits its
    /// memory and meets its latency"; the gap allowance lets a smaller model
    /// serve it, at the quality penalty of the placement logit). When the
    /// class has a TOPS spread, each vintage counts with the share of its
    /// units whose TOPS pass `min_tops`. Reads what [`Fleet::prepare`] set
    /// for the month.
    ///
    /// Memory and TOPS of new units never fall (growth rates are ≥ 0), so
    /// the vintages that qualify are those from some month on, and of them
    /// the ones whose largest model falls short of the need (serving their
    /// own) come first: each part is summed in vintage order, without a test
    /// per vintage.
    pub fn capability_for(&self, need: &Need) -> Capability {
        let mut c = Capability::default();
        if self.class.tops_spread > 0.0 && need.min_tops > 0.0 {
            let first = self.vintages.partition_point(|v| v.max_model_b < need.smallest_b);
            let (short, full) = self.split_at_need(first, need);
            if let Some(k) = self.bars.iter().position(|&b| b == need.min_tops) {
                c.add_vintages(short, |v| v.units_m * v.pass[k], |v| v.ln_max_model);
                c.add_vintages(full, |v| v.units_m * v.pass[k], |_| need.ln_params);
            } else {
                let units = |v: &Vintage| v.units_m * self.passing_share(v.ln_tops, need.min_tops);
                c.add_vintages(short, units, |v| v.ln_max_model);
                c.add_vintages(full, units, |_| need.ln_params);
            }
            return c;
        }
        let first = self.vintages.partition_point(|v| v.tops < need.min_tops || v.max_model_b < need.smallest_b);
        let (short, full) = self.split_at_need(first, need);
        c.add_vintages(short, |v| v.units_m, |v| v.ln_max_model);
        c.add_vintages(full, |v| v.units_m, |_| need.ln_params);
        c
    }

    /// The vintages from `first` on, split where their largest model reaches
    /// the need.
    fn split_at_need(&self, first: usize, need: &Need) -> (&[Vintage], &[Vintage]) {
        let qualifying = &self.vintages[first..];
        qualifying.split_at(qualifying.partition_point(|v| v.max_model_b < need.params_b))
    }
}

impl Capability {
    /// Adds `vintages` in order, each with `units(v)` units serving a model
    /// of ln size `ln_model(v)`.
    fn add_vintages(
        &mut self,
        vintages: &[Vintage],
        units: impl Fn(&Vintage) -> f64,
        ln_model: impl Fn(&Vintage) -> f64,
    ) {
        for v in vintages {
            let u = units(v);
            self.units_m += u;
            self.units_log_model += u * ln_model(v);
        }
    }
}

/// The logistic function 1 / (1 + e^(−x)), without overflow for large |x|.
fn logistic(x: f64) -> f64 {
    if x >= 0.0 { 1.0 / (1.0 + (-x).exp()) } else { x.exp() / (1.0 + x.exp()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class() -> DeviceClass {
        DeviceClass {
            launch: Month::ym(2020, 1),
            bass_p_per_year: 0.03,
            bass_q_per_year: 0.4,
            market_size_m: 100.0,
            memory_gb_at_launch: 8.0,
            memory_growth_per_year: 0.19,
            tops_at_launch: 10.0,
            tops_growth_per_year: 0.4,
            model_memory_share: 0.25,
            lifetime_years: 4.0,
            ..DeviceClass::default()
        }
    }

    fn run_to(fleet: &mut Fleet, from: Month, to: Month) {
        for m in from.through(to) {
            fleet.step(m);
        }
    }

    #[test]
    fn nothing_before_launch_then_bass_s_curve_to_market_size() {
        let mut f = Fleet::new(&class());
        run_to(&mut f, Month::ym(2015, 1), Month::ym(2019, 12));
        assert_eq!(f.installed_m(), 0.0);
        f.step(Month::ym(2020, 1));
        // First month: p/12 of the market.
        assert!((f.installed_m() - 0.03 / 12.0 * 100.0).abs() < 1e-12);
        run_to(&mut f, Month::ym(2020, 2), Month::ym(2060, 12));
        assert!((f.installed_m() - 100.0).abs() < 0.5, "{}", f.installed_m());
    }

    #[test]
    fn saturated_sales_are_replacements_at_one_over_lifetime() {
        let mut f = Fleet::new(&class());
        run_to(&mut f, Month::ym(2020, 1), Month::ym(2080, 1));
        // 100 M units, 4-year life: 25 M a year, ≈ 2.08 M a month.
        assert!((f.sold_last_month_m * 12.0 - 25.0).abs() < 0.2, "{}", f.sold_last_month_m);
    }

    #[test]
    fn old_units_keep_old_memory() {
        let mut f = Fleet::new(&class());
        run_to(&mut f, Month::ym(2020, 1), Month::ym(2030, 1));
        let bits = 4.0;
        f.prepare(bits);
        let avg = f.units_times_max_model() / f.installed_m();
        // New units in 2030 hold 8·1.19^10 GB; the installed average is less,
        // and more than at launch.
        let newest = 8.0 * 1.19f64.powf(10.0) * 0.25 * 8.0 / bits;
        let first = 8.0 * 0.25 * 8.0 / bits;
        assert!(avg < newest && avg > first, "{avg} vs {first}..{newest}");
    }

    #[test]
    fn capability_needs_both_tops_and_memory() {
        let mut f = Fleet::new(&class());
        run_to(&mut f, Month::ym(2020, 1), Month::ym(2025, 1));
        let all = f.installed_m();
        // 8 GB · 0.25 · 8 / 4 bits = 4 B params at launch.
        f.prepare(4.0);
        let easy = f.capability(1.0, 1.0, 0.0);
        assert!((easy.units_m - all).abs() < 1e-9);
        assert!((easy.units_log_model / easy.units_m - 1f64.ln()).abs() < 1e-12);
        assert_eq!(f.capability(1.0, 1.0e6, 0.0).units_m, 0.0);
        assert_eq!(f.capability(1000.0, 1.0, 0.0).units_m, 0.0);
        // With a gap allowance of ln 1000 they serve it with their own model.
        let gap = f.capability(1000.0, 1.0, 1000f64.ln());
        assert!((gap.units_m - all).abs() < 1e-9);
        assert!(gap.units_log_model / gap.units_m < 1000f64.ln());
    }

    #[test]
    fn a_tops_spread_counts_the_share_of_each_vintage_above_the_bar() {
        let spread = DeviceClass { tops_spread: 0.5, ..class() };
        let mut f = Fleet::new(&spread);
        f.step(Month::ym(2020, 1));
        f.prepare(4.0);
        let all = f.installed_m();
        // Launch units have the typical 10 TOPS: half pass a bar of 10, and
        // 1 / (1 + 2^(1/0.5)) = 1/5 pass a bar of 20.
        assert!((f.capability(1.0, 10.0, 0.0).units_m - all / 2.0).abs() < 1e-12);
        assert!((f.capability(1.0, 20.0, 0.0).units_m - all / 5.0).abs() < 1e-12);
        // Memory still binds for the whole vintage; no bar counts every unit.
        assert_eq!(f.capability(1000.0, 1.0, 0.0).units_m, 0.0);
        assert!((f.capability(1.0, 0.0, 0.0).units_m - all).abs() < 1e-12);
        // As the typical unit grows past the bar, the share of new units
        // above it rises toward 1.
        let mut g = Fleet::new(&spread);
        run_to(&mut g, Month::ym(2020, 1), Month::ym(2030, 1));
        g.prepare(4.0);
        let share = g.capability(1.0, 20.0, 0.0).units_m / g.installed_m();
        let step = Fleet { class: class(), ..g.clone() }.capability(1.0, 20.0, 0.0).units_m / g.installed_m();
        assert!(share > 0.2 && share < 1.0, "{share}");
        assert!((share - step).abs() < 0.2, "spread {share} vs step {step}");
    }
}
