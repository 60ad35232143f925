//! The colours of the charts, as plain RGB values: one story on every plot,
//! in the window and in every export.
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
//!
//! The values live here, free of any GUI toolkit, so the exporters draw with
//! exactly the window's colours; the window's style module converts them to
//! its toolkit's colour type.

use crate::sim::MarkerKind;

/// A colour as 8-bit sRGB channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as SVG and CSS write it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Okabe–Ito orange.
pub const ORANGE: Rgb = Rgb(0xe6, 0x9f, 0x00);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: Rgb = Rgb(0x56, 0xb4, 0xe9);
/// Okabe–Ito bluish green.
pub const BLUISH_GREEN: Rgb = Rgb(0x00, 0x9e, 0x73);
/// Okabe–Ito yellow (fills only: too pale for lines and text on white).
pub const YELLOW: Rgb = Rgb(0xf0, 0xe4, 0x42);
/// Okabe–Ito blue.
pub const BLUE: Rgb = Rgb(0x00, 0x72, 0xb2);
/// Okabe–Ito vermillion.
pub const VERMILLION: Rgb = Rgb(0xd5, 0x5e, 0x00);
/// Okabe–Ito reddish purple.
pub const REDDISH_PURPLE: Rgb = Rgb(0xcc, 0x79, 0xa7);
/// Neutral grey.
pub const GREY: Rgb = Rgb(0x99, 0x99, 0x99);
/// A violet no Okabe–Ito colour is near (the ninth categorical colour).
pub const VIOLET: Rgb = Rgb(0x6a, 0x51, 0xa3);
/// An olive no Okabe–Ito colour is near (the tenth categorical colour).
pub const OLIVE: Rgb = Rgb(0x99, 0x99, 0x33);

/// The mining sector's colour.
pub const MINING: Rgb = VERMILLION;
/// The AI sector's colour.
pub const AI: Rgb = BLUE;

/// Colours for categorical series, in order: the Okabe–Ito colours, then
/// grey, a violet and an olive (hues none of the others has) so ten regions
/// stay apart.
pub const CATEGORICAL: [Rgb; 10] =
    [BLUE, ORANGE, BLUISH_GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE, YELLOW, GREY, VIOLET, OLIVE];

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesStyle {
    /// Line or fill colour.
    pub color: Rgb,
    /// A second measure of a kind already on the plot.
    pub dashed: bool,
}

const fn solid(color: Rgb) -> SeriesStyle {
    SeriesStyle { color, dashed: false }
}

const fn dashed(color: Rgb) -> SeriesStyle {
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

/// The yellow used for lines and text on light backgrounds.
pub const DARK_YELLOW: Rgb = Rgb(0x9a, 0x8a, 0x00);

/// A colour readable as text or a thin line on the current background:
/// yellow is darkened on light backgrounds.
pub fn readable(color: Rgb, dark_mode: bool) -> Rgb {
    if !dark_mode && color == YELLOW { DARK_YELLOW } else { color }
}

/// Colour of a marker line and its label: halvings orange, mining events
/// vermillion, AI events blue, the projection start grey; darker in the
/// light theme so labels read on white.
pub fn marker(kind: MarkerKind, dark_mode: bool) -> Rgb {
    let (dark, light) = match kind {
        MarkerKind::Halving => (ORANGE, Rgb(0x9c, 0x5f, 0x00)),
        MarkerKind::ScenarioEvent => (Rgb(0xf0, 0x7a, 0x3a), Rgb(0xa8, 0x3c, 0x00)),
        MarkerKind::DataExhaustion | MarkerKind::AiEvent => (SKY_BLUE, BLUE),
        MarkerKind::ProjectionStart => (GREY, Rgb(0x60, 0x60, 0x60)),
    };
    if dark_mode { dark } else { light }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_css_notation() {
        assert_eq!(VERMILLION.hex(), "#d55e00");
        assert_eq!(readable(YELLOW, false), DARK_YELLOW);
        assert_eq!(readable(YELLOW, true), YELLOW);
    }
}
