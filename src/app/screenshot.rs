//! `diverge --screenshot OUT.png [--size WxH] [FILE]`: wait for the run to
//! finish, let the plots settle for a few frames, grab the window, save it as
//! PNG and close.
//!
//! A requested size is in physical pixels, so on a scaled display the
//! window is resized to `size / pixels_per_point` points before the grab, and
//! a PNG of any other size is reported as an error rather than saved.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{ColorImage, Context, ViewportCommand};

/// Frames drawn after the run finished before the grab, so plot bounds and
/// layout have settled.
const SETTLE_FRAMES: u32 = 5;

/// Longest wait for a run before giving up.
const TIMEOUT: Duration = Duration::from_mins(2);

/// Where the outcome goes so `launch` can report it after the window closes.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// A screenshot in progress.
pub struct ScreenshotJob {
    path: PathBuf,
    size: Option<[u32; 2]>,
    resized: u32,
    settled: u32,
    started: Instant,
    image: Option<Receiver<Arc<ColorImage>>>,
    /// Filled with the result before closing.
    pub outcome: Outcome,
}

impl ScreenshotJob {
    /// A job saving to `path`, of `size` pixels when given.
    pub fn new(path: PathBuf, size: Option<[u32; 2]>) -> Self {
        Self { path, size, resized: 0, settled: 0, started: Instant::now(), image: None, outcome: Arc::default() }
    }

    /// Asks for the requested size when the window has another one; `true`
    /// while waiting for it.
    fn fix_size(&mut self, ctx: &Context) -> bool {
        let Some([w, h]) = self.size else { return false };
        let ppp = ctx.pixels_per_point();
        let now = ctx.content_rect().size() * ppp;
        let off = (now.x - w as f32).abs() > 0.5 || (now.y - h as f32).abs() > 0.5;
        if off && self.resized < 3 {
            self.resized += 1;
            self.settled = 0;
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(egui::vec2(w as f32 / ppp, h as f32 / ppp)));
            return true;
        }
        false
    }

    /// Advances the job by one frame; `finished` when the run is done.
    pub fn step(&mut self, ctx: &Context, finished: bool) {
        if let Some(rx) = &self.image {
            if let Ok(image) = rx.try_recv() {
                let result = match self.size {
                    Some([w, h]) if image.size != [w as usize, h as usize] => Err(format!(
                        "the window is {}x{} pixels, not the requested {w}x{h} (the screen may be too small)",
                        image.size[0], image.size[1]
                    )),
                    _ => save_png(&self.path, &image).map(|()| self.path.clone()),
                };
                self.finish(ctx, result);
            } else {
                ctx.request_repaint_after(Duration::from_millis(20));
            }
            return;
        }
        if self.started.elapsed() > TIMEOUT {
            self.finish(ctx, Err("the run did not finish within two minutes".into()));
            return;
        }
        if finished {
            self.settled += 1;
        }
        if self.settled > SETTLE_FRAMES && !self.fix_size(ctx) {
            let (tx, rx) = channel();
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                let _ = tx.send(image);
                repaint.request_repaint();
            });
            self.image = Some(rx);
        }
        ctx.request_repaint_after(Duration::from_millis(20));
    }

    fn finish(&mut self, ctx: &Context, result: Result<PathBuf, String>) {
        if let Ok(mut slot) = self.outcome.lock() {
            *slot = Some(result);
        }
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }
}

/// Writes an RGBA image as PNG.
pub fn save_png(path: &std::path::Path, image: &ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(egui::Color32::to_array).collect();
    image::save_buffer(path, &bytes, w as u32, h as u32, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("{}: cannot write the PNG: {e}", path.display()))
}
