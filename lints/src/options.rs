//! Per-lint options: each lint that has options declares one serde struct for them
//! ([`Options`]); a run gives the lints their values as [`LintOptions`], parsed once per
//! configuration.
//!
//! The values reach the core as JSON values (the tool converts what it read from TOML):
//! the core knows no file format. An unknown name or a wrong type is an error, never a
//! value quietly dropped.

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The options of one lint: a serde struct with
/// `#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]`, whose `Default` is
/// the lints' defaults, and one [`OptionField`] per field (its documentation and schema).
pub trait Options: Clone + Default + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// Every field, in the order of the struct.
    const FIELDS: &'static [OptionField];
}

/// One option: its name, kind and documentation.
#[derive(Debug)]
pub struct OptionField {
    /// Kebab-case, as written in the configuration file.
    pub name: &'static str,
    /// Other accepted names: markdownlint's, for a lint with a markdownlint equivalent
    /// (the struct accepts them too, with `#[serde(alias = …)]`).
    pub aliases: &'static [&'static str],
    pub kind: OptionKind,
    /// One sentence for the configuration schema.
    pub doc: &'static str,
}

/// The kind of value an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    Integer,
    String,
    /// A string among these.
    OneOf(&'static [&'static str]),
    StringList,
}

impl OptionKind {
    /// The JSON Schema of a value of this kind.
    pub fn schema(self) -> Value {
        match self {
            OptionKind::Bool => json!({"type": "boolean"}),
            OptionKind::Integer => json!({"type": "integer"}),
            OptionKind::String => json!({"type": "string"}),
            OptionKind::OneOf(values) => json!({"type": "string", "enum": values}),
            OptionKind::StringList => json!({"type": "array", "items": {"type": "string"}}),
        }
    }
}

/// A lint's options type, without its type: what the declaration keeps
/// (`OptionsDecl::of::<T>()`, written by `declare_lint!`).
#[derive(Clone, Copy)]
pub struct OptionsDecl {
    pub fields: &'static [OptionField],
    parse: fn(Value) -> Result<ParsedOptions, String>,
    defaults: fn() -> Value,
    type_id: fn() -> TypeId,
}

impl fmt::Debug for OptionsDecl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OptionsDecl")
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl OptionsDecl {
    pub const fn of<T: Options>() -> OptionsDecl {
        OptionsDecl {
            fields: T::FIELDS,
            parse: parse::<T>,
            defaults: defaults::<T>,
            type_id: TypeId::of::<T>,
        }
    }

    /// The field named `key`, by its name or an alias.
    pub fn field(&self, key: &str) -> Option<&'static OptionField> {
        self.fields
            .iter()
            .find(|f| f.name == key || f.aliases.contains(&key))
    }

    /// Parse `values` (a JSON object, names as the fields or their aliases); the message
    /// of an error is serde's (`unknown field …`, `invalid type …`).
    pub fn parse(&self, values: Map<String, Value>) -> Result<ParsedOptions, String> {
        (self.parse)(Value::Object(values))
    }

    /// Every option with its default value, by name.
    pub fn defaults(&self) -> Map<String, Value> {
        match (self.defaults)() {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// The JSON Schema of each option (kind, default and description), by name.
    pub fn schema(&self) -> Map<String, Value> {
        let defaults = self.defaults();
        self.fields
            .iter()
            .map(|f| {
                let mut schema = f.kind.schema();
                schema["default"] = defaults.get(f.name).cloned().unwrap_or(Value::Null);
                schema["description"] = json!(f.doc);
                (f.name.to_string(), schema)
            })
            .collect()
    }
}

/// The largest value an integer option takes: a count of spaces or characters, so that a
/// configured `18446744073709551615` is an error and not a string of that many spaces.
pub const MAX_INTEGER: u64 = 1_000_000;

fn parse<T: Options>(values: Value) -> Result<ParsedOptions, String> {
    for field in T::FIELDS.iter().filter(|f| f.kind == OptionKind::Integer) {
        let names = std::iter::once(field.name).chain(field.aliases.iter().copied());
        let too_big = names
            .filter_map(|n| values.get(n))
            .any(|v| v.is_number() && v.as_i64().is_none_or(|n| n.unsigned_abs() > MAX_INTEGER));
        if too_big {
            return Err(format!(
                "`{}` must be a whole number no larger than {MAX_INTEGER}",
                field.name
            ));
        }
    }
    let typed: T = serde_json::from_value(values.clone()).map_err(|e| e.to_string())?;
    Ok(ParsedOptions {
        type_id: TypeId::of::<T>(),
        value: Arc::new(typed),
        set: match values {
            Value::Object(map) => Arc::new(map),
            _ => Arc::default(),
        },
    })
}

fn defaults<T: Options>() -> Value {
    serde_json::to_value(T::default()).unwrap_or(Value::Null)
}

/// A lint's options, parsed: [`OptionsDecl::parse`] makes one from values, or
/// [`ParsedOptions::of`] from a typed value, so a value that reaches a lint is always one of
/// its type.
#[derive(Clone)]
pub struct ParsedOptions {
    type_id: TypeId,
    value: Arc<dyn Any + Send + Sync>,
    /// The values as set, by name (to merge more into them).
    set: Arc<Map<String, Value>>,
}

impl ParsedOptions {
    /// Options already typed (the tool builds [`crate::schema::FrontMatterSchema`] so).
    pub fn of<T: Options>(value: T) -> ParsedOptions {
        let set = match serde_json::to_value(&value) {
            Ok(Value::Object(map)) => Arc::new(map),
            _ => Arc::default(),
        };
        ParsedOptions {
            type_id: TypeId::of::<T>(),
            value: Arc::new(value),
            set,
        }
    }
}

impl fmt::Debug for ParsedOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedOptions")
            .field("type_id", &self.type_id)
            .finish_non_exhaustive()
    }
}

/// The options of every lint for one file. A lint whose options are not set here has its
/// defaults.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    values: Vec<ParsedOptions>,
}

impl LintOptions {
    /// Give a lint these options (replacing what it had).
    pub fn set(&mut self, options: ParsedOptions) {
        self.values.retain(|v| v.type_id != options.type_id);
        self.values.push(options);
    }

    /// The options of type `T`: as set, or the defaults.
    pub fn get<T: Options>(&self) -> Cow<'_, T> {
        let id = TypeId::of::<T>();
        self.values
            .iter()
            .find(|v| v.type_id == id)
            .and_then(|v| v.value.downcast_ref::<T>())
            .map_or_else(|| Cow::Owned(T::default()), Cow::Borrowed)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The values set for the lint whose options `decl` declares, as given to
    /// [`OptionsDecl::parse`] (empty when it has its defaults).
    pub fn set_values(&self, decl: &OptionsDecl) -> Map<String, Value> {
        let id = (decl.type_id)();
        self.values
            .iter()
            .find(|v| v.type_id == id)
            .map(|v| (*v.set).clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    fn parse(lint: &str, values: Value) -> Result<super::ParsedOptions, String> {
        let Value::Object(map) = values else {
            unreachable!()
        };
        let decl = crate::registry::find(lint).unwrap().options.unwrap();
        decl.parse(map)
    }

    #[test]
    fn integer_options_are_bounded() {
        // A count of spaces taken from a configuration must not become a string of that many
        // spaces: `br_spaces = u64::MAX` made trailing-whitespace panic.
        for (lint, key) in [
            ("trailing-whitespace", "br_spaces"),
            ("hard-tab", "spaces_per_tab"),
            ("misindented-bullet", "indent"),
        ] {
            for bad in [
                json!(u64::MAX),
                json!(super::MAX_INTEGER + 1),
                json!(i64::MIN),
            ] {
                let err = parse(lint, json!({ key: bad })).unwrap_err();
                assert!(
                    err.contains("no larger than 1000000"),
                    "{lint} {key}: {err}"
                );
            }
            assert!(parse(lint, json!({ key: 4 })).is_ok(), "{lint} {key}");
        }
        assert!(parse("long-line", Value::Object(Map::new())).is_ok());
        // `-1` (any number) stays a value where the lint takes it.
        assert!(parse("heading-without-blank-lines", json!({"lines_below": -1})).is_ok());
    }
}
