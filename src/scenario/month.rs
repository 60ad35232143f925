//! Calendar months, the time step of every Diverge series.
//!
//! A [`Month`] is stored as a single integer (months since January of year 0)
//! so that arithmetic and comparisons are trivial, and is written in scenario
//! files as the string `"YYYY-MM"` so that people can read and edit it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month such as 2009-01.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Month(i32);

/// Earliest year a scenario may use.
pub const MIN_YEAR: i32 = 1990;
/// Latest year a scenario may use.
pub const MAX_YEAR: i32 = 2200;

impl Month {
    /// The month `month` (1–12) of `year`, or `None` when out of range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Self(year * 12 + month as i32 - 1))
    }

    /// Same as [`Month::new`] for values known to be valid (presets, tests).
    ///
    /// # Panics
    /// When `year` or `month` is out of range; never call it on user input.
    pub fn ym(year: i32, month: u32) -> Self {
        Self::new(year, month).expect("valid calendar month")
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// Month of the year, 1–12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// Months since January of year 0; useful for differences.
    pub fn index(self) -> i32 {
        self.0
    }

    /// This month moved by `months` (may be negative).
    #[must_use]
    pub fn offset(self, months: i32) -> Self {
        Self(self.0 + months)
    }

    /// Whole months from `earlier` to `self` (negative if `earlier` is later).
    pub fn months_since(self, earlier: Month) -> i32 {
        self.0 - earlier.0
    }

    /// The year as a fractional number, mid-month (2009-01 → 2009.04).
    pub fn as_year_fraction(self) -> f64 {
        f64::from(self.year()) + (f64::from(self.month()) - 0.5) / 12.0
    }

    /// Number of days in this month (Gregorian calendar).
    pub fn days(self) -> u32 {
        match self.month() {
            2 if is_leap(self.year()) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Seconds in this month.
    pub fn seconds(self) -> f64 {
        f64::from(self.days()) * 86_400.0
    }

    /// Every month from `self` to `end`, inclusive.
    pub fn through(self, end: Month) -> impl Iterator<Item = Month> {
        (self.0..=end.0).map(Month)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Why a text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a month as \"YYYY-MM\" between {MIN_YEAR}-01 and {MAX_YEAR}-12, got {0:?}")]
pub struct ParseMonthError(pub String);

impl FromStr for Month {
    type Err = ParseMonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseMonthError(s.to_owned());
        let (y, m) = s.trim().split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let year: i32 = y.parse().map_err(|_| err())?;
        let month: u32 = m.parse().map_err(|_| err())?;
        Month::new(year, month).ok_or_else(err)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let m: Month = "2021-06".parse().unwrap();
        assert_eq!((m.year(), m.month()), (2021, 6));
        assert_eq!(m.to_string(), "2021-06");
    }

    #[test]
    fn rejects_malformed_months() {
        for bad in ["2021-13", "2021-00", "21-06", "2021/06", "", "1800-01", "2021-6"] {
            assert!(bad.parse::<Month>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn arithmetic_crosses_years() {
        let m = Month::ym(2020, 11);
        assert_eq!(m.offset(3), Month::ym(2021, 2));
        assert_eq!(Month::ym(2021, 2).months_since(m), 3);
        assert_eq!(Month::ym(2024, 2).days(), 29);
        assert_eq!(Month::ym(2023, 2).days(), 28);
        assert_eq!(Month::ym(2009, 1).through(Month::ym(2009, 12)).count(), 12);
    }
}
