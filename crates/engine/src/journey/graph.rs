//! The journey as a graph of steps joined by flows, with lookups by id.

use std::collections::{HashMap, HashSet};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

use super::category;
use super::document::{
    Case, Channel, CustomCategory, DataElement, Document, Flow, Meta, Party, Stage, Step, Subject,
    System,
};
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
    /// The steps it names; empty when it names none.
    named_entries: HashSet<NodeIndex>,
}

fn index_by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
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
        } = doc;
        let mut graph = StableDiGraph::with_capacity(steps.len(), flows.len());
        let mut order = Vec::with_capacity(steps.len());
        let mut steps_by_id = HashMap::with_capacity(steps.len());
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
        let named_entries = entries
            .iter()
            .filter_map(|id| steps_by_id.get(id).copied())
            .collect();
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

    /// Whether customers start at `ix`: it is named in `entries`, marked `entry: true`, or,
    /// when the map names no entries, nothing leads to it.
    pub fn is_entry(&self, ix: NodeIndex) -> bool {
        let step = &self.graph[ix];
        if step.entry {
            return true;
        }
        if self.entries_are_named() {
            self.named_entries.contains(&ix)
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
}
