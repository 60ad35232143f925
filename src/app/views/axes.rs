//! Axis ticks of the window's plots: [`crate::views::ticks`] (shared with
//! the exporters) fed with `egui_plot`'s grid input.
//!
//! One number format per axis: a linear axis picks one SI prefix and one
//! number of decimals for all its labels (from the visible range and the
//! tick step), so labels never mix "0.01", "0.0010" and "1.00e-4". Log axes
//! (which hold `log10` of the value) tick at powers of ten, or every few
//! powers when many decades show, labelled with plain decimals below one
//! and SI prefixes above a thousand (0.001, 1, 10, 1 k, 1 M), or as powers
//! of ten (1e-12 … 1e4) when the axis reaches below a millionth; zoomed in to
//! less than about a decade and a half they tick in 1–2–5
//! steps of the value itself. The time axis ticks at whole years (or 2, 5,
//! 10…) and, zoomed in, at 6, 3 or 1 months.
//!
//! Grid spacers learn the pixel scale from `egui_plot`'s `base_step_size`
//! (`grid_spacing.min` points of the axis); [`GRID_MIN`] is that spacing.

use egui_plot::{GridInput, GridMark};

use crate::views::ticks::{self, Tick};
pub use crate::views::ticks::{linear_label, log_label, nice_125, si, time_label};

/// Smallest grid spacing in points (`Plot::grid_spacing` minimum).
pub const GRID_MIN: f32 = 8.0;

/// Points between labelled ticks, at least, on the value axis.
const Y_LABEL_GAP: f64 = 34.0;

/// Points between labelled ticks, at least, on the time axis.
const X_LABEL_GAP: f64 = 64.0;

/// Axis units per point.
fn per_point(input: &GridInput) -> f64 {
    input.base_step_size / f64::from(GRID_MIN)
}

fn grid(ticks: Vec<Tick>) -> Vec<GridMark> {
    ticks.into_iter().map(|t| GridMark { value: t.value, step_size: t.step }).collect()
}

/// Ticks of a linear value axis: one 1–2–5 step for the whole axis.
pub fn linear_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    grid(ticks::linear_ticks(lo, hi, per_point(input) * Y_LABEL_GAP))
}

/// Ticks of a log axis (bounds are `log10` of the value).
pub fn log_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    grid(ticks::log_ticks(lo, hi, per_point(input) * Y_LABEL_GAP))
}

/// Ticks of the time axis (fractional years).
pub fn time_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    grid(ticks::time_ticks(lo, hi, per_point(input) * X_LABEL_GAP))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(lo: f64, hi: f64, points: f64) -> GridInput {
        GridInput { bounds: (lo, hi), base_step_size: (hi - lo) / points * f64::from(GRID_MIN) }
    }

    #[test]
    fn zoomed_log_ticks_are_1_2_5_steps_not_powers_of_a_tenth_decade() {
        // log10(3)..log10(7) over 200 points.
        let marks = log_marks(&input(3f64.log10(), 7f64.log10(), 200.0));
        let labels: Vec<String> = marks.iter().map(|m| log_label(m.value, (3f64.log10(), 7f64.log10()))).collect();
        assert_eq!(labels, ["3", "4", "5", "6", "7"]);
        let fine = log_marks(&input(1.2f64.log10(), 1.6f64.log10(), 200.0));
        let labels: Vec<String> = fine.iter().map(|m| log_label(m.value, (1.2f64.log10(), 1.6f64.log10()))).collect();
        assert_eq!(labels, ["1.2", "1.3", "1.4", "1.5", "1.6"]);
    }

    #[test]
    fn wide_log_axes_tick_at_decades_with_si_prefixes() {
        let marks = log_marks(&input(-4.0, 3.0, 300.0));
        assert!(marks.iter().all(|m| (m.value - m.value.round()).abs() < 1e-9));
        let labels: Vec<String> = marks.iter().map(|m| log_label(m.value, (-4.0, 3.0))).collect();
        assert!(labels.contains(&"0.0001".to_owned()) && labels.contains(&"1 k".to_owned()), "{labels:?}");
        assert!(!labels.iter().any(|l| l.contains('e')), "no scientific notation: {labels:?}");
    }

    #[test]
    fn an_axis_reaching_below_a_millionth_uses_powers_of_ten_throughout() {
        let labels: Vec<String> = [-12.0, -6.0, 0.0, 4.0].iter().map(|v| log_label(*v, (-12.5, 4.2))).collect();
        assert_eq!(labels, ["1e-12", "1e-6", "1e0", "1e4"]);
    }

    #[test]
    fn a_linear_axis_has_one_format_for_every_label() {
        let labels: Vec<String> =
            [0.0, 0.0005, 0.001, 0.0015].iter().map(|v| linear_label(*v, 0.0005, (0.0, 0.0016))).collect();
        assert_eq!(labels, ["0.0000", "0.0005", "0.0010", "0.0015"]);
        let big: Vec<String> = [0.0, 5e8, 1e9, 1.5e9].iter().map(|v| linear_label(*v, 5e8, (0.0, 1.6e9))).collect();
        assert_eq!(big, ["0.0 G", "0.5 G", "1.0 G", "1.5 G"]);
    }

    #[test]
    fn si_keeps_three_significant_digits() {
        assert_eq!(si(0.0001), "0.0001");
        assert_eq!(si(0.01234), "0.0123");
        assert_eq!(si(12.345), "12.3");
        assert_eq!(si(2500.0), "2.5 k");
        assert_eq!(si(1.0), "1");
        assert_eq!(si(742.3), "742");
        assert_eq!(si(5.2e9), "5.2 G");
    }

    #[test]
    fn time_ticks_are_years_or_whole_months() {
        let wide = time_marks(&input(2009.0, 2041.0, 600.0));
        assert!(wide.iter().all(|m| m.value.fract() == 0.0) && wide.len() >= 3);
        let narrow = time_marks(&input(2021.0, 2022.0, 600.0));
        assert!(narrow.iter().all(|m| ((m.value * 12.0) - (m.value * 12.0).round()).abs() < 1e-9));
        assert_eq!(time_label(2021.5, 0.25), "2021-07");
        assert_eq!(time_label(2030.0, 5.0), "2030");
    }
}
