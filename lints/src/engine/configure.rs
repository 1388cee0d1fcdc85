//! markdownlint's `<!-- markdownlint-configure-file { … } -->` comments: a page's own
//! settings for the rules we share, merged over its configuration rule by rule as
//! markdownlint merges them. A rule set `false` (or `{"enabled": false}`) turns its page lint
//! off, `true` or an object turns it on, and an object's options are given to the lint under
//! markdownlint's names (`{"MD013": {"line_length": 120}}`), in place of the options set for
//! that rule elsewhere (the ones it does not name take their defaults).
//!
//! Only page lints follow these comments: a site lint (MD051 `link-fragments`) keeps the
//! configuration's setting, and `default` is not read. An option the lint does not have, or
//! a value it cannot take, is left out: the comment is the page's, with no place to report.

use serde_json::{Map, Value};

use super::RuleSet;
use crate::document::Document;
use crate::registry;

const VERB: &str = "markdownlint-configure-file";

/// The objects of the page's `configure-file` comments, in order: in its raw HTML only, so
/// not in code (comrak finds no raw HTML there).
fn comments(doc: &Document) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for html in &doc.html {
        let mut rest = &doc.text()[html.range()];
        while let Some(at) = rest.find("<!--") {
            rest = &rest[at + 4..];
            let Some(body) = rest.trim_start().strip_prefix(VERB) else {
                continue;
            };
            let Some(end) = body.find("-->") else {
                break;
            };
            if let Ok(Value::Object(map)) = serde_json::from_str(body[..end].trim()) {
                out.push(map);
            }
            // Comments do not nest: the next one starts after this one's end (searching
            // from each `<!--` to the same far `-->` again would be quadratic).
            rest = &body[end + 3..];
        }
    }
    out
}

/// `rules` as the page's `configure-file` comments change them, or `None` when it has none.
pub fn configured(doc: &Document, rules: &RuleSet) -> Option<RuleSet> {
    if !doc.text().contains(VERB) {
        return None;
    }
    let objects = comments(doc);
    if objects.is_empty() {
        return None;
    }
    let mut rules = rules.clone();
    for (key, value) in objects.iter().flatten() {
        let Some(lint) = registry::page_lints()
            .iter()
            .copied()
            .find(|l| l.meta().markdownlint.is_some_and(|md| md.is_named(key)))
        else {
            continue;
        };
        let meta = lint.meta();
        let on = match value {
            Value::Object(o) => o.get("enabled").is_none_or(|e| e.as_bool() != Some(false)),
            Value::Bool(b) => *b,
            Value::Null => false,
            _ => true,
        };
        rules.page_lints.retain(|l| l.meta().code != meta.code);
        if !on {
            continue;
        }
        rules.page_lints.push(lint);
        let (Value::Object(options), Some(decl)) = (value, meta.options.as_ref()) else {
            continue;
        };
        // As in markdownlint, the comment's object replaces the rule's settings: options
        // it does not name are back to their defaults.
        let mut set = serde_json::Map::new();
        for (name, v) in options {
            let Some(field) = decl.field(name) else {
                continue;
            };
            let mut tried = set.clone();
            tried.insert(field.name.to_string(), v.clone());
            if decl.parse(tried.clone()).is_ok() {
                set = tried;
            }
        }
        if let Ok(parsed) = decl.parse(set) {
            rules.options.set(parsed);
        }
    }
    rules.page_lints.sort_by_key(|l| l.meta().code);
    Some(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configured(text: &str, rules: &RuleSet) -> Option<RuleSet> {
        super::configured(&Document::parse(text.to_string()), rules)
    }

    #[test]
    fn options_and_switches_from_the_comment() {
        let text = "# A\n\n<!-- markdownlint-configure-file {\n  \"MD013\": {\"line_length\": 120, \"nope\": 1},\n  \"MD047\": false\n} -->\n";
        let rules = configured(text, &RuleSet::defaults()).unwrap();
        let long = rules
            .page_lints
            .iter()
            .find(|l| l.meta().name == "long-line");
        let decl = long.unwrap().meta().options.as_ref().unwrap();
        assert_eq!(rules.options.set_values(decl)["line-length"], 120);
        // The comment's object replaces the rule's options set elsewhere.
        let mut base = RuleSet::defaults();
        base.options.set(
            decl.parse(
                serde_json::json!({"line_length": 10, "headings": false})
                    .as_object()
                    .unwrap()
                    .clone(),
            )
            .unwrap(),
        );
        let text2 = "# A

<!-- markdownlint-configure-file {\"MD013\": {\"line_length\": 20}} -->
";
        let rules2 = configured(text2, &base).unwrap();
        let set = rules2.options.set_values(decl);
        assert_eq!(set["line-length"], 20);
        assert!(!set.contains_key("headings"), "{set:?}");
        assert!(!rules
            .page_lints
            .iter()
            .any(|l| l.meta().name == "missing-final-newline"));
        assert!(configured("# A\n", &RuleSet::defaults()).is_none());
        // Written in code, it is text.
        let code = "# A\n\n`<!-- markdownlint-configure-file { \"MD047\": false } -->`\n";
        assert!(configured(code, &RuleSet::defaults()).is_none());
    }
}
