//! Reading the `[front-matter]` tables: `[front-matter."GLOB"]` or
//! `[front-matter."collection:NAME"]`, each with `required`, `types` and `allowed`.

use std::collections::BTreeMap;

use handbook_lints::schema::{FrontMatterSchema, ValueType};
use serde_json::Value as Json;
use toml::de::DeValue;

use super::{did_you_mean, Item, KeySpec, Kind, Parser, Value};

/// What `[front-matter."collection:NAME"]` starts with.
pub const COLLECTION_PREFIX: &str = "collection:";

/// The keys of a `[front-matter."…"]` table.
pub static TABLE_KEYS: &[KeySpec] = &[
    KeySpec {
        name: "required",
        kind: Kind::Strings,
        doc: "Keys that the front matter must set to a value (reported by `invalid-front-matter`).",
    },
    KeySpec {
        name: "types",
        kind: Kind::ValueTypes,
        doc: "The type of a key's value: `string`, `number`, `integer`, `boolean`, `list`, `map` or `date`, or a list of them (reported by `front-matter-type`).",
    },
    KeySpec {
        name: "allowed",
        kind: Kind::AllowedValues,
        doc: "The values a key may take: texts, integers or booleans (reported by `front-matter-type`).",
    },
];

/// Which files a table applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A glob relative to the configuration file's folder.
    Glob(String),
    /// A collection of the site, by name.
    Collection(String),
}

/// One `[front-matter."…"]` table as read.
#[derive(Clone, Debug)]
pub struct FrontMatterTable {
    pub target: Target,
    /// The table's name as written.
    pub written: String,
    pub line: usize,
    pub required: Vec<Item<String>>,
    pub types: Vec<Item<(String, Vec<ValueType>)>>,
    pub allowed: Vec<Item<(String, Vec<Json>)>>,
}

impl FrontMatterTable {
    /// What the table asks of the pages it applies to.
    pub fn schema(&self) -> FrontMatterSchema {
        let mut schema = FrontMatterSchema::default();
        schema.merge(&FrontMatterSchema {
            required: self.required.iter().map(|i| i.value.clone()).collect(),
            types: self.types.iter().map(|i| i.value.clone()).collect(),
            allowed: self.allowed.iter().map(|i| i.value.clone()).collect(),
        });
        schema
    }
}

impl Parser<'_> {
    pub(super) fn front_matter(
        &mut self,
        v: &Value<'_>,
        lines: &mut BTreeMap<String, usize>,
    ) -> Vec<FrontMatterTable> {
        let Some(table) = self.table(v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in table.iter() {
            let written = k.get_ref().to_string();
            let Some(target) = self.target(&written, k.span()) else {
                continue;
            };
            let Some(keys) = self.table(v) else {
                continue;
            };
            let line = self.line(k.span().start);
            let mut t = FrontMatterTable {
                target,
                written: written.clone(),
                line,
                required: Vec::new(),
                types: Vec::new(),
                allowed: Vec::new(),
            };
            let table_name = format!("front-matter.\"{written}\"");
            for (k, v) in keys.iter() {
                let Some(spec) = self.known(k, TABLE_KEYS, &table_name) else {
                    continue;
                };
                lines.insert(
                    format!("{table_name}.{}", spec.name),
                    self.line(k.span().start),
                );
                match spec.name {
                    "required" => {
                        for (key, span) in self.strings(v).unwrap_or_default() {
                            if key.is_empty() {
                                self.error(span, "a required key cannot be empty".into());
                                continue;
                            }
                            let line = self.line(span.start);
                            t.required.push(Item { value: key, line });
                        }
                    }
                    "types" => t.types = self.types(v),
                    "allowed" => t.allowed = self.allowed(v),
                    other => unreachable!("`front-matter.*.{other}` has no reader"),
                }
            }
            out.push(t);
        }
        out.sort_by_key(|t| t.line);
        out
    }

    /// `collection:NAME`, or a glob.
    fn target(&mut self, written: &str, span: std::ops::Range<usize>) -> Option<Target> {
        if let Some(name) = written.strip_prefix(COLLECTION_PREFIX) {
            let valid = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            if !valid {
                self.error(
                    span,
                    format!("`{written}`: write a collection as `collection:NAME`, such as `collection:posts`"),
                );
                return None;
            }
            return Some(Target::Collection(name.to_string()));
        }
        match globset::Glob::new(written.trim_start_matches("./").trim_matches('/')) {
            Ok(_) if !written.is_empty() => Some(Target::Glob(written.to_string())),
            Ok(_) => {
                self.error(
                    span,
                    "an empty glob matches no page; write `**` for every page".into(),
                );
                None
            }
            Err(e) => {
                self.error(span, format!("invalid glob `{written}`: {}", e.kind()));
                None
            }
        }
    }

    /// `{ key = "type" }` or `{ key = ["type", "type"] }`.
    fn types(&mut self, v: &Value<'_>) -> Vec<Item<(String, Vec<ValueType>)>> {
        let Some(table) = self.table(v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in table.iter() {
            let names = match v.get_ref() {
                DeValue::String(s) => vec![(s.to_string(), v.span())],
                DeValue::Array(_) => match self.strings(v) {
                    Some(names) if !names.is_empty() => names,
                    Some(_) => {
                        self.error(v.span(), "an empty list of types allows nothing".into());
                        continue;
                    }
                    None => continue,
                },
                _ => {
                    self.type_error(v, "a type name or a list of type names");
                    continue;
                }
            };
            let mut types = Vec::new();
            for (name, span) in names {
                match ValueType::parse(&name) {
                    Some(t) => types.push(t),
                    None => {
                        let all = ValueType::ALL.map(ValueType::name);
                        let hint = did_you_mean(&name, all.iter().copied());
                        let list = all.map(|n| format!("`{n}`")).join(", ");
                        self.error(
                            span,
                            format!("unknown type `{name}`{hint}; the types are {list}"),
                        );
                    }
                }
            }
            if !types.is_empty() {
                let line = self.line(k.span().start);
                let value = (k.get_ref().to_string(), types);
                out.push(Item { value, line });
            }
        }
        out
    }

    /// `{ key = ["value", …] }`: texts, integers or booleans.
    fn allowed(&mut self, v: &Value<'_>) -> Vec<Item<(String, Vec<serde_json::Value>)>> {
        let Some(table) = self.table(v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in table.iter() {
            let DeValue::Array(items) = v.get_ref() else {
                self.type_error(v, "a list of values");
                continue;
            };
            if items.is_empty() {
                self.error(v.span(), "an empty list of values allows nothing".into());
                continue;
            }
            let mut values = Vec::new();
            for item in items {
                match item.get_ref() {
                    DeValue::String(s) => values.push(serde_json::Value::from(s.to_string())),
                    DeValue::Boolean(b) => values.push(serde_json::Value::from(*b)),
                    DeValue::Integer(_) => {
                        if let Some(i) = self.integer(item) {
                            values.push(serde_json::Value::from(i));
                        }
                    }
                    _ => self.type_error(item, "a text, an integer or a boolean"),
                }
            }
            let line = self.line(k.span().start);
            out.push(Item {
                value: (k.get_ref().to_string(), values),
                line,
            });
        }
        out
    }
}
