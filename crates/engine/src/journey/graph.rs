//! The journey as a graph of steps joined by flows, with lookups by id.

use std::collections::HashSet;

use foldhash::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

use super::category;
use super::document::{
    Case, Channel, CustomCategory, DataElement, Document, Flow, Meta, Party, Stage, Step, Subject,
    System,
};
use super::review::Review;
use super::vocabulary::Sensitivity;

/// A loaded journey: the catalogue plus a stable graph whose nodes are steps and edges flows.
///
/// Ids stay strings: node indices are an in-memory detail and are never written to a file.
#[derive(Debug, Clone, Default)]
pub struct Journey {
    pub meta: Meta,
    pub channels: Vec<Channel>,
    pub stages: Vec<Stage>,
    pub systems: Vec<System>,
    /// Other organisations data comes from or goes to.
    pub parties: Vec<Party>,
    /// People data is about besides the customer.
    pub subjects: Vec<Subject>,
    /// The map's own data categories.
    pub categories: Vec<CustomCategory>,
    pub elements: Vec<DataElement>,
    /// Named cases that flows can belong to.
    pub cases: Vec<Case>,
    pub graph: StableDiGraph<Step, Flow>,
    pub reviews: Vec<Review>,
    /// Steps in the order the file lists them, which is also the order they are saved in.
    order: Vec<NodeIndex>,
    steps_by_id: HashMap<String, NodeIndex>,
    channel_ix: HashMap<String, usize>,
    stage_ix: HashMap<String, usize>,
    system_ix: HashMap<String, usize>,
    element_ix: HashMap<String, usize>,
    category_ix: HashMap<String, usize>,
    party_ix: HashMap<String, usize>,
    subject_ix: HashMap<String, usize>,
    /// The `entries:` list as written, to save it back.
    entry_ids: Vec<String>,
    /// The ids it names, by id rather than by node: an editor's deleted step frees its node
    /// for the next one added, which must not become an entry by inheritance.
    named_entries: HashSet<String>,
}

fn index_by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity_and_hasher(items.len(), Default::default());
    for (i, item) in items.iter().enumerate() {
        // The first of two duplicates wins; the loader reports the second.
        map.entry(id(item).to_string()).or_insert(i);
    }
    map
}

impl Journey {
    /// Builds the graph. Flows naming unknown steps are left out: the loader reports them.
    pub fn from_document(doc: Document) -> Journey {
        let Document {
            meta,
            channels,
            stages,
            systems,
            parties,
            subjects,
            categories,
            data,
            steps,
            flows,
            entries,
            cases,
            reviews,
        } = doc;
        let mut graph = StableDiGraph::with_capacity(steps.len(), flows.len());
        let mut order = Vec::with_capacity(steps.len());
        let mut steps_by_id = HashMap::with_capacity_and_hasher(steps.len(), Default::default());
        for step in steps {
            let id = step.id.clone();
            let ix = graph.add_node(step);
            order.push(ix);
            steps_by_id.entry(id).or_insert(ix);
        }
        for flow in flows {
            if let (Some(&a), Some(&b)) = (steps_by_id.get(&flow.from), steps_by_id.get(&flow.to)) {
                graph.add_edge(a, b, flow);
            }
        }
        let named_entries = entries.iter().cloned().collect();
        Journey {
            channel_ix: index_by_id(&channels, |c| &c.id),
            stage_ix: index_by_id(&stages, |s| &s.id),
            system_ix: index_by_id(&systems, |s| &s.id),
            element_ix: index_by_id(&data, |e| &e.id),
            category_ix: index_by_id(&categories, |c| &c.key),
            party_ix: index_by_id(&parties, |p| &p.id),
            subject_ix: index_by_id(&subjects, |s| &s.id),
            entry_ids: entries,
            named_entries,
            cases,
            meta,
            channels,
            stages,
            systems,
            parties,
            subjects,
            categories,
            elements: data,
            graph,
            reviews,
            order,
            steps_by_id,
        }
    }

    /// The document to save: steps in their original order, flows in edge order.
    pub fn to_document(&self) -> Document {
        let steps = self.steps().map(|(_, s)| s.clone()).collect();
        let mut edges: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        edges.sort();
        let flows = edges.iter().map(|&e| self.graph[e].clone()).collect();
        Document {
            meta: self.meta.clone(),
            channels: self.channels.clone(),
            stages: self.stages.clone(),
            systems: self.systems.clone(),
            parties: self.parties.clone(),
            subjects: self.subjects.clone(),
            categories: self.categories.clone(),
            data: self.elements.clone(),
            steps,
            flows,
            entries: self.entry_ids.clone(),
            cases: self.cases.clone(),
            reviews: self.reviews.clone(),
        }
    }

    /// Steps in file order.
    pub fn steps(&self) -> impl ExactSizeIterator<Item = (NodeIndex, &Step)> + '_ {
        self.order.iter().map(|&ix| (ix, &self.graph[ix]))
    }

    pub fn step_count(&self) -> usize {
        self.order.len()
    }

    pub fn step_index(&self, id: &str) -> Option<NodeIndex> {
        self.steps_by_id.get(id).copied()
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.step_index(id).map(|ix| &self.graph[ix])
    }

    /// Whether the map names its entries (`entries:`), so that no step is an entry merely
    /// because nothing leads to it.
    pub fn entries_are_named(&self) -> bool {
        !self.named_entries.is_empty()
    }

    /// The `entries:` list as written (empty when the map names none).
    pub fn entry_ids(&self) -> &[String] {
        &self.entry_ids
    }

    /// Whether customers start at `ix`: it is named in `entries`, marked `entry: true`, or,
    /// when the map names no entries, nothing leads to it.
    pub fn is_entry(&self, ix: NodeIndex) -> bool {
        let step = &self.graph[ix];
        if step.entry {
            return true;
        }
        if self.entries_are_named() {
            self.named_entries.contains(&step.id)
        } else {
            self.graph
                .neighbors_directed(ix, Direction::Incoming)
                .next()
                .is_none()
        }
    }

    /// Steps where customers start (see [`Journey::is_entry`]), in file order.
    pub fn entries(&self) -> Vec<NodeIndex> {
        self.order
            .iter()
            .copied()
            .filter(|&ix| self.is_entry(ix))
            .collect()
    }

    /// Flows leaving a step, in file order, with the step they lead to.
    pub fn outgoing(&self, ix: NodeIndex) -> Vec<(&Flow, NodeIndex)> {
        self.flows_of(ix, Direction::Outgoing)
    }

    /// Flows entering a step, in file order, with the step they come from.
    pub fn incoming(&self, ix: NodeIndex) -> Vec<(&Flow, NodeIndex)> {
        self.flows_of(ix, Direction::Incoming)
    }

    fn flows_of(&self, ix: NodeIndex, dir: Direction) -> Vec<(&Flow, NodeIndex)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(ix, dir)
            .map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (e.id(), e.weight(), other)
            })
            .collect();
        edges.sort_by_key(|(id, _, _)| *id);
        edges.into_iter().map(|(_, f, o)| (f, o)).collect()
    }

    pub fn channel_index(&self, id: &str) -> Option<usize> {
        self.channel_ix.get(id).copied()
    }

    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channel_index(id).map(|i| &self.channels[i])
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stage_ix.get(id).copied()
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stage_index(id).map(|i| &self.stages[i])
    }

    pub fn system(&self, id: &str) -> Option<&System> {
        self.system_ix.get(id).map(|&i| &self.systems[i])
    }

    pub fn element_index(&self, id: &str) -> Option<usize> {
        self.element_ix.get(id).copied()
    }

    pub fn element(&self, id: &str) -> Option<&DataElement> {
        self.element_index(id).map(|i| &self.elements[i])
    }

    /// The element's GDPR class: stated on the element, or else implied by its category.
    pub fn sensitivity(&self, element: &DataElement) -> Sensitivity {
        element
            .sensitivity
            .unwrap_or_else(|| self.category_sensitivity(&element.category))
    }

    /// The GDPR class of a category key: declared by the map for its own categories, else
    /// given by the fideslang taxonomy (with touchpoint's Art. 9 / Art. 10 marks).
    pub fn category_sensitivity(&self, key: &str) -> Sensitivity {
        if category::known(key).is_none()
            && let Some(&i) = self.category_ix.get(key)
        {
            return self.categories[i].sensitivity;
        }
        category::sensitivity_of(key)
    }

    pub fn party(&self, id: &str) -> Option<&Party> {
        self.party_ix.get(id).map(|&i| &self.parties[i])
    }

    pub fn party_index(&self, id: &str) -> Option<usize> {
        self.party_ix.get(id).copied()
    }

    pub fn subject(&self, id: &str) -> Option<&Subject> {
        self.subject_ix.get(id).map(|&i| &self.subjects[i])
    }

    /// The map's own category `key`, if it declares one.
    pub fn custom_category(&self, key: &str) -> Option<&CustomCategory> {
        self.category_ix.get(key).map(|&i| &self.categories[i])
    }

    /// A display name for a step id (its title), falling back to the id.
    pub fn step_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.step(id).map_or(id, |s| s.title.as_str())
    }

    /// A display name for an element id, falling back to the id.
    pub fn element_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.element(id).map_or(id, |e| e.name.as_str())
    }

    /// A display name for a channel id, falling back to the id.
    pub fn channel_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.channel(id).map_or(id, |c| c.name.as_str())
    }

    /// A display name for a stage id, falling back to the id.
    pub fn stage_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.stage_index(id)
            .and_then(|i| self.stages.get(i))
            .map_or(id, |s| s.name.as_str())
    }
}

/// Changes to the journey as an editor makes them: each keeps the file order and the
/// lookups by id true. The caller keeps the map consistent (no flow to a step that is gone).
impl Journey {
    /// Where step `ix` stands in the file's list of steps.
    pub fn position(&self, ix: NodeIndex) -> Option<usize> {
        self.order.iter().position(|&o| o == ix)
    }

    /// The step at `position` in file order.
    pub fn at_position(&self, position: usize) -> Option<NodeIndex> {
        self.order.get(position).copied()
    }

    /// Replaces step `ix`, its flows kept (a changed id is looked up by its new id).
    pub fn set_step(&mut self, ix: NodeIndex, step: Step) -> Option<Step> {
        let old = self.graph.node_weight_mut(ix)?;
        let old = std::mem::replace(old, step);
        let new_id = self.graph[ix].id.clone();
        if old.id != new_id {
            self.steps_by_id.remove(&old.id);
            self.steps_by_id.insert(new_id, ix);
        }
        Some(old)
    }

    /// Adds `step` at `position` in file order, with no flows yet.
    pub fn insert_step(&mut self, position: usize, step: Step) -> NodeIndex {
        let id = step.id.clone();
        let ix = self.graph.add_node(step);
        self.order.insert(position.min(self.order.len()), ix);
        self.steps_by_id.entry(id).or_insert(ix);
        ix
    }

    /// Takes step `ix` out, with any flows touching it.
    pub fn remove_step(&mut self, ix: NodeIndex) -> Option<Step> {
        let position = self.position(ix)?;
        self.order.remove(position);
        let step = self.graph.remove_node(ix)?;
        if self.steps_by_id.get(&step.id) == Some(&ix) {
            self.steps_by_id.remove(&step.id);
        }
        Some(step)
    }

    /// The flows in file order.
    pub fn flows(&self) -> Vec<Flow> {
        let mut edges: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        edges.sort();
        edges.iter().map(|&e| self.graph[e].clone()).collect()
    }

    /// Replaces every flow by `flows`, in that order (flows naming no step are left out, as
    /// when loading). A graph's freed edge slots are reused, so the edges are laid down again
    /// in file order: it costs a pass over the flows, not over the steps.
    pub fn set_flows(&mut self, flows: Vec<Flow>) {
        self.graph.clear_edges();
        for flow in flows {
            if let (Some(&a), Some(&b)) = (
                self.steps_by_id.get(&flow.from),
                self.steps_by_id.get(&flow.to),
            ) {
                self.graph.add_edge(a, b, flow);
            }
        }
    }

    /// Replaces the channels (and their lookup by id).
    pub fn set_channels(&mut self, channels: Vec<Channel>) {
        self.channel_ix = index_by_id(&channels, |c| &c.id);
        self.channels = channels;
    }

    /// Replaces the stages (and their lookup by id).
    pub fn set_stages(&mut self, stages: Vec<Stage>) {
        self.stage_ix = index_by_id(&stages, |s| &s.id);
        self.stages = stages;
    }

    /// Replaces the systems (and their lookup by id).
    pub fn set_systems(&mut self, systems: Vec<System>) {
        self.system_ix = index_by_id(&systems, |s| &s.id);
        self.systems = systems;
    }

    /// Replaces the `entries:` list (an editor renaming or deleting a step it names).
    pub fn set_entries(&mut self, ids: Vec<String>) {
        self.named_entries = ids.iter().cloned().collect();
        self.entry_ids = ids;
    }

    /// Replaces the review records.
    pub fn set_reviews(&mut self, reviews: Vec<Review>) {
        self.reviews = reviews;
    }

    /// The decisions of every review about the collection of `element` at `step`, oldest
    /// first, each with its review's date.
    pub fn decisions_about<'a>(
        &'a self,
        step: &'a str,
        element: &'a str,
    ) -> impl Iterator<Item = (&'a Review, &'a super::review::ReviewDecision)> + 'a {
        self.reviews.iter().flat_map(move |r| {
            r.decisions
                .iter()
                .filter(move |d| d.step == step && d.element == element)
                .map(move |d| (r, d))
        })
    }

    /// Replaces the data catalogue (and its lookup by id).
    pub fn set_elements(&mut self, elements: Vec<DataElement>) {
        self.element_ix = index_by_id(&elements, |e| &e.id);
        self.elements = elements;
    }
}
