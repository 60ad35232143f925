//! The simulation core: both sectors stepped month by month over one timeline,
//! writing one row of named columns per month.
//!
//! [`Simulation`] is a stepper so a caller can run it to the end in one go
//! (command line, tests) or a few months at a time on a worker thread,
//! reporting progress and stopping between months when cancelled (the app).
//! Each sector implements [`Sector`] and draws from its own random stream
//! derived from the one scenario seed, so a change to one sector's draws never
//! perturbs the other's. No GUI code lives here.

pub mod ai;
pub mod metrics;
pub mod mining;
pub mod replay;
pub mod results;
pub mod run;

pub use replay::Finished;
pub use results::{ColumnSpec, Marker, MarkerKind, Results};
pub use run::{Cancelled, MonthContext, RunError, Sector, SectorKind, Simulation, run, run_sectors};
