//! The scenario layer: the model a person edits, its validation, its RON file
//! format and the bundled presets.
//!
//! Nothing here depends on a GUI toolkit; the simulation and the app both
//! build on it.

pub mod model;
pub mod month;
pub mod params;
pub mod validate;

pub use model::*;
pub use month::Month;
