//! Presentation mode (F5, View ▸ Present): the window full screen with one
//! view per slide, large text and thick lines, the editor, menus and status
//! bar hidden, and a panel of key parameters as large sliders.
//!
//! The slide shown *is* the window's tab ([`super::prefs::Prefs::tab`]):
//! stepping a slide switches the tab, so leaving shows the view presented
//! last and nothing else needs restoring. The large text is a style applied
//! to this frame's panels only ([`slide::presentation_style`]); the user's
//! theme, zoom and style are never changed, so leaving needs no undo of
//! them. Full screen is asked of the window on entry and the earlier state
//! put back on leaving.
//!
//! Keys while presenting: the right arrow, Page Down and Space step
//! forward, the left arrow and Page Up back, used up before the slide is
//! drawn so a focused slider never moves with them (it still follows the
//! pointer and screen readers); the slides stop at both ends (the buttons
//! grey out) rather than wrapping, so a presenter pressing once too often
//! stays on the last slide. Esc leaves
//! presentation mode and nothing else: a Monte Carlo under way keeps
//! running so its bands fill in; Esc outside presentation cancels as
//! before. A slider moved here edits the scenario exactly as the editor
//! does ([`super::command::Edit::Set`]): undoable, marked unsaved, re-run.

pub mod slide;
pub mod sliders;

use egui::{Context, Key, ViewportCommand};

use super::command::Command;
use super::state::DivergeApp;
use super::views::Tab;

/// What a presentation command asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentStep {
    /// Enter, or leave when presenting (F5).
    Toggle,
    /// Leave (Esc, the Leave button).
    Leave,
    /// The next slide.
    Next,
    /// The previous slide.
    Previous,
}

/// The state of presentation mode.
#[derive(Debug, Clone, Default)]
pub struct Presentation {
    /// Whether the window is presenting.
    pub active: bool,
    /// Whether the window was full screen before presenting (put back on
    /// leaving); `None` when presenting did not touch full screen.
    was_fullscreen: Option<bool>,
}

impl Presentation {
    /// Starts presenting; full screen when `fullscreen` (a `--screenshot`
    /// keeps its window size), remembering the window's state to restore.
    pub fn begin(&mut self, ctx: &Context, fullscreen: bool) {
        if self.active {
            return;
        }
        self.active = true;
        self.was_fullscreen = None;
        if fullscreen {
            let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            self.was_fullscreen = Some(full);
            if !full {
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
            }
        }
    }

    /// Stops presenting and puts full screen back as it was.
    pub fn end(&mut self, ctx: &Context) {
        if !self.active {
            return;
        }
        self.active = false;
        if self.was_fullscreen.take() == Some(false) {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        }
    }
}

/// The slides: one per view, in the window's tab order.
pub const SLIDES: [Tab; Tab::ALL.len()] = Tab::ALL;

/// The slide of `tab`, counted from 0.
pub fn slide_index(tab: Tab) -> usize {
    SLIDES.iter().position(|t| *t == tab).unwrap_or(0)
}

/// The slide `step` leads to from `tab`, stopping at both ends.
pub fn stepped(tab: Tab, step: PresentStep) -> Tab {
    let i = slide_index(tab);
    match step {
        PresentStep::Next => SLIDES[(i + 1).min(SLIDES.len() - 1)],
        PresentStep::Previous => SLIDES[i.saturating_sub(1)],
        PresentStep::Toggle | PresentStep::Leave => tab,
    }
}

/// The slide keys pressed this frame, used up so a focused slider or button
/// does not also take them. Not while a text field has the keyboard or a
/// window is open on top.
pub fn slide_keys(ctx: &Context, blocked: bool) -> Vec<Command> {
    if blocked {
        return Vec::new();
    }
    let keys = [
        (Key::ArrowRight, PresentStep::Next),
        (Key::PageDown, PresentStep::Next),
        (Key::Space, PresentStep::Next),
        (Key::ArrowLeft, PresentStep::Previous),
        (Key::PageUp, PresentStep::Previous),
    ];
    ctx.input_mut(|i| {
        keys.into_iter()
            .filter(|(key, _)| i.consume_key(egui::Modifiers::NONE, *key))
            .map(|(_, step)| Command::Present(step))
            .collect()
    })
}

impl DivergeApp {
    /// Carries out a presentation command.
    pub(super) fn apply_present(&mut self, ctx: &Context, step: PresentStep) {
        match step {
            PresentStep::Toggle if self.present.active => self.present.end(ctx),
            PresentStep::Toggle => {
                self.present.begin(ctx, true);
                self.say("Presenting: the arrow keys step through the views, Esc leaves", false);
            }
            PresentStep::Leave => self.present.end(ctx),
            PresentStep::Next | PresentStep::Previous => self.prefs.tab = stepped(self.prefs.tab, step),
        }
    }

    /// Starts presenting for `--present`: full screen when `fullscreen`
    /// (not for `--screenshot`, whose window keeps the size asked for).
    pub fn present_at_launch(&mut self, ctx: &Context, fullscreen: bool) {
        self.present.begin(ctx, fullscreen);
    }

    /// The presentation's frame: the experiments' reports and overlay (their
    /// windows stay hidden), the slide keys, and the slide itself.
    pub(super) fn present_frame(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        for (text, is_error) in self.experiments.poll(&self.doc.scenario) {
            self.say(text, is_error);
        }
        self.views.overlay.data = self.experiments.overlay();
        self.views.annotations.clone_from(&self.doc.scenario.annotations);
        let blocked = self.modal.is_some() || super::actions::typing(&ctx);
        let mut commands = slide_keys(&ctx, blocked);
        let results = self.runner.results.clone();
        let keys = crate::scenario::key_params::key_parameters(&self.doc.scenario);
        let header = slide::Header {
            tab: self.prefs.tab,
            scenario: &self.doc.scenario.name,
            running: self.runner.is_running() || self.is_busy(),
            problems: self.doc.problems.as_ref().map_or(0, |p| p.0.len()),
            bands: self.experiments.mc.bands.as_ref().map(|b| b.runs),
        };
        let base = ui.style().clone();
        ui.scope(|ui| {
            slide::presentation_style(ui.style_mut(), slide::TEXT_SCALE);
            commands.extend(slide::header(ui, &header));
            if !keys.is_empty() {
                commands.extend(sliders::panel(ui, &keys, self.doc.problems.as_ref()));
            }
            (self.views.line_scale, self.views.presenting) = (slide::LINE_SCALE, true);
            egui::CentralPanel::default().show(ui, |ui| {
                let mut style = (*base).clone();
                slide::presentation_style(&mut style, slide::PLOT_TEXT_SCALE);
                ui.set_style(style);
                commands.extend(self.views.slide(ui, self.prefs.tab, results.as_deref(), self.runner.version));
            });
            (self.views.line_scale, self.views.presenting) = (1.0, false);
        });
        commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_stops_at_both_ends() {
        let first = SLIDES[0];
        let last = SLIDES[SLIDES.len() - 1];
        assert_eq!(stepped(first, PresentStep::Previous), first);
        assert_eq!(stepped(last, PresentStep::Next), last);
        assert_eq!(stepped(first, PresentStep::Next), SLIDES[1]);
        assert_eq!(stepped(SLIDES[1], PresentStep::Previous), first);
    }
}
