//! Writing a map back to RON (`output::write_atomic` puts it on disk).

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::journey::Document;

/// The map as RON text, in the same style a person writes it.
pub fn to_ron(doc: &Document) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(doc, config).map(|mut s| {
        s.push('\n');
        s
    })
}
