//! RON text for values going into a map, in the style people write: `(element: "email",
//! purpose: "…")` on one line, or one field a line at a given indentation; and the order of
//! a struct's fields, for putting a new field where it belongs.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::tree::Tree;

/// One level of indentation in a new multi-line value.
pub(crate) const STEP: &str = "    ";

/// `value` on one line: `(a: 1, b: ["x", "y"])`, optional fields written bare (the maps
/// enable `implicit_some`).
pub(crate) fn compact<T: Serialize + ?Sized>(value: &T) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .struct_names(false)
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(value, config)?;
    // The serializer states the extension at the top of its output: not wanted in a value.
    Ok(match text.strip_prefix("#![enable(implicit_some)]") {
        Some(rest) => rest.trim_start().to_string(),
        None => text,
    })
}

/// `value` (a struct) with one field a line: the fields at `indent` + [`STEP`], the closing
/// bracket at `indent`; the first line carries no indentation (it goes after a field name or
/// an item's indentation). Each field's value stays on one line, but for a list of structs
/// (a step's collections, a review's decisions), which has one item a line, so that a
/// later item added to it also gets a line of its own, and a pull request shows one line
/// per item.
pub(crate) fn multiline<T: Serialize + ?Sized>(
    value: &T,
    indent: &str,
) -> Result<String, ron::Error> {
    let one_line = compact(value)?;
    let tree = Tree::new(&one_line);
    let text = |i: usize| {
        let n = tree.node(i);
        &one_line[n.start as usize..n.end as usize]
    };
    let fields: Vec<String> = tree
        .fields(&one_line, 0)
        .map(|(_, c)| {
            let n = tree.node(c);
            let name = &one_line[n.field as usize..n.start as usize];
            let items: Vec<usize> = tree.items(c).collect();
            if text(c).starts_with('[') && items.iter().any(|&i| text(i).starts_with('(')) {
                let lines: String = items
                    .iter()
                    .map(|&i| format!("{indent}{STEP}{STEP}{},\n", text(i)))
                    .collect();
                format!("{indent}{STEP}{name}[\n{lines}{indent}{STEP}],\n")
            } else {
                format!("{indent}{STEP}{name}{},\n", text(c))
            }
        })
        .collect();
    if fields.is_empty() {
        return Ok(one_line);
    }
    Ok(format!("(\n{}{indent})", fields.concat()))
}

/// The fields of struct `T` in the order it declares them (which is the order a map lists
/// them in), read from its `Deserialize`.
pub fn field_order<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut capture = Capture(None);
    let _ = T::deserialize(&mut capture);
    capture.0.unwrap_or(&[])
}

/// The variants of enum `T` in the order it declares them (their names as a map writes
/// them), read from its `Deserialize`: for offering every lawful basis, say.
pub fn variant_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut capture = Capture(None);
    let _ = T::deserialize(&mut capture);
    capture.0.unwrap_or(&[])
}

/// A deserializer that only listens for the list of fields (or variants) a struct (or enum)
/// asks for, then stops.
struct Capture(Option<&'static [&'static str]>);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("only the field list was wanted")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Stop {
        Stop
    }
}

impl<'de> Deserializer<'de> for &mut Capture {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.0 = Some(fields);
        Err(Stop)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.0 = Some(variants);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::{Collection, LawfulBasis, Step};

    fn collection() -> Collection {
        Collection {
            element: "email".into(),
            purpose: Some("Send the \"receipt\" – café".into()),
            basis: Some(LawfulBasis::Contract),
            stored_in: vec!["crm".into(), "mail".into()],
            ..Collection::default()
        }
    }

    #[test]
    fn compact_is_one_line_with_bare_options() {
        assert_eq!(
            compact(&collection()).expect("renders"),
            "(element: \"email\", purpose: \"Send the \\\"receipt\\\" – café\", basis: Contract, stored_in: [\"crm\", \"mail\"])"
        );
        assert_eq!(
            compact(&Some(LawfulBasis::Consent)).expect("renders"),
            "Consent"
        );
    }

    #[test]
    fn multiline_puts_a_field_on_a_line() {
        assert_eq!(
            multiline(&collection(), "        ").expect("renders"),
            "(\n            element: \"email\",\n            purpose: \"Send the \\\"receipt\\\" – café\",\n            basis: Contract,\n            stored_in: [\"crm\", \"mail\"],\n        )"
        );
    }

    #[test]
    fn multiline_puts_each_struct_of_a_list_on_a_line() {
        let step = Step {
            id: "s".into(),
            title: "S".into(),
            channel: "web".into(),
            stage: "buy".into(),
            collects: vec![collection(), Collection::default()],
            ..Step::default()
        };
        let text = multiline(&step, "    ").expect("renders");
        assert!(
            text.contains(
                "\n        collects: [\n            (element: \"email\", purpose: \"Send the \\\"receipt\\\" – café\", basis: Contract, stored_in: [\"crm\", \"mail\"]),\n            (element: \"\"),\n        ],\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn variants_are_listed_in_order() {
        assert_eq!(
            variant_names::<LawfulBasis>(),
            [
                "Consent",
                "Contract",
                "LegalObligation",
                "VitalInterests",
                "PublicTask",
                "LegitimateInterests"
            ]
        );
    }

    #[test]
    fn field_order_is_the_declared_order() {
        let order = field_order::<Collection>();
        assert_eq!(&order[..4], ["element", "purpose", "activity", "data_use"]);
        assert!(field_order::<Step>().contains(&"collects"));
    }
}
