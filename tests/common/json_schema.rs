//! A JSON-schema (draft 4) checker for the keywords the SARIF schema uses: `$ref` (local),
//! `type`, `enum`, `minimum`, `maximum`, `required`, `properties`, `additionalProperties`,
//! `items`, `minItems`, `uniqueItems`, `anyOf`, `oneOf`. `format` and `pattern` are not
//! checked here (tests/schemas/README.md has the complete check with the reference validator).

use std::path::Path;

use serde_json::Value;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        other => panic!("type {other} is not known to this checker"),
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/definitions/").expect("a local reference");
        return check(root, &root["definitions"][name], v, at, errors);
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type in the schema"),
        };
        if !types.iter().any(|t| has_type(v, t)) {
            errors.push(format!("{at}: is not of type {types:?}"));
            return;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(v) {
            errors.push(format!("{at}: {v} is not one of {values:?}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            errors.push(format!("{at}: {n} is less than {min}"));
        }
    }
    if let (Some(max), Some(n)) = (schema.get("maximum").and_then(Value::as_f64), v.as_f64()) {
        if n > max {
            errors.push(format!("{at}: {n} is more than {max}"));
        }
    }
    if let Value::Object(object) = v {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !object.contains_key(key.as_str().unwrap()) {
                errors.push(format!("{at}: {key} is required"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, value) in object {
            let at = format!("{at}/{key}");
            match (
                properties.and_then(|p| p.get(key)),
                schema.get("additionalProperties"),
            ) {
                (Some(s), _) => check(root, s, value, &at, errors),
                (None, Some(Value::Bool(false))) => {
                    errors.push(format!("{at}: no such property"));
                }
                (None, Some(s @ Value::Object(_))) => check(root, s, value, &at, errors),
                (None, _) => {}
            }
        }
    }
    if let Value::Array(items) = v {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                errors.push(format!("{at}: fewer than {min} items"));
            }
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, a) in items.iter().enumerate() {
                if items[..i].contains(a) {
                    errors.push(format!("{at}/{i}: repeats an earlier item"));
                }
            }
        }
        if let Some(s) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(root, s, item, &format!("{at}/{i}"), errors);
            }
        }
    }
    let passing = |key: &str| {
        schema.get(key).and_then(Value::as_array).map(|subs| {
            subs.iter()
                .filter(|s| {
                    let mut e = Vec::new();
                    check(root, s, v, at, &mut e);
                    e.is_empty()
                })
                .count()
        })
    };
    if passing("anyOf") == Some(0) {
        errors.push(format!("{at}: matches none of anyOf"));
    }
    if passing("oneOf").is_some_and(|n| n != 1) {
        errors.push(format!("{at}: does not match exactly one of oneOf"));
    }
}

/// What the SARIF log `log` breaks of the official schema, one line a mistake.
pub fn sarif_errors(log: &Value) -> Vec<String> {
    let schema = schema();
    let mut errors = Vec::new();
    check(&schema, &schema, log, "", &mut errors);
    errors
}
