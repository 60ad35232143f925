//! What the user asked for, as data.
//!
//! Panels never change the scenario or the run themselves: they return
//! [`Command`]s, and [`crate::app::DivergeApp::apply`] applies them after
//! drawing. That one place is where undo history, the dirty marker and the
//! re-run of the simulation are kept consistent.

use std::path::PathBuf;

use crate::scenario::{HardwareKind, Month, RegionGroup};

use super::views::Tab;

/// A typed value of one registered parameter (see
/// [`crate::scenario::params::Value`]), owned so it can travel in a command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// A real number.
    F64(f64),
    /// A count or a number of months.
    U32(u32),
    /// A large integer (the seed).
    U64(u64),
    /// A switch.
    Bool(bool),
    /// A calendar month.
    Month(Month),
    /// A duration in months; `None` is permanent.
    OptU32(Option<u32>),
}

/// A list in the scenario whose items can be added, removed and reordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// `market.price_usd`.
    PriceTable,
    /// `market.fees_btc_per_block`.
    FeeTable,
    /// `hardware`.
    Hardware,
    /// `regions`.
    Regions,
    /// `events`.
    Events,
    /// `pools.pools`.
    Pools,
    /// `ai.workloads`.
    Workloads,
    /// `ai.providers`.
    Providers,
    /// `ai.devices`.
    Devices,
    /// `annotations`.
    Annotations,
}

/// An operation on a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOp {
    /// Append a new item (a copy of the last one, or the default).
    Add,
    /// Remove the item at this index.
    Remove(usize),
    /// Swap the item with the one before it.
    MoveUp(usize),
    /// Swap the item with the one after it.
    MoveDown(usize),
}

/// A text field of the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// `name`.
    Name,
    /// `description`.
    Description,
    /// `notes`.
    Notes,
    /// The `id` of a list item.
    Id(ListKind, usize),
    /// The `name` of a list item.
    ItemName(ListKind, usize),
    /// The label of an event.
    EventLabel(usize),
    /// The region id an event acts on.
    EventRegion(usize),
    /// The text of an annotation.
    AnnotationText(usize),
    /// The column key an annotation points at (empty: none).
    AnnotationSeries(usize),
}

/// The variant of an event, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKindTag {
    /// [`crate::scenario::EventKind::EnergyShock`].
    EnergyShock,
    /// [`crate::scenario::EventKind::Ban`].
    Ban,
    /// [`crate::scenario::EventKind::CapacityChange`].
    CapacityChange,
    /// [`crate::scenario::EventKind::RenewableSubsidy`].
    RenewableSubsidy,
    /// [`crate::scenario::EventKind::GpuShortage`].
    GpuShortage,
    /// [`crate::scenario::EventKind::AsicShortage`].
    AsicShortage,
    /// [`crate::scenario::EventKind::BtcPriceShock`].
    BtcPriceShock,
}

/// A change to the scenario a person made in the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set the registered parameter at `path`.
    Set {
        /// Path as the registry names it (`regions[2].capacity_mw`).
        path: String,
        /// The new value.
        value: Scalar,
    },
    /// Replace a text field.
    Text(TextField, String),
    /// Change the kind of a hardware generation.
    HardwareKind(usize, HardwareKind),
    /// Change the group of a region.
    RegionGroup(usize, RegionGroup),
    /// Change the kind of an event (its numbers reset to that kind's defaults).
    EventKind(usize, EventKindTag),
    /// Add, remove or move a list item.
    List(ListKind, ListOp),
    /// Show the parameter at `path` when presenting, or stop showing it
    /// (the scenario's `key_parameters`).
    KeyParameter {
        /// Registry path.
        path: String,
        /// Whether it is shown.
        shown: bool,
    },
}

/// Everything the user can ask the app to do.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Command {
    /// Change the scenario.
    Edit(Edit),
    /// Set the parameter at this path back to its value in the preset or file
    /// the scenario came from.
    ResetField(String),
    /// Step back in the edit history.
    Undo,
    /// Step forward in the edit history.
    Redo,
    /// Start a new scenario from the default (asks first when unsaved).
    New,
    /// Show the open dialog (asks first when unsaved).
    Open,
    /// Open this file (asks first when unsaved).
    OpenPath(PathBuf),
    /// Open a bundled preset by name (asks first when unsaved).
    OpenPreset(String),
    /// Save to the current file, or ask for one.
    Save,
    /// Ask for a file and save there.
    SaveAs,
    /// Run the scenario again.
    Rerun,
    /// Stop the current run.
    Cancel,
    /// Switch the plot tab.
    ShowTab(Tab),
    /// Toggle full screen.
    ToggleFullscreen,
    /// Show or hide the editor panel.
    ToggleEditor,
    /// Switch to the light, dark or system theme.
    SetTheme(egui::ThemePreference),
    /// Show the About window.
    ShowAbout,
    /// Show the keyboard shortcuts window.
    ShowShortcuts,
    /// Close the window (asks first when unsaved).
    Quit,
    /// Ask where to write an export, then write it.
    Export(super::export::ExportKind),
    /// Forget the recent files list.
    ClearRecent,
    /// Drop unsaved changes and run the action.
    Discard(PendingAction),
    /// Save, then run the action.
    SaveThen(PendingAction),
    /// A path typed where no native file dialog exists.
    ChosenPath(super::files::DialogPurpose, PathBuf),
    /// Close without saving but keep a recovery copy for the next launch.
    QuitKeepingRecovery,
    /// Restore the recovery copy found at launch.
    RestoreRecovery(Box<super::recovery::RecoveryFile>),
    /// Delete the recovery copy found at launch.
    DiscardRecovery,
    /// Monte Carlo, comparison, sensitivity or sweep.
    Experiment(super::experiments::Request),
    /// Enter, leave or step through presentation mode.
    Present(super::present::PresentStep),
}

/// An action that replaces or closes the scenario, held while the user is
/// asked about unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingAction {
    /// Start a new scenario.
    New,
    /// Show the open dialog.
    OpenDialog,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open this preset.
    OpenPreset(String),
    /// Close the window.
    Close,
}
