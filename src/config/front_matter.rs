//! The front matter schema of `handbook-lint.toml`: `[front-matter."GLOB"]` and
//! `[front-matter."collection:NAME"]` tables, each with `required`, `types` and `allowed`.
//! Which tables apply to a file is decided here; the lints get the merged result
//! ([`FrontMatterSchema`]) as options.
//!
//! A glob is relative to the configuration file's folder, as in `[per-file-ignores]`: one
//! without `/` matches a file or folder name at any depth (`**` matches every file), one
//! with `/` matches the path from the folder (`docs/**`). A collection is the site's
//! (`posts` for `_posts/` and `_drafts/`). The tables apply in the order written: their
//! required keys add up, and a later table's type or allowed values for a key replace an
//! earlier one's.

use std::path::Path;

use handbook_lints::schema::ValueType;
use serde_json::{json, Value};

use super::{ConfigFile, Kind, Origin, Target, TABLE_KEYS};

/// The collection of `path` in the site it belongs to (read from the nearest `_config.yml`).
pub fn collection_of(path: &Path, site: &crate::discover::Site) -> Option<String> {
    let site_path = site.site_path(path);
    site.config.collection_of(&site_path).map(str::to_string)
}

fn types_toml(types: &[ValueType]) -> String {
    match types {
        [one] => format!("\"{}\"", one.name()),
        many => {
            let names: Vec<String> = many.iter().map(|t| format!("\"{}\"", t.name())).collect();
            format!("[{}]", names.join(", "))
        }
    }
}

/// `text` as a TOML basic string (JSON's escapes are TOML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// `name` as a TOML key: bare when it can be, else quoted.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        name.to_string()
    } else {
        quoted(name)
    }
}

/// The `[front-matter]` tables as TOML, each followed by where it came from and, for a
/// file, whether it applies (`applies`: the indices of the tables that do).
pub fn text(config: &ConfigFile, applies: Option<&[usize]>) -> String {
    let mut out = String::new();
    for (i, t) in config.front_matter.iter().enumerate() {
        let origin = Origin::File {
            path: config.display.clone(),
            line: t.line,
        };
        let scope = match applies {
            Some(a) if a.contains(&i) => "; applies to this file",
            Some(_) => "; does not apply to this file",
            None => "",
        };
        out += &format!(
            "\n[front-matter.{}]  # {origin}{scope}\n",
            quoted(&t.written)
        );
        if !t.required.is_empty() {
            let keys: Vec<String> = t.required.iter().map(|i| quoted(&i.value)).collect();
            out += &format!("required = [{}]\n", keys.join(", "));
        }
        if !t.types.is_empty() {
            let pairs: Vec<String> = t
                .types
                .iter()
                .map(|i| format!("{} = {}", key(&i.value.0), types_toml(&i.value.1)))
                .collect();
            out += &format!("types = {{ {} }}\n", pairs.join(", "));
        }
        if !t.allowed.is_empty() {
            let pairs: Vec<String> = t
                .allowed
                .iter()
                .map(|i| format!("{} = {}", key(&i.value.0), Value::from(i.value.1.clone())))
                .collect();
            out += &format!("allowed = {{ {} }}\n", pairs.join(", "));
        }
    }
    out
}

/// The `[front-matter]` tables as JSON.
pub fn to_json(config: Option<&ConfigFile>, applies: Option<&[usize]>) -> Value {
    let tables = config.iter().flat_map(|c| {
        c.front_matter.iter().enumerate().map(move |(i, t)| {
            let (kind, target) = match &t.target {
                Target::Glob(g) => ("glob", g.as_str()),
                Target::Collection(n) => ("collection", n.as_str()),
            };
            let types: serde_json::Map<String, Value> = t
                .types
                .iter()
                .map(|i| (i.value.0.clone(), json!(i.value.1)))
                .collect();
            let allowed: serde_json::Map<String, Value> = t
                .allowed
                .iter()
                .map(|i| (i.value.0.clone(), json!(i.value.1)))
                .collect();
            json!({
                kind: target,
                "required": t.required.iter().map(|i| &i.value).collect::<Vec<_>>(),
                "types": types,
                "allowed": allowed,
                "applies": applies.map(|a| a.contains(&i)),
                "source": Origin::File { path: c.display.clone(), line: t.line }.to_string(),
            })
        })
    });
    Value::Array(tables.collect())
}

/// The JSON Schema of the `[front-matter]` table.
pub fn json_schema() -> Value {
    let names: Vec<&str> = ValueType::ALL.iter().map(|t| t.name()).collect();
    let one = json!({"enum": names});
    let value = json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]});
    let mut props = serde_json::Map::new();
    for k in TABLE_KEYS {
        let schema = match k.kind {
            Kind::Strings => json!({"type": "array", "items": {"type": "string"}}),
            Kind::ValueTypes => json!({
                "type": "object",
                "additionalProperties": {
                    "anyOf": [one, {"type": "array", "items": one, "minItems": 1}],
                },
            }),
            _ => json!({
                "type": "object",
                "additionalProperties": {"type": "array", "items": value, "minItems": 1},
            }),
        };
        let mut schema = schema;
        schema["description"] = json!(k.doc);
        props.insert(k.name.into(), schema);
    }
    json!({
        "type": "object",
        "propertyNames": {"not": {"const": ""}},
        "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": props,
        },
    })
}
