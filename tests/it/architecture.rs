//! The architecture holds: one dependency direction between modules, views that only borrow
//! the state, and an engine with no terminal in it. Read from the sources, so that a new
//! import loop fails a test rather than waiting for a reviewer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates of the workspace: their source folder and root file.
const CRATES: [(&str, &str); 4] = [
    ("crates/engine/src", "lib.rs"),
    ("crates/export/src", "lib.rs"),
    ("src", "lib.rs"),
    ("src", "main.rs"),
];

/// A module path within a crate, e.g. `["tui", "app", "navigation"]`.
type ModPath = Vec<String>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every module of a crate reachable from its root file by `mod` declarations, with its
/// source text (test modules and `#[cfg(test)]` code left out: tests may reach anywhere).
fn modules(src: &Path, root_file: &str) -> BTreeMap<ModPath, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![(Vec::new(), src.join(root_file))];
    while let Some((path, file)) = todo.pop() {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let code = without_tests(&text);
        // A module's children live in its folder: `a/mod.rs` or `a.rs` + `a/`.
        let folder = match file.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => file.parent().map(Path::to_path_buf),
            _ => Some(file.with_extension("")),
        }
        .expect("a folder");
        for line in code.lines() {
            let line = line.trim();
            let decl = line
                .strip_prefix("pub ")
                .or_else(|| line.strip_prefix("pub(crate) "))
                .unwrap_or(line);
            let Some(name) = decl
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'))
            else {
                continue;
            };
            let mut child = path.clone();
            child.push(name.to_string());
            let file = [
                folder.join(format!("{name}.rs")),
                folder.join(name).join("mod.rs"),
            ]
            .into_iter()
            .find(|f| f.exists())
            .unwrap_or_else(|| panic!("module {name} of {} has no file", folder.display()));
            todo.push((child, file));
        }
        out.insert(path, code);
    }
    out
}

/// `text` without its test code: a `#[cfg(test)] mod tests;` line, or from
/// `#[cfg(test)] mod tests {` (by convention the last item) to the end.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        match lines.next() {
            Some(item) if item.trim_end().ends_with(';') => {}
            _ => break,
        }
    }
    out
}

/// The module paths `code` (in module `at`) refers to through `crate::`, `super::` and
/// `self::`, with `{a, b::c}` groups expanded one level.
fn references(at: &[String], code: &str) -> BTreeSet<ModPath> {
    let mut out = BTreeSet::new();
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", at[..at.len().saturating_sub(1)].to_vec()),
        ("self::", at.to_vec()),
    ] {
        for (i, _) in code.match_indices(prefix) {
            // Not part of a longer word (`$crate::`, `my_crate::`).
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let mut rest = &code[i + prefix.len()..];
            let mut path = base.clone();
            // `super::super::x`
            while let Some(r) = rest.strip_prefix("super::") {
                path.pop();
                rest = r;
            }
            // Segments up to a group (`{a, b::c}`, expanded one level) or the end of the path.
            loop {
                if let Some(group) = rest.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    for item in group.split(',') {
                        let head = item.trim().split("::").next().unwrap_or("");
                        if is_ident(head) {
                            out.insert([path.clone(), vec![head.to_string()]].concat());
                        }
                    }
                    break;
                }
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !is_ident(&name) {
                    break;
                }
                path.push(name.clone());
                match rest[name.len()..].strip_prefix("::") {
                    Some(r) => rest = r,
                    None => break,
                }
            }
            if path.len() > base.len() || prefix == "super::" {
                out.insert(path);
            }
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s != "self" && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// For every module with children: which child refers to which sibling.
fn sibling_edges(
    mods: &BTreeMap<ModPath, String>,
) -> BTreeMap<ModPath, BTreeSet<(String, String)>> {
    let mut edges: BTreeMap<ModPath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (at, code) in mods {
        for target in references(at, code) {
            // The deepest common parent: the reference crosses between two of its children.
            let common = at.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common >= at.len() || common >= target.len() {
                continue; // to itself, an ancestor or a descendant
            }
            let parent = at[..common].to_vec();
            if mods.contains_key(&[parent.clone(), vec![target[common].clone()]].concat()) {
                edges
                    .entry(parent)
                    .or_default()
                    .insert((at[common].clone(), target[common].clone()));
            }
        }
    }
    edges
}

/// A cycle among `edges`, if there is one.
fn cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeSet<(String, String)>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|n| n == node) {
            let mut loop_ = stack[i..].to_vec();
            loop_.push(node.to_string());
            return Some(loop_);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(c) = visit(to, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .iter()
        .find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut loops = Vec::new();
    let mut checked = 0;
    for (src, root_file) in CRATES {
        let mods = modules(&root().join(src), root_file);
        checked += mods.len();
        for (parent, edges) in sibling_edges(&mods) {
            if let Some(c) = cycle(&edges) {
                loops.push(format!("{src} {}: {}", parent.join("::"), c.join(" -> ")));
            }
        }
    }
    assert!(checked > 60, "the modules were found ({checked})");
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn the_workbench_state_never_reaches_into_the_views() {
    let mods = modules(&root().join("src"), "lib.rs");
    let state: Vec<_> = mods
        .iter()
        .filter(|(path, _)| path.first().is_some_and(|p| p == "tui"))
        .filter(|(path, _)| path.get(1).is_none_or(|m| m != "view"))
        .filter(|(path, _)| path.len() > 1)
        .collect();
    assert!(state.len() > 10, "the state modules were found");
    for (path, code) in state {
        for target in references(path, code) {
            assert!(
                !(target.len() > 1 && target[0] == "tui" && target[1] == "view"),
                "{} refers to {}: state must not call a view",
                path.join("::"),
                target.join("::")
            );
        }
    }
}

#[test]
fn the_engine_and_the_exports_know_no_terminal() {
    const UI: [&str; 8] = [
        "clap",
        "ratatui",
        "crossterm",
        "notify",
        "directories",
        "anstream",
        "anstyle",
        "termwiz",
    ];
    for manifest in ["crates/engine/Cargo.toml", "crates/export/Cargo.toml"] {
        let text = std::fs::read_to_string(root().join(manifest)).expect("manifest");
        let deps = text
            .split("[dependencies]")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .expect("a [dependencies] table");
        for line in deps.lines() {
            let name = line.split(['=', '.', ' ']).next().unwrap_or("").trim();
            assert!(
                !UI.contains(&name),
                "{manifest} depends on {name}: the engine and the exports stay free of UI crates"
            );
        }
    }
}

#[test]
fn the_loop_finder_finds_loops() {
    let edges: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert!(cycle(&edges).is_some());
    let at = vec!["tui".to_string(), "app".to_string()];
    let refs = references(
        &at,
        "use super::view::help;\nuse crate::tui::{keymap, view::x};",
    );
    assert!(refs.contains(&vec!["tui".to_string(), "view".to_string()]));
    assert!(refs.contains(&vec!["tui".to_string(), "keymap".to_string()]));
}
