//! Operators and industrial firms: individual agents with a fleet of hardware
//! cohorts, following the six monthly steps of MODEL.md.
//!
//! A firm holds cash (negative = debt), a home region, a pool, and a fleet of
//! cohorts (generation × TH/s × region × month bought). Each month:
//! 1. **Shutdown rule** ([`Firm::plan`]): a machine runs when the hashprice at
//!    the current difficulty covers its cash operating cost; a cohort's
//!    machines spread around its mean cost ([`COHORT_COST_SPREAD`]), so the
//!    share of it that runs moves smoothly with hashprice (mean cost: power at the
//!    region's industrial price × its site factor × the firm's power-scale factor,
//!    plus `overhead_usd_per_kw_month` × overhead-scale factor per kW);
//!    otherwise it idles. Moved hardware earns nothing during its downtime.
//! 2. **Revenue** ([`Firm::settle`]): the sector pays each firm in proportion
//!    to its running hash (times its pool's or its own block luck, less the
//!    pool fee); the firm pays power, overhead and interest on debt.
//! 3. **Investment** ([`Firm::invest`]): the firm values every generation on
//!    sale with the outlook of [`super::econ`] at its class hurdle rate and
//!    buys the one with the best value per dollar when that ratio exceeds 1,
//!    spending `max_spend_share_per_month × (cash + credit) × min(1, ratio −
//!    1)` (full speed once a machine is worth twice its price), and at most
//!    the new power it can build out in a month ([`BuildOut`]). A strategic
//!    firm values revenue at the Tullock marginal revenue
//!    `R·(H − h)/H² = hashprice × (1 − share)`, so it stops growing where its
//!    own growth would eat its margin.
//! 4. **Scale** ([`super::econ::Scale`]): every price above uses the firm's
//!    factors for its installed MW.
//! 5. **Placement and relocation** ([`Firm::relocate`]): new hardware goes to
//!    the open region with headroom and the lowest risk-adjusted power price
//!    `price × (1 + risk + abroad)`, `abroad` being
//!    `relocation.abroad_premium` outside the firm's home region; a cohort moves when the saving over
//!    `relocation.horizon_months` beats `moving_cost_usd_per_th` plus the
//!    margin lost in `downtime_months` and in the wait for a site where
//!    moved machines queue ([`Regions::install_wait_months`]). In the month a ban starts, the banned
//!    share of each cohort must move (if the move pays within the horizon) or
//!    is switched off where it stands: down until the ban ends, then running
//!    again if it pays, or scrapped once idle too long (step 6).
//! 6. **Retirement and exit** ([`Firm::age_out`], [`Firm::exhausted`]):
//!    hardware is scrapped after `miners.scrap_after_idle_months` idle
//!    months (it runs past its lifetime while it pays, up to
//!    [`WEAR_OUT_LIFETIMES`] lifetimes); a firm exits when its
//!    equity (cash + book value) is gone with nothing profitable to run,
//!    when it has no hardware left and no money to buy with, or when it has
//!    held only cash for [`MAX_MONTHS_EMPTY`] months (its owners take the
//!    money back rather than wait for machines to pay).
//!
//! **Fixed-cost firms** (theory checks, `fixed_relative_cost > 0`) have no
//! fleet: their hash rate `h` costs a constant `c` per TH/s-month and moves
//! each month by `h ← h·exp(λ·clamp(MR/c − 1, −1, 1))` toward the point where
//! marginal revenue equals `c` (`λ` = `miners.fixed_cost_adjustment`). With
//! strategic firms `MR = hashprice × (1 − share)`, whose rest point is the
//! Tullock/Arnosti–Weinberg equilibrium of MODEL.md.

mod invest;
mod relocate;

use super::clearing::SupplyCurve;
use super::econ::{Scale, Valuation};
use super::hardware::{Catalogue, Generation};
use super::regions::Regions;
use crate::scenario::{FirmKind, Relocation, ScaleEconomies};

/// Size (MW) a firm's own power deal covers; power beyond it costs the
/// regional price. A flare-gas site or a hydro contract is at most a few hundred MW
/// (estimate), so a lucky deal cannot by itself grow a firm without bound.
pub const POWER_DEAL_MW: f64 = 300.0;

/// Purchases of the same generation and region less than this many months
/// apart share a cohort.
pub const MERGE_MONTHS: i32 = 6;

/// Smallest purchase worth making, USD.
pub const MIN_PURCHASE_USD: f64 = 100.0;

/// Age, in lifetimes, at which a firm's hardware is worn out even while it
/// still pays: S9-class machines of 2016 were still running in 2024, about
/// 1.6 of their five-year lifetime (estimate).
pub const WEAR_OUT_LIFETIMES: i32 = 2;

/// Months a firm may hold only cash, with no hardware, before it gives up
/// and returns the money to its owners: a mining venture raised to build a
/// fleet does not wait years for machines to pay (estimate).
pub const MAX_MONTHS_EMPTY: u16 = 6;

/// A block of identical hardware owned by one firm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cohort {
    /// Generation index in the catalogue.
    pub hw: u16,
    /// Region index.
    pub region: u16,
    /// Hash rate, TH/s.
    pub ths: f64,
    /// Month index bought.
    pub bought: i32,
    /// Price paid per TH/s, USD (for book value).
    pub cost_per_ths: f64,
    /// Congestion factor of its site, fixed when placed
    /// ([`Regions::site_factor`]).
    pub site: f64,
    /// Consecutive idle months.
    pub idle: u16,
    /// Month index until which it is being moved (earns nothing).
    pub down_until: i32,
    /// Share of it running this month (0–1, see [`running_share`]).
    pub run_share: f64,
    /// Mean operating cost this month, USD per TH/s-month.
    pub opex: f64,
}

/// Spread of operating costs within a cohort: its machines' costs are taken
/// as uniform on `cost × [1 − w, 1 + w]` (sites, cooling, uptime and contract
/// terms differ; estimate), so a falling hashprice idles a cohort
/// gradually rather than all at once.
pub const COHORT_COST_SPREAD: f64 = 0.25;

/// Share of a cohort with mean cost `cost` whose machines cover their cost
/// at `hashprice` (USD per TH/s-month), and the mean cost of those machines.
pub fn running_share(hashprice: f64, cost: f64) -> (f64, f64) {
    let w = COHORT_COST_SPREAD;
    let (lo, hi) = (cost * (1.0 - w), cost * (1.0 + w));
    if hashprice >= hi {
        (1.0, cost)
    } else if hashprice <= lo {
        (0.0, cost)
    } else {
        ((hashprice - lo) / (hi - lo), f64::midpoint(lo, hashprice))
    }
}

/// Cash operating cost of one TH/s of generation `g` at a site paying
/// `price_kwh` (USD/kWh before the firm's factors), USD per month, for a firm
/// with scale factors `sc`, power-deal factor `deal` and overhead `overhead`
/// (USD per kW-month before scale).
fn opex_at(g: &Generation, sc: &Scale, deal: f64, overhead: f64, price_kwh: f64) -> f64 {
    g.kwh_per_ths_month() * price_kwh * sc.power * deal + overhead * sc.overhead * g.kw_per_ths()
}

/// How a firm's hash rate and its costs are modelled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operation {
    /// A fleet of hardware cohorts, each with its own cost: every ordinary
    /// firm.
    Fleet,
    /// A theory check (`fixed_relative_cost > 0`): no fleet, hash rate at a
    /// constant marginal cost, moving toward where marginal revenue meets it.
    FixedCost(FixedCost),
}

/// The state of a fixed-cost firm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedCost {
    /// Marginal cost, USD per TH/s-month.
    pub cost: f64,
    /// Hardware generation it stands for (for its power draw).
    pub generation: Option<u16>,
    /// Hash rate, TH/s.
    pub ths: f64,
}

impl Operation {
    /// A fixed-cost operation at `cost` (USD per TH/s-month), or a fleet
    /// when the cost is not positive.
    pub fn fixed_or_fleet(cost: f64, generation: Option<u16>, ths: f64) -> Self {
        if cost > 0.0 { Self::FixedCost(FixedCost { cost, generation, ths }) } else { Self::Fleet }
    }
}

/// One operator or industrial firm.
#[derive(Debug, Clone)]
pub struct Firm {
    /// Operator or industrial.
    pub class: FirmKind,
    /// Accounts for its own effect on hashprice.
    pub strategic: bool,
    /// Overhead per kW per month before scale, USD.
    pub overhead_per_kw: f64,
    /// Share of cash + credit spent per month at most.
    pub spend_share: f64,
    /// Cash, USD (negative: debt).
    pub cash: f64,
    /// Home region index (where it is based; entry draws it).
    pub home: u16,
    /// The pool it mines in, by index; `None` while it mines solo.
    pub pool: Option<u32>,
    /// Hardware owned.
    pub fleet: Vec<Cohort>,
    /// The firm's own power deal: factor on every regional price it pays,
    /// drawn once (`miners.power_deal_spread`).
    pub power_deal: f64,
    /// A fleet of hardware, or a fixed-cost hash rate (theory checks).
    pub operation: Operation,
    /// Running hash this month, TH/s.
    pub running_ths: f64,
    /// Running hash by region index this month is in the fleet; power drawn
    /// while running, MW.
    pub running_mw: f64,
    /// Installed power (running or idle), MW.
    pub installed_mw: f64,
    /// Cash operating cost this month, USD.
    pub opex: f64,
    /// Revenue this month, USD.
    pub revenue: f64,
    /// Scale factors at the size planned this month (computed once a month:
    /// they cost four powers each).
    pub month_scale: Scale,
    /// Installed power this month's `month_scale` and cohort `opex` were
    /// priced at ([`Firm::price_and_offer`]), MW: while `installed_mw` still
    /// equals it, both hold for the rest of the month.
    pub scale_mw: f64,
    /// Months in a row the firm has ended with no hardware.
    pub months_empty: u16,
}

/// How fast a firm can build new sites: `share` of its installed power
/// plus `base_mw` a month (`miners.build_out_share_per_month`,
/// `miners.build_out_base_mw_per_month`). Scale economies reward size and
/// cash compounds, so without this limit the first firms into a boom grew
/// without check and one firm held a fifth of the network for a decade;
/// building and energising sites takes people and contracts, which grow
/// with the firm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildOut {
    /// Share of installed power, per month.
    pub share: f64,
    /// MW per month on top.
    pub base_mw: f64,
}

impl BuildOut {
    /// New power, MW, a firm with `installed_mw` can bring up this month.
    pub fn room_mw(&self, installed_mw: f64) -> f64 {
        self.share * installed_mw + self.base_mw
    }
}

/// What firms see in a month.
#[derive(Debug, Clone, Copy)]
pub struct FirmMonth<'a> {
    /// Month index.
    pub m: i32,
    /// Hashprice at the current difficulty, USD per TH/s-month.
    pub hashprice: f64,
    /// Hashprice the shutdown rule compares costs with: the one at which the
    /// hash rate that runs would earn the month's reward
    /// (`super::MiningSector` clears it), USD per TH/s-month.
    pub run_price: f64,
    /// Smoothed hashprice used for investment and moves.
    pub signal: f64,
    /// Network hash rate last month, TH/s.
    pub network_ths: f64,
    /// Outlook factors by months ahead.
    pub outlook: &'a [f64],
    /// Valuation sums for operators and industrial firms.
    pub valuation: [&'a Valuation; 2],
    /// The hardware catalogue.
    pub catalogue: &'a Catalogue,
    /// Scale economies.
    pub scale: &'a ScaleEconomies,
    /// Relocation settings.
    pub relocation: &'a Relocation,
    /// Idle months before scrapping.
    pub scrap_after: f64,
    /// How much new power a firm can bring up in a month.
    pub build_out: BuildOut,
    /// Speed of fixed-cost firms.
    pub fixed_adjust: f64,
}

impl FirmMonth<'_> {
    fn valuation(&self, class: FirmKind) -> &Valuation {
        match class {
            FirmKind::Operator => self.valuation[0],
            FirmKind::Industrial => self.valuation[1],
        }
    }
}

impl Firm {
    /// Scale factors at the firm's current size.
    pub fn scale(&self, s: &ScaleEconomies) -> Scale {
        Scale::of(s, self.installed_mw)
    }

    /// Average factor of the firm's power deal over its size: the deal on the
    /// first [`POWER_DEAL_MW`], the regional price beyond.
    pub fn deal_factor(&self) -> f64 {
        let size = self.installed_mw.max(1e-9);
        if size <= POWER_DEAL_MW {
            self.power_deal
        } else {
            (self.power_deal * POWER_DEAL_MW + (size - POWER_DEAL_MW)) / size
        }
    }

    /// Share of the network this firm held last month.
    pub fn share(&self, network_ths: f64) -> f64 {
        if network_ths > 0.0 { (self.running_ths / network_ths).min(1.0) } else { 0.0 }
    }

    /// Prices the month and offers the fleet to the month's supply curve:
    /// scale factors at the installed power (worked out with the regions'
    /// loads at the month's start) and each cohort's operating cost where
    /// it stands; each cohort that is not being moved adds what it would run
    /// at each hashprice, its machines' costs spread as in [`running_share`];
    /// a fixed-cost firm adds its hash rate at any price. One pass over the
    /// fleet does both.
    pub fn price_and_offer(&mut self, ctx: &FirmMonth, regions: &Regions, curve: &mut SupplyCurve) {
        if let Operation::FixedCost(fixed) = self.operation {
            curve.add_fixed(fixed.ths);
            return;
        }
        // The factors cost four powers; a firm that neither bought nor sold
        // keeps last month's.
        if self.installed_mw != self.scale_mw {
            self.month_scale = self.scale(ctx.scale);
            self.scale_mw = self.installed_mw;
        }
        let (sc, deal, overhead) = (self.month_scale, self.deal_factor(), self.overhead_per_kw);
        let w = COHORT_COST_SPREAD;
        for c in &mut self.fleet {
            let price = regions.site_price(c.region as usize, c.site);
            c.opex = opex_at(&ctx.catalogue.gens[c.hw as usize], &sc, deal, overhead, price);
            if c.down_until <= ctx.m {
                let ths = c.ths * regions.list[c.region as usize].run_cap;
                curve.add_cohort(ths, c.opex * (1.0 - w), c.opex * (1.0 + w));
            }
        }
    }

    /// Step 1: decides which share of each cohort runs at the month's
    /// running hashprice (after [`Firm::price_and_offer`]; at most the
    /// region's [`RegionState::run_cap`](super::regions::RegionState::run_cap)), and adds the
    /// hash rate that runs to `by_region` (TH/s by region index; a
    /// fixed-cost firm's counts in its home region), for the month's map.
    pub fn plan(&mut self, ctx: &FirmMonth, regions: &Regions, by_region: &mut [f64]) {
        if let Operation::FixedCost(fixed) = self.operation {
            self.plan_fixed(ctx, fixed);
            if let Some(x) = by_region.get_mut(self.home as usize) {
                *x += self.running_ths;
            }
            return;
        }
        let (mut ths, mut mw, mut opex) = (0.0, 0.0, 0.0);
        for c in &mut self.fleet {
            let (share, mean_cost) =
                if c.down_until <= ctx.m { running_share(ctx.run_price, c.opex) } else { (0.0, c.opex) };
            let share = share * regions.list[c.region as usize].run_cap;
            c.run_share = share;
            if share > 0.0 {
                c.idle = 0;
                let on = c.ths * share;
                by_region[c.region as usize] += on;
                ths += on;
                mw += on * ctx.catalogue.gens[c.hw as usize].kw_per_ths() / 1000.0;
                opex += mean_cost * on;
            } else {
                c.idle = c.idle.saturating_add(1);
            }
        }
        self.running_ths = ths;
        self.running_mw = mw;
        self.opex = opex;
    }

    fn plan_fixed(&mut self, ctx: &FirmMonth, mut fixed: FixedCost) {
        if ctx.hashprice > 0.0 && fixed.ths > 0.0 {
            let share = if self.strategic { self.share(ctx.network_ths) } else { 0.0 };
            let mr = ctx.hashprice * (1.0 - share);
            let step = (mr / fixed.cost - 1.0).clamp(-1.0, 1.0);
            fixed.ths *= (ctx.fixed_adjust * step).exp();
        }
        let kw = fixed.generation.map_or(0.0, |g| ctx.catalogue.gens[g as usize].kw_per_ths());
        self.running_ths = fixed.ths;
        self.running_mw = fixed.ths * kw / 1000.0;
        self.installed_mw = self.running_mw;
        self.opex = fixed.cost * fixed.ths;
        self.operation = Operation::FixedCost(fixed);
    }

    /// Hash rate installed: the fleet's, or a fixed-cost firm's, TH/s.
    pub fn installed_ths(&self) -> f64 {
        let fixed = if let Operation::FixedCost(f) = self.operation { f.ths } else { 0.0 };
        fixed + self.fleet.iter().map(|c| c.ths).sum::<f64>()
    }

    /// Whether this is a fixed-cost firm of the theory checks.
    pub fn is_fixed_cost(&self) -> bool {
        matches!(self.operation, Operation::FixedCost(_))
    }

    /// Step 2: books revenue and pays costs and interest.
    pub fn settle(&mut self, revenue: f64) {
        self.revenue = revenue;
        let interest = if self.cash < 0.0 { -self.cash * self.month_scale.interest / 12.0 } else { 0.0 };
        if self.is_fixed_cost() {
            return;
        }
        self.cash += revenue - self.opex - interest;
    }

    /// Book value of the fleet (linear depreciation over the lifetime), USD.
    pub fn book_value(&self, ctx: &FirmMonth) -> f64 {
        self.fleet
            .iter()
            .map(|c| c.cost_per_ths * c.ths * ctx.catalogue.gens[c.hw as usize].book_share(ctx.m - c.bought))
            .sum()
    }

    /// Step 6a: scraps hardware idle too long, or worn out at
    /// [`WEAR_OUT_LIFETIMES`] lifetimes, and frees its load in the region.
    /// Hardware past its lifetime keeps running while it covers its cost
    /// (the lifetime is the span buyers value and depreciate it over): a
    /// hard cut at the lifetime emptied whole fleets bought in one boom in
    /// the same month five years later, and their firms then left, a
    /// calendar echo no price caused.
    pub fn age_out(&mut self, ctx: &FirmMonth, regions: &mut Regions) {
        let scrap_after = ctx.scrap_after;
        let mut freed = 0.0;
        self.fleet.retain(|c| {
            let g = &ctx.catalogue.gens[c.hw as usize];
            let dead = f64::from(c.idle) >= scrap_after || ctx.m - c.bought >= WEAR_OUT_LIFETIMES * g.lifetime_months;
            if dead {
                let mw = c.ths * g.kw_per_ths() / 1000.0;
                regions.add_load(c.region as usize, -mw);
                freed += mw;
            }
            !dead
        });
        self.installed_mw = (self.installed_mw - freed).max(0.0);
    }

    /// Step 6b: whether the firm has run out of capital.
    pub fn exhausted(&self, ctx: &FirmMonth) -> bool {
        if self.is_fixed_cost() {
            return false;
        }
        // The book value is a pass over the fleet: only a firm running
        // nothing needs it.
        (self.running_ths <= 0.0 && self.cash + self.book_value(ctx) <= 0.0)
            || (self.fleet.is_empty() && (self.cash < MIN_PURCHASE_USD || self.months_empty >= MAX_MONTHS_EMPTY))
    }

    /// Counts the months in a row that end with no hardware.
    pub fn count_empty_month(&mut self) {
        self.months_empty = if self.fleet.is_empty() { self.months_empty.saturating_add(1) } else { 0 };
    }

    /// Whether the firm mines solo.
    pub fn is_solo(&self) -> bool {
        self.pool.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cohort_idles_gradually_across_its_cost_spread() {
        let w = COHORT_COST_SPREAD;
        assert_eq!(running_share(10.0 * (1.0 + w), 10.0), (1.0, 10.0));
        assert_eq!(running_share(10.0 * (1.0 - w), 10.0).0, 0.0);
        let (share, mean) = running_share(10.0, 10.0);
        assert!((share - 0.5).abs() < 1e-12, "half the machines cost less than the mean");
        assert!((mean - 10.0 * (1.0 - w / 2.0)).abs() < 1e-12, "the running half is the cheaper half");
        let lower = running_share(9.0, 10.0).0;
        assert!(lower < share, "less runs at a lower hashprice");
    }
}
