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

use crate::scenario::{DeviceClass, Month};

/// Units of one class sold in one month, with the specification they keep.
#[derive(Debug, Clone, Copy)]
struct Vintage {
    units_m: f64,
    memory_gb: f64,
    tops: f64,
    /// Largest model it can hold at this month's bits per weight (B params)
    /// and its logarithm, set by [`Fleet::prepare`] once a month for every
    /// workload to read.
    max_model_b: f64,
    ln_max_model: f64,
}

/// The installed base of one device class.
#[derive(Debug, Clone)]
pub struct Fleet {
    class: DeviceClass,
    owners_m: f64,
    vintages: Vec<Vintage>,
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
    /// An empty fleet of a class, before its launch.
    pub fn new(class: &DeviceClass) -> Self {
        Self { class: class.clone(), owners_m: 0.0, vintages: Vec::new(), sold_last_month_m: 0.0 }
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
            self.vintages.push(Vintage {
                units_m: sold,
                memory_gb,
                tops,
                max_model_b: f64::NAN,
                ln_max_model: f64::NAN,
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
    /// quality penalty of the placement logit). Reads what
    /// [`Fleet::prepare`] set for the month.
    pub fn capability(&self, needed_b: f64, min_tops: f64, max_gap: f64) -> Capability {
        let smallest = needed_b * (-max_gap).exp();
        // Memory and TOPS of new units never fall (growth rates are ≥ 0), so
        // the units that qualify are the vintages from some month on.
        let first = self.vintages.partition_point(|v| v.tops < min_tops || v.max_model_b < smallest);
        let ln_needed = needed_b.ln();
        let mut c = Capability::default();
        for v in &self.vintages[first..] {
            let ln_model = if v.max_model_b < needed_b { v.ln_max_model } else { ln_needed };
            c.units_m += v.units_m;
            c.units_log_model += v.units_m * ln_model;
        }
        c
    }
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
}
