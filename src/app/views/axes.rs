//! Axis ticks and number formats of the plots, as plain functions.
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

/// Smallest grid spacing in points (`Plot::grid_spacing` minimum).
pub const GRID_MIN: f32 = 8.0;

/// Points between labelled ticks, at least, on the value axis.
const Y_LABEL_GAP: f64 = 34.0;

/// Points between labelled ticks, at least, on the time axis.
const X_LABEL_GAP: f64 = 64.0;

/// Below this many visible decades a log axis ticks in 1–2–5 steps.
const DECADE_MODE_SPAN: f64 = 1.3;

/// Axis units per point.
fn per_point(input: &GridInput) -> f64 {
    input.base_step_size / f64::from(GRID_MIN)
}

/// The smallest 1, 2 or 5 × 10^k at least `x`.
pub fn nice_125(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|s| *s >= x * (1.0 - 1e-9)).unwrap_or(10.0 * p)
}

fn marks(lo: f64, hi: f64, step: f64) -> Vec<GridMark> {
    if !(step > 0.0 && lo.is_finite() && hi.is_finite()) || (hi - lo) / step > 500.0 {
        return Vec::new();
    }
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|i| GridMark { value: i as f64 * step, step_size: step }).collect()
}

/// Ticks of a linear value axis: one 1–2–5 step for the whole axis.
pub fn linear_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    marks(lo, hi, nice_125(per_point(input) * Y_LABEL_GAP))
}

/// Label of a linear tick; the prefix comes from the larger end of the
/// visible `range`, the decimals from the tick step, so every label of the
/// axis has the same form.
pub fn linear_label(value: f64, step: f64, range: (f64, f64)) -> String {
    let biggest = range.0.abs().max(range.1.abs());
    let (scale, prefix) = prefix_for(biggest);
    let decimals = decimals_for(step / scale);
    let v = value / scale;
    let v = if v.abs() < step / scale * 1e-6 { 0.0 } else { v };
    format!("{v:.decimals$}{prefix}")
}

fn decimals_for(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 { 0 } else { (-step.log10().floor()).clamp(0.0, 9.0) as usize }
}

/// The SI prefix for numbers up to `biggest` (none below 10 000, so years of
/// counts read plainly).
fn prefix_for(biggest: f64) -> (f64, &'static str) {
    match biggest {
        b if b >= 1e12 => (1e12, " T"),
        b if b >= 1e9 => (1e9, " G"),
        b if b >= 1e6 => (1e6, " M"),
        b if b >= 1e4 => (1e3, " k"),
        _ => (1.0, ""),
    }
}

/// Ticks of a log axis (bounds are `log10` of the value).
pub fn log_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if hi - lo >= DECADE_MODE_SPAN {
        let decades = nice_125(per_point(input) * Y_LABEL_GAP).max(1.0).round();
        return marks(lo, hi, decades);
    }
    // Zoomed in: 1–2–5 steps of the value, placed at their logarithms.
    let (vlo, vhi) = (10f64.powf(lo), 10f64.powf(hi));
    let step = zoomed_step(vlo, vhi);
    marks(vlo, vhi, step)
        .into_iter()
        .filter(|m| m.value > 0.0)
        .map(|m| GridMark { value: m.value.log10(), step_size: (hi - lo) / ZOOMED_TICKS })
        .collect()
}

/// About this many ticks on a zoomed-in log axis.
const ZOOMED_TICKS: f64 = 4.0;

/// The value step of a zoomed-in log axis showing `vlo..vhi`.
fn zoomed_step(vlo: f64, vhi: f64) -> f64 {
    nice_125((vhi - vlo) / ZOOMED_TICKS)
}

/// Label of a log tick at `log_value`: SI-prefixed over many decades, the
/// linear form (one prefix, one number of decimals) when zoomed in.
pub fn log_label(log_value: f64, range: (f64, f64)) -> String {
    let value = 10f64.powf(log_value);
    if range.1 - range.0 >= DECADE_MODE_SPAN {
        // An axis reaching below a millionth writes every tick as a power of
        // ten, so its labels keep one form.
        if range.0 < -6.0 {
            return format!("1e{}", log_value.round() as i64);
        }
        return si(value);
    }
    let (vlo, vhi) = (10f64.powf(range.0), 10f64.powf(range.1));
    let step = zoomed_step(vlo, vhi);
    // Round to the step so 1.9999 reads 2.
    let value = (value / step).round() * step;
    linear_label(value, step, (vlo, vhi))
}

/// SI prefixes for large numbers.
const PREFIXES: [(f64, &str); 4] = [(1e12, " T"), (1e9, " G"), (1e6, " M"), (1e3, " k")];

/// A number with at most three significant digits: SI prefixes (k, M, G, T)
/// from a thousand up, plain decimals below (`0.0001`, `2.5 k`, `742`,
/// `30 M`); below a millionth, powers of ten (`3e-7`). Milli and micro are
/// left out: "10 m" reads as ten million to most people.
pub fn si(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x == 0.0 { "0".into() } else { x.to_string() };
    }
    let a = x.abs();
    if a < 1e-6 {
        return format!("{x:.0e}");
    }
    let (scale, prefix) = PREFIXES.iter().copied().find(|(s, _)| a >= *s * 0.9995).unwrap_or((1.0, ""));
    let v = x / scale;
    let digits = if v.abs() >= 99.95 { 0 } else { (2.0 - v.abs().log10().floor()).clamp(0.0, 8.0) as usize };
    let text = format!("{v:.digits$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text };
    format!("{text}{prefix}")
}

/// Candidate time steps in years: 1, 3 and 6 months, 1, 2, 5, 10, 20, 50
/// years.
const TIME_STEPS: [f64; 9] = [1.0 / 12.0, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0];

/// Ticks of the time axis (fractional years).
pub fn time_marks(input: &GridInput) -> Vec<GridMark> {
    let want = per_point(input) * X_LABEL_GAP;
    let step = TIME_STEPS.into_iter().find(|s| *s >= want).unwrap_or(100.0);
    let (lo, hi) = input.bounds;
    if step < 1.0 {
        // Month boundaries: count months so 1/12 steps do not drift.
        let per = (step * 12.0).round() as i64;
        let (first, last) = ((lo * 12.0).ceil() as i64, (hi * 12.0).floor() as i64);
        return (first..=last)
            .filter(|m| m.rem_euclid(per) == 0)
            .map(|m| GridMark { value: m as f64 / 12.0, step_size: step })
            .collect();
    }
    marks(lo, hi, step)
}

/// Label of a time tick: the year, or `YYYY-MM` for ticks between years.
pub fn time_label(value: f64, step: f64) -> String {
    if step < 1.0 {
        let months = (value * 12.0).round() as i64;
        format!("{}-{:02}", months.div_euclid(12), months.rem_euclid(12) + 1)
    } else {
        format!("{}", value.round() as i64)
    }
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
