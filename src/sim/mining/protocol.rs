//! The Bitcoin protocol as the simulation sees it: block production, the
//! subsidy schedule with its halvings, and the difficulty retarget with its
//! lag.
//!
//! Blocks arrive at rate `H / (D · T)` per second, where `H` is the real hash
//! rate, `D` the hash rate the current difficulty corresponds to (TH/s) and
//! `T` the target block time (600 s). The month is walked event by event:
//! the next retarget (every 2,016 blocks) or the next halving (every 210,000
//! blocks), whichever comes first, so several retargets a month and a halving
//! mid-month are both exact. At a retarget `D` is multiplied by
//! `target epoch time / actual epoch time`, clamped to ×4 or ÷4, and never
//! falls below the minimum difficulty (difficulty 1 ≈ 7.16 MH/s). When hash
//! rate grows, blocks come faster than every 10 minutes until the next
//! retarget catches up: that is the retarget lag, and it is what pulled the
//! real halvings ahead of a four-year calendar. All constants come from the
//! scenario's `protocol` (defaults: `data/bitcoin.md`, "Protocol").

use crate::scenario::{Month, Protocol};

/// Expected blocks per month at the target rate (30.44 days × 144 blocks).
pub const TARGET_BLOCKS_PER_MONTH: f64 = 365.25 / 12.0 * 86_400.0 / 600.0;

/// Block production and difficulty state.
#[derive(Debug, Clone)]
pub struct Chain {
    /// Blocks mined so far (expected value, fractional).
    pub height: f64,
    /// Hash rate the current difficulty corresponds to, TH/s.
    pub difficulty_ths: f64,
    epoch_blocks: f64,
    epoch_seconds: f64,
    halvings: u32,
    initial_subsidy_btc: f64,
    halving_interval: f64,
    target_s: f64,
    retarget_blocks: f64,
    max_factor: f64,
    min_difficulty_ths: f64,
    genesis: Month,
    started: bool,
}

/// What one month of block production gave.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthBlocks {
    /// Blocks found in the month.
    pub blocks: f64,
    /// Subsidy of all those blocks together, BTC.
    pub subsidy_btc: f64,
    /// Number of halvings crossed in the month.
    pub halvings: u32,
}

/// Most retargets and halvings resolved within one month; the rest of a month
/// that would need more is mined at the last rate. Real settings need a few
/// per month; this bounds the work a hostile scenario can cause.
pub const MAX_STEPS_PER_MONTH: u32 = 100_000;

impl Chain {
    /// A chain at genesis.
    pub fn new(p: &Protocol) -> Self {
        Self {
            height: 0.0,
            difficulty_ths: p.min_difficulty_hashrate_ths,
            epoch_blocks: 0.0,
            epoch_seconds: 0.0,
            halvings: 0,
            initial_subsidy_btc: p.initial_subsidy_btc,
            halving_interval: f64::from(p.halving_interval_blocks),
            target_s: p.target_block_time_s,
            retarget_blocks: f64::from(p.retarget_interval_blocks),
            max_factor: p.max_retarget_factor,
            min_difficulty_ths: p.min_difficulty_hashrate_ths,
            genesis: p.genesis,
            started: false,
        }
    }

    /// Subsidy of the next block, BTC.
    pub fn subsidy_btc(&self) -> f64 {
        self.initial_subsidy_btc * 0.5f64.powi(self.halvings.min(64) as i32)
    }

    /// Subsidy of a block `blocks_ahead` blocks from now, BTC: the
    /// definition [`Chain::subsidies_ahead`] is checked against.
    #[cfg(test)]
    pub fn subsidy_after(&self, blocks_ahead: f64) -> f64 {
        let n = ((self.height + blocks_ahead) / self.halving_interval).floor();
        self.initial_subsidy_btc * 0.5f64.powf(n.min(64.0))
    }

    /// The subsidy of a block `k × blocks_per_step` blocks from now for `k`
    /// in `0..steps`, BTC, so firms foresee halvings when valuing hardware;
    /// the halving power is worked out once per halving rather than once per
    /// step (the outlook asks for 240 steps every month).
    pub fn subsidies_ahead(&self, blocks_per_step: f64, steps: usize) -> impl Iterator<Item = f64> + '_ {
        let mut last: Option<(f64, f64)> = None;
        (0..steps).map(move |k| {
            let n = ((self.height + k as f64 * blocks_per_step) / self.halving_interval).floor();
            let factor = match last {
                Some((seen, factor)) if seen == n => factor,
                _ => 0.5f64.powf(n.min(64.0)),
            };
            last = Some((n, factor));
            self.initial_subsidy_btc * factor
        })
    }

    /// Halvings so far.
    pub fn halvings(&self) -> u32 {
        self.halvings
    }

    /// Target block time, seconds.
    pub fn target_s(&self) -> f64 {
        self.target_s
    }

    /// Whether blocks are produced in `month` (on or after genesis).
    pub fn is_live(&self, month: Month) -> bool {
        month >= self.genesis
    }

    /// When the run starts after genesis, place the chain where a chain
    /// mining at the target rate since genesis would be, with difficulty
    /// matching the first month's hash rate.
    pub fn start_at(&mut self, month: Month, hashrate_ths: f64) {
        if self.started {
            return;
        }
        self.started = true;
        let months = f64::from(month.months_since(self.genesis).max(0));
        if months > 0.0 {
            self.height = months * TARGET_BLOCKS_PER_MONTH;
            self.halvings = (self.height / self.halving_interval).floor() as u32;
            self.difficulty_ths = hashrate_ths.max(self.min_difficulty_ths);
        }
    }

    /// Mines `seconds` at a constant `hashrate_ths` and returns the blocks,
    /// their subsidy and the halvings crossed.
    pub fn advance(&mut self, hashrate_ths: f64, seconds: f64) -> MonthBlocks {
        let mut out = MonthBlocks::default();
        let mut remaining = seconds;
        if hashrate_ths <= 0.0 {
            self.epoch_seconds += seconds;
            return out;
        }
        let mut steps = 0;
        while remaining > 0.0 {
            let rate = hashrate_ths / (self.difficulty_ths * self.target_s);
            steps += 1;
            if steps > MAX_STEPS_PER_MONTH {
                // Degenerate settings (a retarget factor of 1 with the hash
                // rate far above the difficulty, or an interval of a few
                // blocks): mine the rest of the month at the current rate.
                self.mine(rate * remaining, remaining, &mut out);
                self.catch_up_halvings(&mut out);
                break;
            }
            // A retarget that cannot move the difficulty (factor 1) is no
            // step: mining runs straight through to the next halving.
            let to_retarget =
                if self.max_factor > 1.0 { self.retarget_blocks - self.epoch_blocks } else { f64::INFINITY };
            let next_halving = (f64::from(self.halvings) + 1.0) * self.halving_interval;
            let to_halving = next_halving - self.height;
            let step_blocks = to_retarget.min(to_halving).max(0.0);
            let needed = step_blocks / rate;
            if needed >= remaining {
                self.mine(rate * remaining, remaining, &mut out);
                break;
            }
            self.mine(step_blocks, needed, &mut out);
            remaining -= needed;
            if self.height >= next_halving - 1e-9 {
                self.halvings = self.halvings.saturating_add(1);
                out.halvings = out.halvings.saturating_add(1);
            }
            if self.epoch_blocks >= self.retarget_blocks - 1e-9 {
                self.retarget();
            }
        }
        out
    }

    /// Counts the halvings the blocks mined at one rate crossed (the rest of
    /// a degenerate month), so the next month does not step through them one
    /// by one.
    fn catch_up_halvings(&mut self, out: &mut MonthBlocks) {
        let reached = (self.height / self.halving_interval).floor().min(f64::from(u32::MAX)) as u32;
        if reached > self.halvings {
            out.halvings = out.halvings.saturating_add(reached - self.halvings);
            self.halvings = reached;
        }
    }

    fn mine(&mut self, blocks: f64, seconds: f64, out: &mut MonthBlocks) {
        out.blocks += blocks;
        out.subsidy_btc += blocks * self.subsidy_btc();
        self.height += blocks;
        self.epoch_blocks += blocks;
        self.epoch_seconds += seconds;
    }

    fn retarget(&mut self) {
        let target = self.retarget_blocks * self.target_s;
        let factor = (target / self.epoch_seconds.max(1e-9)).clamp(1.0 / self.max_factor, self.max_factor);
        self.difficulty_ths = (self.difficulty_ths * factor).max(self.min_difficulty_ths);
        self.epoch_blocks = 0.0;
        self.epoch_seconds = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> Chain {
        Chain::new(&Protocol::default())
    }

    #[test]
    fn steady_hash_rate_gives_target_blocks_after_retarget() {
        let mut c = chain();
        let h = 1.0e6;
        // Let the difficulty catch up over a few months (×4 per retarget).
        for _ in 0..24 {
            c.advance(h, 30.0 * 86_400.0);
        }
        let b = c.advance(h, 30.0 * 86_400.0);
        assert!((b.blocks - 4320.0).abs() < 1.0, "blocks {}", b.blocks);
        assert!((c.difficulty_ths / h - 1.0).abs() < 1e-6);
    }

    #[test]
    fn growing_hash_rate_mines_faster_than_target() {
        let mut c = chain();
        let mut h = 1.0e3;
        for _ in 0..40 {
            c.advance(h, 30.0 * 86_400.0);
        }
        let mut blocks = 0.0;
        for _ in 0..12 {
            h *= 1.1;
            blocks += c.advance(h, 30.0 * 86_400.0).blocks;
        }
        // 10 % a month growth: blocks run ahead of 144 a day.
        assert!(blocks > 12.0 * 4320.0 * 1.02, "blocks {blocks}");
    }

    #[test]
    fn below_minimum_difficulty_blocks_are_slow() {
        let mut c = chain();
        let h = Protocol::default().min_difficulty_hashrate_ths / 4.0;
        let b = c.advance(h, 30.0 * 86_400.0);
        assert!((b.blocks - 1080.0).abs() < 1.0, "blocks {}", b.blocks);
    }

    #[test]
    fn subsidy_halves_every_interval_and_mid_month_is_weighted() {
        let mut c = chain();
        c.difficulty_ths = 1.0;
        c.height = 209_000.0;
        // 2,000 blocks: 1,000 at 50 BTC and 1,000 at 25 BTC.
        let b = c.advance(1.0, 2000.0 * 600.0);
        assert_eq!(b.halvings, 1);
        assert!((b.subsidy_btc - 75_000.0).abs() < 1e-6, "{}", b.subsidy_btc);
        assert_eq!(c.subsidy_btc(), 25.0);
        assert_eq!(c.subsidy_after(210_000.0), 12.5);
    }

    #[test]
    fn the_subsidies_ahead_are_the_subsidy_after_each_step() {
        let mut c = chain();
        c.height = 205_000.0;
        // 4,380 blocks a step: the path crosses several halvings.
        let path: Vec<f64> = c.subsidies_ahead(4380.0, 240).collect();
        assert_eq!(path.len(), 240);
        for (k, &s) in path.iter().enumerate() {
            assert_eq!(s.to_bits(), c.subsidy_after(k as f64 * 4380.0).to_bits(), "step {k}");
        }
        assert_eq!((path[0], path[2], path[239]), (50.0, 25.0, 50.0 * 0.5f64.powi(5)));
    }

    #[test]
    fn retarget_is_clamped_to_four() {
        let mut c = chain();
        c.difficulty_ths = 1.0;
        c.advance(1000.0, 2016.0 * 600.0 / 1000.0 + 1e-6);
        assert!((c.difficulty_ths - 4.0).abs() < 1e-9, "{}", c.difficulty_ths);
    }
}
