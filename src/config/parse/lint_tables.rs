//! `[lints.NAME]` tables: a lint found by name or code, its `severity`, and its options, each
//! read by its declared kind and checked by the lint's own options type (the core's serde
//! struct), the table parsed once.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use handbook_lints::options::{OptionField, OptionKind, ParsedOptions};
use handbook_lints::{registry, LintMeta, Severity};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use toml::Spanned;

use super::{did_you_mean, Item};

/// A severity setting: a level, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    On(Severity),
    Off,
}

checked!(Level, String);

impl TryFrom<String> for Level {
    type Error = String;
    fn try_from(s: String) -> Result<Level, String> {
        if s == "off" {
            return Ok(Level::Off);
        }
        Severity::parse(&s).map(Level::On).ok_or_else(|| {
            let hint = did_you_mean(&s, ["error", "warning", "info", "off"].into_iter());
            format!("unknown severity `{s}`{hint}; use `error`, `warning`, `info` or `off`")
        })
    }
}

leaf_schema!(Level, {
    "description": "`error`, `warning` or `info`, or `off` to turn the lint off.",
    "enum": ["error", "warning", "info", "off"],
});

/// `[lints.NAME]`.
#[derive(Clone, Debug)]
pub struct LintTable {
    pub lint: &'static LintMeta,
    pub severity: Option<Item<Level>>,
    /// Each option set, by its name (an alias written is stored under the name), as the
    /// JSON value the lint's options type reads.
    pub options: Vec<(&'static str, Item<Value>)>,
    /// The options set, parsed by the lint's options type (once, when the file is read).
    pub parsed: Option<ParsedOptions>,
}

/// One table as read: the places are bytes of the file.
struct Read {
    lint: &'static LintMeta,
    key: Range<usize>,
    severity: Option<(Level, Range<usize>)>,
    options: Vec<(&'static str, Value, Range<usize>)>,
}

/// `[lints]`, as read.
#[derive(Default)]
pub struct LintTables(Vec<Read>);

impl LintTables {
    /// The tables with their lines. A lint configured twice (by code and by name: the later
    /// wins) and options that the lint's type refuses together are errors at the lint's key.
    pub(super) fn resolve(
        self,
        line: &dyn Fn(usize) -> usize,
        error: &mut dyn FnMut(usize, String),
    ) -> Vec<LintTable> {
        let mut out: Vec<LintTable> = Vec::new();
        for read in self.0 {
            let lint = read.lint;
            let mut parsed = None;
            if let (Some(decl), false) = (&lint.options, read.options.is_empty()) {
                let values = read
                    .options
                    .iter()
                    .map(|(n, v, _)| (n.to_string(), v.clone()));
                match decl.parse(values.collect()) {
                    Ok(p) => parsed = Some(p),
                    Err(why) => error(
                        read.key.start,
                        format!("invalid options for `{}`: {why}", lint.name),
                    ),
                }
            }
            if let Some(i) = out.iter().position(|t| t.lint.code == lint.code) {
                let message = format!("`{}` is configured twice (by code and by name)", lint.name);
                error(read.key.start, message);
                out.remove(i);
            }
            out.push(LintTable {
                lint,
                severity: (read.severity).map(|(value, span)| Item {
                    value,
                    line: line(span.start),
                }),
                options: (read.options.into_iter())
                    .map(|(name, value, span)| {
                        let line = line(span.start);
                        (name, Item { value, line })
                    })
                    .collect(),
                parsed,
            });
        }
        out
    }
}

/// A lint named by a key of `[lints]`.
struct LintName(&'static LintMeta);

impl TryFrom<String> for LintName {
    type Error = String;
    fn try_from(name: String) -> Result<LintName, String> {
        registry::find(&name).map(LintName).ok_or_else(|| {
            let hint = did_you_mean(&name, registry::metas().map(|m| m.name));
            format!("unknown lint `{name}` in `[lints]`{hint}")
        })
    }
}

checked!(LintName, String);

fn expect_table(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("a table")
}

impl<'de> Deserialize<'de> for LintTables {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Tables;
        impl<'de> Visitor<'de> for Tables {
            type Value = LintTables;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                expect_table(f)
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<LintTables, M::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Spanned<LintName>>()? {
                    let mut read = map.next_value_seed(Table(key.get_ref().0))?;
                    read.key = key.span();
                    out.push(read);
                }
                Ok(LintTables(out))
            }
        }
        d.deserialize_map(Tables)
    }
}

/// The settings of one lint.
struct Table(&'static LintMeta);

impl<'de> DeserializeSeed<'de> for Table {
    type Value = Read;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Table {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect_table(f)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Read, M::Error> {
        let lint = self.0;
        let mut read = Read {
            lint,
            key: 0..0,
            severity: None,
            options: Vec::new(),
        };
        while let Some((field, span)) = map.next_key_seed(Key(lint))? {
            match field {
                None => read.severity = Some((map.next_value()?, span)),
                Some(field) => {
                    let value = map.next_value_seed(OptionValue(lint, field))?;
                    read.options.retain(|(n, ..)| *n != field.name);
                    read.options.push((field.name, value, span));
                }
            }
        }
        Ok(read)
    }
}

/// A key of a lint's table: `severity` (`None`) or one of its options, with its place.
struct Key(&'static LintMeta);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = (Option<&'static OptionField>, Range<usize>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let (key, lint) = (Spanned::<String>::deserialize(d)?, self.0);
        if key.get_ref() == "severity" {
            return Ok((None, key.span()));
        }
        if let Some(field) = lint.options.as_ref().and_then(|o| o.field(key.get_ref())) {
            return Ok((Some(field), key.span()));
        }
        let fields = lint.options.as_ref().map_or(&[][..], |o| o.fields);
        let known = fields
            .iter()
            .flat_map(|o| std::iter::once(o.name).chain(o.aliases.iter().copied()));
        let hint = did_you_mean(key.get_ref(), std::iter::once("severity").chain(known));
        let accepted = std::iter::once("`severity`".to_string())
            .chain(fields.iter().map(|o| format!("`{}`", o.name)))
            .collect::<Vec<_>>()
            .join(", ");
        Err(de::Error::custom(format!(
            "unknown key `{}` in `[lints.{}]`{hint}; it accepts {accepted}",
            key.get_ref(),
            lint.name
        )))
    }
}

/// An option's value: of its declared kind, then accepted by the lint's options type (which
/// may ask more of it), as JSON.
struct OptionValue(&'static LintMeta, &'static OptionField);

impl<'de> DeserializeSeed<'de> for OptionValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let OptionValue(lint, field) = self;
        let value = match field.kind {
            OptionKind::Bool => Value::from(bool::deserialize(d)?),
            OptionKind::Integer => Value::from(i64::deserialize(d)?),
            OptionKind::String => Value::from(String::deserialize(d)?),
            OptionKind::StringList => Value::from(Vec::<String>::deserialize(d)?),
        };
        let one = Map::from_iter([(field.name.to_string(), value.clone())]);
        if let Some(Err(why)) = lint.options.as_ref().map(|o| o.parse(one)) {
            return Err(de::Error::custom(format!(
                "invalid value for `{}` in `[lints.{}]`: {why}",
                field.name, lint.name
            )));
        }
        Ok(value)
    }
}

/// Every lint by name and by code, each a definition made from its declaration: `severity`
/// and the options of its options type.
impl JsonSchema for LintTables {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "lints".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let severity = Value::from(generator.subschema_for::<Level>());
        let mut props = Map::new();
        for meta in registry::metas() {
            let mut options = Map::from_iter([("severity".to_string(), severity.clone())]);
            options.extend(meta.options.iter().flat_map(|o| o.schema()));
            let name = format!("lint-{}", meta.name);
            let definition = json!({
                "description": format!("{} ({}): {}", meta.name, meta.code, meta.summary()),
                "type": "object",
                "additionalProperties": false,
                "properties": options,
            });
            generator.definitions_mut().insert(name.clone(), definition);
            let reference = json!({"$ref": format!("#/definitions/{name}")});
            props.insert(meta.name.into(), reference.clone());
            props.insert(meta.code.into(), reference);
        }
        json_schema!({"type": "object", "additionalProperties": false, "properties": props})
    }
}
