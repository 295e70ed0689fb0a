//! A map being edited: its text (through the [`Editor`]) and its journey changed together,
//! edit by edit, each edit checked before it is made so that the map is never left
//! inconsistent; undo and redo of both; saving without overwriting changes made on disk;
//! and a journal of the unsaved edits.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::editor::{EditError, Editor};
use super::journal::{self, Entry};
use super::render;
use super::tree::Tree;
use crate::analysis::find_rule;
use crate::journey::{
    Channel, Collection, DataElement, Date, Document, FindingCounts, Flow, Journey, Method,
    Outcome, Review, ReviewDecision, Stage, Step, System,
};
use crate::output;
use crate::path;
use crate::source::Key;

/// A change to the journey, with what it replaced, so it can be made and taken back.
#[derive(Debug, Clone)]
enum ModelEdit {
    SetStep {
        position: usize,
        old: Box<Step>,
        new: Box<Step>,
    },
    InsertStep {
        position: usize,
        step: Box<Step>,
    },
    RemoveStep {
        position: usize,
        step: Box<Step>,
    },
    Flows {
        old: Vec<Flow>,
        new: Vec<Flow>,
    },
    Channels {
        old: Vec<Channel>,
        new: Vec<Channel>,
    },
    Stages {
        old: Vec<Stage>,
        new: Vec<Stage>,
    },
    Systems {
        old: Vec<System>,
        new: Vec<System>,
    },
    Elements {
        old: Vec<DataElement>,
        new: Vec<DataElement>,
    },
    Reviews {
        old: Vec<Review>,
        new: Vec<Review>,
    },
    /// The `entries:` list, when a step it names is renamed or deleted.
    Entries {
        old: Vec<String>,
        new: Vec<String>,
    },
    /// An edit recovered from a journal: only its text is known, so the journey is read
    /// again from the text after it is undone or redone.
    Reread,
}

impl ModelEdit {
    fn apply(&self, journey: &mut Journey, forward: bool) {
        match (self, forward) {
            (ModelEdit::SetStep { position, old, new }, _) => {
                if let Some(ix) = journey.at_position(*position) {
                    journey.set_step(ix, Step::clone(if forward { new } else { old }));
                }
            }
            (ModelEdit::InsertStep { position, step }, true)
            | (ModelEdit::RemoveStep { position, step }, false) => {
                journey.insert_step(*position, Step::clone(step));
            }
            (ModelEdit::InsertStep { position, .. }, false)
            | (ModelEdit::RemoveStep { position, .. }, true) => {
                if let Some(ix) = journey.at_position(*position) {
                    journey.remove_step(ix);
                }
            }
            (ModelEdit::Flows { old, new }, _) => {
                journey.set_flows(if forward { new } else { old }.clone());
            }
            (ModelEdit::Channels { old, new }, _) => {
                journey.set_channels(if forward { new } else { old }.clone());
            }
            (ModelEdit::Stages { old, new }, _) => {
                journey.set_stages(if forward { new } else { old }.clone());
            }
            (ModelEdit::Systems { old, new }, _) => {
                journey.set_systems(if forward { new } else { old }.clone());
            }
            (ModelEdit::Elements { old, new }, _) => {
                journey.set_elements(if forward { new } else { old }.clone());
            }
            (ModelEdit::Reviews { old, new }, _) => {
                journey.set_reviews(if forward { new } else { old }.clone());
            }
            (ModelEdit::Entries { old, new }, _) => {
                journey.set_entries(if forward { new } else { old }.clone());
            }
            // Read again from the text by the session (see `Session::remodel`).
            (ModelEdit::Reread, _) => {}
        }
    }
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is no longer what was loaded (or last saved): someone else changed it.
    ChangedOnDisk,
    /// The file could not be written.
    Io(io::Error),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ChangedOnDisk => f.write_str("the file changed on disk since it was loaded"),
            SaveError::Io(e) => write!(f, "cannot write the file: {e}"),
        }
    }
}

impl std::error::Error for SaveError {}

/// A map under edit.
pub struct Session {
    editor: Editor,
    /// For each edit done, what it did to the journey, oldest first.
    done: Vec<Vec<ModelEdit>>,
    undone: Vec<Vec<ModelEdit>>,
    /// The hash of the file as it was loaded or last saved.
    disk: u64,
    /// Where each edit, undo and redo is written as it happens, when there is a journal.
    journal: Option<Box<dyn Write + Send>>,
}

/// A copy of a session holds the same text, history and saved state, but writes no journal:
/// only the session a person edits in does.
impl Clone for Session {
    fn clone(&self) -> Session {
        Session {
            editor: self.editor.clone(),
            done: self.done.clone(),
            undone: self.undone.clone(),
            disk: self.disk,
            journal: None,
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("edits", &self.done.len())
            .field("dirty", &self.editor.is_dirty())
            .finish()
    }
}

fn invalid(message: impl Into<String>) -> EditError {
    EditError::Invalid(message.into())
}

/// The fields of `value` as RON, each on its own: `[("element", "\"email\""), …]`, absent
/// optional fields left out.
fn fields<T: Serialize>(value: &T) -> Result<Vec<(String, String)>, EditError> {
    let text = render::compact(value).map_err(|e| EditError::Render(e.to_string()))?;
    let tree = Tree::new(&text);
    Ok(tree
        .fields(&text, 0)
        .map(|(name, c)| {
            let n = tree.node(c);
            (
                name.to_string(),
                text[n.start as usize..n.end as usize].to_string(),
            )
        })
        .collect())
}

/// An id a person can type: not empty, no spaces or control characters.
fn check_id(what: &str, id: &str) -> Result<(), EditError> {
    if id.trim().is_empty() {
        return Err(invalid(format!("the {what} needs an id")));
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(format!(
            "the {what} id `{}` has spaces or control characters: ids are short names such as `web-login`",
            id.escape_debug()
        )));
    }
    Ok(())
}

impl Session {
    /// A session over `text`, the file's content as loaded.
    pub fn new(text: String) -> Session {
        let disk = journal::hash(&text);
        Session {
            editor: Editor::new(text),
            done: Vec::new(),
            undone: Vec::new(),
            disk,
            journal: None,
        }
    }

    /// Continues a session recovered from a journal (see [`journal::replay`]): the text
    /// holds the journaled edits; the journey must be loaded from it. The recovered edits
    /// can be undone: the journey is then read again from the text.
    pub fn recovered(editor: Editor, base_hash: u64) -> Session {
        let recovered = editor.done().len();
        Session {
            editor,
            done: vec![vec![ModelEdit::Reread]; recovered],
            undone: Vec::new(),
            disk: base_hash,
            journal: None,
        }
    }

    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    pub fn text(&self) -> &str {
        self.editor.text()
    }

    pub fn is_dirty(&self) -> bool {
        self.editor.is_dirty()
    }

    /// Whether there are edits to undo.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Writes each edit, undo, redo and save to `journal` from now on, after a first line
    /// naming the file's text as on disk and the edits not yet saved (`file` is what the map is
    /// called, for people). Called again after a save, with a fresh journal, it starts over
    /// from the text just saved.
    pub fn journal_to(&mut self, mut journal: Box<dyn Write + Send>, file: &str) -> io::Result<()> {
        let base = Entry::Base {
            hash: self.disk,
            file: file.to_string(),
        };
        journal.write_all(base.line().as_bytes())?;
        for change in self.editor.unsaved() {
            journal.write_all(Entry::edit(change).line().as_bytes())?;
        }
        journal.flush()?;
        self.journal = Some(journal);
        Ok(())
    }

    /// Stops journaling (the journal's file is about to be removed).
    pub fn end_journal(&mut self) {
        self.journal = None;
    }

    fn journal(&mut self, entry: &Entry) {
        if let Some(j) = &mut self.journal {
            // A journal that cannot be written loses crash safety, not the edit.
            let _ = j
                .write_all(entry.line().as_bytes())
                .and_then(|()| j.flush());
        }
    }

    /// Makes an edit: its text (through `text`, grouped as one change) and its model edits.
    fn commit(
        &mut self,
        journey: &mut Journey,
        label: &str,
        text: impl FnOnce(&mut Editor) -> Result<(), EditError>,
        model: Vec<ModelEdit>,
    ) -> Result<(), EditError> {
        let before = self.editor.done().len();
        self.editor.group(label, text)?;
        if self.editor.done().len() == before {
            return Ok(());
        }
        for m in &model {
            m.apply(journey, true);
        }
        if let Some(change) = self.editor.done().last() {
            let entry = Entry::edit(change);
            self.journal(&entry);
        }
        self.done.push(model);
        self.undone.clear();
        Ok(())
    }

    /// Takes back the last edit, in the text and the journey; its label.
    pub fn undo(&mut self, journey: &mut Journey) -> Option<String> {
        let model = self.done.pop()?;
        let Some(label) = self.editor.undo() else {
            self.done.push(model);
            return None;
        };
        if !Self::remodel(&model, journey, self.editor.text(), false) {
            // The text before a recovered edit no longer loads: stay after it.
            self.editor.redo();
            self.done.push(model);
            return None;
        }
        self.undone.push(model);
        // Journaled as the patches it made, so the journal replays without the history
        // (which starts again at each save).
        if let Some(change) = self.editor.undone().last() {
            let mut entry = Entry::edit(&change.inverse());
            if let Entry::Edit { label, .. } = &mut entry {
                *label = format!("undo {label}");
            }
            self.journal(&entry);
        }
        Some(label)
    }

    /// Makes the last undone edit again; its label.
    pub fn redo(&mut self, journey: &mut Journey) -> Option<String> {
        let model = self.undone.pop()?;
        let Some(label) = self.editor.redo() else {
            self.undone.push(model);
            return None;
        };
        if !Self::remodel(&model, journey, self.editor.text(), true) {
            self.editor.undo();
            self.undone.push(model);
            return None;
        }
        self.done.push(model);
        if let Some(change) = self.editor.done().last() {
            let entry = Entry::edit(change);
            self.journal(&entry);
        }
        Some(label)
    }

    /// Brings the journey to match the text after an undo (`forward`: a redo) of `model`:
    /// its edits taken back or made again, or the journey read from `text` for a recovered
    /// edit. False when that text does not load, and the journey is left as it was.
    fn remodel(model: &[ModelEdit], journey: &mut Journey, text: &str, forward: bool) -> bool {
        if model.iter().any(|m| matches!(m, ModelEdit::Reread)) {
            return match crate::mapfile::load_str("recovered", text.to_string()) {
                Ok(map) => {
                    *journey = map.journey;
                    true
                }
                Err(_) => false,
            };
        }
        if forward {
            for m in model {
                m.apply(journey, true);
            }
        } else {
            for m in model.iter().rev() {
                m.apply(journey, false);
            }
        }
        true
    }

    fn step_at(journey: &Journey, ix: NodeIndex) -> Result<(usize, &Step), EditError> {
        let position = journey
            .position(ix)
            .ok_or_else(|| invalid("that step is no longer in the map"))?;
        Ok((position, &journey.graph[ix]))
    }

    fn check_step(
        journey: &Journey,
        step: &Step,
        this: Option<NodeIndex>,
    ) -> Result<(), EditError> {
        check_id("step", &step.id)?;
        if journey
            .step_index(&step.id)
            .is_some_and(|ix| Some(ix) != this)
        {
            return Err(invalid(format!(
                "another step already has the id `{}`",
                step.id
            )));
        }
        if step.title.trim().is_empty() {
            return Err(invalid("a step needs a title"));
        }
        if journey.channel_index(&step.channel).is_none() {
            return Err(invalid(format!("there is no channel `{}`", step.channel)));
        }
        if journey.stage_index(&step.stage).is_none() {
            return Err(invalid(format!("there is no stage `{}`", step.stage)));
        }
        if !(-2..=2).contains(&step.emotion) {
            return Err(invalid("emotion goes from -2 (angry) to +2 (delighted)"));
        }
        for allow in &step.allow {
            Self::check_allow(allow)?;
        }
        Ok(())
    }

    fn check_allow(allow: &crate::journey::Allow) -> Result<(), EditError> {
        if find_rule(&allow.rule).is_none() {
            return Err(invalid(format!("there is no rule `{}`", allow.rule)));
        }
        if allow.reason.trim().is_empty() {
            return Err(invalid("a suppression needs a reason a reviewer can judge"));
        }
        Ok(())
    }

    fn check_collection(journey: &Journey, c: &Collection) -> Result<(), EditError> {
        if journey.element(&c.element).is_none() {
            return Err(invalid(format!(
                "the catalogue has no data element `{}`",
                c.element
            )));
        }
        if let Some(s) = c.stored_in.iter().find(|s| journey.system(s).is_none()) {
            return Err(invalid(format!("there is no system `{s}`")));
        }
        // The references the loader checks, so that a saved map loads again.
        if let Some(a) = c.about.as_deref().filter(|a| journey.subject(a).is_none()) {
            return Err(invalid(format!("there is no data subject `{a}`")));
        }
        if let Some(p) = c.source.as_deref().filter(|p| journey.party(p).is_none()) {
            return Err(invalid(format!("there is no organisation `{p}`")));
        }
        if c.source.is_some() && c.method != Method::ThirdParty {
            return Err(invalid(
                "a source is where third-party data comes from: take it \"from a third party\"",
            ));
        }
        if let Some(p) = c.shared_with.iter().find(|p| journey.party(p).is_none()) {
            return Err(invalid(format!("there is no organisation `{p}`")));
        }
        for allow in &c.allow {
            Self::check_allow(allow)?;
        }
        Ok(())
    }

    /// The `entries:` list with step `old` renamed to `new` (`None`: deleted), and the edit
    /// that makes it, when the list names the step: a saved map must not name a step that
    /// is gone.
    fn entries_after(
        journey: &Journey,
        old: &str,
        new: Option<&str>,
    ) -> Option<(Vec<String>, ModelEdit)> {
        let before = journey.entry_ids().to_vec();
        if !before.iter().any(|id| id == old) {
            return None;
        }
        let after: Vec<String> = before
            .iter()
            .filter_map(|id| match (id == old, new) {
                (false, _) => Some(id.clone()),
                (true, Some(n)) => Some(n.to_string()),
                (true, None) => None,
            })
            .collect();
        Some((
            after.clone(),
            ModelEdit::Entries {
                old: before,
                new: after,
            },
        ))
    }

    /// Writes the `entries:` list (removed when it names nothing, which means the same).
    fn write_entries(editor: &mut Editor, entries: &[String]) -> Result<(), EditError> {
        let order = render::field_order::<Document>();
        let value = if entries.is_empty() {
            None
        } else {
            Some(render::compact(entries).map_err(|e| invalid(e.to_string()))?)
        };
        editor.set_field(path![], "entries", value.as_deref(), order, "entries")?;
        Ok(())
    }

    /// Text edits turning struct `old` at `at` into `new`, field by field; fields in `skip`
    /// (lists edited item by item) must not differ.
    fn set_fields<'de, T: Serialize + Deserialize<'de>>(
        editor: &mut Editor,
        at: &[Key<'_>],
        old: &T,
        new: &T,
    ) -> Result<(), EditError> {
        let order = render::field_order::<T>();
        let old_fields = fields(old)?;
        let new_fields = fields(new)?;
        let text = |list: &[(String, String)], name: &str| {
            list.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone())
        };
        for name in order {
            let (was, now) = (text(&old_fields, name), text(&new_fields, name));
            if was != now {
                editor.set_field(at, name, now.as_deref(), order, name)?;
            }
        }
        Ok(())
    }

    /// Changes step `ix`'s own fields (its collections are edited one by one). A new id is
    /// carried into the flows that name the step.
    pub fn update_step(
        &mut self,
        journey: &mut Journey,
        ix: NodeIndex,
        new: Step,
    ) -> Result<(), EditError> {
        let (position, old) = Self::step_at(journey, ix)?;
        let old = old.clone();
        if new.collects != old.collects {
            return Err(invalid("collections are edited one by one"));
        }
        Self::check_step(journey, &new, Some(ix))?;
        let mut model = vec![ModelEdit::SetStep {
            position,
            old: Box::new(old.clone()),
            new: Box::new(new.clone()),
        }];
        let flows = journey.flows();
        let renamed = old.id != new.id;
        let mut new_flows = flows.clone();
        let mut entries = None;
        if renamed {
            for f in &mut new_flows {
                if f.from == old.id {
                    f.from = new.id.clone();
                }
                if f.to == old.id {
                    f.to = new.id.clone();
                }
            }
            // Flows are laid down by the ids of their steps, so they must be set after the
            // step has its id: after it going forward, and after it again when undone (undo
            // runs the edits backwards), hence once on each side of it.
            let relink = ModelEdit::Flows {
                old: flows.clone(),
                new: new_flows.clone(),
            };
            model.insert(0, relink.clone());
            model.push(relink);
            if let Some((list, edit)) = Self::entries_after(journey, &old.id, Some(&new.id)) {
                entries = Some(list);
                model.push(edit);
            }
        }
        self.commit(
            journey,
            &format!("edit step {}", new.title),
            |e| {
                Self::set_fields(e, path!["steps", position], &old, &new)?;
                for (i, (was, now)) in flows.iter().zip(&new_flows).enumerate() {
                    if was != now {
                        Self::set_fields(e, path!["flows", i], was, now)?;
                    }
                }
                if let Some(list) = &entries {
                    Self::write_entries(e, list)?;
                }
                Ok(())
            },
            model,
        )
    }

    /// Adds `step` at `position` in the list of steps (where it is written, in file order).
    pub fn add_step(
        &mut self,
        journey: &mut Journey,
        position: usize,
        step: Step,
    ) -> Result<(), EditError> {
        Self::check_step(journey, &step, None)?;
        for c in &step.collects {
            Self::check_collection(journey, c)?;
        }
        let position = position.min(journey.step_count());
        let order = render::field_order::<Document>();
        let model = vec![ModelEdit::InsertStep {
            position,
            step: Box::new(step.clone()),
        }];
        self.commit(
            journey,
            &format!("add step {}", step.title),
            |e| e.insert_item(path![], "steps", order, position, &step, "step"),
            model,
        )
    }

    /// Removes step `ix` and every flow into or out of it.
    pub fn delete_step(&mut self, journey: &mut Journey, ix: NodeIndex) -> Result<(), EditError> {
        let (position, step) = Self::step_at(journey, ix)?;
        let step = step.clone();
        let flows = journey.flows();
        let kept: Vec<Flow> = flows
            .iter()
            .filter(|f| f.from != step.id && f.to != step.id)
            .cloned()
            .collect();
        let gone: Vec<usize> = flows
            .iter()
            .enumerate()
            .filter(|(_, f)| f.from == step.id || f.to == step.id)
            .map(|(i, _)| i)
            .collect();
        let mut model = vec![
            ModelEdit::Flows {
                old: flows,
                new: kept,
            },
            ModelEdit::RemoveStep {
                position,
                step: Box::new(step.clone()),
            },
        ];
        let entries = Self::entries_after(journey, &step.id, None).map(|(list, edit)| {
            model.push(edit);
            list
        });
        self.commit(
            journey,
            &format!("delete step {}", step.title),
            |e| {
                // Last first, so each position still names the flow it was found at.
                for &i in gone.iter().rev() {
                    e.remove_item(path!["flows"], i, "flow")?;
                }
                if let Some(list) = &entries {
                    Self::write_entries(e, list)?;
                }
                e.remove_item(path!["steps"], position, "step")
            },
            model,
        )
    }

    /// Adds collection `c` to step `ix` at `index` among its collections.
    pub fn add_collection(
        &mut self,
        journey: &mut Journey,
        ix: NodeIndex,
        index: usize,
        c: Collection,
    ) -> Result<(), EditError> {
        Self::check_collection(journey, &c)?;
        let (position, step) = Self::step_at(journey, ix)?;
        let mut new = step.clone();
        let index = index.min(new.collects.len());
        new.collects.insert(index, c.clone());
        let model = vec![ModelEdit::SetStep {
            position,
            old: Box::new(step.clone()),
            new: Box::new(new.clone()),
        }];
        let name = journey.element_name(&c.element).to_string();
        self.commit(
            journey,
            &format!("add {name} to {}", new.title),
            |e| {
                e.insert_item(
                    path!["steps", position],
                    "collects",
                    render::field_order::<Step>(),
                    index,
                    &c,
                    "collection",
                )
            },
            model,
        )
    }

    /// Changes collection `index` of step `ix` into `c`, field by field.
    pub fn update_collection(
        &mut self,
        journey: &mut Journey,
        ix: NodeIndex,
        index: usize,
        c: Collection,
    ) -> Result<(), EditError> {
        Self::check_collection(journey, &c)?;
        let (position, step) = Self::step_at(journey, ix)?;
        let old = step
            .collects
            .get(index)
            .cloned()
            .ok_or_else(|| invalid("that collection is no longer there"))?;
        let mut new = step.clone();
        new.collects[index] = c.clone();
        let model = vec![ModelEdit::SetStep {
            position,
            old: Box::new(step.clone()),
            new: Box::new(new),
        }];
        let name = journey.element_name(&c.element).to_string();
        self.commit(
            journey,
            &format!("edit {name}"),
            |e| Self::set_fields(e, path!["steps", position, "collects", index], &old, &c),
            model,
        )
    }

    /// Removes collection `index` of step `ix`.
    pub fn delete_collection(
        &mut self,
        journey: &mut Journey,
        ix: NodeIndex,
        index: usize,
    ) -> Result<(), EditError> {
        let (position, step) = Self::step_at(journey, ix)?;
        let mut new = step.clone();
        if index >= new.collects.len() {
            return Err(invalid("that collection is no longer there"));
        }
        let gone = new.collects.remove(index);
        let model = vec![ModelEdit::SetStep {
            position,
            old: Box::new(step.clone()),
            new: Box::new(new),
        }];
        let name = journey.element_name(&gone.element).to_string();
        self.commit(
            journey,
            &format!("drop {name}"),
            |e| e.remove_item(path!["steps", position, "collects"], index, "collection"),
            model,
        )
    }

    /// Moves collection `from` of step `ix` to position `to` among its collections.
    pub fn move_collection(
        &mut self,
        journey: &mut Journey,
        ix: NodeIndex,
        from: usize,
        to: usize,
    ) -> Result<(), EditError> {
        let (position, step) = Self::step_at(journey, ix)?;
        let n = step.collects.len();
        if from >= n || to >= n || from == to {
            return Ok(());
        }
        let mut new = step.clone();
        let c = new.collects.remove(from);
        new.collects.insert(to, c);
        let model = vec![ModelEdit::SetStep {
            position,
            old: Box::new(step.clone()),
            new: Box::new(new),
        }];
        self.commit(
            journey,
            "reorder collections",
            |e| e.move_item(path!["steps", position, "collects"], from, to, "move"),
            model,
        )
    }

    /// Adds `flow` at the end of the flows.
    pub fn add_flow(&mut self, journey: &mut Journey, flow: Flow) -> Result<(), EditError> {
        let flows = journey.flows();
        if journey.step(&flow.from).is_none() || journey.step(&flow.to).is_none() {
            return Err(invalid("a flow joins two steps of the map"));
        }
        if flow.from == flow.to {
            return Err(invalid(
                "a flow from a step to itself: a step that repeats is shown by a flow back to an earlier step",
            ));
        }
        if flows.iter().any(|f| f.from == flow.from && f.to == flow.to) {
            return Err(invalid("that flow is already there"));
        }
        let mut new = flows.clone();
        new.push(flow.clone());
        let at = flows.len();
        let model = vec![ModelEdit::Flows { old: flows, new }];
        let label = format!(
            "flow {} → {}",
            journey.step_title(&flow.from),
            journey.step_title(&flow.to)
        );
        self.commit(
            journey,
            &label,
            |e| {
                e.insert_item(
                    path![],
                    "flows",
                    render::field_order::<Document>(),
                    at,
                    &flow,
                    "flow",
                )
            },
            model,
        )
    }

    /// Changes flow `index` (in file order) into `flow` (a new label, say).
    pub fn update_flow(
        &mut self,
        journey: &mut Journey,
        index: usize,
        flow: Flow,
    ) -> Result<(), EditError> {
        let flows = journey.flows();
        let old = flows
            .get(index)
            .cloned()
            .ok_or_else(|| invalid("that flow is no longer there"))?;
        if (&old.from, &old.to) != (&flow.from, &flow.to) {
            return Err(invalid(
                "a flow's ends do not change: delete it and add another",
            ));
        }
        let mut new = flows.clone();
        new[index] = flow.clone();
        let model = vec![ModelEdit::Flows { old: flows, new }];
        self.commit(
            journey,
            "label a flow",
            |e| Self::set_fields(e, path!["flows", index], &old, &flow),
            model,
        )
    }

    /// Removes flow `index` (in file order).
    pub fn delete_flow(&mut self, journey: &mut Journey, index: usize) -> Result<(), EditError> {
        let flows = journey.flows();
        if index >= flows.len() {
            return Err(invalid("that flow is no longer there"));
        }
        let mut new = flows.clone();
        new.remove(index);
        let model = vec![ModelEdit::Flows { old: flows, new }];
        self.commit(
            journey,
            "delete a flow",
            |e| e.remove_item(path!["flows"], index, "flow"),
            model,
        )
    }

    /// What still refers to channel `id`, said for a person ("step `Sign up`, …").
    pub fn channel_users(journey: &Journey, id: &str) -> Vec<String> {
        journey
            .steps()
            .filter(|(_, s)| s.channel == id)
            .map(|(_, s)| format!("step \u{201c}{}\u{201d}", s.title))
            .collect()
    }

    /// What still refers to stage `id`.
    pub fn stage_users(journey: &Journey, id: &str) -> Vec<String> {
        journey
            .steps()
            .filter(|(_, s)| s.stage == id)
            .map(|(_, s)| format!("step \u{201c}{}\u{201d}", s.title))
            .collect()
    }

    /// What still refers to system `id`: channels that read it, collections stored in it.
    pub fn system_users(journey: &Journey, id: &str) -> Vec<String> {
        let mut users: Vec<String> = journey
            .channels
            .iter()
            .filter(|c| c.reads.iter().any(|r| r == id))
            .map(|c| format!("channel \u{201c}{}\u{201d} reads it", c.name))
            .collect();
        for c in &journey.channels {
            if c.masked.iter().any(|m| m.system == id) {
                users.push(format!(
                    "channel \u{201c}{}\u{201d} masks fields in it",
                    c.name
                ));
            }
        }
        for (_, s) in journey.steps() {
            for c in &s.collects {
                if c.stored_in.iter().any(|x| x == id) {
                    users.push(format!(
                        "{} at \u{201c}{}\u{201d} is stored in it",
                        journey.element_name(&c.element),
                        s.title
                    ));
                }
            }
        }
        users
    }

    /// What still refers to data element `id`: the steps that collect it.
    pub fn element_users(journey: &Journey, id: &str) -> Vec<String> {
        let mut users: Vec<String> = journey
            .steps()
            .filter(|(_, s)| s.collects.iter().any(|c| c.element == id))
            .map(|(_, s)| format!("step \u{201c}{}\u{201d} collects it", s.title))
            .collect();
        for c in &journey.channels {
            if c.masked.iter().any(|m| m.elements.iter().any(|e| e == id)) {
                users.push(format!("channel \u{201c}{}\u{201d} sees it masked", c.name));
            }
        }
        users
    }

    /// Adds, changes or removes an entry of a catalogue list (channels, stages, systems,
    /// elements): `change` gives the new list and says which entry changed how.
    fn catalogue<'de, T>(
        &mut self,
        journey: &mut Journey,
        field: &'static str,
        old: Vec<T>,
        change: Catalogue<T>,
        model: impl Fn(Vec<T>, Vec<T>) -> ModelEdit,
    ) -> Result<(), EditError>
    where
        T: Serialize + Deserialize<'de> + Clone,
    {
        let mut new = old.clone();
        let label;
        let order = render::field_order::<Document>();
        match &change {
            Catalogue::Add(item) => {
                new.push(item.clone());
                label = format!("add to {field}");
            }
            Catalogue::Update(i, item) => {
                *new.get_mut(*i)
                    .ok_or_else(|| invalid("that entry is no longer there"))? = item.clone();
                label = format!("edit {field}");
            }
            Catalogue::Remove(i) => {
                if *i >= new.len() {
                    return Err(invalid("that entry is no longer there"));
                }
                new.remove(*i);
                label = format!("delete from {field}");
            }
        }
        let at = old.len();
        let edit = model(old.clone(), new);
        self.commit(
            journey,
            &label,
            |e| match &change {
                Catalogue::Add(item) => e.insert_item(path![], field, order, at, item, "add"),
                Catalogue::Update(i, item) => Self::set_fields(e, path![field, *i], &old[*i], item),
                Catalogue::Remove(i) => e.remove_item(path![field], *i, "remove"),
            },
            vec![edit],
        )
    }

    /// Adds a channel, changes channel `Some(i)`, or (with `None` as the new value) removes
    /// it — refused, naming them, while steps are in it.
    pub fn edit_channel(
        &mut self,
        journey: &mut Journey,
        index: Option<usize>,
        channel: Option<Channel>,
    ) -> Result<(), EditError> {
        // A masked field is one of a system the channel reads; the loader refuses the rest.
        if let Some(m) = channel
            .as_ref()
            .and_then(|c| c.masked.iter().find(|m| !c.reads.contains(&m.system)))
        {
            return Err(invalid(format!(
                "the channel masks fields in `{}`, so it must read it",
                m.system
            )));
        }
        let old = journey.channels.clone();
        let change = Self::plan(
            &old,
            index,
            channel,
            |c| &c.id,
            |id| Self::channel_users(journey, id),
            "channel",
            |id| journey.channel_index(id),
        )?;
        self.catalogue(journey, "channels", old, change, |old, new| {
            ModelEdit::Channels { old, new }
        })
    }

    /// As [`Session::edit_channel`], for stages.
    pub fn edit_stage(
        &mut self,
        journey: &mut Journey,
        index: Option<usize>,
        stage: Option<Stage>,
    ) -> Result<(), EditError> {
        let old = journey.stages.clone();
        let change = Self::plan(
            &old,
            index,
            stage,
            |s| &s.id,
            |id| Self::stage_users(journey, id),
            "stage",
            |id| journey.stage_index(id),
        )?;
        self.catalogue(journey, "stages", old, change, |old, new| {
            ModelEdit::Stages { old, new }
        })
    }

    /// As [`Session::edit_channel`], for systems.
    pub fn edit_system(
        &mut self,
        journey: &mut Journey,
        index: Option<usize>,
        system: Option<System>,
    ) -> Result<(), EditError> {
        let old = journey.systems.clone();
        let change = Self::plan(
            &old,
            index,
            system,
            |s| &s.id,
            |id| Self::system_users(journey, id),
            "system",
            |id| journey.systems.iter().position(|s| s.id == id),
        )?;
        self.catalogue(journey, "systems", old, change, |old, new| {
            ModelEdit::Systems { old, new }
        })
    }

    /// As [`Session::edit_channel`], for data elements.
    pub fn edit_element(
        &mut self,
        journey: &mut Journey,
        index: Option<usize>,
        element: Option<DataElement>,
    ) -> Result<(), EditError> {
        let old = journey.elements.clone();
        let change = Self::plan(
            &old,
            index,
            element,
            |e| &e.id,
            |id| Self::element_users(journey, id),
            "data element",
            |id| journey.element_index(id),
        )?;
        self.catalogue(journey, "data", old, change, |old, new| {
            ModelEdit::Elements { old, new }
        })
    }

    /// What a catalogue edit is, once checked: a new entry needs a free id, a changed one
    /// keeps its id while something refers to it, a removed one must be unused.
    #[allow(clippy::too_many_arguments)]
    fn plan<T: Clone>(
        list: &[T],
        index: Option<usize>,
        value: Option<T>,
        id: impl Fn(&T) -> &String,
        users: impl Fn(&str) -> Vec<String>,
        what: &str,
        find: impl Fn(&str) -> Option<usize>,
    ) -> Result<Catalogue<T>, EditError> {
        let in_use = |old_id: &str| {
            let users = users(old_id);
            (!users.is_empty()).then(|| {
                let shown: Vec<&str> = users.iter().take(5).map(String::as_str).collect();
                let more = users.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!("{}{more}", shown.join(", "))
            })
        };
        match (index, value) {
            (None, Some(v)) => {
                check_id(what, id(&v))?;
                if find(id(&v)).is_some() {
                    return Err(invalid(format!("there is already a {what} `{}`", id(&v))));
                }
                Ok(Catalogue::Add(v))
            }
            (Some(i), Some(v)) => {
                let old = list
                    .get(i)
                    .ok_or_else(|| invalid("that entry is no longer there"))?;
                check_id(what, id(&v))?;
                if id(old) != id(&v) {
                    if find(id(&v)).is_some() {
                        return Err(invalid(format!("there is already a {what} `{}`", id(&v))));
                    }
                    if let Some(users) = in_use(id(old)) {
                        return Err(EditError::Refused(format!(
                            "the {what} `{}` keeps its id while it is used: {users}",
                            id(old)
                        )));
                    }
                }
                Ok(Catalogue::Update(i, v))
            }
            (Some(i), None) => {
                let old = list
                    .get(i)
                    .ok_or_else(|| invalid("that entry is no longer there"))?;
                if let Some(users) = in_use(id(old)) {
                    return Err(EditError::Refused(format!(
                        "the {what} `{}` is still used: {users}",
                        id(old)
                    )));
                }
                Ok(Catalogue::Remove(i))
            }
            (None, None) => Err(invalid("nothing to do")),
        }
    }

    /// Whether `decision`, taken on `date`, can be recorded: what [`Session::add_decision`]
    /// checks first, for a front end that makes other edits with it.
    pub fn check_decision(date: &str, decision: &ReviewDecision) -> Result<(), EditError> {
        Date::parse(date).map_err(invalid)?;
        if decision.step.trim().is_empty() || decision.element.trim().is_empty() {
            return Err(invalid("a decision names a step and a data element"));
        }
        if decision.outcome == Outcome::Deferred {
            if decision
                .owner
                .as_deref()
                .is_none_or(|o| o.trim().is_empty())
            {
                return Err(invalid("a deferred action needs an owner: who will do it?"));
            }
            let due = decision.due.as_deref().unwrap_or_default();
            Date::parse(due).map_err(|e| invalid(format!("due date: {e}")))?;
        } else if decision.owner.is_some() || decision.due.is_some() {
            return Err(invalid(
                "only a deferred action has an owner and a due date",
            ));
        }
        Ok(())
    }

    /// Records `decision` in the review held on `date` (`YYYY-MM-DD`) by `participants`: in
    /// the last review when it is that day's (its participants updated to `participants`
    /// when they differ), else in a new review at the end of `reviews`. `findings`, when
    /// given, are the counts before the review and now (the first `before` of a day stays).
    pub fn add_decision(
        &mut self,
        journey: &mut Journey,
        date: &str,
        participants: &[String],
        decision: ReviewDecision,
        findings: Option<FindingCounts>,
    ) -> Result<(), EditError> {
        Self::check_decision(date, &decision)?;
        let old = journey.reviews.clone();
        let mut new = old.clone();
        let label = format!(
            "{} {}",
            decision.outcome,
            journey.element_name(&decision.element)
        );
        let last = new.len().checked_sub(1);
        let same_day = last.filter(|&i| new[i].date == date);
        let model = |new: Vec<Review>| {
            vec![ModelEdit::Reviews {
                old: old.clone(),
                new,
            }]
        };
        match same_day {
            Some(i) => {
                let before = new[i].clone();
                new[i].decisions.push(decision.clone());
                if !participants.is_empty() {
                    new[i].participants = participants.to_vec();
                }
                if let Some(f) = findings {
                    // The counts before the review are the first ones given that day.
                    let first = before.findings.map_or(f.before, |b| b.before);
                    new[i].findings = Some(FindingCounts {
                        before: first,
                        after: f.after,
                    });
                }
                let at = before.decisions.len();
                let mut header = before.clone();
                header.participants = new[i].participants.clone();
                header.findings = new[i].findings;
                let edit = model(new);
                self.commit(
                    journey,
                    &label,
                    |e| {
                        // The participants first (a field of the review), then the decision.
                        let mut with_list = header.clone();
                        with_list.decisions = before.decisions.clone();
                        Self::set_fields(e, path!["reviews", i], &before, &with_list)?;
                        e.insert_item(
                            path!["reviews", i],
                            "decisions",
                            render::field_order::<Review>(),
                            at,
                            &decision,
                            "decision",
                        )
                    },
                    edit,
                )
            }
            None => {
                let review = Review {
                    date: date.to_string(),
                    participants: participants.to_vec(),
                    decisions: vec![decision],
                    findings,
                };
                new.push(review.clone());
                let at = old.len();
                let edit = model(new);
                self.commit(
                    journey,
                    &label,
                    |e| {
                        e.insert_item(
                            path![],
                            "reviews",
                            render::field_order::<Document>(),
                            at,
                            &review,
                            "review",
                        )
                    },
                    edit,
                )
            }
        }
    }

    /// Saves the text to `path`, unless the file there changed since it was loaded or last
    /// saved (then [`SaveError::ChangedOnDisk`], and `force` overwrites anyway). The file as it
    /// was is kept beside it as `<name>~`.
    pub fn save(&mut self, path: &Path, force: bool) -> Result<(), SaveError> {
        let on_disk = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(SaveError::Io(e)),
        };
        if let Some(bytes) = &on_disk {
            let same = String::from_utf8_lossy(bytes);
            if journal::hash(&same) != self.disk && !force {
                return Err(SaveError::ChangedOnDisk);
            }
            output::write_atomic(&backup_path(path), &same).map_err(SaveError::Io)?;
        }
        output::write_atomic(path, self.editor.text()).map_err(SaveError::Io)?;
        self.disk = journal::hash(self.editor.text());
        self.editor.mark_saved();
        Ok(())
    }

    /// Saves under another name (no check against what is there: the person chose it).
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        output::write_atomic(path, self.editor.text()).map_err(SaveError::Io)?;
        self.editor.mark_saved();
        Ok(())
    }

    /// Whether the file at `path` still holds what was loaded or last saved.
    pub fn disk_unchanged(&self, path: &Path) -> bool {
        std::fs::read(path).is_ok_and(|b| journal::hash(&String::from_utf8_lossy(&b)) == self.disk)
    }
}

/// Where the file as it was before a save is kept: beside it, `map.ron~`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push("~");
    path.with_file_name(name)
}

/// A checked catalogue edit.
enum Catalogue<T> {
    Add(T),
    Update(usize, T),
    Remove(usize),
}
