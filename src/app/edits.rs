//! Applying [`Edit`]s to a scenario, and reading parameter values by path.
//!
//! Plain functions over [`Scenario`] without any drawing, so they are unit
//! tested directly. Parameters are found through the registry visitor
//! ([`Params::visit`]), so every field the editor can show, it can also set
//! and reset.

use std::collections::HashMap;

use crate::scenario::params::{Param, Params, Value, Visitor};
use crate::scenario::{
    Annotation, DeviceClass, Event, EventKind, Hardware, Pool, Provider, Region, Scenario, Workload,
};

use super::command::{Edit, EventKindTag, ListKind, ListOp, Scalar, TextField};

/// The owned value behind a [`Value`] reference.
pub fn scalar_of(value: &Value<'_>) -> Scalar {
    match value {
        Value::F64(v) => Scalar::F64(**v),
        Value::U32(v) => Scalar::U32(**v),
        Value::U64(v) => Scalar::U64(**v),
        Value::Bool(v) => Scalar::Bool(**v),
        Value::Month(v) => Scalar::Month(**v),
        Value::OptU32(v) => Scalar::OptU32(**v),
    }
}

/// Writes `scalar` through `value` when their types agree; `false` otherwise.
pub fn write_scalar(value: Value<'_>, scalar: Scalar) -> bool {
    match (value, scalar) {
        (Value::F64(v), Scalar::F64(x)) => *v = x,
        (Value::U32(v), Scalar::U32(x)) => *v = x,
        (Value::U64(v), Scalar::U64(x)) => *v = x,
        (Value::Bool(v), Scalar::Bool(x)) => *v = x,
        (Value::Month(v), Scalar::Month(x)) => *v = x,
        (Value::OptU32(v), Scalar::OptU32(x)) => *v = x,
        _ => return false,
    }
    true
}

struct Setter<'a> {
    path: &'a str,
    value: Scalar,
    done: bool,
}

impl Visitor for Setter<'_> {
    fn param(&mut self, path: &str, _param: &Param, value: Value<'_>) {
        if !self.done && path == self.path {
            self.done = write_scalar(value, self.value);
        }
    }
}

/// Sets the registered parameter at `path`; `false` when there is none of
/// that type.
pub fn set_param(scenario: &mut Scenario, path: &str, value: Scalar) -> bool {
    let mut setter = Setter { path, value, done: false };
    scenario.visit("", &mut setter);
    setter.done
}

/// Every registered parameter's value by path (for "reset to preset").
pub fn values_by_path(scenario: &Scenario) -> HashMap<String, Scalar> {
    struct Collect(HashMap<String, Scalar>);
    impl Visitor for Collect {
        fn param(&mut self, path: &str, _param: &Param, value: Value<'_>) {
            self.0.insert(path.to_owned(), scalar_of(&value));
        }
    }
    let mut collect = Collect(HashMap::new());
    scenario.clone().visit("", &mut collect);
    collect.0
}

/// The value of the parameter at `path`, if registered.
pub fn param_value(scenario: &Scenario, path: &str) -> Option<Scalar> {
    values_by_path(scenario).remove(path)
}

/// Applies one edit. Edits that name a missing item do nothing.
pub fn apply_edit(s: &mut Scenario, edit: &Edit) {
    match edit {
        Edit::Set { path, value } => {
            set_param(s, path, *value);
        }
        Edit::Text(field, text) => set_text(s, *field, text.clone()),
        Edit::HardwareKind(i, kind) => {
            if let Some(h) = s.hardware.get_mut(*i) {
                h.kind = *kind;
            }
        }
        Edit::RegionGroup(i, group) => {
            if let Some(r) = s.regions.get_mut(*i) {
                r.group = *group;
            }
        }
        Edit::EventKind(i, tag) => {
            let first_region = s.regions.first().map(|r| r.id.clone()).unwrap_or_default();
            if let Some(e) = s.events.get_mut(*i) {
                let region = e.kind.region().map_or(first_region, str::to_owned);
                e.kind = default_event_kind(*tag, region);
            }
        }
        Edit::List(list, op) => apply_list_op(s, *list, *op),
        Edit::KeyParameter { path, shown } => crate::scenario::key_params::set_presented(s, path, *shown),
    }
}

/// The tag of an event's kind.
pub fn event_tag(kind: &EventKind) -> EventKindTag {
    match kind {
        EventKind::EnergyShock { .. } => EventKindTag::EnergyShock,
        EventKind::Ban { .. } => EventKindTag::Ban,
        EventKind::CapacityChange { .. } => EventKindTag::CapacityChange,
        EventKind::RenewableSubsidy { .. } => EventKindTag::RenewableSubsidy,
        EventKind::GpuShortage { .. } => EventKindTag::GpuShortage,
        EventKind::AsicShortage { .. } => EventKindTag::AsicShortage,
        EventKind::BtcPriceShock { .. } => EventKindTag::BtcPriceShock,
    }
}

/// Every event kind, in menu order.
pub const EVENT_TAGS: [EventKindTag; 7] = [
    EventKindTag::EnergyShock,
    EventKindTag::Ban,
    EventKindTag::CapacityChange,
    EventKindTag::RenewableSubsidy,
    EventKindTag::GpuShortage,
    EventKindTag::AsicShortage,
    EventKindTag::BtcPriceShock,
];

/// A new event kind of the given variant with neutral starting numbers.
pub fn default_event_kind(tag: EventKindTag, region: String) -> EventKind {
    match tag {
        EventKindTag::EnergyShock => EventKind::EnergyShock { region, multiplier: 2.0, duration_months: Some(12) },
        EventKindTag::Ban => EventKind::Ban { region, share: 0.5, duration_months: None },
        EventKindTag::CapacityChange => EventKind::CapacityChange { region, delta_mw: 500.0 },
        EventKindTag::RenewableSubsidy => EventKind::RenewableSubsidy {
            region,
            price_cut_usd_per_kwh: 0.01,
            extra_capacity_mw: 500.0,
            duration_months: Some(60),
        },
        EventKindTag::GpuShortage => EventKind::GpuShortage { capacity_multiplier: 0.7, duration_months: Some(12) },
        EventKindTag::AsicShortage => EventKind::AsicShortage { supply_multiplier: 0.5, duration_months: Some(12) },
        EventKindTag::BtcPriceShock => EventKind::BtcPriceShock { multiplier: 0.5 },
    }
}

fn set_text(s: &mut Scenario, field: TextField, text: String) {
    match field {
        TextField::Name => s.name = text,
        TextField::Description => s.description = text,
        TextField::Notes => s.notes = text,
        TextField::Id(list, i) => {
            if let Some((id, _)) = id_and_name(s, list, i) {
                *id = text;
            }
        }
        TextField::ItemName(list, i) => {
            if let Some((_, name)) = id_and_name(s, list, i) {
                *name = text;
            }
        }
        TextField::EventLabel(i) => {
            if let Some(e) = s.events.get_mut(i) {
                e.label = text;
            }
        }
        TextField::EventRegion(i) => {
            if let Some(e) = s.events.get_mut(i) {
                set_event_region(&mut e.kind, text);
            }
        }
        TextField::AnnotationText(i) => {
            if let Some(a) = s.annotations.get_mut(i) {
                a.text = text;
            }
        }
        TextField::AnnotationSeries(i) => {
            if let Some(a) = s.annotations.get_mut(i) {
                a.series = text;
            }
        }
    }
}

fn set_event_region(kind: &mut EventKind, text: String) {
    match kind {
        EventKind::EnergyShock { region, .. }
        | EventKind::Ban { region, .. }
        | EventKind::CapacityChange { region, .. }
        | EventKind::RenewableSubsidy { region, .. } => *region = text,
        EventKind::GpuShortage { .. } | EventKind::AsicShortage { .. } | EventKind::BtcPriceShock { .. } => {}
    }
}

/// The `id` and `name` of a list item that has them.
fn id_and_name(s: &mut Scenario, list: ListKind, i: usize) -> Option<(&mut String, &mut String)> {
    match list {
        ListKind::Hardware => s.hardware.get_mut(i).map(|x| (&mut x.id, &mut x.name)),
        ListKind::Regions => s.regions.get_mut(i).map(|x| (&mut x.id, &mut x.name)),
        ListKind::Pools => s.pools.pools.get_mut(i).map(|x| (&mut x.id, &mut x.name)),
        ListKind::Workloads => s.ai.workloads.get_mut(i).map(|x| (&mut x.id, &mut x.name)),
        ListKind::Providers => s.ai.providers.get_mut(i).map(|x| (&mut x.id, &mut x.name)),
        ListKind::Devices => s.ai.devices.get_mut(i).map(|x| (&mut x.id, &mut x.name)),
        ListKind::PriceTable | ListKind::FeeTable | ListKind::Events | ListKind::Annotations => None,
    }
}

fn apply_list_op(s: &mut Scenario, list: ListKind, op: ListOp) {
    let end = s.timeline.end;
    match list {
        ListKind::PriceTable => {
            let last = s.market.price_usd.last().map_or((end, 100_000.0), |&(m, p)| (m.offset(1), p));
            list_op(&mut s.market.price_usd, op, || last);
        }
        ListKind::FeeTable => {
            let last = s.market.fees_btc_per_block.last().map_or((end, 0.1), |&(m, f)| (m.offset(1), f));
            list_op(&mut s.market.fees_btc_per_block, op, || last);
        }
        ListKind::Hardware => {
            let n = s.hardware.len();
            list_op(&mut s.hardware, op, || Hardware { id: format!("hardware_{}", n + 1), ..Hardware::default() });
        }
        ListKind::Regions => {
            let n = s.regions.len();
            list_op(&mut s.regions, op, || Region { id: format!("region_{}", n + 1), ..Region::default() });
        }
        ListKind::Events => {
            let region = s.regions.first().map(|r| r.id.clone()).unwrap_or_default();
            let month = s.timeline.start.offset(12);
            list_op(&mut s.events, op, || Event {
                month,
                label: String::new(),
                kind: default_event_kind(EventKindTag::EnergyShock, region),
            });
        }
        ListKind::Pools => {
            let n = s.pools.pools.len();
            list_op(&mut s.pools.pools, op, || Pool { id: format!("pool_{}", n + 1), ..Pool::default() });
        }
        ListKind::Workloads => {
            let n = s.ai.workloads.len();
            list_op(&mut s.ai.workloads, op, || Workload { id: format!("workload_{}", n + 1), ..Workload::default() });
        }
        ListKind::Providers => {
            let n = s.ai.providers.len();
            list_op(&mut s.ai.providers, op, || Provider { id: format!("provider_{}", n + 1), ..Provider::default() });
        }
        ListKind::Devices => {
            let n = s.ai.devices.len();
            list_op(&mut s.ai.devices, op, || DeviceClass {
                id: format!("device_{}", n + 1),
                ..DeviceClass::default()
            });
        }
        ListKind::Annotations => {
            // A new note goes at the middle of the timeline, where it shows.
            let month = s.timeline.start.offset(s.timeline.end.months_since(s.timeline.start) / 2);
            list_op(&mut s.annotations, op, || Annotation { month, text: "Note".into(), series: String::new() });
        }
    }
}

fn list_op<T>(items: &mut Vec<T>, op: ListOp, new_item: impl FnOnce() -> T) {
    match op {
        ListOp::Add => items.push(new_item()),
        ListOp::Remove(i) if i < items.len() => {
            items.remove(i);
        }
        ListOp::MoveUp(i) if i > 0 && i < items.len() => items.swap(i - 1, i),
        ListOp::MoveDown(i) if i + 1 < items.len() => items.swap(i, i + 1),
        ListOp::Remove(_) | ListOp::MoveUp(_) | ListOp::MoveDown(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_param_writes_the_field_at_the_path() {
        let mut s = Scenario::default();
        assert!(!set_param(&mut s, "cloud_missing", Scalar::F64(1.0)));
        assert!(set_param(&mut s, "ai.cloud.price_usd_per_mtok", Scalar::F64(3.5)));
        assert_eq!(s.ai.cloud.price_usd_per_mtok, 3.5);
        // A value of the wrong type is refused rather than coerced.
        assert!(!set_param(&mut s, "ai.cloud.price_usd_per_mtok", Scalar::U32(3)));
        assert_eq!(param_value(&s, "seed"), Some(Scalar::U64(1)));
    }

    #[test]
    fn list_ops_add_remove_and_reorder() {
        let mut s = Scenario::default();
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::Add));
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::Add));
        assert_eq!(s.regions.len(), 2);
        apply_edit(&mut s, &Edit::Text(TextField::Id(ListKind::Regions, 0), "a".into()));
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::MoveDown(0)));
        assert_eq!(s.regions[1].id, "a");
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::MoveUp(1)));
        assert_eq!(s.regions[0].id, "a");
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::Remove(0)));
        assert_eq!(s.regions.len(), 1);
        // Out-of-range operations are ignored, never a panic.
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::Remove(9)));
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::MoveDown(0)));
        assert_eq!(s.regions.len(), 1);
    }

    #[test]
    fn changing_an_event_kind_keeps_its_region() {
        let mut s = Scenario::default();
        apply_edit(&mut s, &Edit::List(ListKind::Regions, ListOp::Add));
        apply_edit(&mut s, &Edit::List(ListKind::Events, ListOp::Add));
        apply_edit(&mut s, &Edit::Text(TextField::EventRegion(0), "region_1".into()));
        apply_edit(&mut s, &Edit::EventKind(0, EventKindTag::Ban));
        assert_eq!(event_tag(&s.events[0].kind), EventKindTag::Ban);
        assert_eq!(s.events[0].kind.region(), Some("region_1"));
    }

    #[test]
    fn every_event_kind_of_the_menu_is_valid_and_round_trips() {
        let mut s = crate::scenario::presets::default_scenario();
        apply_edit(&mut s, &Edit::List(ListKind::Events, ListOp::Add));
        let i = s.events.len() - 1;
        for tag in EVENT_TAGS {
            apply_edit(&mut s, &Edit::EventKind(i, tag));
            assert_eq!(event_tag(&s.events[i].kind), tag);
            if s.events[i].kind.region().is_some() {
                let id = s.regions[0].id.clone();
                apply_edit(&mut s, &Edit::Text(TextField::EventRegion(i), id));
            }
            let checked = crate::scenario::validate::validate(&s);
            assert!(checked.is_ok(), "{tag:?}: {checked:?}");
            let text = crate::scenario::io::to_ron_string(&s).expect("serialises");
            let back = crate::scenario::io::load_str(&text, "test").expect("parses");
            assert_eq!(back.events[i].kind, s.events[i].kind, "{tag:?}");
        }
    }
}
