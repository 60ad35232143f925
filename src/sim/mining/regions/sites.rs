//! Where firms of each home region would build or move hardware, kept
//! between queries. Every cohort of every firm asks each month, and the
//! answer ([`super::Regions::best_site`]) depends only on which regions take
//! hardware, which changes a few times a month at most. So the answers for
//! a home region are kept until the regions tell [`SiteAnswers::changed`]
//! that the set may have changed; kept apart from the regions' prices and
//! events because it is bookkeeping about queries, not about regions.
//!
//! Two answers serve every query: the best site of all, and the best but
//! that one. Leaving out a region other than the best cannot change the
//! best; leaving out the best gives the runner-up.

use std::cell::Cell;

/// The kept answers, one slot per home region.
#[derive(Debug, Clone)]
pub struct SiteAnswers {
    /// Counts the changes of which regions take hardware.
    changes: u32,
    /// By home region: the answers as last asked, while `changes` stays
    /// what it was then.
    kept: Vec<Cell<Kept>>,
}

/// The answers for firms based in one region, kept in eight bytes.
#[derive(Debug, Clone, Copy)]
struct Kept {
    /// [`SiteAnswers::changes`] when they were asked.
    changes: u32,
    /// The best site of all ([`Kept::UNASKED`] until asked).
    best: u16,
    /// The best but that one (likewise).
    runner_up: u16,
}

impl Kept {
    /// Not asked yet.
    const UNASKED: u16 = u16::MAX;
    /// No region takes hardware.
    const NONE: u16 = u16::MAX - 1;

    fn fresh(changes: u32) -> Self {
        Self { changes, best: Self::UNASKED, runner_up: Self::UNASKED }
    }

    /// `site` kept in a slot (regions are fewer than
    /// [`crate::scenario::validate::MAX_REGIONS`], far below the two values taken).
    fn encode(site: Option<usize>) -> u16 {
        site.map_or(Self::NONE, |r| r as u16)
    }

    /// A kept slot's site.
    fn decode(slot: u16) -> Option<usize> {
        (slot != Self::NONE).then_some(usize::from(slot))
    }
}

impl SiteAnswers {
    /// Nothing asked yet, for `homes` home regions.
    pub fn new(homes: usize) -> Self {
        Self { changes: 0, kept: vec![Cell::new(Kept::fresh(0)); homes] }
    }

    /// Notes that the regions taking hardware may have changed, so every
    /// kept answer is stale. When the count wraps round the answers are
    /// cleared, so one kept 2³² changes ago never passes for fresh.
    pub fn changed(&mut self) {
        self.changes = self.changes.wrapping_add(1);
        if self.changes == 0 {
            for k in &self.kept {
                k.set(Kept::fresh(u32::MAX));
            }
        }
    }

    /// The best site for a firm based in `home` other than `from` (`None`:
    /// the best of all), asking `ask(except)` only for an answer not kept.
    #[inline]
    pub fn get(&self, home: usize, from: Option<usize>, ask: impl Fn(Option<usize>) -> Option<usize>) -> Option<usize> {
        let Some(cell) = self.kept.get(home) else { return ask(from) };
        let mut kept = cell.get();
        if kept.changes != self.changes {
            kept = Kept::fresh(self.changes);
        }
        if kept.best == Kept::UNASKED {
            kept.best = Kept::encode(ask(None));
            cell.set(kept);
        }
        let best = Kept::decode(kept.best);
        if best.is_none() || best != from {
            return best;
        }
        if kept.runner_up == Kept::UNASKED {
            kept.runner_up = Kept::encode(ask(from));
            cell.set(kept);
        }
        Kept::decode(kept.runner_up)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::SiteAnswers;

    /// A query over regions 0–3 ranked by index, of which `taking` take
    /// hardware, counting how often it is asked.
    fn query<'a>(taking: &'a [bool], asked: &'a Cell<usize>) -> impl Fn(Option<usize>) -> Option<usize> + 'a {
        move |except| {
            asked.set(asked.get() + 1);
            (0..taking.len()).find(|&r| taking[r] && Some(r) != except)
        }
    }

    #[test]
    fn two_questions_answer_every_query_until_the_regions_change() {
        let mut sites = SiteAnswers::new(2);
        let asked = Cell::new(0);
        let taking = [true, true, false, true];
        for from in [None, Some(0), Some(1), Some(2), Some(3), Some(0)] {
            assert_eq!(sites.get(1, from, query(&taking, &asked)), query(&taking, &Cell::new(0))(from));
        }
        assert_eq!(asked.get(), 2, "the best and the runner-up, once each");
        sites.changed();
        let taking = [false, true, false, true];
        assert_eq!(sites.get(1, None, query(&taking, &asked)), Some(1), "asked afresh after a change");
        assert_eq!(sites.get(7, None, query(&taking, &asked)), Some(1), "a home without a slot is asked directly");
    }

    #[test]
    fn a_kept_answer_is_not_taken_for_fresh_once_the_change_count_wraps_round() {
        let mut sites = SiteAnswers::new(1);
        let asked = Cell::new(0);
        sites.changes = 5;
        assert_eq!(sites.get(0, None, query(&[true, true], &asked)), Some(0));
        // 2³² changes later the count reads 5 again, and region 0 is full.
        sites.changes = u32::MAX;
        for _ in 0..6 {
            sites.changed();
        }
        assert_eq!(sites.changes, 5);
        assert_eq!(sites.get(0, None, query(&[false, true], &asked)), Some(1), "not the answer kept at 5");
    }
}
