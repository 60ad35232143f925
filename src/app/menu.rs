//! The menu bar: File, Edit, Run, View and Help.

use egui::{Button, Ui};

use super::command::Command;
use super::files;
use super::state::DivergeApp;
use super::views::Tab;

/// Draws the menu bar.
#[must_use]
pub fn ui(ui: &mut Ui, app: &mut DivergeApp) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, app, &mut commands));
            ui.menu_button("Edit", |ui| {
                if ui.add_enabled(app.doc.can_undo(), Button::new("Undo").shortcut_text("Ctrl+Z")).clicked() {
                    commands.push(Command::Undo);
                }
                if ui.add_enabled(app.doc.can_redo(), Button::new("Redo").shortcut_text("Ctrl+Shift+Z")).clicked() {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button("Run", |ui| {
                if ui.add(Button::new("Run again").shortcut_text("Ctrl+R")).clicked() {
                    commands.push(Command::Rerun);
                }
                if ui.add_enabled(app.runner.is_running(), Button::new("Cancel run").shortcut_text("Esc")).clicked() {
                    commands.push(Command::Cancel);
                }
            });
            ui.menu_button("View", |ui| {
                for tab in Tab::ALL {
                    if ui.radio(app.prefs.tab == tab, tab.title()).clicked() {
                        commands.push(Command::ShowTab(tab));
                    }
                }
                ui.separator();
                let before = app.prefs.theme;
                ui.horizontal(|ui| {
                    ui.label("Theme");
                    ui.selectable_value(&mut app.prefs.theme, egui::ThemePreference::Light, "Light");
                    ui.selectable_value(&mut app.prefs.theme, egui::ThemePreference::Dark, "Dark");
                    ui.selectable_value(&mut app.prefs.theme, egui::ThemePreference::System, "System");
                });
                if app.prefs.theme != before {
                    ui.ctx().set_theme(app.prefs.theme);
                }
                if ui.add(Button::new("Full screen").shortcut_text("F11")).clicked() {
                    commands.push(Command::ToggleFullscreen);
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    commands.push(Command::ShowShortcuts);
                }
                if ui.button("About Diverge").clicked() {
                    commands.push(Command::ShowAbout);
                }
            });
        });
    });
    commands
}

fn file_menu(ui: &mut Ui, app: &DivergeApp, commands: &mut Vec<Command>) {
    if ui.add(Button::new("New").shortcut_text("Ctrl+N")).clicked() {
        commands.push(Command::New);
    }
    if ui.add(Button::new("Open…").shortcut_text("Ctrl+O")).clicked() {
        commands.push(Command::Open);
    }
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
    ui.separator();
    if ui.add(Button::new("Save").shortcut_text("Ctrl+S")).clicked() {
        commands.push(Command::Save);
    }
    if ui.add(Button::new("Save As…").shortcut_text("Ctrl+Shift+S")).clicked() {
        commands.push(Command::SaveAs);
    }
    ui.separator();
    if ui.button("Quit").clicked() {
        commands.push(Command::Quit);
    }
}
