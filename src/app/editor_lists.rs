//! The list parts of the editor: hardware generations, regions, events,
//! pools, workloads, providers, device classes and the price and fee tables.
//!
//! Each item is a collapsible block whose header carries its name and the
//! move-up, move-down and remove buttons; its body holds the hand-written
//! widgets (ids, names, kinds, the event's region picker) and then the
//! item's registered numbers through the generic drawer.

use egui::{ComboBox, Ui, collapsing_header::CollapsingState};

use crate::scenario::params::{Params, index};
use crate::scenario::{HardwareKind, RegionGroup};

use super::command::{Command, Edit, ListKind, ListOp, TextField};
use super::editor::{SectionContext, problem_line, text_row};
use super::edits::{EVENT_TAGS, default_event_kind, event_tag};

/// Convenience re-export for the editor.
pub type ListContext<'a> = SectionContext<'a>;

/// The header of one list item with its buttons; `body` draws its fields.
/// The buttons keep their place at the right and the title is cut to the
/// room left of them (its full text in the tooltip), so they never overlap.
/// `movable` is false for lists kept in a fixed order (events by month).
#[allow(clippy::too_many_arguments)]
pub(super) fn item(
    ui: &mut Ui,
    cx: &mut SectionContext<'_>,
    list: ListKind,
    i: usize,
    len: usize,
    title: &str,
    movable: bool,
    body: impl FnOnce(&mut Ui, &mut SectionContext<'_>),
) {
    let id = ui.make_persistent_id((list, i));
    let mut title_clicked = false;
    let mut state = CollapsingState::load_with_default_open(ui.ctx(), id, false);
    let prefix = super::experiments::highlight::list_prefix(list, i);
    if super::experiments::highlight::wants_open(ui.ctx(), &[prefix.as_str()]) {
        state.set_open(true);
    }
    state
        .show_header(ui, |ui| {
            let buttons = if movable { 150.0 } else { 64.0 };
            let room = (ui.available_width() - buttons).max(40.0);
            ui.allocate_ui_with_layout(
                egui::vec2(room, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_max_width(room);
                    let r = ui.add(egui::Label::new(title).truncate().sense(egui::Sense::click()));
                    title_clicked = r.on_hover_text(title).clicked();
                },
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove")
                    .accessible_name(format!("Remove {title}"))
                    .clicked()
                {
                    cx.commands.push(Command::Edit(Edit::List(list, ListOp::Remove(i))));
                }
                if !movable {
                    return;
                }
                let down = ui.add_enabled(i + 1 < len, egui::Button::new("Down").small());
                if down.on_hover_text("Move down").accessible_name(format!("Move {title} down")).clicked() {
                    cx.commands.push(Command::Edit(Edit::List(list, ListOp::MoveDown(i))));
                }
                let up = ui.add_enabled(i > 0, egui::Button::new("Up").small());
                if up.on_hover_text("Move up").accessible_name(format!("Move {title} up")).clicked() {
                    cx.commands.push(Command::Edit(Edit::List(list, ListOp::MoveUp(i))));
                }
            });
        })
        .body(|ui| body(ui, cx));
    // The title opens and closes the item too, not only the small arrow.
    if title_clicked && let Some(mut state) = CollapsingState::load(ui.ctx(), id) {
        state.toggle(ui);
        state.store(ui.ctx());
    }
}

/// The "+ Add …" button under a list.
pub(super) fn add_button(ui: &mut Ui, cx: &mut SectionContext<'_>, list: ListKind, what: &str) {
    if ui.button(format!("+ Add {what}")).clicked() {
        cx.commands.push(Command::Edit(Edit::List(list, ListOp::Add)));
    }
}

fn id_name(ui: &mut Ui, cx: &mut SectionContext<'_>, list: ListKind, i: usize, path: &str, id: &str, name: &str) {
    text_row(ui, cx, "Id", TextField::Id(list, i), id, &format!("{path}.id"), false);
    text_row(ui, cx, "Name", TextField::ItemName(list, i), name, &format!("{path}.name"), false);
}

fn title(name: &str, id: &str) -> String {
    if name.is_empty() { id.to_owned() } else { format!("{name} ({id})") }
}

/// The hardware catalogue.
pub fn hardware(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.hardware.len();
    for i in 0..len {
        let h = cx.draft.hardware[i].clone();
        let path = index("hardware", i);
        item(
            ui,
            cx,
            ListKind::Hardware,
            i,
            len,
            &format!("{} · {}", title(&h.name, &h.id), h.kind.label()),
            true,
            |ui, cx| {
                id_name(ui, cx, ListKind::Hardware, i, &path, &h.id, &h.name);
                ui.horizontal(|ui| {
                    let l = ui.label("Kind");
                    ComboBox::from_id_salt((&path, "kind"))
                        .selected_text(h.kind.label())
                        .show_ui(ui, |ui| {
                            for kind in HardwareKind::ALL {
                                if ui.selectable_label(kind == h.kind, kind.label()).clicked() && kind != h.kind {
                                    cx.commands.push(Command::Edit(Edit::HardwareKind(i, kind)));
                                }
                            }
                        })
                        .response
                        .labelled_by(l.id);
                });
                cx.fields(ui, &[], |s, d| s.hardware[i].visit(&path, d));
            },
        );
    }
    add_button(ui, cx, ListKind::Hardware, "hardware generation");
}

/// The regions.
pub fn regions(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.regions.len();
    for i in 0..len {
        let r = cx.draft.regions[i].clone();
        let path = index("regions", i);
        item(ui, cx, ListKind::Regions, i, len, &title(&r.name, &r.id), true, |ui, cx| {
            id_name(ui, cx, ListKind::Regions, i, &path, &r.id, &r.name);
            ui.horizontal(|ui| {
                let l = ui.label("Group");
                ComboBox::from_id_salt((&path, "group"))
                    .selected_text(r.group.label())
                    .show_ui(ui, |ui| {
                        for group in RegionGroup::ALL {
                            if ui.selectable_label(group == r.group, group.label()).clicked() && group != r.group {
                                cx.commands.push(Command::Edit(Edit::RegionGroup(i, group)));
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            cx.fields(ui, &[], |s, d| s.regions[i].visit(&path, d));
        });
    }
    add_button(ui, cx, ListKind::Regions, "region");
}

/// The dated events.
pub fn events(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.events.len();
    let region_ids: Vec<String> = cx.draft.regions.iter().map(|r| r.id.clone()).collect();
    for i in by_month(&cx.draft.events) {
        let e = cx.draft.events[i].clone();
        let path = index("events", i);
        let label = if e.label.is_empty() { e.kind.kind_label().to_owned() } else { e.label.clone() };
        item(ui, cx, ListKind::Events, i, len, &format!("{} · {label}", e.month), false, |ui, cx| {
            text_row(ui, cx, "Label", TextField::EventLabel(i), &e.label, &format!("{path}.label"), false);
            ui.horizontal(|ui| {
                let l = ui.label("Kind");
                let tag = event_tag(&e.kind);
                ComboBox::from_id_salt((&path, "kind"))
                    .selected_text(e.kind.kind_label())
                    .show_ui(ui, |ui| {
                        for t in EVENT_TAGS {
                            let name = default_event_kind(t, String::new()).kind_label();
                            if ui.selectable_label(t == tag, name).clicked() && t != tag {
                                cx.commands.push(Command::Edit(Edit::EventKind(i, t)));
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            if let Some(region) = e.kind.region() {
                ui.horizontal(|ui| {
                    let l = ui.label("Region");
                    ComboBox::from_id_salt((&path, "region"))
                        .selected_text(region)
                        .show_ui(ui, |ui| {
                            for id in &region_ids {
                                if ui.selectable_label(id == region, id).clicked() && id != region {
                                    cx.commands.push(Command::Edit(Edit::Text(TextField::EventRegion(i), id.clone())));
                                }
                            }
                        })
                        .response
                        .labelled_by(l.id);
                });
                problem_line(ui, cx.problems, &format!("{path}.kind.region"));
            }
            cx.fields(ui, &[], |s, d| s.events[i].visit(&path, d));
        });
    }
    add_button(ui, cx, ListKind::Events, "event");
}

/// The indices of `events` in month order (ties in file order): events act
/// by their month, so the editor lists them by it whatever the file's order.
pub fn by_month(events: &[crate::scenario::Event]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].month);
    order
}

/// The named pools.
pub fn pools(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.pools.pools.len();
    for i in 0..len {
        let p = cx.draft.pools.pools[i].clone();
        let path = index("pools.pools", i);
        item(ui, cx, ListKind::Pools, i, len, &title(&p.name, &p.id), true, |ui, cx| {
            id_name(ui, cx, ListKind::Pools, i, &path, &p.id, &p.name);
            cx.fields(ui, &[], |s, d| s.pools.pools[i].visit(&path, d));
        });
    }
    add_button(ui, cx, ListKind::Pools, "pool");
}

/// The AI workloads.
pub fn workloads(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.ai.workloads.len();
    for i in 0..len {
        let w = cx.draft.ai.workloads[i].clone();
        let path = index("ai.workloads", i);
        item(ui, cx, ListKind::Workloads, i, len, &title(&w.name, &w.id), true, |ui, cx| {
            id_name(ui, cx, ListKind::Workloads, i, &path, &w.id, &w.name);
            cx.fields(ui, &[], |s, d| s.ai.workloads[i].visit(&path, d));
        });
    }
    add_button(ui, cx, ListKind::Workloads, "workload");
}

/// The cloud providers.
pub fn providers(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.ai.providers.len();
    for i in 0..len {
        let p = cx.draft.ai.providers[i].clone();
        let path = index("ai.providers", i);
        item(ui, cx, ListKind::Providers, i, len, &title(&p.name, &p.id), true, |ui, cx| {
            id_name(ui, cx, ListKind::Providers, i, &path, &p.id, &p.name);
            cx.fields(ui, &[], |s, d| s.ai.providers[i].visit(&path, d));
        });
    }
    add_button(ui, cx, ListKind::Providers, "provider");
}

/// The edge device classes.
pub fn devices(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.ai.devices.len();
    for i in 0..len {
        let dv = cx.draft.ai.devices[i].clone();
        let path = index("ai.devices", i);
        item(ui, cx, ListKind::Devices, i, len, &title(&dv.name, &dv.id), true, |ui, cx| {
            id_name(ui, cx, ListKind::Devices, i, &path, &dv.id, &dv.name);
            cx.fields(ui, &[], |s, d| s.ai.devices[i].visit(&path, d));
        });
    }
    add_button(ui, cx, ListKind::Devices, "device class");
}

/// The BTC price history table.
pub fn price_table(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.market.price_usd.len();
    table(ui, cx, ListKind::PriceTable, "market.price_usd", len, &format!("Price history ({len} months)"));
}

/// The fee history table.
pub fn fee_table(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let len = cx.draft.market.fees_btc_per_block.len();
    table(ui, cx, ListKind::FeeTable, "market.fees_btc_per_block", len, &format!("Fee history ({len} months)"));
}

fn table(ui: &mut Ui, cx: &mut SectionContext<'_>, list: ListKind, path: &str, len: usize, heading: &str) {
    egui::CollapsingHeader::new(heading).id_salt(path).show(ui, |ui| {
        for i in 0..len {
            let row = format!("{path}[{i}]");
            item(ui, cx, list, i, len, &format!("Row {}", i + 1), true, |ui, cx| {
                let skip_other: Vec<String> = (0..len).filter(|&j| j != i).map(|j| format!("{path}[{j}]")).collect();
                let mut skips: Vec<&str> = skip_other.iter().map(String::as_str).collect();
                skips.push(if list == ListKind::PriceTable { "fees_btc_per_block[" } else { "price_usd[" });
                // Skip the market's scalar fields too: only this row's entries.
                let scalars = ["projection_", "hardware_"];
                skips.extend(scalars);
                cx.fields(ui, &skips, |s, d| s.market.visit("market", d));
                let _ = &row;
            });
        }
        add_button(ui, cx, list, "row");
    });
}
