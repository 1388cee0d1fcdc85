//! The front matter schema that a configuration adds for some pages: the keys they must
//! set, the types of values and the values allowed.
//!
//! The tool decides which parts of the configuration apply to a page (by path glob or
//! collection) and hands the lints the result as this options type, so the core matches
//! no paths: `invalid-front-matter` reports the missing keys, `front-matter-type` the
//! wrong types and the values that are not allowed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::front_matter::YamlValue;
use crate::options::{OptionField, Options};

/// A type a configuration can ask of a front matter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// A text (quoted or not).
    String,
    /// An integer or a decimal number.
    Number,
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A YAML sequence.
    List,
    /// A YAML mapping.
    Map,
    /// A date as Jekyll reads one: `YYYY-MM-DD`, optionally followed by a time.
    Date,
}

impl ValueType {
    /// Every type, in the order the documentation lists them.
    pub const ALL: [ValueType; 7] = [
        ValueType::String,
        ValueType::Number,
        ValueType::Integer,
        ValueType::Boolean,
        ValueType::List,
        ValueType::Map,
        ValueType::Date,
    ];

    /// The name written in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            ValueType::String => "string",
            ValueType::Number => "number",
            ValueType::Integer => "integer",
            ValueType::Boolean => "boolean",
            ValueType::List => "list",
            ValueType::Map => "map",
            ValueType::Date => "date",
        }
    }

    /// The type named `name`, as written in the configuration.
    pub fn parse(name: &str) -> Option<ValueType> {
        ValueType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether `value` is of this type. An empty value or an alias is of every type (the
    /// required keys are where an empty value is reported).
    pub fn fits(self, value: &YamlValue) -> bool {
        match (self, value) {
            (_, YamlValue::Null | YamlValue::Alias) => true,
            (ValueType::String, YamlValue::Str(_)) => true,
            (ValueType::Number, YamlValue::Int(_) | YamlValue::Float(_)) => true,
            (ValueType::Integer, YamlValue::Int(_)) => true,
            (ValueType::Boolean, YamlValue::Bool(_)) => true,
            (ValueType::List, YamlValue::Seq(_)) => true,
            (ValueType::Map, YamlValue::Map(_)) => true,
            (ValueType::Date, YamlValue::Str(s)) => is_date(s),
            _ => false,
        }
    }
}

/// `YYYY-MM-DD` with a month and day in range, then nothing or a time after ` ` or `T`.
fn is_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() < 10 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' {
        return false;
    }
    if !digits(8..10) {
        return false;
    }
    let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
    let (month, day) = (two(5), two(8));
    (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (b.len() == 10 || matches!(b[10], b' ' | b'T' | b't'))
}

/// What the configuration asks of one page's front matter, merged from every part of it
/// that applies to the page (a later part's type or allowed values for a key replace an
/// earlier one's; the required keys add up).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatterSchema {
    /// Keys the page must set to a value.
    pub required: Vec<String>,
    /// Key -> the types its value may have (any of them).
    pub types: BTreeMap<String, Vec<ValueType>>,
    /// Key -> the values it may take (texts, integers or booleans).
    pub allowed: BTreeMap<String, Vec<Value>>,
}

/// Not a lint's options: no field is written in `[lints.…]`; the tool builds it from the
/// `[front-matter]` tables.
impl Options for FrontMatterSchema {
    const FIELDS: &'static [OptionField] = &[];
}

impl FrontMatterSchema {
    /// Add `other` after this one: its types and allowed values replace these for the
    /// same key.
    pub fn merge(&mut self, other: &FrontMatterSchema) {
        for key in &other.required {
            if !self.required.contains(key) {
                self.required.push(key.clone());
            }
        }
        for (key, types) in &other.types {
            self.types.insert(key.clone(), types.clone());
        }
        for (key, values) in &other.allowed {
            self.allowed.insert(key.clone(), values.clone());
        }
    }

    /// The types configured for `key`.
    pub fn types_of(&self, key: &str) -> Option<&[ValueType]> {
        self.types.get(key).map(Vec::as_slice)
    }

    /// The values allowed for `key`.
    pub fn allowed_of(&self, key: &str) -> Option<&[Value]> {
        self.allowed.get(key).map(Vec::as_slice)
    }
}

/// Whether the front matter value `value` is the configured value `allowed`: the same
/// text, integer or boolean (a text never equals a number: `"2"` is not `2`).
pub fn is_value(value: &YamlValue, allowed: &Value) -> bool {
    match (value, allowed) {
        (YamlValue::Str(s), Value::String(a)) => s == a,
        (YamlValue::Int(i), Value::Number(a)) => a.as_i64() == Some(*i),
        (YamlValue::Bool(b), Value::Bool(a)) => b == a,
        _ => false,
    }
}

/// Whether `value` is among `allowed` (an empty value or an alias always is).
pub fn allows(allowed: &[Value], value: &YamlValue) -> bool {
    matches!(value, YamlValue::Null | YamlValue::Alias)
        || allowed.iter().any(|a| is_value(value, a))
}

/// An allowed value as front matter writes it: `page`, `3`, `true`.
pub fn show_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `` `default`, `page` ``: the allowed values, for a message.
pub fn list_values(allowed: &[Value]) -> String {
    let shown: Vec<String> = allowed
        .iter()
        .map(|a| format!("`{}`", show_value(a)))
        .collect();
    shown.join(", ")
}

/// `` `integer` or `string` ``: the configured types, for a message.
pub fn describe_types(types: &[ValueType]) -> String {
    let names: Vec<String> = types.iter().map(|t| format!("`{}`", t.name())).collect();
    names.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_years_months_and_days_with_an_optional_time() {
        for ok in [
            "2024-01-31",
            "2024-12-01 10:00:00 +0100",
            "2024-02-03T04:05:06Z",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-01-01x",
            "today",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn a_later_part_replaces_types_and_adds_required_keys() {
        let mut a = FrontMatterSchema {
            required: vec!["title".into()],
            types: BTreeMap::from([("nav_order".into(), vec![ValueType::Number])]),
            allowed: BTreeMap::new(),
        };
        let b = FrontMatterSchema {
            required: vec!["title".into(), "parent".into()],
            types: BTreeMap::from([("nav_order".into(), vec![ValueType::Integer])]),
            allowed: BTreeMap::from([("layout".into(), vec![Value::from("page")])]),
        };
        a.merge(&b);
        assert_eq!(a.required, ["title", "parent"]);
        assert_eq!(a.types_of("nav_order"), Some(&[ValueType::Integer][..]));
        assert!(is_value(
            &YamlValue::Str("page".into()),
            &a.allowed_of("layout").unwrap()[0]
        ));
    }
}
