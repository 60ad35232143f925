//! Which series each plot shows: one table per tab.
//!
//! Adding a series is one line here. Keys are the column contract of the
//! simulation (`issues` 4 and 6); the unit comes from the column's
//! [`crate::sim::ColumnSpec`]. A key the results do not contain is simply
//! left out, so views work with whichever sectors are present.

use serde::{Deserialize, Serialize};

/// One series of a plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// The column with this key, shown under this name.
    Key(&'static str, &'static str),
    /// Every column whose key starts with this prefix, shown under the
    /// column's own label (`region_share.` → one series per region).
    Prefix(&'static str),
}

/// How a plot draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlotKind {
    /// One line per series.
    Lines,
    /// Series stacked on each other as filled areas (shares that add to 1).
    Stacked,
}

/// One plot of a tab.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotSpec {
    /// Stable id (plot memory, log toggles, tests).
    pub id: &'static str,
    /// Title above the plot.
    pub title: &'static str,
    /// Series drawn.
    pub series: &'static [Series],
    /// Log scale by default.
    pub log: bool,
    /// Whether a log toggle makes sense.
    pub log_toggle: bool,
    /// Lines or stacked areas.
    pub kind: PlotKind,
    /// What a reader needs to know to read it (hover on the title); empty
    /// when the title says it all.
    pub note: &'static str,
}

/// The plot tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Tab {
    /// Both sectors' decentralisation side by side.
    #[default]
    Overview,
    /// Hash rate, price, hashprice, revenue.
    HashEconomics,
    /// Entity, pool and class concentration.
    Concentration,
    /// Region shares.
    Geography,
    /// Power, energy, efficiency.
    Energy,
    /// The AI sector.
    Ai,
}

impl Tab {
    /// Every tab in display order.
    pub const ALL: [Tab; 6] =
        [Tab::Overview, Tab::HashEconomics, Tab::Concentration, Tab::Geography, Tab::Energy, Tab::Ai];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview — Diverging futures",
            Tab::HashEconomics => "Hash rate & economics",
            Tab::Concentration => "Concentration",
            Tab::Geography => "Geography",
            Tab::Energy => "Energy",
            Tab::Ai => "AI: edge vs cloud",
        }
    }

    /// Short lowercase name for the command line (`--tab`).
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::HashEconomics => "hashrate",
            Tab::Concentration => "concentration",
            Tab::Geography => "geography",
            Tab::Energy => "energy",
            Tab::Ai => "ai",
        }
    }

    /// The tab with this [`Tab::slug`].
    pub fn from_slug(slug: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// Whether markers of this kind belong on this tab: halvings, mining
    /// events and the end of the price history say nothing about AI compute,
    /// and the data stock and GPU shortages nothing about mining.
    pub fn shows_marker(self, kind: crate::sim::MarkerKind) -> bool {
        use crate::sim::MarkerKind;
        match self {
            Tab::Ai => matches!(kind, MarkerKind::DataExhaustion | MarkerKind::AiEvent),
            Tab::HashEconomics | Tab::Concentration | Tab::Geography | Tab::Energy => {
                !matches!(kind, MarkerKind::DataExhaustion | MarkerKind::AiEvent)
            }
            Tab::Overview => true,
        }
    }

    /// The plots of this tab.
    pub fn plots(self) -> &'static [PlotSpec] {
        match self {
            Tab::Overview => OVERVIEW,
            Tab::HashEconomics => HASH_ECONOMICS,
            Tab::Concentration => CONCENTRATION,
            Tab::Geography => GEOGRAPHY,
            Tab::Energy => ENERGY,
            Tab::Ai => AI,
        }
    }
}

const fn lines(id: &'static str, title: &'static str, log: bool, series: &'static [Series]) -> PlotSpec {
    PlotSpec { id, title, series, log, log_toggle: true, kind: PlotKind::Lines, note: "" }
}

const fn linear(id: &'static str, title: &'static str, series: &'static [Series]) -> PlotSpec {
    PlotSpec { id, title, series, log: false, log_toggle: false, kind: PlotKind::Lines, note: "" }
}

const fn with_note(spec: PlotSpec, note: &'static str) -> PlotSpec {
    PlotSpec { note, ..spec }
}

/// Why the AI Nakamoto coefficient leaps to the billions.
const AI_NAKAMOTO_NOTE: &str = "The AI Nakamoto coefficient counts the fewest owners holding half of the compute. \
While clouds hold the majority it is a handful of providers; once edge devices hold half, the count must include \
the device owners — billions of people — so those months are drawn in the labelled band at the top.";

/// Why the Gini of mining entities sits near 1.
const GINI_NOTE: &str = "The Gini coefficient counts every entity, and from 2013 on millions of hobbyists with a \
tiny hash rate each are entities too, so inequality reads near 1 whatever the firms do. HHI and the effective \
number of entities show the concentration among the large miners.";

use Series::{Key, Prefix};

const OVERVIEW: &[PlotSpec] = &[
    lines(
        "overview.effective",
        "Effective number of entities (1 / HHI)",
        true,
        &[
            Key("effective_entities", "Mining: effective entities"),
            Key("ai_effective_owners", "AI: effective compute owners"),
            Key("effective_regions", "Mining: effective regions"),
        ],
    ),
    with_note(
        lines(
            "overview.nakamoto",
            "Nakamoto coefficients",
            true,
            &[
                Key("nakamoto_entity", "Mining: entities"),
                Key("nakamoto_pool", "Mining: pools"),
                Key("ai_nakamoto_owner", "AI: compute owners"),
            ],
        ),
        AI_NAKAMOTO_NOTE,
    ),
    linear(
        "overview.edge",
        "Share at the edge: hobbyist hash vs edge inference",
        &[
            Key("hobbyist_hash_share", "Mining: hobbyists' hash share"),
            Key("ai_edge_share", "AI: inference served at the edge"),
        ],
    ),
    linear(
        "overview.hhi",
        "Concentration (HHI)",
        &[
            Key("hhi_entity", "Mining: entities"),
            Key("hhi_pool", "Mining: pools"),
            Key("ai_hhi_owner", "AI: compute owners"),
        ],
    ),
];

const HASH_ECONOMICS: &[PlotSpec] = &[
    lines("hash.hashrate", "Network hash rate", true, &[Key("hashrate_ehs", "Hash rate")]),
    lines("hash.price", "Bitcoin price", true, &[Key("btc_price_usd", "BTC price")]),
    lines("hash.hashprice", "Hashprice", true, &[Key("hashprice_usd_per_ph_day", "Hashprice")]),
    lines("hash.revenue", "Miners' revenue", true, &[Key("revenue_usd", "Revenue")]),
];

const CONCENTRATION: &[PlotSpec] = &[
    PlotSpec {
        id: "conc.class",
        title: "Hash share by miner class",
        series: &[
            Key("class_share.hobbyist", "Hobbyists"),
            Key("class_share.operator", "Operators"),
            Key("class_share.industrial", "Industrial"),
        ],
        log: false,
        log_toggle: false,
        kind: PlotKind::Stacked,
        note: "",
    },
    lines(
        "conc.nakamoto",
        "Nakamoto coefficients",
        true,
        &[Key("nakamoto_entity", "Entities"), Key("nakamoto_pool", "Pools"), Key("nakamoto_region", "Regions")],
    ),
    with_note(
        linear(
            "conc.hhi",
            "HHI and Gini",
            &[
                Key("hhi_entity", "HHI entities"),
                Key("hhi_pool", "HHI pools"),
                Key("hhi_region", "HHI regions"),
                Key("gini_entity", "Gini entities (every hobbyist counts)"),
            ],
        ),
        GINI_NOTE,
    ),
    lines(
        "conc.entities",
        "Entities",
        true,
        &[Key("active_entities", "Active entities"), Key("effective_entities", "Effective entities")],
    ),
];

const GEOGRAPHY: &[PlotSpec] = &[
    PlotSpec {
        id: "geo.shares",
        title: "Hash rate share by region",
        series: &[Prefix("region_share.")],
        log: false,
        log_toggle: false,
        kind: PlotKind::Stacked,
        note: "",
    },
    lines(
        "geo.effective",
        "Geographic spread",
        false,
        &[Key("effective_regions", "Effective regions"), Key("nakamoto_region", "Nakamoto (regions)")],
    ),
];

/// What the AI energy series are.
const AI_ENERGY_NOTE: &str = "AI lines are the electricity of inference only (no training, no idle capacity), \
estimated from tokens served × 2 FLOP per parameter over the FLOP per joule deployed hardware delivers, \
improving 50 % a year: a lower bound beside mining's whole fleet.";

const ENERGY: &[PlotSpec] = &[
    with_note(
        lines(
            "energy.power",
            "Power draw: mining and AI inference",
            true,
            &[
                Key("power_gw", "Mining"),
                Key("ai_cloud_power_gw", "AI: cloud inference"),
                Key("ai_edge_power_gw", "AI: edge inference"),
            ],
        ),
        AI_ENERGY_NOTE,
    ),
    with_note(
        lines(
            "energy.twh",
            "Energy per year: mining and AI inference",
            true,
            &[
                Key("energy_twh_per_year", "Mining"),
                Key("ai_cloud_energy_twh_per_year", "AI: cloud inference"),
                Key("ai_edge_energy_twh_per_year", "AI: edge inference"),
            ],
        ),
        AI_ENERGY_NOTE,
    ),
    lines(
        "energy.efficiency",
        "Mining fleet efficiency",
        true,
        &[Key("fleet_efficiency_j_per_th", "Fleet efficiency")],
    ),
    lines(
        "energy.ai_demand",
        "AI inference served (what its energy pays for)",
        true,
        &[Key("ai_demand_t_tokens_per_month", "Tokens served, cloud and edge")],
    ),
];

const AI: &[PlotSpec] = &[
    linear(
        "ai.edge",
        "Share of inference at the edge",
        &[Key("ai_edge_share", "All workloads"), Prefix("ai_edge_share.")],
    ),
    lines(
        "ai.market",
        "Edge market and cloud spend",
        true,
        &[Key("ai_edge_market_usd_b", "Edge AI market"), Key("ai_cloud_spend_usd_b", "Cloud AI spend")],
    ),
    lines("ai.price", "Cloud price", true, &[Key("ai_cloud_price_usd_per_mtok", "Cloud price")]),
    lines("ai.devices", "AI-capable devices", true, &[Key("ai_capable_devices_m", "Devices")]),
    lines(
        "ai.models",
        "Model sizes",
        true,
        &[Key("ai_frontier_params_b", "Frontier model"), Key("ai_small_model_params_b", "Largest on-device model")],
    ),
    with_note(
        lines(
            "ai.owners",
            "Ownership of AI compute",
            true,
            &[Key("ai_effective_owners", "Effective owners"), Key("ai_nakamoto_owner", "Nakamoto coefficient")],
        ),
        AI_NAKAMOTO_NOTE,
    ),
];
