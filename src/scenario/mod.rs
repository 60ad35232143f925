//! The scenario layer: the model a person edits, its validation, its RON file
//! format (with migration of older versions) and the bundled presets.
//!
//! Nothing here depends on a GUI toolkit; the simulation and the app both
//! build on it.

pub mod ai_model;
pub mod annotation;
pub mod io;
pub mod key_params;
pub mod migrate;
pub mod model;
pub mod month;
pub mod params;
pub mod presets;
mod registry;
pub mod validate;

pub use ai_model::*;
pub use annotation::Annotation;
pub use model::*;
pub use month::Month;
