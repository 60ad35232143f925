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
    /// Units sold in the last simulated month (millions).
    pub sold_last_month_m: f64,
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
        Self { class: class.clone(), owners_m: 0.0, vintages: Vec::new(), bars: kept, sold_last_month_m: 0.0 }
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
        let mut retired = 0.0;
        for v in &mut self.vintages {
            let r = v.units_m * retire_share;
            v.units_m -= r;
            retired += r;
        }
        self.owners_m += adopters;
        let sold = adopters + retired;
        let (memory_gb, tops) = self.spec_at(month);
        if sold > 0.0 {
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
                max_model_b: f64::NAN,
                ln_max_model: f64::NAN,
                pass,
            });
        }
        self.sold_last_month_m = sold;
        // Vintages that have all but retired only cost time.
        self.vintages.retain(|v| v.units_m > 1.0e-9 * (1.0 + self.owners_m));
    }

    /// Works out, once a month, the largest model each vintage can hold at
    /// `bits` per weight; [`Fleet::capability`] and
    /// [`Fleet::units_times_max_model`] read it for every workload.
    pub fn prepare(&mut self, bits: f64) {
        let (share, vintages) = (self.class.model_memory_share, &mut self.vintages);
        for v in vintages {
            v.max_model_b = v.memory_gb * share * 8.0 / bits;
            v.ln_max_model = v.max_model_b.ln();
        }
    }

    /// Σ units × largest model they can run (for the fleet average), after
    /// [`Fleet::prepare`].
    pub fn units_times_max_model(&self) -> f64 {
        self.vintages.iter().map(|v| v.units_m * v.max_model_b).sum()
    }

    /// The units able to serve a workload that needs `needed_b` parameters
    /// and `min_tops`: those with enough TOPS whose largest model is within
    /// `max_gap` log-units of the need (MODEL.md: "a workload can run on a
    /// device class when the model it needs fits its memory and meets its
    /// latency"; the gap allowance lets a smaller model serve it, at the
    /// quality penalty of the placement logit). When the class has a TOPS
    /// spread, each vintage counts with the share of its units whose TOPS
    /// pass `min_tops`. Reads what
    /// [`Fleet::prepare`] set for the month.
    pub fn capability(&self, needed_b: f64, min_tops: f64, max_gap: f64) -> Capability {
        let smallest = needed_b * (-max_gap).exp();
        let spread = self.class.tops_spread;
        let ln_needed = needed_b.ln();
        let mut c = Capability::default();
        if spread > 0.0 && min_tops > 0.0 {
            // Memory of new units never falls, so the vintages with enough
            // memory are those from some month on; of each, the share whose
            // TOPS pass the bar.
            let first = self.vintages.partition_point(|v| v.max_model_b < smallest);
            let kept = self.bars.iter().position(|&b| b == min_tops);
            for v in &self.vintages[first..] {
                let share = kept.map_or_else(|| self.passing_share(v.ln_tops, min_tops), |k| v.pass[k]);
                let units = v.units_m * share;
                let ln_model = if v.max_model_b < needed_b { v.ln_max_model } else { ln_needed };
                c.units_m += units;
                c.units_log_model += units * ln_model;
            }
            return c;
        }
        // Memory and TOPS of new units never fall (growth rates are ≥ 0), so
        // the units that qualify are the vintages from some month on.
        let first = self.vintages.partition_point(|v| v.tops < min_tops || v.max_model_b < smallest);
        for v in &self.vintages[first..] {
            let ln_model = if v.max_model_b < needed_b { v.ln_max_model } else { ln_needed };
            c.units_m += v.units_m;
            c.units_log_model += v.units_m * ln_model;
        }
        c
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
