//! Decentralisation metrics, defined once and used by both sectors.
//!
//! Inputs are [`Group`]s: `count` identical members holding `total` weight
//! between them (hash rate, compute, …). A cohort of a million hobbyists is one
//! group with `count = 1e6`; a firm is a group with `count = 1`. Every metric
//! treats a group of n members as n entities, without expanding it, so the cost
//! is O(groups · log groups) however many people a cohort holds. Counts may be
//! fractional (cohort sizes come from diffusion curves) but a group holding
//! weight counts as at least one entity; the Nakamoto coefficient rounds the
//! members it needs from a group up.
//!
//! Definitions (MODEL.md, "Decentralisation metrics"), on shares sᵢ = wᵢ / Σw:
//! - Nakamoto coefficient: fewest entities whose shares add to more than 50 %.
//! - HHI: Σ sᵢ² in 0–1; effective number 1 / HHI.
//! - Gini of the shares over all entities.
//! - Shannon entropy H = −Σ sᵢ log₂ sᵢ (bits), effective number 2^H.
//! - Participation: number of entities with a positive share.

/// `count` identical members holding `total` weight between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    /// Weight held by all members together (any unit; only ratios matter).
    pub total: f64,
    /// Number of identical members (≥ 0, may be fractional).
    pub count: f64,
}

impl Group {
    /// A single entity holding `total`.
    pub fn one(total: f64) -> Self {
        Self { total, count: 1.0 }
    }

    /// A cohort of `count` identical members holding `total` together. A
    /// cohort that holds anything is at least one entity: a diffusion curve
    /// can leave it with a fraction of a person, which would otherwise give
    /// its member more than the whole (an HHI above 1).
    pub fn cohort(total: f64, count: f64) -> Self {
        let count = if total > 0.0 { count.max(1.0) } else { count.max(0.0) };
        Self { total, count }
    }

    fn each(&self) -> f64 {
        self.total / self.count
    }
}

/// All metrics of one distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Concentration {
    /// Fewest entities holding more than half (0 when nothing is held).
    pub nakamoto: f64,
    /// Herfindahl–Hirschman index, 0–1 (NaN when nothing is held).
    pub hhi: f64,
    /// 1 / HHI.
    pub effective: f64,
    /// Gini coefficient of shares, 0–1.
    pub gini: f64,
    /// Shannon entropy of shares, in bits.
    pub entropy_bits: f64,
    /// Number of entities with a positive share.
    pub participants: f64,
}

impl Concentration {
    /// All-NaN metrics for an empty distribution.
    pub const EMPTY: Concentration = Concentration {
        nakamoto: 0.0,
        hhi: f64::NAN,
        effective: f64::NAN,
        gini: f64::NAN,
        entropy_bits: f64::NAN,
        participants: 0.0,
    };

    /// Effective number of entities by entropy, 2^H.
    pub fn entropy_effective(&self) -> f64 {
        self.entropy_bits.exp2()
    }
}

/// Buffers [`concentration`] reuses between calls, so a month's metrics
/// allocate nothing once the run is under way.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// The groups that hold something, normalised to shares.
    shares: Vec<Group>,
    /// Sort keys: the bits of each group's member share, complemented so
    /// that ascending order is largest first, above the group's position
    /// (one integer, which sorts faster than a pair).
    keys: Vec<u128>,
    /// The shares in that order.
    sorted: Vec<Ranked>,
}

/// A group in the sorted order, with its member share worked out once for
/// every metric that reads it.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    /// The group's share of the whole.
    total: f64,
    /// Its members.
    count: f64,
    /// The share of each member, `total / count`.
    each: f64,
}

/// Computes every metric of a distribution. `scratch` is reused between calls
/// to avoid allocating every month.
pub fn concentration(groups: &[Group], scratch: &mut Scratch) -> Concentration {
    let shares = &mut scratch.shares;
    shares.clear();
    shares.extend(groups.iter().copied().filter(|g| g.total > 0.0 && g.count > 0.0 && g.total.is_finite()));
    let total: f64 = shares.iter().map(|g| g.total).sum();
    if shares.is_empty() || total <= 0.0 {
        return Concentration::EMPTY;
    }
    for g in shares.iter_mut() {
        g.total /= total;
    }
    let sorted = largest_first(shares, &mut scratch.keys, &mut scratch.sorted);
    let hhi: f64 = sorted.iter().map(|g| g.total * g.total / g.count).sum();
    let entropy_bits: f64 = sorted.iter().map(|g| -g.total * g.each.log2()).sum();
    let participants: f64 = sorted.iter().map(|g| g.count).sum();
    Concentration {
        nakamoto: nakamoto_sorted(sorted),
        hhi,
        effective: 1.0 / hhi,
        gini: gini_sorted_desc(sorted, participants),
        entropy_bits: entropy_bits.max(0.0),
        participants,
    }
}

/// `shares` ordered by member share, largest first, equal shares in their
/// original order. Member shares are positive, so their bit patterns order
/// as the numbers do: sorting integer keys, each computed once, gives the
/// order a stable sort by member share would, at a fraction of its cost.
fn largest_first<'a>(shares: &[Group], keys: &mut Vec<u128>, sorted: &'a mut Vec<Ranked>) -> &'a [Ranked] {
    keys.clear();
    keys.extend(shares.iter().enumerate().map(|(i, g)| (u128::from(!g.each().to_bits()) << 32) | i as u128));
    keys.sort_unstable();
    sorted.clear();
    sorted.extend(keys.iter().map(|&key| {
        let g = shares[(key as u32) as usize];
        Ranked { total: g.total, count: g.count, each: f64::from_bits(!((key >> 32) as u64)) }
    }));
    sorted
}

/// Nakamoto coefficient of normalised groups sorted by member share, largest
/// first.
fn nakamoto_sorted(groups: &[Ranked]) -> f64 {
    let mut held = 0.0;
    let mut members = 0.0;
    for g in groups {
        let each = g.each;
        // A hair of tolerance so that exactly half (n/2 of n equal members) is
        // recognised despite rounding: exactly half is not more than half.
        let needed = ((0.5 - held) / each + 1e-9).floor() + 1.0;
        if needed <= g.count {
            return members + needed.max(1.0);
        }
        held += g.total;
        members += g.count;
    }
    // Rounding left the total a hair under one half; every member is needed.
    members
}

/// Gini of normalised groups sorted largest first, over `n` entities:
/// `G = 2 Σ k·y_k / (N Σ y) − (N + 1) / N` with ranks k ascending.
fn gini_sorted_desc(groups: &[Ranked], n: f64) -> f64 {
    if n <= 1.0 {
        return 0.0;
    }
    let mut rank_before = 0.0;
    let mut weighted = 0.0;
    for g in groups.iter().rev() {
        // Members of this group occupy ranks rank_before+1 ..= rank_before+count.
        let rank_sum = g.count * rank_before + g.count * (g.count + 1.0) / 2.0;
        weighted += g.each * rank_sum;
        rank_before += g.count;
    }
    (2.0 * weighted / n - (n + 1.0) / n).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn conc(groups: &[Group]) -> Concentration {
        concentration(groups, &mut Scratch::default())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    #[test]
    fn a_cohort_of_less_than_one_member_is_one_entity() {
        let c = conc(&[Group::cohort(3.0, 0.4)]);
        assert!(close(c.hhi, 1.0), "HHI {}", c.hhi);
        assert_eq!(c.nakamoto, 1.0);
        let mixed = conc(&[Group::cohort(1.0, 0.5), Group::one(1.0)]);
        assert!(close(mixed.hhi, 0.5), "two entities of one half each: {}", mixed.hhi);
    }

    #[test]
    fn one_entity_holds_everything() {
        let c = conc(&[Group::one(7.0)]);
        assert_eq!(c.nakamoto, 1.0);
        assert!(close(c.hhi, 1.0));
        assert!(close(c.effective, 1.0));
        assert!(close(c.gini, 0.0));
        assert!(close(c.entropy_bits, 0.0));
        assert_eq!(c.participants, 1.0);
    }

    #[test]
    fn hand_worked_three_firms() {
        // Shares 0.5, 0.3, 0.2: more than half needs two firms.
        let c = conc(&[Group::one(5.0), Group::one(3.0), Group::one(2.0)]);
        assert_eq!(c.nakamoto, 2.0);
        assert!(close(c.hhi, 0.25 + 0.09 + 0.04));
        // Gini = Σ|xi−xj| / (2 n² mean) = (0.2+0.3+0.1)*2 / (2·9·(1/3)) = 0.2
        assert!(close(c.gini, 0.2), "gini {}", c.gini);
        let h = -(0.5f64 * 0.5f64.log2() + 0.3 * 0.3f64.log2() + 0.2 * 0.2f64.log2());
        assert!(close(c.entropy_bits, h));
    }

    #[test]
    fn exactly_half_is_not_more_than_half() {
        let c = conc(&[Group::one(1.0), Group::one(1.0)]);
        assert_eq!(c.nakamoto, 2.0);
    }

    #[test]
    fn a_cohort_counts_as_its_members() {
        // A pool of 40 % and a cohort of 1,000 people holding 60 % together.
        let c = conc(&[Group::one(0.4), Group::cohort(0.6, 1000.0)]);
        // 40 % + 0.06 % per person: needs 167 people to pass 50 % (0.4+0.1002).
        assert_eq!(c.nakamoto, 1.0 + 167.0);
        assert!(close(c.hhi, 0.16 + 1000.0 * (0.0006f64).powi(2)));
        assert_eq!(c.participants, 1001.0);
        // Same result as expanding the cohort into individuals.
        let mut expanded = vec![Group::one(0.4)];
        expanded.extend(std::iter::repeat_n(Group::one(0.0006), 1000));
        let e = conc(&expanded);
        assert!(close(c.gini, e.gini), "{} vs {}", c.gini, e.gini);
        assert!(close(c.entropy_bits, e.entropy_bits));
        assert_eq!(c.nakamoto, e.nakamoto);
    }

    #[test]
    fn empty_and_zero_inputs_are_empty() {
        assert_eq!(conc(&[]).participants, 0.0);
        assert!(conc(&[Group::one(0.0)]).hhi.is_nan());
    }

    proptest! {
        #[test]
        fn permuting_shares_changes_nothing(mut w in prop::collection::vec(0.001f64..100.0, 1..40), seed in any::<u64>()) {
            let a = conc(&w.iter().map(|&x| Group::one(x)).collect::<Vec<_>>());
            // Deterministic shuffle.
            let n = w.len();
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                w.swap(i, (s >> 33) as usize % (i + 1));
            }
            let b = conc(&w.iter().map(|&x| Group::one(x)).collect::<Vec<_>>());
            prop_assert_eq!(a.nakamoto, b.nakamoto);
            prop_assert!(close(a.hhi, b.hhi));
            prop_assert!(close(a.gini, b.gini));
            prop_assert!(close(a.entropy_bits, b.entropy_bits));
        }

        #[test]
        fn n_equal_entities_give_one_over_n(n in 1usize..200, w in 0.01f64..10.0) {
            let c = conc(&vec![Group::one(w); n]);
            prop_assert!(close(c.hhi, 1.0 / n as f64));
            prop_assert!(close(c.effective, n as f64));
            prop_assert!(c.gini.abs() < 1e-9);
            prop_assert!(close(c.entropy_effective(), n as f64));
            prop_assert_eq!(c.nakamoto, (n / 2 + 1) as f64);
            // The same as one cohort of n.
            let k = conc(&[Group::cohort(w * n as f64, n as f64)]);
            prop_assert!(close(k.hhi, c.hhi));
            prop_assert_eq!(k.nakamoto, c.nakamoto);
        }

        #[test]
        fn metrics_stay_in_range(w in prop::collection::vec(0.0f64..100.0, 1..40)) {
            let c = conc(&w.iter().map(|&x| Group::one(x)).collect::<Vec<_>>());
            if c.participants > 0.0 {
                prop_assert!(c.hhi > 0.0 && c.hhi <= 1.0 + 1e-12);
                prop_assert!((0.0..=1.0).contains(&c.gini));
                prop_assert!(c.nakamoto >= 1.0 && c.nakamoto <= c.participants);
                prop_assert!(c.effective <= c.participants + 1e-9);
            }
        }
    }
}
