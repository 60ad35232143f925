//! PNG export: the SVG of a chart rasterised by `resvg`, so the bitmap is
//! the vector chart pixel for pixel and there is one drawing code, not two.
//!
//! Text is set in the system's fonts (`fontdb` finds them); the SVG asks for
//! `DejaVu Sans` first and falls back to any sans-serif font.

use resvg::{tiny_skia, usvg};

/// Why an SVG did not become a PNG.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The SVG did not parse (a bug in the SVG writer).
    #[error("the chart's SVG does not parse: {0}")]
    Svg(#[from] usvg::Error),
    /// The requested size is zero or too large for a bitmap.
    #[error("cannot make a {0}×{1} pixel bitmap")]
    Size(u32, u32),
    /// PNG encoding failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
}

/// `svg` rendered into a `width` × `height` pixel PNG, scaled to fill it
/// (an SVG drawn at 1200 × 800 and rendered at 2400 × 1600 is the 2× slide
/// version).
pub fn render(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &options)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(width as f32 / size.width(), height as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}
