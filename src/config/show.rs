//! What `handbook-lint config [PATH]` shows: the effective configuration with where each
//! value came from, as TOML-like text or JSON, and the JSON Schema of the file.

use handbook_lints::registry;
use serde_json::{json, Map, Value};

use super::{
    CliOptions, ConfigError, KeySpec, Kind, LinksConfig, Origin, Resolver, Settings, LINKS_KEYS,
    SEVERITY_KEY, SITE_KEYS, TOP_KEYS,
};

/// The configuration of one path, ready to show.
pub struct View {
    pub path: String,
    pub settings: std::sync::Arc<Settings>,
    pub cli: CliOptions,
    /// Lints `[per-file-ignores]` turns off for the path (a file).
    pub ignored: Vec<(&'static str, Origin)>,
    /// The `[front-matter]` tables that apply to the path (a file), by index.
    pub front_matter: Option<Vec<usize>>,
    /// What the configuration files set that is not read.
    pub warnings: Vec<ConfigError>,
}

/// Resolve the configuration of `path` (a file or a folder).
pub fn effective(cli: &CliOptions, path: &std::path::Path) -> Result<View, Vec<ConfigError>> {
    if !path.exists() {
        return Err(vec![ConfigError {
            path: path.display().to_string(),
            at: None,
            message: "no such file or folder".into(),
        }]);
    }
    let mut resolver = Resolver::new(cli)?;
    let (settings, ignored, front_matter) = if path.is_dir() {
        (resolver.settings(path), Vec::new(), None)
    } else {
        let settings = resolver.settings_of_file(path);
        let abs = crate::discover::absolute(path);
        let ignored = settings.ignored_with_origin(&abs);
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
        let collection = crate::discover::Site::find(dir.unwrap_or(std::path::Path::new(".")))
            .ok()
            .and_then(|site| super::front_matter::collection_of(path, &site));
        let tables = resolver.front_matter_tables(path, collection.as_deref());
        (settings, ignored, Some(tables))
    };
    let errors = resolver.take_errors();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(View {
        path: crate::discover::slash_path(path),
        settings,
        cli: cli.clone(),
        ignored,
        front_matter,
        warnings: resolver.take_warnings(),
    })
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(quoted).collect();
    format!("[{}]", items.join(", "))
}

/// `key = value` and its origin as a comment, aligned.
fn line(out: &mut String, assignment: String, origin: &dyn std::fmt::Display) {
    let pad = 40usize.saturating_sub(assignment.chars().count()).max(1);
    out.push_str(&format!("{assignment}{}# {origin}\n", " ".repeat(pad)));
}

/// A list whose items may come from different places: one line when they agree.
fn sourced_list(out: &mut String, key: &str, items: &[(String, Origin)], empty: &Origin) {
    let first = items.first().map(|(_, o)| o);
    if items.iter().all(|(_, o)| Some(o) == first) {
        let value = list(items.iter().map(|(s, _)| s.as_str()));
        line(out, format!("{key} = {value}"), first.unwrap_or(empty));
        return;
    }
    out.push_str(&format!("{key} = [\n"));
    for (item, origin) in items {
        line(out, format!("    {},", quoted(item)), origin);
    }
    out.push_str("]\n");
}

/// The selection lists as they apply: the command line's `--select` replaces the file's.
fn selection(view: &View) -> [(&'static str, Vec<(String, Origin)>); 3] {
    let c = view.settings.config.as_deref();
    let file = |list: &[super::Item<super::Selector>]| -> Vec<(String, Origin)> {
        list.iter()
            .map(|i| {
                let origin = Origin::File {
                    path: c.map(|c| c.display.clone()).unwrap_or_default(),
                    line: i.line,
                };
                (i.value.as_str().to_string(), origin)
            })
            .collect()
    };
    let cli = |option: &'static str, keys: &[String]| -> Vec<(String, Origin)> {
        keys.iter()
            .filter(|k| !k.is_empty())
            .map(|k| (k.clone(), Origin::Cli(option)))
            .collect()
    };
    let select = if view.cli.select.iter().any(|k| !k.is_empty()) {
        cli("--select", &view.cli.select)
    } else {
        match c.and_then(|c| c.select.as_ref()) {
            Some(s) => file(s),
            None => vec![("HB".to_string(), Origin::Default)],
        }
    };
    let mut extend = c.map(|c| file(&c.extend_select)).unwrap_or_default();
    extend.extend(cli("--extend-select", &view.cli.extend_select));
    let mut ignore = c.map(|c| file(&c.ignore)).unwrap_or_default();
    ignore.extend(cli("--ignore", &view.cli.ignore));
    [
        ("select", select),
        ("extend-select", extend),
        ("ignore", ignore),
    ]
}

/// The effective configuration as TOML, each value followed by where it came from.
pub fn text(view: &View) -> String {
    let s = &view.settings;
    let mut out = format!("# The configuration of {}\n", view.path);
    let file = s.config.as_ref().map_or("none (defaults)", |c| &c.display);
    out += &format!("# configuration file: {file}\n");
    if let Some(m) = &s.markdownlint {
        out += &format!("# markdownlint settings: {}\n", m.display);
    }
    for w in &view.warnings {
        out += &format!("# warning: {w}\n");
    }
    out.push('\n');
    for (key, items) in selection(view) {
        sourced_list(&mut out, key, &items, &Origin::Default);
    }
    let exclude = exclude_items(s);
    sourced_list(&mut out, "exclude", &exclude, &Origin::Default);
    if let Some(c) = s.config.as_ref().filter(|c| !c.per_file_ignores.is_empty()) {
        out += "\n[per-file-ignores]\n";
        for p in &c.per_file_ignores {
            let origin = Origin::File {
                path: c.display.clone(),
                line: p.line,
            };
            let lints = list(p.lints.iter().map(|i| i.value.as_str()));
            line(
                &mut out,
                format!("{} = {lints}", quoted(&p.pattern)),
                &origin,
            );
        }
    }
    if let Some(c) = &s.config {
        out += &super::front_matter::text(c, view.front_matter.as_deref());
    }
    for l in &s.lints {
        out += &format!("\n[lints.{}]  # {}\n", l.meta.name, l.meta.code);
        match (
            l.enabled,
            view.ignored.iter().find(|(c, _)| *c == l.meta.code),
        ) {
            (false, _) => line(&mut out, "severity = \"off\"".into(), &l.enabled_origin),
            (true, Some((_, origin))) => line(
                &mut out,
                "severity = \"off\"".into(),
                &format!("per-file-ignores at {origin}"),
            ),
            (true, None) => {
                let severity = format!("severity = {}", quoted(l.severity.as_str()));
                let origin = match (&l.severity_origin, &l.enabled_origin) {
                    (Origin::Default, Origin::Default) => Origin::Default.to_string(),
                    (Origin::Default, on) => format!("default; selected by {on}"),
                    (set, _) => set.to_string(),
                };
                line(&mut out, severity, &origin);
            }
        }
        for (name, value, origin) in &l.options {
            if value.is_null() {
                // Unset, taking another option's value (the lint's documentation says which).
                out += &format!("# {name} is not set: it follows another option ({origin})\n");
                continue;
            }
            line(&mut out, format!("{name} = {}", toml_of(value)), origin);
        }
    }
    out += "\n[links]\n";
    for (key, value, origin) in links_items(s) {
        match value {
            Some(v) => line(&mut out, format!("{key} = {}", toml_of(&v)), &origin),
            None => out += &format!("# {key} is not set: the link checker's default\n"),
        }
    }
    out
}

fn exclude_items(s: &Settings) -> Vec<(String, Origin)> {
    let mut items: Vec<(String, Origin)> = s
        .config
        .as_ref()
        .map(|c| {
            c.exclude
                .iter()
                .map(|i| {
                    let origin = Origin::File {
                        path: c.display.clone(),
                        line: i.line,
                    };
                    (i.value.clone(), origin)
                })
                .collect()
        })
        .unwrap_or_default();
    // markdownlint-cli2's `ignores`, relative to their file's folder.
    if let Some(i) = s.markdownlint.as_ref().and_then(|m| m.ignores.as_ref()) {
        let origin = Origin::File {
            path: i.display.clone(),
            line: i.line,
        };
        items.extend(i.patterns.iter().map(|p| (p.clone(), origin.clone())));
    }
    items
}

/// JSON as TOML (the values `[links]` holds: scalars, lists, tables of tables of strings).
fn toml_of(v: &Value) -> String {
    match v {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_of).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} = {}", quoted(k), toml_of(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// Every `[links]` key with its value (`None` when unset) and origin.
fn links_items(s: &Settings) -> Vec<(&'static str, Option<Value>, Origin)> {
    let l: &LinksConfig = &s.links;
    let origin = |key: &str| -> Origin {
        s.config
            .as_ref()
            .and_then(|c| {
                c.lines
                    .get(&format!("links.{key}"))
                    .map(|line| Origin::File {
                        path: c.display.clone(),
                        line: *line,
                    })
            })
            .unwrap_or(Origin::Default)
    };
    let opt = |v: Option<Value>| v;
    let mut out = Vec::new();
    for spec in LINKS_KEYS {
        let value = match spec.name {
            "offline" => opt(l.offline.map(Value::from)),
            "timeout" => opt(l.timeout.map(Value::from)),
            "max-concurrency" => Some(Value::from(l.max_concurrency.unwrap_or(64))),
            "host-concurrency" => Some(Value::from(l.host_concurrency.unwrap_or(8))),
            "exclude" => Some(json!(l.exclude)),
            "accept" => Some(json!(l.accept)),
            "cache" => opt(l.cache.map(Value::from)),
            "cache-path" => opt(l.cache_path.clone().map(Value::from)),
            "cache-max-age" => opt(l.cache_max_age.clone().map(Value::from)),
            "headers" => Some(json!(l.headers)),
            other => unreachable!("`links.{other}` is not shown"),
        };
        out.push((spec.name, value, origin(spec.name)));
    }
    out
}

fn sourced_json(items: &[(String, Origin)]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|(v, o)| json!({"value": v, "source": o.to_string()}))
            .collect(),
    )
}

/// The effective configuration as JSON: every value with its `source`.
pub fn to_json(view: &View) -> Value {
    let s = &view.settings;
    let mut root = Map::new();
    root.insert("path".into(), json!(view.path));
    root.insert(
        "config_file".into(),
        json!(s.config.as_ref().map(|c| c.display.to_string())),
    );
    root.insert(
        "markdownlint_file".into(),
        json!(s.markdownlint.as_ref().map(|m| m.display.to_string())),
    );
    let warnings: Vec<String> = view.warnings.iter().map(|w| w.to_string()).collect();
    root.insert("warnings".into(), json!(warnings));
    for (key, items) in selection(view) {
        root.insert(key.into(), sourced_json(&items));
    }
    root.insert("exclude".into(), sourced_json(&exclude_items(s)));
    let pfi: Vec<Value> = s
        .config
        .iter()
        .flat_map(|c| {
            c.per_file_ignores.iter().map(|p| {
                json!({
                    "pattern": p.pattern,
                    "lints": p.lints.iter().map(|i| i.value.as_str()).collect::<Vec<_>>(),
                    "source": Origin::File { path: c.display.clone(), line: p.line }.to_string(),
                })
            })
        })
        .collect();
    root.insert("per-file-ignores".into(), Value::Array(pfi));
    let front_matter =
        super::front_matter::to_json(s.config.as_deref(), view.front_matter.as_deref());
    root.insert("front-matter".into(), front_matter);
    let lints: Vec<Value> = s
        .lints
        .iter()
        .map(|l| {
            let ignored = view.ignored.iter().find(|(c, _)| *c == l.meta.code);
            let (enabled, enabled_source) = match ignored {
                Some((_, origin)) if l.enabled => (false, format!("per-file-ignores at {origin}")),
                _ => (l.enabled, l.enabled_origin.to_string()),
            };
            let options: Map<String, Value> = l
                .options
                .iter()
                .map(|(n, v, o)| (n.to_string(), json!({"value": v, "source": o.to_string()})))
                .collect();
            json!({
                "code": l.meta.code,
                "name": l.meta.name,
                "enabled": {"value": enabled, "source": enabled_source},
                "severity": {"value": l.severity.as_str(), "source": l.severity_origin.to_string()},
                "options": options,
            })
        })
        .collect();
    root.insert("lints".into(), Value::Array(lints));
    let links: Map<String, Value> = links_items(s)
        .into_iter()
        .map(|(k, v, o)| {
            (
                k.to_string(),
                json!({"value": v.unwrap_or(Value::Null), "source": o.to_string()}),
            )
        })
        .collect();
    root.insert("links".into(), Value::Object(links));
    Value::Object(root)
}

fn described(doc: &str, mut schema: Value) -> Value {
    schema["description"] = json!(doc);
    schema
}

fn kind_schema(kind: Kind) -> Value {
    match kind {
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Seconds => json!({"type": "number", "exclusiveMinimum": 0}),
        Kind::Count => json!({"type": "integer", "minimum": 1}),
        Kind::String => json!({"type": "string"}),
        Kind::Age => json!({"type": "string", "pattern": "^[0-9]+[smhdw]$"}),
        Kind::Lints => json!({"type": "array", "items": {"$ref": "#/definitions/lint-selector"}}),
        Kind::Globs | Kind::Regexes => json!({"type": "array", "items": {"type": "string"}}),
        Kind::Statuses => {
            json!({"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}})
        }
        Kind::GlobToLints => json!({
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"$ref": "#/definitions/lint-selector"}},
        }),
        Kind::Severity => json!({"enum": ["error", "warning", "info", "off"]}),
        Kind::Strings => json!({"type": "array", "items": {"type": "string"}}),
        Kind::FrontMatter | Kind::ValueTypes | Kind::AllowedValues => {
            super::front_matter::json_schema()
        }
        Kind::Site => {
            json!({"type": "object", "additionalProperties": false, "properties": properties(SITE_KEYS)})
        }
        Kind::Builder => json!({"enum": super::BUILDERS.map(|(name, _)| name)}),
        Kind::Baseurl => {
            json!({"type": "string", "pattern": "^(/.*)?$", "examples": ["/handbook", ""]})
        }
        Kind::Headers => json!({
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
        }),
        Kind::Links => {
            json!({"type": "object", "additionalProperties": false, "properties": properties(LINKS_KEYS)})
        }
        Kind::LintTables => {
            let mut props = Map::new();
            for meta in registry::metas() {
                let reference = json!({"$ref": format!("#/definitions/lint-{}", meta.name)});
                props.insert(meta.name.into(), reference.clone());
                props.insert(meta.code.into(), reference);
            }
            json!({"type": "object", "additionalProperties": false, "properties": props})
        }
    }
}

fn properties(keys: &[KeySpec]) -> Map<String, Value> {
    keys.iter()
        .map(|k| (k.name.to_string(), described(k.doc, kind_schema(k.kind))))
        .collect()
}

/// The JSON Schema of `handbook-lint.toml`, made from the tables the parser reads.
pub fn schema() -> Value {
    let mut definitions = Map::new();
    let names: Vec<&str> = registry::metas().map(|m| m.name).collect();
    definitions.insert(
        "lint-selector".into(),
        json!({
            "description": "A lint name, a code (`HB101`) or a code prefix (`HB1`).",
            "anyOf": [
                {"enum": names},
                {"type": "string", "pattern": "^[Hh][Bb][0-9]{0,3}$"},
            ],
        }),
    );
    for meta in registry::metas() {
        let mut props = Map::new();
        props.insert(
            SEVERITY_KEY.name.into(),
            described(SEVERITY_KEY.doc, kind_schema(SEVERITY_KEY.kind)),
        );
        // Each option's kind, default and description, from the lint's options type.
        props.extend(meta.options.iter().flat_map(|o| o.schema()));
        definitions.insert(
            format!("lint-{}", meta.name),
            json!({
                "description": format!("{} ({}): {}", meta.name, meta.code, meta.summary()),
                "type": "object",
                "additionalProperties": false,
                "properties": props,
            }),
        );
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "handbook-lint configuration (handbook-lint.toml)",
        "type": "object",
        "additionalProperties": false,
        "properties": properties(TOP_KEYS),
        "definitions": definitions,
    })
}
