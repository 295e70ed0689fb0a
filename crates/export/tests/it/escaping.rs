//! A hostile map (quotes, brackets, braces, markup, separators, pipes, backslashes, newlines,
//! control characters, emoji, right-to-left text) through every export format: each output
//! keeps its structure, parses, and still shows the text.

use std::collections::BTreeMap;

use touchpoint_engine::mapfile::load;
use touchpoint_export::{EXPORTERS, ExportContext, Options};

/// Every format's output for the hostile map, by format id.
fn exports() -> BTreeMap<&'static str, String> {
    let map =
        load(&crate::workspace::file("tests/fixtures/hostile.ron")).expect("the hostile map loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    EXPORTERS
        .iter()
        .map(|e| {
            let text = e
                .export(&ctx)
                .unwrap_or_else(|err| panic!("{} exports: {err}", e.id()));
            (e.id(), text)
        })
        .collect()
}

fn export(id: &str) -> String {
    exports().remove(id).expect("a known format")
}

// The map's texts as a reader should see them (line breaks become spaces, controls vanish).
const TITLE: &str = "Hostile \"map\" <script>alert(1)</script> #1; a:b | c\\d";
const STEP: &str = "Start \"here\" <script>alert('x')</script> [1] {2} (3)";
const RTL_STEP: &str = "שלום עולם — مرحبا 😀👍🏽 #35; &amp; &#60; \\u{41}";
const STYLE_STEP: &str = "style s0 fill:#f00; classDef x fill:#0f0;";
const CHANNEL: &str = "Web \"site\" [beta] {x} <b>";
const RTL_CHANNEL: &str = "مرحبا بالعالم 😀";
const STAGE: &str = "Stage | one; #two: three";
const STAGE2: &str = "Stage \\ two \\n with `backticks` and *stars* _under_ ~tilde~ $dollar";
const ELEMENT: &str = "Name #quot; [x] {y} (z) ;:";
const ELEMENT2: &str = "Email <b>\"quoted\"</b> & co";
const HEALTH: &str = "Health condition 🩺 עברית";
const FLOW: &str = "go \"on\" | <b>x</b> ; --> [y] {z} %%";
const PURPOSE: &str = "=SUM(A1:A9) \"purpose\" | pipe";
const NOTE_CONTROLS: &[&str] = &["\u{7}", "\u{1b}", "\u{202e}"];
// The review's texts, as the minutes should show them.
const PERSON: &str = "Ana <script>alert(1)</script>";
// Its line break shows as a space, as every export's do.
const REVIEW_NOTE: &str = "=cmd| <b>bold</b> & `code`   [link](http://x)";

fn assert_shows(format: &str, decoded: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            decoded.contains(needle),
            "{format} does not show {needle:?}:\n{decoded}"
        );
    }
    for c in NOTE_CONTROLS {
        assert!(!decoded.contains(c), "{format} keeps control {c:?}");
    }
}

/// Mermaid's entity codes back to text.
fn mermaid_decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let code_end = tail
            .find(';')
            .filter(|&j| j > 0 && tail[..j].chars().all(|c| c.is_ascii_alphanumeric()));
        match code_end {
            Some(j) => {
                let code = &tail[..j];
                let c = match code {
                    "quot" => '"',
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    n => char::from_u32(n.parse().expect("numeric code")).expect("a char"),
                };
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('#');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is left of a Mermaid label once its codes and touchpoint's own tags are removed: it
/// must hold no character Mermaid gives meaning to.
fn assert_inert_mermaid(line: &str, label: &str) {
    let mut bare = label.to_string();
    for tag in ["<b>", "</b>", "<br/>", "<i>", "</i>"] {
        bare = bare.replace(tag, "");
    }
    let mut stripped = String::new();
    let mut rest = bare.as_str();
    while let Some(i) = rest.find('#') {
        stripped.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let j = tail.find(';').expect("a # opens an entity code");
        assert!(
            tail[..j].chars().all(|c| c.is_ascii_alphanumeric()),
            "bad code in {line}"
        );
        rest = &tail[j + 1..];
    }
    stripped.push_str(rest);
    for bad in [
        '"', ';', ':', '|', '[', ']', '{', '}', '<', '>', '\\', '%', '`', '#',
    ] {
        assert!(
            !stripped.contains(bad),
            "raw {bad:?} in Mermaid line {line}"
        );
    }
}

#[test]
fn mermaid_flowchart_labels_are_inert_and_decode_to_the_text() {
    let out = export("mermaid-flowchart");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    // Comments (`%%` to the end of the line) are ignored by Mermaid; touchpoint writes only
    // its own advice there.
    for line in lines.filter(|l| !l.trim_start().starts_with("%%")) {
        assert_eq!(
            line.matches('"').count() % 2,
            0,
            "unbalanced quotes: {line}"
        );
        for (k, part) in line.split('"').enumerate() {
            if k % 2 == 1 {
                assert_inert_mermaid(line, part);
            } else {
                // Outside labels: ids, arrows, keywords and touchpoint's own styles only.
                assert!(
                    part.chars()
                        .all(|c| c.is_ascii_alphanumeric() || " _-.>|[]():,#~".contains(c)),
                    "unexpected syntax outside a label: {line}"
                );
            }
        }
    }
    let decoded = mermaid_decode(&out);
    assert_shows(
        "mermaid-flowchart",
        &decoded,
        &[
            TITLE,
            STEP,
            RTL_STEP,
            STYLE_STEP,
            CHANNEL,
            RTL_CHANNEL,
            ELEMENT,
            ELEMENT2,
            HEALTH,
            FLOW,
        ],
    );
    assert!(!out.contains("<script>"));
}

#[test]
fn mermaid_journey_tasks_keep_their_three_fields() {
    let out = export("mermaid-journey");
    let body = out
        .split("---\njourney\n")
        .nth(1)
        .expect("front matter, then journey");
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(title) = trimmed.strip_prefix("title ") {
            assert_inert_mermaid(line, title);
        } else if let Some(section) = trimmed.strip_prefix("section ") {
            assert_inert_mermaid(line, section);
        } else {
            let fields: Vec<&str> = trimmed.split(": ").collect();
            assert_eq!(fields.len(), 3, "task, score, actors: {line}");
            assert_inert_mermaid(line, fields[0]);
            assert!(matches!(fields[1], "1" | "2" | "3" | "4" | "5"), "{line}");
            assert!(!fields[2].contains(','), "one actor per task: {line}");
            assert_inert_mermaid(line, fields[2]);
        }
    }
    let decoded = mermaid_decode(&out);
    assert_shows(
        "mermaid-journey",
        &decoded,
        &[
            TITLE,
            STEP,
            RTL_STEP,
            STYLE_STEP,
            STAGE,
            STAGE2,
            CHANNEL,
            RTL_CHANNEL,
        ],
    );
}

/// The `<...>` HTML-like labels of a DOT file, found by balancing angle brackets.
fn dot_html_labels(dot: &str) -> Vec<&str> {
    let mut labels = Vec::new();
    let bytes = dot.as_bytes();
    let mut i = 0;
    while let Some(off) = dot[i..].find("=<") {
        let start = i + off + 1;
        let mut depth = 0;
        let mut end = start;
        for (k, &b) in bytes[start..].iter().enumerate() {
            match b {
                b'<' => depth += 1,
                b'>' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + k;
                        break;
                    }
                }
                b'\n' => panic!("an HTML label runs over a line: {}", &dot[start..]),
                _ => {}
            }
        }
        labels.push(&dot[start + 1..end]);
        i = end + 1;
    }
    labels
}

fn xml_text(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn dot_labels_are_well_formed_html() {
    let out = export("dot");
    let labels = dot_html_labels(&out);
    assert!(labels.len() > 10);
    let mut shown = String::new();
    for label in labels {
        let wrapped = format!("<L>{label}</L>");
        let doc = roxmltree::Document::parse(&wrapped)
            .unwrap_or_else(|e| panic!("label is not well formed ({e}): {label}"));
        shown.push_str(&xml_text(&doc));
        shown.push('\n');
    }
    // Outside labels the file holds only touchpoint's own ids, attributes and comments.
    for line in out.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let outside: String = line.split("=<").next().unwrap_or_default().to_string();
        assert!(!outside.contains('\\'), "backslash outside a label: {line}");
    }
    assert!(out.starts_with("// "), "title comment");
    assert_eq!(out.lines().next().map(|l| l.contains('\n')), Some(false));
    // Wrapped labels are split at spaces; join lines to compare.
    let flat = shown.replace('\n', " ");
    assert_shows(
        "dot",
        &flat,
        &[
            TITLE,
            CHANNEL,
            RTL_CHANNEL,
            "Stage | one; #two:",
            "alert('x')</script>",
            "😀👍🏽",
        ],
    );
}

/// PlantUML's `<U+XXXX>` codes back to text.
fn plantuml_decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("<U+") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 3..];
        let j = tail.find('>').expect("closed code");
        let c = u32::from_str_radix(&tail[..j], 16).expect("hex");
        out.push(char::from_u32(c).expect("a char"));
        rest = &tail[j + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn plantuml_activities_end_where_they_should() {
    let out = export("plantuml");
    let mut in_legend = false;
    for line in out.lines() {
        let t = line.trim_start();
        if t.starts_with("legend") {
            in_legend = true;
        }
        if in_legend {
            if t == "endlegend" {
                in_legend = false;
            }
            continue;
        }
        let body = if let Some(rest) = t.strip_prefix(':') {
            Some(rest.strip_suffix(';').expect("an activity ends with ;"))
        } else if t.starts_with('#') && t.contains(':') {
            let rest = &t[t.find(':').expect("colour then colon") + 1..];
            Some(rest.strip_suffix(';').expect("an activity ends with ;"))
        } else if let Some(rest) = t.strip_prefix("-> ") {
            Some(rest.strip_suffix(';').expect("an arrow label ends with ;"))
        } else if let Some(rest) = t.strip_prefix('|') {
            Some(rest.strip_suffix('|').expect("a lane ends with |"))
        } else {
            t.strip_prefix("note right: ").or(t.strip_prefix("title "))
        };
        let Some(body) = body else { continue };
        let mut bare = body.to_string();
        for tag in ["<b>", "</b>", "<size:10>", "</size>", "</color>", "\\n"] {
            bare = bare.replace(tag, "");
        }
        for colour in ["#912018", "#93370d", "#1849a9"] {
            bare = bare.replace(&format!("<color:{colour}>"), "");
        }
        let mut plain = String::new();
        let mut rest = bare.as_str();
        while let Some(i) = rest.find("<U+") {
            plain.push_str(&rest[..i]);
            let tail = &rest[i + 3..];
            rest = &tail[tail.find('>').expect("closed code") + 1..];
        }
        plain.push_str(rest);
        for bad in [
            ';', '|', '<', '>', '[', ']', '{', '}', '"', '\\', '~', '*', '#', '$',
        ] {
            assert!(!plain.contains(bad), "raw {bad:?} in PlantUML line {line}");
        }
    }
    let decoded = plantuml_decode(&out);
    assert_shows(
        "plantuml",
        &decoded,
        &[
            TITLE,
            STEP,
            RTL_STEP,
            STYLE_STEP,
            CHANNEL,
            RTL_CHANNEL,
            ELEMENT,
            ELEMENT2,
            FLOW,
        ],
    );
}

#[test]
fn svg_parses_as_xml_and_shows_the_text() {
    let out = export("svg");
    let doc = roxmltree::Document::parse(&out).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(
        !doc.descendants()
            .any(|n| n.tag_name().name() == "script" || n.tag_name().name() == "foreignObject"),
        "no markup from the map became an element"
    );
    let text = xml_text(&doc);
    assert_shows(
        "svg",
        &text,
        &[
            TITLE,
            STEP,
            RTL_STEP,
            STYLE_STEP,
            CHANNEL,
            RTL_CHANNEL,
            STAGE,
            ELEMENT2,
        ],
    );
}

#[test]
fn html_tokenizes_without_errors_and_runs_nothing() {
    for id in ["html", "minutes-html"] {
        html_is_inert(id);
    }
}

fn html_is_inert(id: &str) {
    let out = export(id);
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    const VOID: &[&str] = &["meta", "br"];
    for token in html5gum::Tokenizer::new(out.as_str()) {
        match token.expect("reading a string cannot fail") {
            html5gum::Token::Error(e) => panic!("HTML parse error: {e:?}"),
            html5gum::Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                assert_ne!(name, "script", "a script element");
                assert_ne!(name, "iframe");
                for attr in tag.attributes.keys() {
                    let a = String::from_utf8_lossy(attr);
                    assert!(!a.starts_with("on"), "event handler attribute {a}");
                }
                for value in tag.attributes.values() {
                    let v = String::from_utf8_lossy(&value.value);
                    assert!(
                        !v.contains("http://") || v.contains("www.w3.org"),
                        "fetches {v}"
                    );
                }
                if !tag.self_closing && !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
            html5gum::Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.as_str()),
                    "misnested </{name}>"
                );
            }
            html5gum::Token::String(s) => text.push_str(&String::from_utf8_lossy(&s.value)),
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    // The tokenizer decodes character references, as a browser does.
    let needles: &[&str] = if id == "html" {
        &[
            TITLE, STEP, RTL_STEP, CHANNEL, STAGE, ELEMENT, ELEMENT2, HEALTH, PURPOSE,
        ]
    } else {
        &[TITLE, STEP, ELEMENT, ELEMENT2, PERSON, REVIEW_NOTE]
    };
    assert_shows(id, &text, needles);
    // The report is also well-formed XML, so XML tools can read it.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&out, options).expect("the report is well-formed XML");
}

fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("a valid CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn csv_exports_parse_with_equal_widths_and_no_formulas() {
    for id in ["inventory-csv", "ropa-csv"] {
        let out = export(id);
        assert!(out.ends_with("\r\n"), "{id}: CRLF line ends");
        let records = csv_records(&out);
        let width = records[0].len();
        assert!(records.len() > 1, "{id} has rows");
        for r in &records {
            assert_eq!(
                r.len(),
                width,
                "{id}: every record has {width} fields: {r:?}"
            );
            for cell in r {
                let first = cell.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@')),
                    "{id}: formula-like cell {cell:?}"
                );
            }
        }
        let all = records.concat().join("\n");
        let needles: &[&str] = if id == "inventory-csv" {
            &[
                STEP,
                RTL_STEP,
                CHANNEL,
                STAGE,
                ELEMENT,
                ELEMENT2,
                HEALTH,
                "'=SUM(A1:A9) \"purpose\" | pipe",
            ]
        } else {
            &[
                ELEMENT2,
                HEALTH,
                "'=HYPERLINK(\"http://x\") (processor",
                "'+Evil; Corp <i>",
                "'@dpo \"x\"",
            ]
        };
        assert_shows(id, &all, needles);
    }
}

/// Splits a Markdown table row at its unescaped pipes.
fn md_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    cells.last_mut().expect("a cell").push(n);
                }
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().expect("a cell").push(c),
        }
    }
    cells
}

#[test]
fn markdown_tables_keep_their_columns() {
    for id in ["inventory-md", "ropa-md", "minutes-md"] {
        let out = export(id);
        let mut width = None;
        let mut seen = String::new();
        for line in out.lines() {
            if line.starts_with('|') {
                let cells = md_cells(line);
                match width {
                    None => width = Some(cells.len()),
                    Some(w) => assert_eq!(cells.len(), w, "{id}: row width: {line}"),
                }
                seen.push_str(&cells.join(" "));
            } else {
                width = None;
                let unescaped: String = md_cells(line).join("|");
                seen.push_str(&unescaped);
            }
            seen.push('\n');
            assert!(!line.contains("<script"), "{id}: raw markup: {line}");
        }
        let seen = seen
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let needles: &[&str] = if id == "inventory-md" {
            &[
                STEP, RTL_STEP, CHANNEL, STAGE, ELEMENT, ELEMENT2, HEALTH, PURPOSE,
            ]
        } else if id == "minutes-md" {
            &[TITLE, STEP, ELEMENT, ELEMENT2, PERSON, REVIEW_NOTE]
        } else {
            &[TITLE, ELEMENT2, HEALTH, PURPOSE, "+Evil; Corp <i>"]
        };
        assert_shows(id, &seen, needles);
    }
}

#[test]
fn every_format_is_deterministic() {
    assert_eq!(exports(), exports());
}
