//! What each view of the results shows, independent of any GUI toolkit.
//!
//! A view is one of the window's plot tabs: its plots, each plot's series by
//! column key, titles, axis scales and notes ([`catalog`]), the columns and
//! colours each plot draws ([`columns`], [`palette`]) and the tick labels of
//! its axes ([`ticks`]). The window draws from this description and so can
//! anything that renders results without a window (exports, reports), so an
//! exported chart is the chart on screen. It lives outside `app` so the
//! GUI-free build has it.

pub mod catalog;
pub mod columns;
pub mod palette;
pub mod ticks;

pub use catalog::{PlotKind, PlotSpec, Series, Tab};
