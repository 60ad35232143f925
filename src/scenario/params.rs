//! The typed parameter registry: one description (label, unit, range, help)
//! per numeric scenario field, reachable through a visitor.
//!
//! Validation walks it to check ranges and name the offending field by path
//! (`regions[3].industrial_price_usd_per_kwh`); the editor walks it to draw one
//! labelled, clamped widget per field with its tooltip; "reset to preset" walks
//! a preset and the edited scenario in step. Declaring a field once here keeps
//! those three in agreement.

use super::month::Month;

/// What the registry knows about one numeric field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Short label shown next to the widget.
    pub label: &'static str,
    /// Unit, written as people read it (`USD/kWh`, `TH/s`, `fraction 0–1`).
    pub unit: &'static str,
    /// Smallest valid value (inclusive).
    pub min: f64,
    /// Largest valid value (inclusive).
    pub max: f64,
    /// One or two sentences on what the parameter does.
    pub help: &'static str,
}

/// A mutable reference to a field of one of the supported types.
#[derive(Debug)]
pub enum Value<'a> {
    /// A real number.
    F64(&'a mut f64),
    /// A count or a number of months.
    U32(&'a mut u32),
    /// A large integer (the seed).
    U64(&'a mut u64),
    /// A switch.
    Bool(&'a mut bool),
    /// A calendar month.
    Month(&'a mut Month),
    /// A duration in months where `None` means "permanent".
    OptU32(&'a mut Option<u32>),
}

impl Value<'_> {
    /// The value as a number for range checks (`None` for switches, months
    /// and permanent durations).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::F64(v) => Some(**v),
            Value::U32(v) => Some(f64::from(**v)),
            Value::U64(v) => Some(**v as f64),
            Value::OptU32(Some(v)) => Some(f64::from(*v)),
            Value::Bool(_) | Value::Month(_) | Value::OptU32(None) => None,
        }
    }
}

/// Converts a field reference into a [`Value`].
pub trait IntoValue {
    /// The [`Value`] wrapping this field.
    #[allow(clippy::wrong_self_convention)] // borrows the field mutably, by design
    fn into_value(&mut self) -> Value<'_>;
}

impl IntoValue for f64 {
    fn into_value(&mut self) -> Value<'_> {
        Value::F64(self)
    }
}
impl IntoValue for u32 {
    fn into_value(&mut self) -> Value<'_> {
        Value::U32(self)
    }
}
impl IntoValue for u64 {
    fn into_value(&mut self) -> Value<'_> {
        Value::U64(self)
    }
}
impl IntoValue for bool {
    fn into_value(&mut self) -> Value<'_> {
        Value::Bool(self)
    }
}
impl IntoValue for Month {
    fn into_value(&mut self) -> Value<'_> {
        Value::Month(self)
    }
}
impl IntoValue for Option<u32> {
    fn into_value(&mut self) -> Value<'_> {
        Value::OptU32(self)
    }
}

/// Receives every registered field of a structure, in declaration order.
pub trait Visitor {
    /// Called once per field. `path` is the full field path such as
    /// `miners.operator.hurdle_rate_per_year`.
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>);
}

/// A structure whose numeric fields are registered.
pub trait Params {
    /// Visit every registered field; `path` is this structure's own path
    /// (empty at the top level).
    fn visit(&mut self, path: &str, v: &mut dyn Visitor);
}

/// `parent.field`, or just `field` at the top level.
pub fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() { field.to_owned() } else { format!("{parent}.{field}") }
}

/// `parent[index]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Declares the registered fields of a structure:
/// `field => ("Label", "unit", min, max, "help")`.
#[macro_export]
macro_rules! params {
    ($self:ident, $path:ident, $v:ident; $( $field:ident => ($label:expr, $unit:expr, $min:expr, $max:expr, $help:expr) ),* $(,)?) => {
        $({
            // Bounds are written as integer or float literals and constants.
            #[allow(clippy::cast_lossless)]
            let (min, max) = ($min as f64, $max as f64);
            $v.param(
                &$crate::scenario::params::join($path, stringify!($field)),
                &$crate::scenario::params::Param { label: $label, unit: $unit, min, max, help: $help },
                $crate::scenario::params::IntoValue::into_value(&mut $self.$field),
            );
        })*
    };
}

/// A visitor that collects `(path, param, value as f64)` for every numeric
/// field; used by validation, by "reset to preset" and by tests.
#[derive(Debug, Default)]
pub struct Collect {
    /// Every numeric field seen, in order.
    pub fields: Vec<(String, Param, Option<f64>)>,
}

impl Visitor for Collect {
    fn param(&mut self, path: &str, param: &Param, value: Value<'_>) {
        self.fields.push((path.to_owned(), *param, value.as_f64()));
    }
}

impl<T: IntoValue> IntoValue for &mut T {
    fn into_value(&mut self) -> Value<'_> {
        (**self).into_value()
    }
}
