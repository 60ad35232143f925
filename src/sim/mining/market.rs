//! The Bitcoin price and fee paths a run sees.
//!
//! Inside the scenario's table the price is interpolated log-linearly between
//! entries (quarter-end prices in `data/bitcoin.md`, "Price") and fees
//! linearly (`data/bitcoin.md`, "Transaction fees"); months before the first
//! entry use the first value. After the last price entry the price follows a
//! seeded geometric Brownian motion:
//! `ln p(t+1) = ln p(t) + μ/12 + σ·√(1/12)·Z`, with μ the scenario's expected
//! yearly log-return (`market.projection_drift_per_year`) and σ its yearly
//! volatility; one standard normal draw per projected month from the mining
//! stream, so the same seed gives the same path. Fees after their table relax
//! toward `market.projection_fee_btc_per_block` with a time constant of
//! [`FEE_RELAX_MONTHS`]. A `BtcPriceShock` event multiplies the price from its
//! month on (shocks compound).

use rand::Rng;
use rand_distr::StandardNormal;

use crate::scenario::{EventKind, Month, Scenario};

/// Time constant (months) of the fees' approach to their projected level: a
/// judgement, long enough that a fee spike in the table's last month fades
/// over about two years.
pub const FEE_RELAX_MONTHS: f64 = 24.0;

/// Price and fee paths.
#[derive(Debug, Clone)]
pub struct MarketPath {
    /// The price table as (month, ln price).
    prices: Vec<(i32, f64)>,
    /// The price table as given, USD (same order).
    table_prices: Vec<f64>,
    fees: Vec<(i32, f64)>,
    drift: f64,
    volatility: f64,
    fee_target: f64,
    shocks: Vec<(i32, f64)>,
    projected_ln_price: Option<f64>,
    projected_fee: Option<f64>,
}

/// The market in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarketMonth {
    /// BTC price, USD.
    pub price_usd: f64,
    /// Average fees per block, BTC.
    pub fees_btc_per_block: f64,
    /// Whether the price comes from the projection rather than the table.
    pub projected: bool,
}

impl MarketPath {
    /// Paths from the scenario's market settings and price-shock events.
    pub fn new(s: &Scenario) -> Self {
        let mut table: Vec<(i32, f64)> =
            s.market.price_usd.iter().filter(|(_, p)| *p > 0.0).map(|(m, p)| (m.index(), *p)).collect();
        table.sort_by_key(|e| e.0);
        let prices = table.iter().map(|&(m, p)| (m, p.ln())).collect();
        let table_prices = table.iter().map(|&(_, p)| p).collect();
        let mut fees: Vec<(i32, f64)> = s.market.fees_btc_per_block.iter().map(|(m, f)| (m.index(), *f)).collect();
        fees.sort_by_key(|e| e.0);
        let shocks = s
            .events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::BtcPriceShock { multiplier } => Some((e.month.index(), multiplier)),
                _ => None,
            })
            .collect();
        Self {
            prices,
            table_prices,
            fees,
            drift: s.market.projection_drift_per_year,
            volatility: s.market.projection_volatility_per_year,
            fee_target: s.market.projection_fee_btc_per_block,
            shocks,
            projected_ln_price: None,
            projected_fee: None,
        }
    }

    /// The market of `month`. Months must be asked in order, once each, for
    /// the projection to advance.
    pub fn month<R: Rng>(&mut self, month: Month, rng: &mut R) -> MarketMonth {
        let m = month.index();
        let shock: f64 = self.shocks.iter().filter(|s| s.0 <= m).map(|s| s.1).product();
        let (ln_price, projected) = self.ln_price(m, rng);
        let price = if projected { None } else { self.table_price(m) };
        let fees = self.fee(m);
        MarketMonth {
            price_usd: price.unwrap_or_else(|| ln_price.exp()) * shock,
            fees_btc_per_block: fees.max(0.0),
            projected,
        }
    }

    /// The table's own figure for month `m` when the table gives one (a
    /// listed month, or before the first), so a price typed into the
    /// scenario comes out exactly as typed rather than through `exp(ln p)`.
    fn table_price(&self, m: i32) -> Option<f64> {
        let i = self.prices.partition_point(|e| e.0 <= m);
        if i == 0 {
            return self.table_prices.first().copied();
        }
        (self.prices[i - 1].0 == m).then(|| self.table_prices[i - 1])
    }

    fn ln_price<R: Rng>(&mut self, m: i32, rng: &mut R) -> (f64, bool) {
        let Some(&(last_m, last_p)) = self.prices.last() else {
            return (f64::NEG_INFINITY, false);
        };
        if m <= last_m {
            return (interpolate(&self.prices, m), false);
        }
        let z: f64 = rng.sample(StandardNormal);
        let prev = self.projected_ln_price.unwrap_or(last_p);
        let next = prev + self.drift / 12.0 + self.volatility * (1.0f64 / 12.0).sqrt() * z;
        self.projected_ln_price = Some(next);
        (next, true)
    }

    fn fee(&mut self, m: i32) -> f64 {
        let Some(&(last_m, last_f)) = self.fees.last() else {
            return self.fee_target;
        };
        if m <= last_m {
            return interpolate(&self.fees, m);
        }
        let prev = self.projected_fee.unwrap_or(last_f);
        let next = prev + (self.fee_target - prev) * (1.0 - (-1.0 / FEE_RELAX_MONTHS).exp());
        self.projected_fee = Some(next);
        next
    }
}

/// Linear interpolation in a sorted table; flat before the first entry.
fn interpolate(table: &[(i32, f64)], m: i32) -> f64 {
    let i = table.partition_point(|e| e.0 <= m);
    if i == 0 {
        return table[0].1;
    }
    if i == table.len() {
        return table[i - 1].1;
    }
    let (m0, v0) = table[i - 1];
    let (m1, v1) = table[i];
    let t = f64::from(m - m0) / f64::from(m1 - m0);
    v0 + (v1 - v0) * t
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha12Rng;

    fn scenario() -> Scenario {
        let mut s = Scenario::default();
        s.market.price_usd = vec![(Month::ym(2020, 1), 100.0), (Month::ym(2020, 3), 400.0)];
        s.market.fees_btc_per_block = vec![(Month::ym(2020, 1), 1.0), (Month::ym(2020, 3), 3.0)];
        s
    }

    #[test]
    fn table_is_log_linear_for_price_and_linear_for_fees() {
        let mut m = MarketPath::new(&scenario());
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        let x = m.month(Month::ym(2020, 2), &mut rng);
        assert!((x.price_usd - 200.0).abs() < 1e-9);
        assert!((x.fees_btc_per_block - 2.0).abs() < 1e-12);
        assert!(!x.projected);
        assert!((m.month(Month::ym(2019, 6), &mut rng).price_usd - 100.0).abs() < 1e-9);
    }

    #[test]
    fn projection_without_volatility_follows_the_drift() {
        let mut s = scenario();
        s.market.projection_volatility_per_year = 0.0;
        s.market.projection_drift_per_year = 0.12;
        let mut m = MarketPath::new(&s);
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        let mut p = 0.0;
        for month in Month::ym(2020, 4).through(Month::ym(2021, 3)) {
            p = m.month(month, &mut rng).price_usd;
        }
        assert!((p / 400.0 - 0.12f64.exp()).abs() < 1e-9, "{p}");
    }

    #[test]
    fn shocks_multiply_later_months_and_seeds_change_the_path() {
        let mut s = scenario();
        s.events.push(crate::scenario::Event {
            month: Month::ym(2020, 2),
            label: String::new(),
            kind: EventKind::BtcPriceShock { multiplier: 0.5 },
        });
        let mut m = MarketPath::new(&s);
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        assert!((m.month(Month::ym(2020, 2), &mut rng).price_usd - 100.0).abs() < 1e-9);
        let path = |seed| {
            let mut m = MarketPath::new(&scenario());
            let mut rng = ChaCha12Rng::seed_from_u64(seed);
            Month::ym(2020, 4).through(Month::ym(2022, 1)).map(|x| m.month(x, &mut rng).price_usd).collect::<Vec<_>>()
        };
        assert_eq!(path(3), path(3));
        assert_ne!(path(3), path(4));
    }
}
