//! The rest of the document, whatever its fields: each top-level list of entries (channels,
//! stages, systems, data, and any list the format gains) by entry id, and the map's own fields
//! (`meta`) one by one.

use std::collections::HashMap;

use super::model::{Change, Diff, EntryChange, FieldChange, Reordered};
use super::value::Value;
use super::{Version, field_changes, present_fields};
use crate::source::Key;

/// The field that identifies an entry, when its list has one.
const ID: &str = "id";

/// Whether `value` is a list of entries (structs), as opposed to a list of texts.
fn entries(value: Option<&Value>) -> Option<&[Value]> {
    match value {
        Some(Value::Seq(items)) if items.iter().all(|i| matches!(i, Value::Struct(_))) => {
            Some(items)
        }
        None => Some(&[]),
        _ => None,
    }
}

/// An entry's key: its id, or (for a list without ids) its first field as written.
pub(super) fn key(entry: &Value) -> String {
    if let Some(id) = entry.field(ID).and_then(Value::as_str) {
        return id.to_string();
    }
    match entry {
        Value::Struct(fields) => fields
            .iter()
            .find_map(|(_, v)| v.as_ref())
            .map(Value::to_text)
            .unwrap_or_default(),
        other => other.to_text(),
    }
}

fn fields(entry: &Value) -> Vec<(&'static str, Option<Value>)> {
    match entry {
        Value::Struct(fields) => fields.iter().filter(|(n, _)| *n != ID).cloned().collect(),
        _ => Vec::new(),
    }
}

fn name(entry: &Value) -> Option<String> {
    entry
        .field("name")
        .or_else(|| entry.field("title"))
        .map(Value::to_text)
}

pub(super) fn catalogue(old: &Version<'_>, new: &Version<'_>, diff: &mut Diff) {
    let mut names: Vec<&'static str> = new.top.iter().map(|(n, _)| *n).collect();
    names.extend(
        old.top
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| !new.top.iter().any(|(m, _)| m == n)),
    );
    for list in names {
        let (ov, nv) = (old.top(list), new.top(list));
        if ov == nv {
            continue;
        }
        match (entries(ov), entries(nv)) {
            (Some(o), Some(n)) if !(o.is_empty() && n.is_empty()) => {
                entry_list(old, o, new, n, list, diff);
            }
            _ => map_fields(new, &mut vec![Key::Field(list)], ov, nv, &mut diff.map),
        }
    }
}

/// The entries of one list, matched by key (the n-th entry with a key matches the n-th with
/// it in the other version).
fn entry_list(
    old: &Version<'_>,
    old_items: &[Value],
    new: &Version<'_>,
    new_items: &[Value],
    list: &'static str,
    diff: &mut Diff,
) {
    let keyed = |items: &[Value]| -> Vec<(String, usize)> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        items
            .iter()
            .map(|item| {
                let k = key(item);
                let n = seen.entry(k.clone()).or_default();
                *n += 1;
                (k, *n - 1)
            })
            .collect()
    };
    let old_keys = keyed(old_items);
    let new_keys = keyed(new_items);
    let old_by: HashMap<&(String, usize), usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut matched = vec![false; old_items.len()];
    let at =
        |v: &Version<'_>, i: usize| v.place(&[Key::Field(list), Key::Index(i), Key::Field(ID)]);
    let mut common_new = Vec::new();
    for (j, (item, k)) in new_items.iter().zip(&new_keys).enumerate() {
        let Some(&i) = old_by.get(k) else {
            diff.catalogue.push(EntryChange {
                change: Change::Added,
                list: list.to_string(),
                id: k.0.clone(),
                name: name(item),
                fields: present_fields(fields(item), |f| {
                    new.place(&[Key::Field(list), Key::Index(j), Key::Field(f)])
                }),
                at: at(new, j),
            });
            continue;
        };
        matched[i] = true;
        common_new.push(k);
        if old_items[i] == *item {
            continue;
        }
        diff.catalogue.push(EntryChange {
            change: Change::Changed,
            list: list.to_string(),
            id: k.0.clone(),
            name: name(item),
            fields: field_changes(&fields(&old_items[i]), &fields(item), |f| {
                new.place(&[Key::Field(list), Key::Index(j), Key::Field(f)])
            }),
            at: at(new, j),
        });
    }
    for (i, item) in old_items.iter().enumerate() {
        if !matched[i] {
            diff.catalogue.push(EntryChange {
                change: Change::Removed,
                list: list.to_string(),
                id: old_keys[i].0.clone(),
                name: name(item),
                fields: Vec::new(),
                at: at(old, i),
            });
        }
    }
    let common_old: Vec<&(String, usize)> = old_keys
        .iter()
        .zip(&matched)
        .filter(|(_, m)| **m)
        .map(|(k, _)| k)
        .collect();
    if common_old != common_new {
        diff.order.push(Reordered {
            list: list.to_string(),
            old: common_old.iter().map(|k| k.0.clone()).collect(),
            new: common_new.iter().map(|k| k.0.clone()).collect(),
            at: new.place(&[Key::Field(list)]),
        });
    }
}

/// The fields of a value that is not a list of entries, a struct's fields one by one (dotted:
/// `meta.organisation.dpo`), anything else whole.
fn map_fields(
    new: &Version<'_>,
    path: &mut Vec<Key<'static>>,
    old: Option<&Value>,
    new_value: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    if old == new_value {
        return;
    }
    let struct_fields = |v: Option<&Value>| match v {
        Some(Value::Struct(fields)) => Some(fields.clone()),
        None => Some(Vec::new()),
        _ => None,
    };
    match (struct_fields(old), struct_fields(new_value)) {
        (Some(o), Some(n)) if !(o.is_empty() && n.is_empty()) => {
            let mut names: Vec<&'static str> = n.iter().map(|(f, _)| *f).collect();
            names.extend(
                o.iter()
                    .map(|(f, _)| *f)
                    .filter(|f| !n.iter().any(|(m, _)| m == f)),
            );
            let get = |fields: &[(&'static str, Option<Value>)], name: &str| {
                fields
                    .iter()
                    .find(|(f, _)| *f == name)
                    .and_then(|(_, v)| v.clone())
            };
            for name in names {
                path.push(Key::Field(name));
                let (a, b) = (get(&o, name), get(&n, name));
                map_fields(new, path, a.as_ref(), b.as_ref(), out);
                path.pop();
            }
        }
        _ => out.push(FieldChange {
            field: path
                .iter()
                .filter_map(|k| match k {
                    Key::Field(f) => Some(*f),
                    Key::Index(_) => None,
                })
                .collect::<Vec<_>>()
                .join("."),
            old: old.cloned(),
            new: new_value.cloned(),
            at: new.place(path),
        }),
    }
}
