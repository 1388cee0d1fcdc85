//! The types Jekyll and just-the-docs read for their front matter keys, and the fixes of
//! `front-matter-type` for a value of the wrong type.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::front_matter::{YamlNode, YamlValue};

/// The type a built-in key is read as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Expected {
    Text,
    TextOrNumber,
    Boolean,
    TextOrList,
}

/// The keys Jekyll and just-the-docs read, with their types.
pub(super) const KEYS: &[(&str, Expected)] = &[
    ("title", Expected::Text),
    ("parent", Expected::Text),
    ("grand_parent", Expected::Text),
    ("layout", Expected::Text),
    ("permalink", Expected::Text),
    ("description", Expected::Text),
    ("child_nav_order", Expected::Text),
    ("nav_order", Expected::TextOrNumber),
    ("has_children", Expected::Boolean),
    ("nav_exclude", Expected::Boolean),
    ("search_exclude", Expected::Boolean),
    ("has_toc", Expected::Boolean),
    ("published", Expected::Boolean),
    ("redirect_from", Expected::TextOrList),
];

/// Whether `value` is of the type `expected` (empty values and aliases always are).
pub(super) fn fits(value: &YamlValue, expected: Expected) -> bool {
    match (value, expected) {
        (YamlValue::Null | YamlValue::Alias, _) => true,
        (YamlValue::Str(_), Expected::Text | Expected::TextOrNumber | Expected::TextOrList) => true,
        (YamlValue::Int(_) | YamlValue::Float(_), Expected::TextOrNumber) => true,
        (YamlValue::Bool(_), Expected::Boolean) => true,
        (YamlValue::Seq(items), Expected::TextOrList) => items
            .iter()
            .all(|i| matches!(i.value, YamlValue::Str(_) | YamlValue::Null)),
        _ => false,
    }
}

/// The type `expected`, as the messages say it.
pub(super) fn describe(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "a text",
        Expected::TextOrNumber => "a number or a text",
        Expected::Boolean => "a boolean (`true` or `false`)",
        Expected::TextOrList => "a text or a list of texts",
    }
}

/// The type of `value`, as the messages say it.
pub(super) fn kind(value: &YamlValue) -> &'static str {
    match value {
        YamlValue::Null => "empty",
        YamlValue::Bool(_) => "a boolean",
        YamlValue::Int(_) | YamlValue::Float(_) => "a number",
        YamlValue::Str(_) => "a text",
        YamlValue::Seq(_) => "a list",
        YamlValue::Map(_) => "a mapping",
        YamlValue::Alias => "an alias",
    }
}

/// Quote a plain number or boolean read as text; unquote `"true"` / `"false"`.
pub(super) fn fix(doc: &Document, value: &YamlNode, expected: Expected) -> Option<Fix> {
    let written = doc.slice(value.span);
    match (&value.value, expected) {
        (YamlValue::Int(_) | YamlValue::Float(_) | YamlValue::Bool(_), Expected::Text)
            if !written.contains(['"', '\'', '\\', '\n', '#']) =>
        {
            Some(Fix::unsafe_(
                "Quote the value",
                vec![Edit::replace(value.span, format!("\"{written}\""))],
            ))
        }
        (YamlValue::Str(s), Expected::Boolean)
            if (s == "true" || s == "false")
                && (written == format!("\"{s}\"") || written == format!("'{s}'")) =>
        {
            Some(Fix::unsafe_(
                format!("Write the boolean `{s}`"),
                vec![Edit::replace(value.span, s.clone())],
            ))
        }
        _ => None,
    }
}
