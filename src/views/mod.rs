//! What each view of the results shows, independent of any GUI toolkit.
//!
//! A view is one of the window's plot tabs: its plots, each plot's series by
//! column key, titles, axis scales and notes ([`catalog`]). The window draws
//! from this description and so can anything that renders results without a
//! window (exports, reports), so an exported chart is the chart on screen.
//! It lives outside `app` so the GUI-free build has it.

pub mod catalog;

pub use catalog::{PlotKind, PlotSpec, Series, Tab};
