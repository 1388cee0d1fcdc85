use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::front_matter::{YamlNode, YamlValue};
use crate::lint::{Context, Lint, LintMeta};
use crate::schema::{self, FrontMatterSchema, ValueType};
use serde_json::Value;

use super::key_types::{describe, fits, fix, kind, Expected, KEYS};

declare_lint! {
    /// ## What it does
    /// Checks the types of the front matter keys that Jekyll and just-the-docs read:
    /// `title`, `parent`, `grand_parent`, `layout`, `permalink`, `description` and
    /// `child_nav_order` are text; `nav_order` is a number or a text; `has_children`,
    /// `nav_exclude`, `search_exclude`, `has_toc` and `published` are booleans;
    /// `redirect_from` is a text or a list of texts. An empty value is not reported.
    ///
    /// The configuration adds types and allowed values for some pages, in a
    /// `[front-matter."GLOB"]` (or `[front-matter."collection:NAME"]`) table of
    /// `handbook-lint.toml`: `types = { nav_order = "integer", tags = "list" }` (the types
    /// are `string`, `number`, `integer`, `boolean`, `list`, `map` and `date`; a list of
    /// them allows any), and `allowed = { layout = ["default", "page"] }` (texts, integers
    /// or booleans). A configured type replaces the built-in one for that key; a value not
    /// in its allowed list is reported.
    ///
    /// ## Why is this bad?
    /// Liquid does not convert: `nav_exclude: "false"` is a text, and every text is true,
    /// so the page leaves the navigation; `parent: 2024` is the number 2024, which equals
    /// no page title, so the page drops out of its parent's children; a list given as
    /// `nav_order` breaks the sort.
    ///
    /// ## Example
    /// ```yaml
    /// ---
    /// parent: 2024
    /// nav_exclude: "false"
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ---
    /// parent: "2024"
    /// nav_exclude: false
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe (the page may move in the navigation): quoting a number or boolean given
    /// where a text is read, and unquoting `"true"` or `"false"` given where a boolean is
    /// read. Other wrong types have no fix.
    pub FrontMatterType {
        code: "HB305",
        name: "front-matter-type",
        severity: Warning,
        fix: Sometimes,
        group: FrontMatter,
        enabled: true,
        phase: Page,
    }
}

impl Lint for FrontMatterType {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let Some(data) = doc.front_matter.data() else {
            return;
        };
        let schema = cx.options.get::<FrontMatterSchema>();
        for (key, value) in data.entries() {
            let Some(name) = key.as_str() else { continue };
            if let Some(allowed) = schema.allowed_of(name) {
                check_allowed(doc, name, value, allowed, out);
            }
            if let Some(types) = schema.types_of(name) {
                check_configured(doc, name, value, types, out);
                continue;
            }
            let Some(&(_, expected)) = KEYS.iter().find(|(k, _)| *k == name) else {
                continue;
            };
            if fits(&value.value, expected) {
                continue;
            }
            let got = match &value.value {
                YamlValue::Seq(_) if expected == Expected::TextOrList => {
                    "a list with an item that is not a text"
                }
                v => kind(v),
            };
            let want = describe(expected);
            let mut d = Diagnostic::new(
                &Self::META,
                value.span,
                format!("`{name}` is {got}, where {want} is read"),
            )
            .with_label(got)
            .with_help(format!("write `{name}` as {want}"));
            if let Some(fix) = fix(doc, value, expected) {
                d = d.with_fix(fix);
            }
            out.push(d);
        }
    }
}

/// A value whose type is not one the configuration gives for `name`.
fn check_configured(
    doc: &Document,
    name: &str,
    value: &YamlNode,
    types: &[ValueType],
    out: &mut Vec<Diagnostic>,
) {
    if types.iter().any(|t| t.fits(&value.value)) {
        return;
    }
    let got = kind(&value.value);
    let want = schema::describe_types(types);
    let mut d = Diagnostic::new(
        &FrontMatterType::META,
        value.span,
        format!("`{name}` is {got}, where the configuration asks for {want}"),
    )
    .with_label(got)
    .with_help(format!(
        "write `{name}` as {want}, or change its type in the configuration"
    ));
    // The built-in fixes, when the configuration asks for exactly a text or a boolean.
    let expected = match types {
        [ValueType::String] => Some(Expected::Text),
        [ValueType::Boolean] => Some(Expected::Boolean),
        _ => None,
    };
    if let Some(fix) = expected.and_then(|e| fix(doc, value, e)) {
        d = d.with_fix(fix);
    }
    out.push(d);
}

/// A value that is not among those the configuration allows for `name`.
fn check_allowed(
    doc: &Document,
    name: &str,
    value: &YamlNode,
    allowed: &[Value],
    out: &mut Vec<Diagnostic>,
) {
    if schema::allows(allowed, &value.value) {
        return;
    }
    let list = schema::list_values(allowed);
    let texts = allowed.iter().filter_map(Value::as_str);
    let written = match doc.slice(value.span) {
        w if w.len() <= 40 && !w.contains(['\n', '\r', '`']) => format!("`{w}`"),
        _ => kind(&value.value).to_string(),
    };
    let hint = match &value.value {
        YamlValue::Str(s) => crate::suggest::did_you_mean(s, texts, 3),
        _ => String::new(),
    };
    out.push(
        Diagnostic::new(
            &FrontMatterType::META,
            value.span,
            format!("`{name}` is {written}, not a value the configuration allows"),
        )
        .with_label("not an allowed value")
        .with_help(format!("use one of {list}{hint}")),
    );
}
