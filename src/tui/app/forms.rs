//! The editing forms: which form, list or question an editing key opens where the person is,
//! the keys while a form is open, and what applying one does to the map.

use std::path::PathBuf;

use petgraph::stable_graph::NodeIndex;

use super::App;
use super::catalogue::List;
use super::picks::{Pick, Steer, steer};
use super::reply::{PickFor, Reply};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::action::Action;
use crate::tui::form::{Editing, Form, Kind, Target, Value, categories};
use crate::tui::picker::{Choice, Picked, Picker};
use crate::tui::question::Question;
use crate::tui::screen::View;
use touchpoint_engine::edit::ids;
use touchpoint_engine::journey::{DataElement, Flow, Journey, Step};
use touchpoint_engine::text::clean;
use touchpoint_export as export;

/// How many flows a question about deleting a step names before it counts the rest.
const FLOWS_NAMED: usize = 6;

/// A step as a list shows it: its title, channel and stage.
fn step_choice(journey: &Journey, ix: NodeIndex) -> Choice {
    let s = &journey.graph[ix];
    Choice::new(
        s.id.clone(),
        s.title.clone(),
        format!(
            "{} · {}",
            journey.channel_name(&s.channel),
            journey.stage_name(&s.stage)
        ),
    )
}

/// A flow in words: `Sign up → Pay (when the basket is full)`.
fn flow_words(journey: &Journey, f: &Flow) -> String {
    let label = f
        .label
        .as_deref()
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    format!(
        "\u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}{label}",
        journey.step_title(&f.from),
        journey.step_title(&f.to)
    )
}

impl App {
    /// `E`: the form of what is selected where the person is.
    pub(super) fn edit_here(&mut self) {
        let journey = self.board.journey();
        let form = match self.view {
            View::Catalogue => self
                .catalogue_entry()
                .map(|i| self.catalogue.list.form(journey, Some(i))),
            View::Inspector if self.collection.is_some() => self
                .selected
                .zip(self.collection)
                .map(|(ix, c)| Form::collection(journey, ix, Some(c))),
            View::Grid | View::Inspector => self.selected.map(|ix| {
                let s = &journey.graph[ix];
                let position = journey.position(ix).unwrap_or(0);
                Form::step(journey, Some(ix), (&s.channel, &s.stage), position)
            }),
            View::Inventory => self
                .inventory_element()
                .map(|e| Form::element(journey, Some(e))),
            View::Findings => None,
        };
        match form {
            Some(form) => self.overlays.form = Some(form),
            None => self.message = Some("nothing selected to edit here".into()),
        }
    }

    /// `A`: the form of a new thing where the person is.
    pub(super) fn add_here(&mut self) {
        let journey = self.board.journey();
        let form = match self.view {
            View::Catalogue => Some(self.catalogue.list.form(journey, None)),
            View::Inspector => self.selected.map(|ix| Form::collection(journey, ix, None)),
            View::Inventory => Some(Form::element(journey, None)),
            View::Grid | View::Findings => {
                // In the selected step's channel and stage, written just after it.
                let here = self.selected.map(|ix| {
                    let s = &journey.graph[ix];
                    (
                        s.channel.as_str(),
                        s.stage.as_str(),
                        journey.position(ix).map_or(0, |p| p + 1),
                    )
                });
                let first = || {
                    Some((
                        journey.channels.first()?.id.as_str(),
                        journey.stages.first()?.id.as_str(),
                        journey.step_count(),
                    ))
                };
                here.or_else(first)
                    .map(|(channel, stage, at)| Form::step(journey, None, (channel, stage), at))
            }
        };
        match form {
            Some(form) => self.overlays.form = Some(form),
            None => {
                self.message = Some(format!(
                    "add a channel and a stage first ({}: the catalogue)",
                    self.keymap.key_for(&Action::ShowCatalogue)
                ));
            }
        }
    }

    /// `D`: asks before deleting what is selected where the person is.
    pub(super) fn delete_here(&mut self) {
        let journey = self.board.journey();
        let question = match self.view {
            View::Catalogue => self.catalogue_entry().and_then(|i| {
                let list = self.catalogue.list;
                let (id, name, _) = list.entry(journey, i)?;
                let users = list.users(journey, id);
                if !users.is_empty() {
                    self.message = Some(format!(
                        "the {} \u{201c}{}\u{201d} is still used: {}",
                        list.noun(),
                        clean(name),
                        clean(&users.iter().take(3).cloned().collect::<Vec<_>>().join(", "))
                    ));
                    return None;
                }
                Some(
                    Question::new(format!(
                        "Delete the {} \u{201c}{}\u{201d}?",
                        list.noun(),
                        clean(name)
                    ))
                    .answer('y', "delete it", Reply::DeleteEntry(list, i)),
                )
            }),
            View::Inspector if self.collection.is_some() => {
                self.selected.zip(self.collection).and_then(|(ix, c)| {
                    let col = journey.graph[ix].collects.get(c)?;
                    Some(
                        Question::new(format!(
                            "Stop collecting {} at \u{201c}{}\u{201d}?",
                            clean(journey.element_name(&col.element)),
                            clean(&journey.graph[ix].title)
                        ))
                        .line("Its justification goes with it (undo brings it back).")
                        .answer(
                            'y',
                            "delete the collection",
                            Reply::DeleteCollection { step: ix, index: c },
                        ),
                    )
                })
            }
            View::Grid | View::Inspector => self.selected.map(|ix| {
                let s = &journey.graph[ix];
                let flows: Vec<Flow> = journey
                    .flows()
                    .into_iter()
                    .filter(|f| f.from == s.id || f.to == s.id)
                    .collect();
                let mut q = Question::new(format!(
                    "Delete the step \u{201c}{}\u{201d}?",
                    clean(&s.title)
                ));
                q = q.line(match (flows.len(), s.collects.len()) {
                    (0, 0) => "No flow goes into or out of it.".to_string(),
                    (f, c) => format!(
                        "{} and {} go with it:",
                        count_words(c, "collection", "collections"),
                        count_words(f, "flow", "flows")
                    ),
                });
                for f in flows.iter().take(FLOWS_NAMED) {
                    q = q.line(format!("· {}", clean(&flow_words(journey, f))));
                }
                if flows.len() > FLOWS_NAMED {
                    q = q.line(format!("… and {} more", flows.len() - FLOWS_NAMED));
                }
                q.answer('y', "delete the step", Reply::DeleteStep(ix))
            }),
            View::Inventory | View::Findings => {
                self.message =
                    Some("delete from the grid, the step details or the catalogue".into());
                return;
            }
        };
        if let Some(q) = question {
            self.overlays.question = Some(q);
        } else if self.message.is_none() {
            self.message = Some("nothing selected to delete".into());
        }
    }

    /// `L`: a list of the other steps; the one chosen gets a flow from the selected step.
    pub(super) fn link(&mut self) {
        let Some(from) = self.selected else {
            self.message = Some("select the step the flow leaves from".into());
            return;
        };
        let journey = self.board.journey();
        let choices = journey
            .steps()
            .filter(|&(ix, _)| ix != from)
            .map(|(ix, _)| step_choice(journey, ix))
            .collect();
        let title = format!(
            "Flow from \u{201c}{}\u{201d} to…",
            journey.graph[from].title
        );
        self.overlays.pick = Some(Pick {
            picker: Picker::new(title, choices),
            purpose: PickFor::LinkFrom(from),
        });
    }

    /// `F`: the selected step's flows, to label or delete one.
    pub(super) fn step_flows(&mut self) {
        let Some(ix) = self.selected else {
            return;
        };
        let journey = self.board.journey();
        let id = &journey.graph[ix].id;
        let choices: Vec<Choice> = journey
            .flows()
            .iter()
            .enumerate()
            .filter(|(_, f)| &f.from == id || &f.to == id)
            .map(|(i, f)| Choice::new(i.to_string(), flow_words(journey, f), ""))
            .collect();
        if choices.is_empty() {
            self.message = Some(format!(
                "no flow goes into or out of this step ({} adds one)",
                self.keymap.key_for(&Action::Link)
            ));
            return;
        }
        let title = format!("Flows of \u{201c}{}\u{201d}", journey.graph[ix].title);
        self.overlays.pick = Some(Pick {
            picker: Picker::new(title, choices),
            purpose: PickFor::FlowOf(ix),
        });
    }

    /// `X`: the formats to export the map in.
    pub(super) fn export_picker(&mut self) {
        let choices = export::EXPORTERS
            .iter()
            .map(|e| Choice::new(e.id(), e.id(), e.description()))
            .collect();
        self.overlays.pick = Some(Pick {
            picker: Picker::new("Export the map as", choices),
            purpose: PickFor::ExportFormat,
        });
    }

    /// `K` and `J` in the step details: moves the chosen collection among the step's.
    pub(super) fn move_collection(&mut self, delta: isize) {
        let (Some(ix), Some(c)) = (self.selected, self.collection) else {
            self.message = Some("choose a collection to move first".into());
            return;
        };
        let n = self.selected_step_collections();
        let to = c.saturating_add_signed(delta).min(n.saturating_sub(1));
        if to == c {
            return;
        }
        match self.edit(|s, j| s.move_collection(j, ix, c, to)) {
            Ok(()) => {
                self.collection = Some(to);
                self.reveal_collection();
            }
            Err(e) => self.message = Some(e),
        }
    }

    /// Keys while a form is open: moving between fields, changing one, applying the form.
    pub(super) fn apply_in_form(&mut self, action: &Action) -> bool {
        let Some(form) = self.overlays.form.as_mut() else {
            return false;
        };
        if matches!(
            action,
            Action::Resize { .. } | Action::Reload(_) | Action::Tick | Action::Loading(_)
        ) {
            return false;
        }
        let multiline = matches!(form.field().map(|f| &f.kind), Some(Kind::Lines));
        match form.editing.as_mut() {
            Some(Editing::Text(area)) => {
                match action {
                    // Ctrl-u clears to the start of the line, as in a shell.
                    Action::Input(key)
                        if key.code == KeyCode::Char('u')
                            && key.modifiers.contains(KeyModifiers::CONTROL) =>
                    {
                        area.delete_line_by_head();
                    }
                    Action::Input(key) => {
                        area.input(*key);
                    }
                    Action::Select if multiline => area.insert_newline(),
                    Action::Select | Action::Save => {
                        form.keep_text();
                        // A form of one field (a file name) is done when the field is.
                        if form.fields.len() == 1 {
                            self.apply_form();
                        }
                    }
                    Action::Back => form.editing = None,
                    _ => {}
                }
                return true;
            }
            Some(Editing::Pick(picker)) => {
                match steer(picker, action) {
                    Steer::Passed | Steer::Kept => {}
                    Steer::Closed => form.editing = None,
                    Steer::Chose(picked) => {
                        form.editing = None;
                        self.field_picked(picked);
                    }
                }
                return true;
            }
            Some(Editing::NewElement { name, picker }) => {
                match steer(picker, action) {
                    Steer::Passed | Steer::Kept => {}
                    Steer::Closed => form.editing = None,
                    Steer::Chose(picked) => {
                        let name = name.clone();
                        form.editing = None;
                        let category = match picked {
                            Picked::One(c) => c.value,
                            Picked::New(typed) => typed,
                            Picked::Many(_) => return true,
                        };
                        self.new_element_from_form(name, category);
                    }
                }
                return true;
            }
            None => {}
        }
        match action {
            Action::Up => form.cursor = form.cursor.saturating_sub(1),
            Action::Down => {
                form.cursor = (form.cursor + 1).min(form.fields.len().saturating_sub(1))
            }
            Action::Select => form.begin(),
            Action::Toggle => form.toggle(),
            Action::Save => self.apply_form(),
            Action::Help => self.overlays.help = Some(0),
            Action::Back => {
                if form.changed() {
                    self.overlays.question = Some(
                        Question::new("Close the form and drop what was typed in it?").answer(
                            'y',
                            "drop it",
                            Reply::DiscardForm,
                        ),
                    );
                } else {
                    self.overlays.form = None;
                }
            }
            _ => {}
        }
        true
    }

    /// A choice made for the field under the form's cursor.
    fn field_picked(&mut self, picked: Picked) {
        let Some(form) = self.overlays.form.as_mut() else {
            return;
        };
        match picked {
            Picked::One(c) => form.set(Value::One(c.value)),
            Picked::Many(cs) => form.set(Value::Many(cs.into_iter().map(|c| c.value).collect())),
            Picked::New(typed) => match form.field().map(|f| f.key) {
                // A data element the catalogue lacks: its category next, then it is made.
                Some("element") => {
                    let picker = Picker::new(
                        format!("Category of \u{201c}{typed}\u{201d}"),
                        categories(self.board.journey()),
                    )
                    .creating("category");
                    form.editing = Some(Editing::NewElement {
                        name: typed,
                        picker,
                    });
                }
                _ => form.set(Value::One(typed)),
            },
        }
    }

    /// Adds the data element named in the collection form to the catalogue, and chooses it.
    fn new_element_from_form(&mut self, name: String, category: String) {
        let journey = self.board.journey();
        let id = ids::from_title(&name, "data", |id| journey.element_index(id).is_some());
        let element = DataElement {
            id: id.clone(),
            name: name.clone(),
            category: category.clone(),
            ..DataElement::default()
        };
        match self.edit(|s, j| s.edit_element(j, None, Some(element))) {
            Ok(()) => {
                if let Some(form) = self.overlays.form.as_mut() {
                    form.add_option("element", Choice::new(&id, &name, &category));
                    form.set(Value::One(id));
                }
                self.message = Some(format!("{} added to the catalogue", clean(&name)));
            }
            Err(e) => {
                if let Some(form) = self.overlays.form.as_mut() {
                    form.error = Some(e);
                }
            }
        }
    }

    /// Applies the form on screen to the map; a refusal stays in the form, saying why.
    fn apply_form(&mut self) {
        let Some(form) = self.overlays.form.take() else {
            return;
        };
        match self.apply_target(&form) {
            Ok(message) => {
                self.message = Some(message);
                // "Justify" in the review opened this form: the review takes it from here.
                if matches!(form.target, Target::Collection { .. }) && self.review.is_some() {
                    self.review_justified();
                }
            }
            Err(e) => {
                let mut form = form;
                form.error = Some(e);
                // The apply may have opened something else (a question); the form waits.
                self.overlays.form = Some(form);
            }
        }
    }

    fn apply_target(&mut self, form: &Form) -> Result<String, String> {
        let journey = self.board.journey();
        match form.target {
            Target::Collection { step, index } => {
                let base = index
                    .and_then(|i| journey.graph[step].collects.get(i).cloned())
                    .unwrap_or_default();
                let c = form.to_collection(base)?;
                let name = clean(journey.element_name(&c.element)).into_owned();
                match index {
                    Some(i) => self.edit(|s, j| s.update_collection(j, step, i, c))?,
                    None => {
                        let at = journey.graph[step].collects.len();
                        self.edit(|s, j| s.add_collection(j, step, at, c))?;
                        self.collection = Some(at);
                        self.view = View::Inspector;
                        self.reveal_collection();
                    }
                }
                Ok(format!("{name} written down"))
            }
            Target::Step { step, position } => {
                let taken = |id: &str| journey.step_index(id).is_some();
                match step {
                    Some(ix) => {
                        let old = journey.graph[ix].clone();
                        let new = form.to_step(old, |t| ids::from_title(t, "step", taken))?;
                        let title = clean(&new.title).into_owned();
                        self.edit(|s, j| s.update_step(j, ix, new))?;
                        Ok(format!("step \u{201c}{title}\u{201d} changed"))
                    }
                    None => {
                        let new =
                            form.to_step(Step::default(), |t| ids::from_title(t, "step", taken))?;
                        let (id, title) = (new.id.clone(), clean(&new.title).into_owned());
                        self.edit(|s, j| s.add_step(j, position, new))?;
                        let ix = self.board.journey().step_index(&id);
                        self.set_selected(ix, false);
                        Ok(format!("step \u{201c}{title}\u{201d} added"))
                    }
                }
            }
            Target::Flow { index } => {
                let base = journey.flows().get(index).cloned().unwrap_or_default();
                let flow = form.to_flow(base);
                self.edit(|s, j| s.update_flow(j, index, flow))?;
                Ok("flow labelled".into())
            }
            Target::Channel(i) => {
                let base = i
                    .and_then(|i| journey.channels.get(i).cloned())
                    .unwrap_or_default();
                let v = form.to_channel(base, |n| {
                    ids::from_title(n, "channel", |id| journey.channel_index(id).is_some())
                });
                self.edit(|s, j| s.edit_channel(j, i, Some(v)))?;
                Ok(self.catalogue_done(List::Channels, i))
            }
            Target::Stage(i) => {
                let base = i
                    .and_then(|i| journey.stages.get(i).cloned())
                    .unwrap_or_default();
                let v = form.to_stage(base, |n| {
                    ids::from_title(n, "stage", |id| journey.stage_index(id).is_some())
                });
                self.edit(|s, j| s.edit_stage(j, i, Some(v)))?;
                Ok(self.catalogue_done(List::Stages, i))
            }
            Target::System(i) => {
                let base = i
                    .and_then(|i| journey.systems.get(i).cloned())
                    .unwrap_or_default();
                let v = form.to_system(base, |n| {
                    ids::from_title(n, "system", |id| journey.system(id).is_some())
                });
                self.edit(|s, j| s.edit_system(j, i, Some(v)))?;
                Ok(self.catalogue_done(List::Systems, i))
            }
            Target::Element(i) => {
                let base = i
                    .and_then(|i| journey.elements.get(i).cloned())
                    .unwrap_or_default();
                let v = form.to_element(base, |n| {
                    ids::from_title(n, "data", |id| journey.element_index(id).is_some())
                })?;
                self.edit(|s, j| s.edit_element(j, i, Some(v)))?;
                Ok(self.catalogue_done(List::Elements, i))
            }
            Target::SaveAs => {
                let path = PathBuf::from(form.value("file").trim());
                self.save_as(path)?;
                Ok(self.message.take().unwrap_or_else(|| "saved".into()))
            }
            Target::Export(id) => {
                let path = PathBuf::from(form.value("file").trim());
                self.export_to(id, &path)
            }
            Target::ReviewStart => self.review_started(form),
            Target::Decision(outcome) => self.review_decided(outcome, form),
        }
    }

    /// After a catalogue form: the cursor on the entry; what was done.
    fn catalogue_done(&mut self, list: List, index: Option<usize>) -> String {
        let journey = self.board.journey();
        let row = index.unwrap_or_else(|| list.len(journey).saturating_sub(1));
        if self.view == View::Catalogue && self.catalogue.list == list {
            self.catalogue.cursor.row = row;
        }
        let name = list
            .entry(journey, row)
            .map(|(_, name, _)| clean(name).into_owned())
            .unwrap_or_default();
        match index {
            Some(_) => format!("{} \u{201c}{name}\u{201d} changed", list.noun()),
            None => format!("{} \u{201c}{name}\u{201d} added", list.noun()),
        }
    }
}

/// `n` things, in words.
fn count_words(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}
