//! Any value of a map as a plain tree, read through its `Serialize`: so that two versions of a
//! struct can be compared field by field without naming its fields, and a field added to the
//! format tomorrow is compared the day it is added.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

/// A value of a map, as the file would write it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Char(char),
    Str(String),
    Bytes(Vec<u8>),
    /// `()`, or an option left empty where a struct does not skip it.
    Unit,
    /// An enum's bare variant: `Contract`.
    Variant(&'static str),
    /// An enum's variant with content: `Name(..)`, `Name(a: ..)`.
    Tagged(&'static str, Box<Value>),
    Seq(Vec<Value>),
    Map(Vec<(Value, Value)>),
    /// A struct's fields in declared order; `None` for a field the file leaves out (skipped
    /// when empty or default, or an empty option).
    Struct(Vec<(&'static str, Option<Value>)>),
}

/// Why a value could not be turned into a [`Value`] (a `Serialize` implementation that
/// failed on its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unrepresentable(String);

impl fmt::Display for Unrepresentable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unrepresentable {}

impl ser::Error for Unrepresentable {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unrepresentable(msg.to_string())
    }
}

impl Value {
    /// `value` as a tree.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Value {
        value.serialize(ToValue).unwrap_or(Value::Unit)
    }

    /// The fields of a struct, leaving out those named in `skip` without reading them (a
    /// step's `collects` is compared on its own, and need not be copied to be skipped).
    /// Anything but a struct has no fields.
    pub fn fields_of<T: Serialize + ?Sized>(
        value: &T,
        skip: &'static [&'static str],
    ) -> Vec<(&'static str, Option<Value>)> {
        match value.serialize(ToValue::skipping(skip)) {
            Ok(Value::Struct(fields)) => fields,
            _ => Vec::new(),
        }
    }

    /// The field `name` of a struct, when present.
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Struct(fields) => fields
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| v.as_ref()),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as RON writes it on one line: `"text"`, `Contract`, `["crm", "billing"]`,
    /// `(rule: "TP007", reason: "…")`. Untrusted text is not cleaned here: printers do that.
    pub fn to_ron(&self) -> String {
        let mut out = String::new();
        self.write_ron(&mut out);
        out
    }

    /// Like [`Value::to_ron`], but a string stands bare (`Find the line`, not `"Find the
    /// line"`): for a single text shown on its own.
    pub fn to_text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => other.to_ron(),
        }
    }

    fn write_ron(&self, out: &mut String) {
        match self {
            Value::Bool(b) => {
                let _ = write!(out, "{b}");
            }
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::UInt(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Float(x) => {
                let _ = write!(out, "{x:?}");
            }
            Value::Char(c) => {
                let _ = write!(out, "{c:?}");
            }
            Value::Str(s) => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            Value::Bytes(b) => {
                let _ = write!(out, "{b:?}");
            }
            Value::Unit => out.push_str("()"),
            Value::Variant(v) => out.push_str(v),
            Value::Tagged(v, inner) => {
                out.push_str(v);
                match &**inner {
                    Value::Struct(_) => inner.write_ron(out),
                    Value::Seq(items) => write_list(out, "(", ")", items),
                    other => {
                        out.push('(');
                        other.write_ron(out);
                        out.push(')');
                    }
                }
            }
            Value::Seq(items) => write_list(out, "[", "]", items),
            Value::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_ron(out);
                    out.push_str(": ");
                    v.write_ron(out);
                }
                out.push('}');
            }
            Value::Struct(fields) => {
                out.push('(');
                let mut first = true;
                for (name, value) in fields {
                    let Some(value) = value else { continue };
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    out.push_str(name);
                    out.push_str(": ");
                    value.write_ron(out);
                }
                out.push(')');
            }
        }
    }
}

fn write_list(out: &mut String, open: &str, close: &str, items: &[Value]) {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.write_ron(out);
    }
    out.push_str(close);
}

/// As JSON: strings, numbers and booleans as themselves, a variant by its name, a list as an
/// array, a struct as an object of the fields it has.
impl Serialize for Value {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(n) => s.serialize_i64(*n),
            Value::UInt(n) => s.serialize_u64(*n),
            Value::Float(x) => s.serialize_f64(*x),
            Value::Char(c) => s.serialize_char(*c),
            Value::Str(t) => s.serialize_str(t),
            Value::Bytes(b) => s.serialize_bytes(b),
            Value::Unit => s.serialize_unit(),
            Value::Variant(v) => s.serialize_str(v),
            Value::Tagged(v, inner) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(v, inner)?;
                m.end()
            }
            Value::Seq(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    q.serialize_element(item)?;
                }
                q.end()
            }
            Value::Map(entries) => {
                let mut m = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    match k {
                        Value::Str(key) => m.serialize_entry(key, v)?,
                        other => m.serialize_entry(&other.to_ron(), v)?,
                    }
                }
                m.end()
            }
            Value::Struct(fields) => {
                let present = fields.iter().filter(|(_, v)| v.is_some()).count();
                let mut m = s.serialize_map(Some(present))?;
                for (name, value) in fields {
                    if let Some(value) = value {
                        m.serialize_entry(name, value)?;
                    }
                }
                m.end()
            }
        }
    }
}

/// The serializer that builds a [`Value`]. `skip` applies to the outermost struct only.
#[derive(Clone, Copy)]
struct ToValue {
    skip: &'static [&'static str],
}

#[allow(non_upper_case_globals)]
const ToValue: ToValue = ToValue { skip: &[] };

impl ToValue {
    fn skipping(skip: &'static [&'static str]) -> ToValue {
        ToValue { skip }
    }
}

/// A value that stands for "left out" inside a struct: an empty option.
fn absent(v: Value) -> Option<Value> {
    match v {
        Value::Unit => None,
        v => Some(v),
    }
}

struct Seq(Vec<Value>);
struct Tuple(&'static str, Vec<Value>);
struct MapBuilder(Vec<(Value, Value)>, Option<Value>);
struct StructBuilder {
    fields: Vec<(&'static str, Option<Value>)>,
    skip: &'static [&'static str],
}
struct VariantStruct(&'static str, Vec<(&'static str, Option<Value>)>);

type R = Result<Value, Unrepresentable>;

impl ser::Serializer for ToValue {
    type Ok = Value;
    type Error = Unrepresentable;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Tuple;
    type SerializeMap = MapBuilder;
    type SerializeStruct = StructBuilder;
    type SerializeStructVariant = VariantStruct;

    fn serialize_bool(self, v: bool) -> R {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(Value::Int(v))
    }
    fn serialize_u8(self, v: u8) -> R {
        Ok(Value::UInt(v.into()))
    }
    fn serialize_u16(self, v: u16) -> R {
        Ok(Value::UInt(v.into()))
    }
    fn serialize_u32(self, v: u32) -> R {
        Ok(Value::UInt(v.into()))
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(Value::UInt(v))
    }
    fn serialize_f32(self, v: f32) -> R {
        Ok(Value::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> R {
        Ok(Value::Float(v))
    }
    fn serialize_char(self, v: char) -> R {
        Ok(Value::Char(v))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Value::Str(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(Value::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> R {
        Ok(Value::Unit)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        // The maps write options bare (`implicit_some`), and so does the tree.
        value.serialize(ToValue)
    }
    fn serialize_unit(self) -> R {
        Ok(Value::Unit)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(Value::Unit)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(Value::Variant(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(ToValue)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        Ok(Value::Tagged(variant, Box::new(value.serialize(ToValue)?)))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Unrepresentable> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Unrepresentable> {
        Ok(Seq(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq, Unrepresentable> {
        Ok(Seq(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tuple, Unrepresentable> {
        Ok(Tuple(variant, Vec::with_capacity(len)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, Unrepresentable> {
        Ok(MapBuilder(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<StructBuilder, Unrepresentable> {
        Ok(StructBuilder {
            fields: Vec::with_capacity(len),
            skip: self.skip,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantStruct, Unrepresentable> {
        Ok(VariantStruct(variant, Vec::with_capacity(len)))
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unrepresentable> {
        self.0.push(v.serialize(ToValue)?);
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Seq(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unrepresentable> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        Ok(Value::Seq(self.0))
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unrepresentable> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        Ok(Value::Seq(self.0))
    }
}

impl ser::SerializeTupleVariant for Tuple {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unrepresentable> {
        self.1.push(v.serialize(ToValue)?);
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Tagged(self.0, Box::new(Value::Seq(self.1))))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unrepresentable> {
        self.1 = Some(k.serialize(ToValue)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unrepresentable> {
        let key = self.1.take().unwrap_or(Value::Unit);
        self.0.push((key, v.serialize(ToValue)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Map(self.0))
    }
}

impl ser::SerializeStruct for StructBuilder {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unrepresentable> {
        if self.skip.contains(&key) {
            return Ok(());
        }
        self.fields.push((key, absent(v.serialize(ToValue)?)));
        Ok(())
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Unrepresentable> {
        if !self.skip.contains(&key) {
            self.fields.push((key, None));
        }
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Struct(self.fields))
    }
}

impl ser::SerializeStructVariant for VariantStruct {
    type Ok = Value;
    type Error = Unrepresentable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unrepresentable> {
        self.1.push((key, absent(v.serialize(ToValue)?)));
        Ok(())
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Unrepresentable> {
        self.1.push((key, None));
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Tagged(self.0, Box::new(Value::Struct(self.1))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::{Collection, LawfulBasis, Step};

    #[test]
    fn a_struct_lists_every_declared_field_in_order() {
        let c = Collection {
            element: "email".into(),
            purpose: Some("Send the \"receipt\"".into()),
            basis: Some(LawfulBasis::Contract),
            stored_in: vec!["crm".into()],
            ..Collection::default()
        };
        let fields = Value::fields_of(&c, &[]);
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, crate::edit::field_order::<Collection>());
        let get = |n: &str| {
            fields
                .iter()
                .find(|(f, _)| *f == n)
                .and_then(|(_, v)| v.clone())
        };
        assert_eq!(get("basis"), Some(Value::Variant("Contract")));
        assert_eq!(get("retention"), None);
        assert_eq!(get("optional"), None, "a default left out is absent");
        assert_eq!(
            Value::of(&c).to_ron(),
            r#"(element: "email", purpose: "Send the \"receipt\"", basis: Contract, stored_in: ["crm"])"#
        );
    }

    #[test]
    fn skipped_fields_are_not_listed() {
        let s = Step {
            id: "a".into(),
            collects: vec![Collection::default()],
            ..Step::default()
        };
        let fields = Value::fields_of(&s, &["id", "collects"]);
        assert!(fields.iter().all(|(n, _)| *n != "collects" && *n != "id"));
        assert!(fields.iter().any(|(n, _)| *n == "title"));
    }

    #[test]
    fn values_read_as_ron() {
        let c = Collection {
            element: "email".into(),
            basis: Some(LawfulBasis::Consent),
            optional: true,
            ..Collection::default()
        };
        let v = Value::of(&c);
        assert_eq!(v.field("optional"), Some(&Value::Bool(true)));
        assert_eq!(v.field("basis").map(Value::to_ron), Some("Consent".into()));
        assert_eq!(Value::Str("a \"b\"".into()).to_text(), "a \"b\"");
        assert_eq!(Value::Str("a \"b\"".into()).to_ron(), r#""a \"b\"""#);
        assert_eq!(Value::of(&vec!["x", "y"]).to_ron(), r#"["x", "y"]"#);
    }
}
