//! The menu bar: File, Edit, Run, View and Help.
//!
//! Labels and shortcuts come from the one table in [`super::actions`]; the
//! menus only read the app and return [`Command`]s.

use egui::{Button, Ui};

use super::actions::Action;
use super::command::Command;
use super::files;
use super::state::DivergeApp;
use super::views::Tab;

/// Draws the menu bar.
#[must_use]
pub fn ui(ui: &mut Ui, app: &DivergeApp) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, app, &mut commands));
            ui.menu_button("Edit", |ui| {
                item(ui, Action::Undo, app.doc.can_undo(), &mut commands);
                item(ui, Action::Redo, app.doc.can_redo(), &mut commands);
            });
            ui.menu_button("Run", |ui| {
                item(ui, Action::Rerun, true, &mut commands);
                item(ui, Action::Cancel, app.runner.is_running(), &mut commands);
                super::experiments::run_menu(ui, &app.experiments, &mut commands);
            });
            ui.menu_button("View", |ui| view_menu(ui, app, &mut commands));
            ui.menu_button("Help", |ui| {
                item(ui, Action::ShowShortcuts, true, &mut commands);
                item(ui, Action::ShowAbout, true, &mut commands);
            });
        });
    });
    commands
}

/// A menu item for `action`, with its label and shortcut from the table.
fn item(ui: &mut Ui, action: Action, enabled: bool, commands: &mut Vec<Command>) {
    let button = Button::new(action.label()).shortcut_text(action.shortcut_text(ui.ctx()));
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(action.command());
    }
}

fn view_menu(ui: &mut Ui, app: &DivergeApp, commands: &mut Vec<Command>) {
    for tab in Tab::ALL {
        if ui.radio(app.prefs.tab == tab, tab.title()).clicked() {
            commands.push(Command::ShowTab(tab));
        }
    }
    ui.separator();
    let shown = !app.prefs.editor_hidden;
    let toggle = Button::selectable(shown, Action::ToggleEditor.label())
        .shortcut_text(Action::ToggleEditor.shortcut_text(ui.ctx()));
    if ui.add(toggle).clicked() {
        commands.push(Command::ToggleEditor);
    }
    ui.horizontal(|ui| {
        ui.label("Theme");
        for (theme, name) in [
            (egui::ThemePreference::Light, "Light"),
            (egui::ThemePreference::Dark, "Dark"),
            (egui::ThemePreference::System, "System"),
        ] {
            if ui.selectable_label(app.prefs.theme == theme, name).clicked() && app.prefs.theme != theme {
                commands.push(Command::SetTheme(theme));
            }
        }
    });
    item(ui, Action::ToggleFullscreen, true, commands);
    item(ui, Action::Present, true, commands);
}

fn file_menu(ui: &mut Ui, app: &DivergeApp, commands: &mut Vec<Command>) {
    item(ui, Action::New, true, commands);
    item(ui, Action::Open, true, commands);
    ui.menu_button("Open preset", |ui| {
        let presets = files::presets();
        if presets.is_empty() {
            ui.label("No presets bundled");
        }
        for p in presets {
            if ui.button(&p.name).on_hover_text(&p.summary).clicked() {
                commands.push(Command::OpenPreset(p.name.clone()));
            }
        }
    });
    ui.menu_button("Recent", |ui| {
        if app.prefs.recent.is_empty() {
            ui.label("No recent files");
        }
        for path in &app.prefs.recent {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                commands.push(Command::OpenPath(path.clone()));
            }
        }
        if !app.prefs.recent.is_empty() {
            ui.separator();
            if ui.button("Clear list").clicked() {
                commands.push(Command::ClearRecent);
            }
        }
    });
    super::experiments::file_menu(ui, &app.experiments, commands);
    ui.separator();
    item(ui, Action::Save, true, commands);
    item(ui, Action::SaveAs, true, commands);
    let has_results = app.runner.results.as_ref().is_some_and(|r| !r.is_empty());
    ui.add_enabled_ui(has_results, |ui| {
        ui.menu_button("Export", |ui| {
            use super::export::ExportKind;
            for kind in [ExportKind::ViewSvg, ExportKind::ViewPng, ExportKind::ViewCsv, ExportKind::Report] {
                if ui.button(kind.label()).clicked() {
                    commands.push(Command::Export(kind));
                }
            }
        })
        .response
        .on_disabled_hover_text("Exports need results: wait for the run to finish.");
    });
    ui.separator();
    item(ui, Action::Quit, true, commands);
}
