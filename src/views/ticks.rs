//! Axis ticks and number formats of the charts, as plain functions of the
//! axis range and of the smallest step between labels (in axis units), so
//! the window's plots and the exported charts tick and label alike.
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

/// One tick: its position on the axis and the step between ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    /// Position (fractional year, value, or `log10` of the value).
    pub value: f64,
    /// Step between neighbouring ticks, in axis units.
    pub step: f64,
}

/// Below this many visible decades a log axis ticks in 1–2–5 steps.
pub const DECADE_MODE_SPAN: f64 = 1.3;

/// The smallest 1, 2 or 5 × 10^k at least `x`.
pub fn nice_125(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|s| *s >= x * (1.0 - 1e-9)).unwrap_or(10.0 * p)
}

fn marks(lo: f64, hi: f64, step: f64) -> Vec<Tick> {
    if !(step > 0.0 && lo.is_finite() && hi.is_finite()) || (hi - lo) / step > 500.0 {
        return Vec::new();
    }
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|i| Tick { value: i as f64 * step, step }).collect()
}

/// Ticks of a linear value axis over `lo..hi`, at least `min_step` apart:
/// one 1–2–5 step for the whole axis.
pub fn linear_ticks(lo: f64, hi: f64, min_step: f64) -> Vec<Tick> {
    marks(lo, hi, nice_125(min_step))
}

/// Ticks of a log axis over `lo..hi` (`log10` of the value), at least
/// `min_step` (in decades) apart.
pub fn log_ticks(lo: f64, hi: f64, min_step: f64) -> Vec<Tick> {
    if hi - lo >= DECADE_MODE_SPAN {
        let decades = nice_125(min_step).max(1.0).round();
        return marks(lo, hi, decades);
    }
    // Zoomed in: 1–2–5 steps of the value, placed at their logarithms.
    let (vlo, vhi) = (10f64.powf(lo), 10f64.powf(hi));
    let step = zoomed_step(vlo, vhi);
    marks(vlo, vhi, step)
        .into_iter()
        .filter(|m| m.value > 0.0)
        .map(|m| Tick { value: m.value.log10(), step: (hi - lo) / ZOOMED_TICKS })
        .collect()
}

/// Ticks of the time axis over `lo..hi` (fractional years), at least
/// `min_step` years apart.
pub fn time_ticks(lo: f64, hi: f64, min_step: f64) -> Vec<Tick> {
    let step = TIME_STEPS.into_iter().find(|s| *s >= min_step).unwrap_or(100.0);
    if step < 1.0 {
        // Month boundaries: count months so 1/12 steps do not drift.
        let per = (step * 12.0).round() as i64;
        let (first, last) = ((lo * 12.0).ceil() as i64, (hi * 12.0).floor() as i64);
        return (first..=last)
            .filter(|m| m.rem_euclid(per) == 0)
            .map(|m| Tick { value: m as f64 / 12.0, step })
            .collect();
    }
    marks(lo, hi, step)
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

/// About this many ticks on a zoomed-in log axis.
pub const ZOOMED_TICKS: f64 = 4.0;

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

/// Label of a time tick: the year, or `YYYY-MM` for ticks between years.
pub fn time_label(value: f64, step: f64) -> String {
    if step < 1.0 {
        let months = (value * 12.0).round() as i64;
        format!("{}-{:02}", months.div_euclid(12), months.rem_euclid(12) + 1)
    } else {
        format!("{}", value.round() as i64)
    }
}
