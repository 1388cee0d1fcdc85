//! What one top-level key of a markdownlint `config` object says about our lints: a rule
//! we share turned on or off, with its severity and options (each option mapped onto the
//! lint's, or a warning saying it is not supported), or `default`.

use handbook_lints::{registry, LintMeta, Severity};
use serde_json::Value;

use crate::config::{did_you_mean, ConfigError, Origin};

/// Where the keys of a file read are: what [`interpret`] needs of it.
pub trait Locate {
    /// Where the key at `path` (keys from the root) was written.
    fn origin(&self, path: &[&str]) -> Origin;
    /// A warning about the key at `path`.
    fn warning(&self, path: &[&str], message: String) -> ConfigError;
}

/// A setting, interpreted.
#[derive(Clone, Debug)]
pub enum RuleSetting {
    /// `"default"`: every rule not named is on or off; `"warning"` makes them warnings.
    Default {
        on: bool,
        severity: Option<Severity>,
    },
    /// A rule that one of our lints shares.
    Rule {
        meta: &'static LintMeta,
        on: bool,
        /// Set by `"MD013": "warning"` or `{"severity": "warning"}`.
        severity: Option<Severity>,
        /// Each option set, by our name, with its value and where it was written.
        options: Vec<(&'static str, Value, Origin)>,
    },
    /// Anything else (`$schema`, a tag, a rule we do not share): nothing for us.
    Other,
}

/// The options markdownlint 0.42 defines for each rule (besides `enabled` and `severity`),
/// from its documentation: an option of this list that our lint lacks is reported as not
/// supported, any other as unknown.
const MARKDOWNLINT_OPTIONS: &[(&str, &[&str])] = &[
    ("MD001", &["front_matter_title"]),
    ("MD003", &["style"]),
    ("MD004", &["style"]),
    ("MD007", &["indent", "start_indented", "start_indent"]),
    (
        "MD009",
        &[
            "br_spaces",
            "code_blocks",
            "list_item_empty_lines",
            "strict",
        ],
    ),
    (
        "MD010",
        &["code_blocks", "ignore_code_languages", "spaces_per_tab"],
    ),
    ("MD012", &["maximum"]),
    (
        "MD013",
        &[
            "line_length",
            "heading_line_length",
            "code_block_line_length",
            "code_blocks",
            "tables",
            "headings",
            "strict",
            "stern",
        ],
    ),
    (
        "MD022",
        &["include_front_matter", "lines_above", "lines_below"],
    ),
    ("MD024", &["siblings_only"]),
    ("MD025", &["front_matter_title", "level"]),
    ("MD026", &["punctuation"]),
    ("MD027", &["list_items"]),
    ("MD029", &["style"]),
    ("MD030", &["ul_single", "ol_single", "ul_multi", "ol_multi"]),
    ("MD031", &["list_items"]),
    ("MD033", &["allowed_elements", "table_allowed_elements"]),
    ("MD035", &["style"]),
    ("MD036", &["punctuation"]),
    ("MD040", &["allowed_languages", "language_only"]),
    ("MD041", &["allow_preamble", "front_matter_title", "level"]),
    ("MD043", &["headings", "match_case"]),
    ("MD044", &["names", "code_blocks", "html_elements"]),
    ("MD046", &["style"]),
    ("MD048", &["style"]),
    ("MD049", &["style"]),
    ("MD050", &["style"]),
    ("MD051", &["ignore_case", "ignored_pattern"]),
    ("MD052", &["ignored_labels", "shortcut_syntax"]),
    ("MD053", &["ignored_definitions"]),
    (
        "MD054",
        &[
            "autolink",
            "inline",
            "full",
            "collapsed",
            "shortcut",
            "url_inline",
        ],
    ),
    ("MD055", &["style"]),
    ("MD059", &["prohibited_texts"]),
    ("MD060", &["style", "aligned_delimiter"]),
];

/// markdownlint's options for the rule `code`.
pub fn markdownlint_options(code: &str) -> &'static [&'static str] {
    MARKDOWNLINT_OPTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(&[], |(_, o)| o)
}

/// JavaScript's truthiness, which markdownlint uses for a rule's value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

fn severity_of(v: &Value) -> Option<Severity> {
    match v.as_str()? {
        "warning" => Some(Severity::Warning),
        "error" => Some(Severity::Error),
        _ => None,
    }
}

/// Interpret the top-level `key` of a config object (at `path` in `read`); problems that
/// do not stop the run (an option we do not support, one markdownlint does not know) are
/// pushed to `warnings`.
pub(super) fn interpret(
    key: &str,
    value: &Value,
    read: &dyn Locate,
    path: &[&str],
    warnings: &mut Vec<ConfigError>,
) -> RuleSetting {
    if key.eq_ignore_ascii_case("default") {
        return RuleSetting::Default {
            on: truthy(value),
            severity: (value.as_str() == Some("warning")).then_some(Severity::Warning),
        };
    }
    let Some(meta) = registry::metas().find(|m| m.markdownlint.is_some_and(|md| md.is_named(key)))
    else {
        if key != "$schema" {
            // A tag (`whitespace`), a rule markdownlint dropped (`MD002`) or a typo.
            warnings.push(read.warning(
                path,
                format!("`{key}` names no markdownlint rule that handbook-lint shares (tags are not read); ignored"),
            ));
        }
        return RuleSetting::Other;
    };
    let md = meta.markdownlint.map_or("", |md| md.code);
    let Value::Object(object) = value else {
        return RuleSetting::Rule {
            meta,
            on: truthy(value),
            severity: severity_of(value),
            options: Vec::new(),
        };
    };
    let mut setting = (true, None, Vec::new());
    for (name, v) in object {
        let here: Vec<&str> = path.iter().copied().chain([name.as_str()]).collect();
        match name.as_str() {
            "enabled" => setting.0 = v.as_bool().unwrap_or_else(|| truthy(v)),
            "severity" => setting.1 = severity_of(v),
            _ => match meta.options.as_ref().and_then(|o| o.field(name)) {
                Some(field) => {
                    let one = serde_json::Map::from_iter([(field.name.to_string(), v.clone())]);
                    match meta.options.as_ref().map(|o| o.parse(one)) {
                        Some(Err(why)) => warnings.push(read.warning(
                            &here,
                            format!(
                                "{md} option `{name}`: handbook-lint's `{}` cannot take this value ({why}); ignored",
                                meta.name
                            ),
                        )),
                        _ => setting.2.push((field.name, v.clone(), read.origin(&here))),
                    }
                }
                None if markdownlint_options(md).contains(&name.as_str()) => {
                    warnings.push(read.warning(
                        &here,
                        format!(
                        "{md} option `{name}` is not supported by handbook-lint's `{}`; ignored",
                        meta.name
                    ),
                    ))
                }
                None => {
                    let known = markdownlint_options(md).iter().copied();
                    let hint = did_you_mean(name, known);
                    warnings.push(read.warning(
                        &here,
                        format!("unknown option `{name}` for {md}{hint}; ignored"),
                    ));
                }
            },
        }
    }
    RuleSetting::Rule {
        meta,
        on: setting.0,
        severity: setting.1,
        options: setting.2,
    }
}
