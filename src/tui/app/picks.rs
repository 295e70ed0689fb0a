//! The lists and questions open over the workbench: the keys while one is open, and what a
//! choice or an answer does (an export written where it was pointed among them).

use std::path::PathBuf;

use super::App;
use super::catalogue::List;
use super::reply::{PickFor, Reply};

use crate::tui::action::Action;
use crate::tui::form::{Form, Target};
use crate::tui::picker::{Picked, Picker};
use crate::tui::question::Question;
use touchpoint_engine::journey::Flow;
use touchpoint_engine::text::clean;
use touchpoint_export::{self as export, ExportContext, Options};

/// A list picked from outside a form, and what the choice is for.
#[derive(Debug, Clone)]
pub(crate) struct Pick {
    pub picker: Picker,
    pub purpose: PickFor,
}

impl App {
    /// Keys while a question is open: an answer's key, or leaving it. `false` for what
    /// passes through (resizes, reloads, time).
    pub(super) fn apply_in_question(&mut self, action: &Action) -> bool {
        let Some(question) = &self.overlays.question else {
            return false;
        };
        let reply = match action {
            Action::Type(c) => match question.reply_to(*c) {
                Some(r) => Some(r),
                None => return true,
            },
            Action::Back => None,
            Action::Resize { .. } | Action::Reload(_) | Action::Tick | Action::Loading(_) => {
                return false;
            }
            _ => return true,
        };
        self.overlays.question = None;
        if let Some(reply) = reply {
            self.answer(reply);
        }
        true
    }

    fn answer(&mut self, reply: Reply) {
        let done = match reply {
            Reply::DeleteStep(ix) => self.edit(|s, j| s.delete_step(j, ix)),
            Reply::DeleteCollection { step, index } => {
                let done = self.edit(|s, j| s.delete_collection(j, step, index));
                let n = self.selected_step_collections();
                self.collection = (n > 0).then(|| index.min(n - 1));
                done
            }
            Reply::DeleteFlow(i) => self.edit(|s, j| s.delete_flow(j, i)),
            Reply::LabelFlow(i) => {
                self.overlays.form = Some(Form::flow(self.board.journey(), i));
                Ok(())
            }
            Reply::DeleteEntry(list, i) => self.edit(|s, j| match list {
                List::Channels => s.edit_channel(j, Some(i), None),
                List::Stages => s.edit_stage(j, Some(i), None),
                List::Systems => s.edit_system(j, Some(i), None),
                List::Elements => s.edit_element(j, Some(i), None),
            }),
            Reply::DiscardForm => {
                self.overlays.form = None;
                Ok(())
            }
            Reply::SaveAndQuit => {
                self.save_and_quit();
                Ok(())
            }
            Reply::QuitWithoutSaving => {
                self.quit_without_saving();
                Ok(())
            }
            Reply::ReloadFromDisk => {
                self.reload_from_disk();
                Ok(())
            }
            Reply::Overwrite => {
                self.overwrite();
                Ok(())
            }
            Reply::SaveAs => {
                self.overlays.form = Some(Form::file(
                    "Save the map as".into(),
                    Target::SaveAs,
                    &self
                        .edits
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    "the file to write (a path, from the folder the workbench was started in)",
                ));
                Ok(())
            }
            Reply::Recover => {
                self.recover();
                Ok(())
            }
            Reply::DropJournal => {
                self.drop_journal();
                Ok(())
            }
            Reply::DropElement(e) => self.review_drop_element(e),
            Reply::KeepElement => Ok(()),
        };
        if let Err(e) = done {
            self.message = Some(e);
        }
    }

    /// Keys while a list outside a form is open.
    pub(super) fn apply_in_pick(&mut self, action: &Action) -> bool {
        let Some(pick) = self.overlays.pick.as_mut() else {
            return false;
        };
        match steer(&mut pick.picker, action) {
            Steer::Passed => false,
            Steer::Kept => true,
            Steer::Closed => {
                self.overlays.pick = None;
                true
            }
            Steer::Chose(picked) => {
                let purpose = pick.purpose;
                self.overlays.pick = None;
                self.picked(purpose, picked);
                true
            }
        }
    }

    fn picked(&mut self, purpose: PickFor, picked: Picked) {
        let Picked::One(choice) = picked else {
            return;
        };
        match purpose {
            PickFor::LinkFrom(from) => {
                let journey = self.board.journey();
                let flow = Flow {
                    from: journey.graph[from].id.clone(),
                    to: choice.value.clone(),
                    ..Flow::default()
                };
                match self.edit(|s, j| s.add_flow(j, flow)) {
                    Ok(()) => {
                        self.message = Some(format!(
                            "flow added to \u{201c}{}\u{201d}",
                            clean(&choice.label)
                        ));
                    }
                    Err(e) => self.message = Some(e),
                }
            }
            PickFor::FlowOf(_) => {
                let Ok(i) = choice.value.parse::<usize>() else {
                    return;
                };
                self.overlays.question = Some(
                    Question::new(format!("The flow {}", clean(&choice.label)))
                        .answer('l', "label it", Reply::LabelFlow(i))
                        .answer('d', "delete it", Reply::DeleteFlow(i)),
                );
            }
            PickFor::ExportFormat => {
                let Some(exporter) = export::find(&choice.value) else {
                    return;
                };
                let default = self.export_path(exporter.id(), exporter.extension());
                self.overlays.form = Some(Form::file(
                    format!("Export as {}", exporter.id()),
                    Target::Export(exporter.id()),
                    &default,
                    "the file to write (an existing one is replaced)",
                ));
            }
        }
    }

    /// Where an export goes unless the person says otherwise: beside the map, named after
    /// it (with the format's id when two formats share the extension).
    fn export_path(&self, id: &str, extension: &str) -> String {
        let map = self
            .edits
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(crate::tui::EXAMPLE_FILE));
        let shared = export::EXPORTERS
            .iter()
            .filter(|e| e.extension() == extension)
            .count()
            > 1;
        let stem = map
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "map".into());
        let name = if shared {
            format!("{stem}-{id}.{extension}")
        } else {
            format!("{stem}.{extension}")
        };
        map.with_file_name(name).display().to_string()
    }

    /// Writes the map, as shown, in format `id` to `path`.
    pub(super) fn export_to(&mut self, id: &str, path: &std::path::Path) -> Result<String, String> {
        if path.as_os_str().is_empty() {
            return Err("name the file to write".into());
        }
        let exporter = export::find(id).ok_or_else(|| format!("no format `{id}`"))?;
        let options = Options::default();
        let ctx = ExportContext::new(
            &self.board.map.file,
            self.board.journey(),
            &self.board.analysis,
            &options,
        );
        let text = exporter.export(&ctx).map_err(|e| e.to_string())?;
        touchpoint_engine::output::write_atomic(path, &text)
            .map_err(|e| format!("cannot write {}: {e}", clean(&path.display().to_string())))?;
        Ok(format!("exported {}", clean(&path.display().to_string())))
    }
}

/// What a key did to a list.
pub(super) enum Steer {
    /// Not the list's key (resizes, time).
    Passed,
    Kept,
    Closed,
    Chose(Picked),
}

/// Keys while a list is open: typing narrows it, arrows move, Tab marks, Enter chooses.
pub(super) fn steer(picker: &mut Picker, action: &Action) -> Steer {
    const PAGE: isize = 10;
    match action {
        Action::Type(c) => picker.type_char(*c),
        Action::SearchBackspace => picker.backspace(),
        Action::Up | Action::Scroll(-1) => picker.move_by(-1),
        Action::Down | Action::Scroll(1) => picker.move_by(1),
        Action::PageUp => picker.move_by(-PAGE),
        Action::PageDown => picker.move_by(PAGE),
        Action::Toggle => picker.toggle(),
        Action::Back => return Steer::Closed,
        Action::Select => {
            return match picker.pick() {
                Some(p) => Steer::Chose(p),
                None => Steer::Kept,
            };
        }
        Action::Resize { .. } | Action::Reload(_) | Action::Tick | Action::Loading(_) => {
            return Steer::Passed;
        }
        _ => {}
    }
    Steer::Kept
}
