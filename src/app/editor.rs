//! The scenario editor: every parameter, grouped as the model is, in
//! collapsing sections.
//!
//! Numbers go through the generic [`ParamDrawer`]; names, ids, kinds and the
//! lists (add, remove, reorder) are drawn by [`super::editor_lists`]. The
//! editor reads the document and returns [`Command`]s; it never changes the
//! scenario itself.

use egui::{CollapsingHeader, RichText, ScrollArea, TextEdit, Ui};

use crate::scenario::Scenario;
use crate::scenario::params::Params;
use crate::scenario::validate::Problems;

use super::command::{Command, Edit, Scalar, TextField};
use super::document::Document;
use super::editor_lists as lists;
use super::param_widget::{ERROR_RED, LABEL_WIDTH, ParamDrawer};

/// The editor panel.
#[derive(Default)]
pub struct Editor;

/// What every section needs: the scenario to visit (a scratch copy, since
/// the registry hands out mutable references), its problems, and the
/// preset values.
pub struct SectionContext<'a> {
    /// Scratch copy of the scenario; changes to it are discarded.
    pub draft: Scenario,
    /// Current problems.
    pub problems: Option<&'a Problems>,
    /// Preset value by path.
    pub reference: &'a dyn Fn(&str) -> Option<Scalar>,
    /// Commands emitted.
    pub commands: Vec<Command>,
}

impl SectionContext<'_> {
    /// Draws the registered fields of one group.
    pub fn fields(&mut self, ui: &mut Ui, skip: &[&str], visit: impl FnOnce(&mut Scenario, &mut ParamDrawer<'_>)) {
        let presented = self.draft.key_parameters.clone();
        let mut drawer = ParamDrawer {
            ui,
            problems: self.problems,
            reference: self.reference,
            commands: &mut self.commands,
            skip,
            presented: &presented,
        };
        visit(&mut self.draft, &mut drawer);
    }
}

impl Editor {
    /// Draws the editor for `doc`.
    #[must_use]
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let reference = |path: &str| doc.reference_value(path);
        let mut cx = SectionContext {
            draft: doc.scenario.clone(),
            problems: doc.problems.as_ref(),
            reference: &reference,
            commands: Vec::new(),
        };
        ui.heading("Scenario");
        problem_summary(ui, doc.problems.as_ref());
        ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            section(ui, "Timeline & seed", true, |ui| timeline(ui, &mut cx));
            section(ui, "Market", false, |ui| market(ui, &mut cx));
            section(ui, "Protocol", false, |ui| cx.fields(ui, &[], |s, d| s.protocol.visit("protocol", d)));
            section(ui, "Hardware catalogue", false, |ui| lists::hardware(ui, &mut cx));
            section(ui, "Regions & grid", false, |ui| {
                cx.fields(ui, &[], |s, d| s.grid.visit("grid", d));
                lists::regions(ui, &mut cx);
            });
            section(ui, "Events", false, |ui| lists::events(ui, &mut cx));
            section(ui, "Annotations", false, |ui| super::editor_annotations::annotations(ui, &mut cx));
            section(ui, "Miners", false, |ui| miners(ui, &mut cx));
            section(ui, "Pools", false, |ui| {
                cx.fields(ui, &["pools.pools["], |s, d| s.pools.visit("pools", d));
                lists::pools(ui, &mut cx);
            });
            section(ui, "AI workloads", false, |ui| lists::workloads(ui, &mut cx));
            section(ui, "AI efficiency & data", false, |ui| {
                sub(ui, "Algorithmic progress and quantisation");
                cx.fields(ui, &[], |s, d| s.ai.progress.visit("ai.progress", d));
                sub(ui, "Training data and the frontier");
                cx.fields(ui, &[], |s, d| s.ai.data.visit("ai.data", d));
            });
            section(ui, "Cloud", false, |ui| {
                cx.fields(ui, &[], |s, d| s.ai.cloud.visit("ai.cloud", d));
                lists::providers(ui, &mut cx);
            });
            section(ui, "Devices", false, |ui| {
                lists::devices(ui, &mut cx);
                sub(ui, "Edge or cloud choice");
                cx.fields(ui, &[], |s, d| s.ai.placement.visit("ai.placement", d));
            });
        });
        cx.commands
    }
}

fn problem_summary(ui: &mut Ui, problems: Option<&Problems>) {
    if let Some(p) = problems {
        let n = p.0.len();
        let text = if n == 1 {
            "1 problem: the plots show the last valid run".to_owned()
        } else {
            format!("{n} problems: the plots show the last valid run")
        };
        ui.label(RichText::new(text).color(ERROR_RED)).on_hover_text(p.to_string());
    }
}

/// A top-level collapsing section.
pub fn section(ui: &mut Ui, title: &str, open: bool, body: impl FnOnce(&mut Ui)) {
    let jump =
        super::experiments::highlight::wants_open(ui.ctx(), super::experiments::highlight::section_prefixes(title));
    CollapsingHeader::new(RichText::new(title).strong()).default_open(open).open(jump.then_some(true)).show(ui, body);
}

/// A sub-heading inside a section.
pub fn sub(ui: &mut Ui, title: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(title).italics());
}

/// A labelled single-line text field emitting [`Edit::Text`].
pub fn text_row(
    ui: &mut Ui,
    cx: &mut SectionContext<'_>,
    label: &str,
    field: TextField,
    current: &str,
    path: &str,
    multiline: bool,
) {
    ui.horizontal(|ui| {
        let l = super::param_widget::label_cell(ui, label, LABEL_WIDTH * 0.6);
        let mut text = current.to_owned();
        let edit =
            if multiline { TextEdit::multiline(&mut text).desired_rows(2) } else { TextEdit::singleline(&mut text) };
        let r = ui.add(edit.desired_width(ui.available_width() - 8.0)).labelled_by(l.id);
        if cx.problems.and_then(|p| p.for_path(path)).is_some() {
            super::param_widget::frame_invalid(ui, r.rect);
        }
        if r.changed() {
            cx.commands.push(Command::Edit(Edit::Text(field, text)));
        }
    });
    problem_line(ui, cx.problems, path);
}

/// The validation message about `path`, in red, if any.
pub fn problem_line(ui: &mut Ui, problems: Option<&Problems>, path: &str) {
    if let Some(p) = problems.and_then(|p| p.for_path(path)) {
        super::param_widget::problem_message(ui, &p.message);
    }
}

fn timeline(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    let (name, description, notes) = (cx.draft.name.clone(), cx.draft.description.clone(), cx.draft.notes.clone());
    text_row(ui, cx, "Name", TextField::Name, &name, "name", false);
    text_row(ui, cx, "Description", TextField::Description, &description, "description", true);
    text_row(ui, cx, "Notes", TextField::Notes, &notes, "notes", true);
    cx.fields(ui, &["format_version"], |s, d| {
        // Only the top-level fields here; the groups have their own sections.
        use crate::scenario::params::Visitor as _;
        let mut seed = s.seed;
        d.param("seed", &SEED_PARAM, crate::scenario::params::Value::U64(&mut seed));
        s.timeline.visit("timeline", d);
    });
}

const SEED_PARAM: crate::scenario::params::Param = crate::scenario::params::Param {
    label: "Seed",
    unit: "",
    min: 0.0,
    max: u64::MAX as f64,
    help: "Seed of every random draw; the same seed gives the same run.",
};

fn market(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    cx.fields(ui, &["price_usd[", "fees_btc_per_block["], |s, d| s.market.visit("market", d));
    lists::price_table(ui, cx);
    lists::fee_table(ui, cx);
}

fn miners(ui: &mut Ui, cx: &mut SectionContext<'_>) {
    sub(ui, "Hobbyists");
    cx.fields(ui, &[], |s, d| s.miners.hobbyist.visit("miners.hobbyist", d));
    sub(ui, "Operators (small and mid-size firms)");
    cx.fields(ui, &[], |s, d| s.miners.operator.visit("miners.operator", d));
    sub(ui, "Industrial firms");
    cx.fields(ui, &[], |s, d| s.miners.industrial.visit("miners.industrial", d));
    sub(ui, "Relocation");
    cx.fields(ui, &[], |s, d| s.miners.relocation.visit("miners.relocation", d));
    sub(ui, "Block luck");
    cx.fields(ui, &["hobbyist.", "operator.", "industrial.", "relocation."], |s, d| s.miners.visit("miners", d));
    sub(ui, "Economies of scale: credit");
    let curves = ["scale.power.", "scale.hardware.", "scale.overhead.", "scale.interest."];
    cx.fields(ui, &curves, |s, d| s.scale.visit("scale", d));
    sub(ui, "Economies of scale: power price");
    cx.fields(ui, &[], |s, d| s.scale.power.visit("scale.power", d));
    sub(ui, "Economies of scale: hardware price");
    cx.fields(ui, &[], |s, d| s.scale.hardware.visit("scale.hardware", d));
    sub(ui, "Economies of scale: overhead");
    cx.fields(ui, &[], |s, d| s.scale.overhead.visit("scale.overhead", d));
    sub(ui, "Economies of scale: interest");
    cx.fields(ui, &[], |s, d| s.scale.interest.visit("scale.interest", d));
    sub(ui, "Entry of new firms");
    cx.fields(ui, &[], |s, d| s.entry.visit("entry", d));
}
