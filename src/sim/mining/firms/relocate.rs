//! Step 5 of a firm's month (see [`super`]): moving hardware to cheaper
//! regions, and out of banned ones, when the saving over the relocation
//! horizon beats the cost of the move and the margin lost while it is down
//! (the move's downtime plus the wait for a site behind the machines already
//! queued in the destination, [`Regions::install_wait_months`]); banned
//! hardware that does not pay to move is switched off where it stands.
//! Kept apart because it changes regions' loads cohort by cohort, which the
//! rest of the firm's month never does.

use std::cmp::Ordering;

use super::{Cohort, Firm, FirmMonth, opex_at};
use crate::sim::mining::hardware::Generation;
use crate::sim::mining::regions::Regions;

/// A cohort with this hash rate or less (TH/s) is empty and dropped.
const EMPTY_THS: f64 = 1e-12;

impl Firm {
    /// Step 5: moves hardware to cheaper regions, and out of banned ones.
    pub fn relocate(&mut self, ctx: &FirmMonth, regions: &mut Regions) {
        if self.is_fixed_cost() {
            return;
        }
        let rel = ctx.relocation;
        let n = self.fleet.len();
        // Whether any cohort is (or may become) empty, so the fleet needs
        // compacting at the end.
        let mut changed = false;
        // The firm's power deal, until scrapping changes its size.
        let mut deal = self.deal_factor();
        for i in 0..n {
            let c = self.fleet[i];
            changed |= c.ths <= EMPTY_THS;
            if c.ths <= 0.0 {
                continue;
            }
            let from = c.region as usize;
            let forced = regions.list[from].forced_exit_share;
            let is_forced = forced > 0.0;
            let kw = || ctx.catalogue.gens[c.hw as usize].kw_per_ths();
            let until = regions.list[from].forced_until;
            let Some(to) = self.best_region(regions, Some(from)) else {
                if is_forced {
                    self.wait_or_scrap(i, forced, until, regions, kw());
                    (changed, deal) = (true, self.deal_factor());
                }
                continue;
            };
            // Most cohorts already stand where it is cheapest: that test
            // comes first, before the move's downtime and queue are weighed.
            let Some(costs) = self.move_costs(ctx, regions, &c, to, is_forced, deal) else { continue };
            let (pays, down) = Self::move_pays(ctx, regions, &c, to, is_forced, costs);
            if !pays && !is_forced {
                continue;
            }
            changed = true;
            let (kw, want) = (kw(), if is_forced { c.ths * forced } else { c.ths });
            if pays {
                let moved = want.min(regions.list[to].headroom_mw() * 1000.0 / kw);
                self.move_part(i, moved, to, ctx.m + down.round() as i32, regions, kw);
                self.cash -= moved * rel.moving_cost_usd_per_th;
                if is_forced && moved < want {
                    let rest = (want - moved) / self.fleet[i].ths.max(1e-300);
                    self.wait_or_scrap(i, rest.min(1.0), until, regions, kw);
                }
            } else {
                self.wait_or_scrap(i, forced, until, regions, kw);
            }
            if is_forced {
                deal = self.deal_factor();
            }
        }
        if changed {
            self.fleet.retain(|c| c.ths > EMPTY_THS);
        }
    }

    /// The operating costs of cohort `c` where it stands and in region
    /// `to` (USD per TH/s-month, placement factors included) for a firm
    /// whose power deal is worth `deal` (its [`Firm::deal_factor`]); `None`
    /// when a move would save nothing, as moving never costs less than
    /// nothing. A `forced` move (a ban) is weighed on the margin it keeps
    /// earning, not on a saving, so its cost where it stands is left at 0.
    #[inline]
    fn move_costs(
        &self,
        ctx: &FirmMonth,
        regions: &Regions,
        c: &Cohort,
        to: usize,
        forced: bool,
        deal: f64,
    ) -> Option<(f64, f64)> {
        let g = &ctx.catalogue.gens[c.hw as usize];
        let new_cost = opex_at(g, &self.month_scale, deal, self.overhead_per_kw, regions.firm_price(to))
            * self.placement_factor(regions, to);
        if forced {
            return Some((0.0, new_cost));
        }
        let cur = self.opex_where_it_stands(g, c, regions, deal) * self.placement_factor(regions, c.region as usize);
        (cur.partial_cmp(&new_cost) == Some(Ordering::Greater)).then_some((cur, new_cost))
    }

    /// Whether moving cohort `c` to region `to` pays within the relocation
    /// horizon (its remaining life at most), and how many months it would be
    /// down, given its `(current, new)` costs from [`Firm::move_costs`].
    fn move_pays(
        ctx: &FirmMonth,
        regions: &Regions,
        c: &Cohort,
        to: usize,
        forced: bool,
        (cur, new_cost): (f64, f64),
    ) -> (bool, f64) {
        let rel = ctx.relocation;
        let g = &ctx.catalogue.gens[c.hw as usize];
        let left = f64::from((g.lifetime_months - (ctx.m - c.bought)).max(0));
        let horizon = rel.horizon_months.min(left);
        let margin_new = (ctx.signal - new_cost).max(0.0);
        // Down while moving, and while waiting for a site behind the
        // machines already queued there.
        let down = (rel.downtime_months + regions.list[to].install_wait_months()).min(horizon);
        let moving = rel.moving_cost_usd_per_th + down * margin_new;
        let gain = if forced { margin_new } else { cur - new_cost };
        (gain * (horizon - down).max(0.0) > moving, down)
    }

    /// Operating cost of cohort `c` where it stands, USD per TH/s-month, at
    /// power-deal factor `deal`: the cost priced at the start of the month
    /// while the firm's size, and so its deal, is what it was then.
    fn opex_where_it_stands(&self, g: &Generation, c: &Cohort, regions: &Regions, deal: f64) -> f64 {
        if self.installed_mw == self.scale_mw {
            return c.opex;
        }
        let here = regions.site_price(c.region as usize, c.site);
        opex_at(g, &self.month_scale, deal, self.overhead_per_kw, here)
    }

    fn move_part(&mut self, i: usize, ths: f64, to: usize, down_until: i32, regions: &mut Regions, kw: f64) {
        if ths <= 0.0 {
            return;
        }
        let mut c = self.fleet[i];
        let mw = ths * kw / 1000.0;
        regions.add_load(c.region as usize, -mw);
        c.site = regions.site_factor(to);
        regions.add_load(to, mw);
        regions.list[to].install_queue_mw += mw;
        self.fleet[i].ths -= ths;
        c.ths = ths;
        c.region = to as u16;
        c.down_until = down_until;
        c.idle = 0;
        c.run_share = 0.0;
        self.fleet.push(c);
    }

    /// Switches off `share` of cohort `i`, which a ban forces out and which
    /// does not pay to move (or finds no site), as far as the region's
    /// [`dormant_room_mw`](crate::sim::mining::regions::RegionState::dormant_room_mw)
    /// allows: that part stays where it stands, down until `until` (when the
    /// ban ends), and is scrapped like any idle hardware once idle
    /// `miners.scrap_after_idle_months`; the rest is scrapped now. Owners of
    /// machines that cannot pay their way abroad keep what the sites left
    /// after the ban can run: after China's 2021 ban such machines ran again
    /// covertly within months (data/bitcoin.md, "Geography").
    fn wait_or_scrap(&mut self, i: usize, share: f64, until: i32, regions: &mut Regions, kw: f64) {
        let c = self.fleet[i];
        let ths = c.ths * share;
        if ths <= 0.0 {
            return;
        }
        let room = &mut regions.list[c.region as usize].dormant_room_mw;
        let waiting = ths.min(*room * 1000.0 / kw);
        *room = (*room - waiting * kw / 1000.0).max(0.0);
        if waiting > 0.0 {
            self.fleet[i].ths -= waiting;
            self.fleet.push(Cohort { ths: waiting, down_until: until, run_share: 0.0, ..c });
        }
        self.scrap_share(i, (ths - waiting) / self.fleet[i].ths.max(1e-300), regions, kw);
    }

    fn scrap_share(&mut self, i: usize, share: f64, regions: &mut Regions, kw: f64) {
        let c = &mut self.fleet[i];
        let ths = c.ths * share.min(1.0);
        let mw = ths * kw / 1000.0;
        regions.add_load(c.region as usize, -mw);
        c.ths -= ths;
        self.installed_mw = (self.installed_mw - mw).max(0.0);
    }
}
