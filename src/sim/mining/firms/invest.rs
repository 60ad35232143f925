//! Steps 3 to 5 of a firm's month when it buys (see [`super`]): where new
//! hardware goes (the open region with headroom and the lowest
//! risk-adjusted power price), which generation gives the most value per
//! dollar, and how much the firm spends on it. Kept apart from the rest of
//! the firm because it is the one decision that reads the whole month's
//! market: the catalogue's generations on sale, the outlook and what other
//! buyers took earlier this month.

use super::{Cohort, Firm, FirmMonth, MERGE_MONTHS, MIN_PURCHASE_USD};
use crate::sim::mining::hardware::Purchases;
use crate::sim::mining::regions::Regions;

impl Firm {
    /// Factor on power cost of region `r` for this firm (see
    /// [`Regions::placement_factor`]).
    pub(super) fn placement_factor(&self, regions: &Regions, r: usize) -> f64 {
        regions.placement_factor(r, r == self.home as usize)
    }

    /// The open region with headroom and the lowest placement cost
    /// `price × congestion × placement factor`, other than `except` (the
    /// firm's own scale factors apply to every region alike, so they do not
    /// change the choice).
    pub(super) fn best_region(&self, regions: &Regions, except: Option<usize>) -> Option<usize> {
        regions.best_site_leaving(self.home as usize, except)
    }

    /// Step 3 (with 4 and 5): buys the best-valued generation in the best
    /// region when it is worth more than it costs.
    /// `bought` holds what other buyers took earlier this month: the firm
    /// values hardware at the hashprice the network will have once their hash
    /// rate arrives, `signal × H / (H + pending)`, so a month's purchases do
    /// not all chase the same stale price (no herd overshoot), and it cannot
    /// buy more ASICs than the makers have left to deliver, more than the
    /// region has room for, or more power than it can build out this month
    /// ([`super::BuildOut`]).
    pub fn invest(&mut self, ctx: &FirmMonth, regions: &mut Regions, bought: &mut Purchases) {
        if self.is_fixed_cost() || ctx.signal <= 0.0 {
            return;
        }
        let sc = self.month_scale;
        let equity = self.cash + self.book_value(ctx);
        let budget = (self.cash + equity.max(0.0) * sc.credit_multiple).max(0.0) * self.spend_share;
        if budget < MIN_PURCHASE_USD {
            return;
        }
        let Some(r) = self.best_region(regions, None) else { return };
        let risk = self.placement_factor(regions, r);
        let share = if self.strategic { self.share(ctx.network_ths) } else { 0.0 };
        let diluted = if ctx.network_ths > 0.0 {
            ctx.signal * ctx.network_ths / (ctx.network_ths + bought.pending_ths)
        } else {
            ctx.signal
        };
        let revenue = diluted * (1.0 - share);
        let best = self.best_buy(ctx, revenue, regions.firm_price(r), risk);
        let Some((gi, ratio, price)) = best else { return };
        if ratio <= 1.0 {
            return;
        }
        let g = &ctx.catalogue.gens[gi];
        let kw = g.kw_per_ths();
        let wanted = budget * (ratio - 1.0).min(1.0) / price;
        bought.want(g, wanted);
        let room_mw = regions.list[r].headroom_mw().min(ctx.build_out.room_mw(self.installed_mw));
        let ths = wanted.min(bought.available_ths(g)).min(room_mw * 1000.0 / kw);
        if ths * price < MIN_PURCHASE_USD {
            return;
        }
        self.cash -= ths * price;
        bought.book(g, ths);
        let site = regions.site_factor(r);
        self.add(Cohort {
            hw: gi as u16,
            region: r as u16,
            ths,
            bought: ctx.m,
            cost_per_ths: price,
            site,
            idle: 0,
            down_until: ctx.m,
            run_share: 0.0,
            opex: 0.0,
        });
        let mw = ths * kw / 1000.0;
        regions.add_load(r, mw);
        self.installed_mw += mw;
    }

    /// The generation with the highest value per dollar for this firm when
    /// a TH/s earns `revenue` this month and power costs `price_kwh` at a
    /// placement factor `risk`: (generation, value / price, price per TH/s).
    /// Of equal ratios the first in the catalogue wins.
    fn best_buy(&self, ctx: &FirmMonth, revenue: f64, price_kwh: f64, risk: f64) -> Option<(usize, f64, f64)> {
        let (sc, deal, val) = (self.month_scale, self.deal_factor(), ctx.valuation(self.class));
        let mut best: Option<(usize, f64, f64)> = None;
        for g in &ctx.catalogue.for_sale {
            // As `opex_at`, with the firm's factors read once.
            let opex = (g.kwh_per_ths_month * price_kwh * sc.power * deal
                + self.overhead_per_kw * sc.overhead * g.kw_per_ths)
                * risk;
            let price = g.price_per_ths * sc.hardware;
            let ratio =
                val.value_near(ctx.outlook, revenue, opex, g.lifetime_months, ctx.catalogue.hint(g.gen_index)) / price;
            if best.is_none_or(|b| ratio > b.1) {
                best = Some((g.gen_index, ratio, price));
            }
        }
        best
    }

    /// Adds hardware, merging it into a cohort of the same generation and
    /// region bought less than [`MERGE_MONTHS`] apart (the merged cohort's
    /// month is the hash-weighted mean), which keeps fleets short.
    pub fn add(&mut self, c: Cohort) {
        if let Some(x) = self.fleet.iter_mut().find(|x| {
            x.hw == c.hw
                && x.region == c.region
                && (x.bought - c.bought).abs() < MERGE_MONTHS
                && x.down_until <= c.bought
                && c.down_until <= c.bought
        }) {
            let total = x.ths + c.ths;
            x.cost_per_ths = (x.cost_per_ths * x.ths + c.cost_per_ths * c.ths) / total;
            x.site = (x.site * x.ths + c.site * c.ths) / total;
            x.bought = ((f64::from(x.bought) * x.ths + f64::from(c.bought) * c.ths) / total).round() as i32;
            x.ths = total;
        } else {
            self.fleet.push(c);
        }
    }
}
