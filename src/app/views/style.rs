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
//!
//! The values are [`crate::views::palette`]'s (shared with the exporters);
//! this module gives them as egui colours.

use egui::Color32;

use crate::views::palette::{self, Rgb};

/// The egui colour of a palette colour.
pub const fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Okabe–Ito orange.
pub const ORANGE: Color32 = color(palette::ORANGE);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: Color32 = color(palette::SKY_BLUE);
/// Okabe–Ito bluish green.
pub const BLUISH_GREEN: Color32 = color(palette::BLUISH_GREEN);
/// Okabe–Ito yellow (fills only: too pale for lines and text on white).
pub const YELLOW: Color32 = color(palette::YELLOW);
/// Okabe–Ito blue.
pub const BLUE: Color32 = color(palette::BLUE);
/// Okabe–Ito vermillion.
pub const VERMILLION: Color32 = color(palette::VERMILLION);
/// Okabe–Ito reddish purple.
pub const REDDISH_PURPLE: Color32 = color(palette::REDDISH_PURPLE);
/// Neutral grey.
pub const GREY: Color32 = color(palette::GREY);

/// The mining sector's colour.
pub const MINING: Color32 = color(palette::MINING);
/// The AI sector's colour.
pub const AI: Color32 = color(palette::AI);

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesStyle {
    /// Line or fill colour.
    pub color: Color32,
    /// A second measure of a kind already on the plot.
    pub dashed: bool,
}

impl From<palette::SeriesStyle> for SeriesStyle {
    fn from(s: palette::SeriesStyle) -> Self {
        Self { color: color(s.color), dashed: s.dashed }
    }
}

/// The style of the column `key` wherever it is drawn.
pub fn of_key(key: &str) -> SeriesStyle {
    palette::of_key(key).into()
}

/// The style of the `i`-th categorical series of a plot.
pub fn categorical(i: usize) -> SeriesStyle {
    palette::categorical(i).into()
}

/// A colour readable as text or a thin line on the current background:
/// yellow is darkened on light backgrounds.
pub fn readable(c: Color32, dark_mode: bool) -> Color32 {
    if !dark_mode && c == YELLOW { color(palette::DARK_YELLOW) } else { c }
}

/// Colour of a marker line and its label: halvings orange, mining events
/// vermillion, AI events blue, the projection start grey; darker in the
/// light theme so labels read on white.
pub fn marker(kind: crate::sim::MarkerKind, dark_mode: bool) -> Color32 {
    color(palette::marker(kind, dark_mode))
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
