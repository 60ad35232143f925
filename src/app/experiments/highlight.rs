//! Jumping to a parameter in the editor (from a tornado bar): the path is
//! kept in egui's memory; the section and list entry holding it open, the
//! row scrolls into view once and is framed for a few seconds.
//!
//! Kept in memory rather than in the app so the editor, which only reads
//! the document, needs no new argument: it asks [`wants_open`] and calls
//! [`mark`].

use egui::{Context, Id, Rect, Ui};

use crate::app::command::ListKind;

/// How long a jumped-to row stays framed, in seconds.
const FRAMED_FOR: f64 = 4.0;

fn pending_id() -> Id {
    Id::unique("diverge-jump-to-parameter")
}

fn shown_id() -> Id {
    Id::unique("diverge-highlighted-parameter")
}

/// Jumps to `path` at the next frame.
pub fn jump_to(ctx: &Context, path: &str) {
    let now = ctx.input(|i| i.time);
    ctx.data_mut(|d| {
        d.insert_temp(pending_id(), path.to_owned());
        d.insert_temp(shown_id(), (path.to_owned(), now));
    });
    ctx.request_repaint();
}

/// The parameter being highlighted, while it is.
pub fn highlighted(ctx: &Context) -> Option<String> {
    let now = ctx.input(|i| i.time);
    ctx.data(|d| d.get_temp::<(String, f64)>(shown_id())).filter(|(_, t)| now - t < FRAMED_FOR).map(|(p, _)| p)
}

/// Whether the section or entry holding paths that start with any of
/// `prefixes` must open for a pending jump.
/// A jump whose row never shows (a parameter the editor does not draw)
/// stops forcing sections open after a second.
pub fn wants_open(ctx: &Context, prefixes: &[&str]) -> bool {
    let now = ctx.input(|i| i.time);
    let recent = ctx.data(|d| d.get_temp::<(String, f64)>(shown_id())).is_some_and(|(_, t)| now - t < 1.0);
    recent
        && ctx
            .data(|d| d.get_temp::<String>(pending_id()))
            .is_some_and(|p| prefixes.iter().any(|prefix| p.starts_with(prefix)))
}

/// The editor sections' paths, for [`wants_open`].
pub fn section_prefixes(title: &str) -> &'static [&'static str] {
    match title {
        "Timeline & seed" => &["timeline.", "seed"],
        "Market" => &["market."],
        "Protocol" => &["protocol."],
        "Hardware catalogue" => &["hardware["],
        "Regions & grid" => &["grid.", "regions["],
        "Events" => &["events["],
        "Miners" => &["miners."],
        "Pools" => &["pools."],
        "AI workloads" => &["ai.workloads["],
        "AI efficiency & data" => &["ai.progress.", "ai.data."],
        "Cloud" => &["ai.cloud.", "ai.providers["],
        "Devices" => &["ai.devices[", "ai.placement."],
        _ => &[],
    }
}

/// Frames the row of `path` (at `rect`) while it is highlighted, scrolling
/// to it when a jump to it is pending.
pub fn mark(ui: &Ui, path: &str, rect: Rect) {
    let ctx = ui.ctx();
    if highlighted(ctx).as_deref() != Some(path) {
        return;
    }
    let color = ui.visuals().selection.stroke.color;
    ui.painter().rect_stroke(rect.expand(3.0), 4.0, egui::Stroke::new(2.5, color), egui::StrokeKind::Outside);
    if ctx.data(|d| d.get_temp::<String>(pending_id())).as_deref() == Some(path) {
        ui.scroll_to_rect(rect, Some(egui::Align::Center));
        ctx.data_mut(|d| d.remove::<String>(pending_id()));
    }
    ctx.request_repaint_after(std::time::Duration::from_millis(500));
}

/// The path prefix of entry `i` of a list (`regions[2].`).
pub fn list_prefix(list: ListKind, i: usize) -> String {
    let path = match list {
        ListKind::PriceTable => "market.price_usd",
        ListKind::FeeTable => "market.fees_btc_per_block",
        ListKind::Hardware => "hardware",
        ListKind::Regions => "regions",
        ListKind::Events => "events",
        ListKind::Pools => "pools.pools",
        ListKind::Workloads => "ai.workloads",
        ListKind::Providers => "ai.providers",
        ListKind::Devices => "ai.devices",
        ListKind::Annotations => "annotations",
    };
    format!("{path}[{i}].")
}
