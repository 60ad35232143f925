//! The colours of the plots: one story on every plot.
//!
//! Colours come from the Okabe–Ito palette, which stays distinguishable with
//! the common forms of colour blindness and on light and dark backgrounds.
//! A *sector* has one hue everywhere — mining vermillion, AI blue — and a
//! *series kind* keeps its colour on every plot it appears in: mining
//! entities are always vermillion, pools orange, regions reddish purple, the
//! cloud sky blue, edge devices blue. A second measure of the same kind on a
//! plot (Gini beside HHI, effective beside active entities) keeps the
//! colour and is dashed. Categorical series (regions, workloads, device
//! classes) take the palette in order, never two neighbours alike.

use egui::Color32;

/// Okabe–Ito orange.
pub const ORANGE: Color32 = Color32::from_rgb(0xe6, 0x9f, 0x00);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: Color32 = Color32::from_rgb(0x56, 0xb4, 0xe9);
/// Okabe–Ito bluish green.
pub const BLUISH_GREEN: Color32 = Color32::from_rgb(0x00, 0x9e, 0x73);
/// Okabe–Ito yellow (fills only: too pale for lines and text on white).
pub const YELLOW: Color32 = Color32::from_rgb(0xf0, 0xe4, 0x42);
/// Okabe–Ito blue.
pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xb2);
/// Okabe–Ito vermillion.
pub const VERMILLION: Color32 = Color32::from_rgb(0xd5, 0x5e, 0x00);
/// Okabe–Ito reddish purple.
pub const REDDISH_PURPLE: Color32 = Color32::from_rgb(0xcc, 0x79, 0xa7);
/// Neutral grey.
pub const GREY: Color32 = Color32::from_rgb(0x99, 0x99, 0x99);

/// The mining sector's colour.
pub const MINING: Color32 = VERMILLION;
/// The AI sector's colour.
pub const AI: Color32 = BLUE;

/// Colours for categorical series, in order: the Okabe–Ito colours, then
/// grey, a violet and an olive (hues none of the others has) so ten regions
/// stay apart.
const CATEGORICAL: [Color32; 10] = [
    BLUE,
    ORANGE,
    BLUISH_GREEN,
    VERMILLION,
    SKY_BLUE,
    REDDISH_PURPLE,
    YELLOW,
    GREY,
    Color32::from_rgb(0x6a, 0x51, 0xa3),
    Color32::from_rgb(0x99, 0x99, 0x33),
];

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesStyle {
    /// Line or fill colour.
    pub color: Color32,
    /// A second measure of a kind already on the plot.
    pub dashed: bool,
}

const fn solid(color: Color32) -> SeriesStyle {
    SeriesStyle { color, dashed: false }
}

const fn dashed(color: Color32) -> SeriesStyle {
    SeriesStyle { color, dashed: true }
}

/// The style of the column `key` wherever it is drawn.
pub fn of_key(key: &str) -> SeriesStyle {
    match key {
        "nakamoto_entity" | "hhi_entity" | "effective_entities" | "hobbyist_hash_share" => solid(MINING),
        "gini_entity" | "active_entities" => dashed(MINING),
        "nakamoto_pool" | "hhi_pool" | "class_share.operator" => solid(ORANGE),
        "nakamoto_region" | "hhi_region" => solid(REDDISH_PURPLE),
        "effective_regions" => dashed(REDDISH_PURPLE),
        "class_share.hobbyist" => solid(BLUISH_GREEN),
        "class_share.industrial" => solid(VERMILLION),
        "ai_cloud_spend_usd_b"
        | "ai_cloud_price_usd_per_mtok"
        | "ai_frontier_params_b"
        | "ai_cloud_energy_twh_per_year"
        | "ai_cloud_power_gw" => solid(SKY_BLUE),
        "ai_nakamoto_owner" => dashed(AI),
        "ai_small_model_params_b" => solid(AI),
        k if k.starts_with("ai_") => solid(AI),
        _ => solid(MINING),
    }
}

/// The style of the `i`-th categorical series of a plot.
pub fn categorical(i: usize) -> SeriesStyle {
    solid(CATEGORICAL[i % CATEGORICAL.len()])
}

/// A colour readable as text or a thin line on the current background:
/// yellow is darkened on light backgrounds.
pub fn readable(color: Color32, dark_mode: bool) -> Color32 {
    if !dark_mode && color == YELLOW { Color32::from_rgb(0x9a, 0x8a, 0x00) } else { color }
}

/// Colour of a marker line and its label: halvings orange, mining events
/// vermillion, AI events blue, the projection start grey; darker in the
/// light theme so labels read on white.
pub fn marker(kind: crate::sim::MarkerKind, dark_mode: bool) -> Color32 {
    use crate::sim::MarkerKind;
    let (dark, light) = match kind {
        MarkerKind::Halving => (ORANGE, Color32::from_rgb(0x9c, 0x5f, 0x00)),
        MarkerKind::ScenarioEvent => (Color32::from_rgb(0xf0, 0x7a, 0x3a), Color32::from_rgb(0xa8, 0x3c, 0x00)),
        MarkerKind::DataExhaustion | MarkerKind::AiEvent => (SKY_BLUE, BLUE),
        MarkerKind::ProjectionStart => (GREY, Color32::from_rgb(0x60, 0x60, 0x60)),
    };
    if dark_mode { dark } else { light }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sector_keeps_its_colour_across_plots() {
        for key in ["ai_effective_owners", "ai_hhi_owner", "ai_edge_share"] {
            assert_eq!(of_key(key).color, AI, "{key}");
        }
        for key in ["effective_entities", "nakamoto_entity", "hhi_entity", "hobbyist_hash_share"] {
            assert_eq!(of_key(key).color, MINING, "{key}");
        }
        assert_eq!(of_key("nakamoto_pool").color, of_key("hhi_pool").color);
        assert_ne!(of_key("nakamoto_pool").color, AI);
    }

    #[test]
    fn ten_categories_get_ten_colours() {
        let colours: Vec<Color32> = (0..10).map(|i| categorical(i).color).collect();
        for (i, c) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(c));
        }
    }
}
