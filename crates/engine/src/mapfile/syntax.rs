//! Turns a RON parse error into a diagnostic a person can act on.

use ron::error::{Error, SpannedError};

use super::diagnostic::Diagnostic;
use crate::source::Pos;
use crate::suggest::did_you_mean;

fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    format!("expected one of {}", quoted.join(", "))
}

/// What the parser's struct names mean to someone writing a map.
fn describe(outer: Option<&String>) -> String {
    match outer.map(String::as_str) {
        Some("Document") => " at the top level of the map".into(),
        Some("DataElement") => " in a data element".into(),
        Some("Allow") => " in an `allow` entry".into(),
        Some(name) => format!(" in a {}", name.to_lowercase()),
        None => String::new(),
    }
}

/// What an enum of the map format is called in prose.
fn enum_noun(name: Option<&str>) -> &'static str {
    match name {
        Some("LawfulBasis") => "lawful basis",
        Some("Condition") => "condition",
        Some("Method") => "method",
        Some("Actor") => "actor",
        Some("Sensitivity") => "sensitivity",
        _ => "value",
    }
}

/// A message and hint for one parse error.
fn explain(code: &Error) -> (String, Option<String>) {
    match code {
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("unknown field `{found}`{}", describe(outer.as_ref())),
            did_you_mean(found, expected.iter().copied()).or_else(|| Some(one_of(expected))),
        ),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!("unknown {} `{found}`", enum_noun(outer.as_deref())),
            Some(match did_you_mean(found, expected.iter().copied()) {
                Some(d) => d,
                None => one_of(expected),
            }),
        ),
        Error::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", describe(outer.as_ref())),
            Some(format!("add `{field}: ...` to it")),
        ),
        Error::DuplicateStructField { field, outer } => (
            format!("field `{field}` appears twice{}", describe(outer.as_ref())),
            Some("keep one of them".into()),
        ),
        Error::ExpectedComma => (
            "expected a comma".into(),
            Some(
                "a comma is probably missing just before this (or at the end of the line above)"
                    .into(),
            ),
        ),
        Error::Eof => (
            "the file ends in the middle of a value".into(),
            Some("a bracket or parenthesis is probably not closed".into()),
        ),
        Error::ExpectedStructLikeEnd | Error::ExpectedArrayEnd | Error::ExpectedMapEnd => (
            code.to_string(),
            Some("a comma or a closing bracket is probably missing".into()),
        ),
        Error::ExpectedStringEnd => (
            "a string is not closed".into(),
            Some("add the closing `\"`".into()),
        ),
        Error::ExpectedString => (
            "expected a string in double quotes".into(),
            Some("write text and ids as \"...\"".into()),
        ),
        Error::IntegerOutOfBounds => ("the number is out of range here".into(), None),
        Error::ExceededRecursionLimit => (
            "the map is nested too deeply".into(),
            Some("a journey map needs only a few levels of brackets".into()),
        ),
        Error::TrailingCharacters => (
            "unexpected text after the end of the map".into(),
            Some("the whole map is one `( ... )`; remove what follows it".into()),
        ),
        Error::InvalidValueForType { expected, found } => {
            (format!("expected {expected}, found {found}"), None)
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let message = match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "the map could not be read".into(),
            };
            (message, None)
        }
    }
}

/// A diagnostic for a RON parse error in `text`.
pub(super) fn diagnostic(file: &str, text: &str, err: &SpannedError) -> Diagnostic {
    let (message, hint) = explain(&err.code);
    let start = err.span.start;
    let line = u32::try_from(start.line.max(1)).unwrap_or(u32::MAX);
    let col = u32::try_from(start.col.max(1)).unwrap_or(u32::MAX);
    let len = if err.span.end.line == start.line && err.span.end.col > start.col {
        u32::try_from(err.span.end.col - start.col).unwrap_or(1)
    } else {
        1
    };
    let snippet = text
        .split('\n')
        .nth(line as usize - 1)
        .map(|l| l.trim_end_matches('\r').to_string());
    Diagnostic {
        file: file.to_string(),
        pos: Some(Pos { line, col, len }),
        message,
        snippet,
        hint,
        note: None,
    }
}
