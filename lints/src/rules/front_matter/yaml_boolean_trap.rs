use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::front_matter::{YamlNode, YamlValue};
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks for unquoted front matter values that Ruby's YAML reader (YAML 1.1, which
    /// Jekyll uses) reads as another type than the text suggests: `yes`, `no`, `on` and
    /// `off` in any case are booleans; `010` is the octal number 8, `0x1F` and `0b11` are
    /// numbers, `1,000` and `1_000` are 1000, `10:30` is a base-60 number, and `1.10` is the
    /// number 1.1. (`y` and `n` stay text in Ruby, so they are not reported.)
    ///
    /// ## Why is this bad?
    /// The page shows something else than what was written: `answer: no` prints `false`,
    /// `version: 1.10` prints `1.1`, `time: 10:30` prints `37800`, and a comparison in a
    /// layout (`page.version == "1.10"`) is never true.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Release notes
    /// version: 1.10
    /// answer: no
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Release notes
    /// version: "1.10"
    /// answer: "no"
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// For the keys that Jekyll and just-the-docs read as booleans (`published`,
    /// `has_children`, `nav_exclude`, `search_exclude`, …) the fix writes `true` or `false`,
    /// which Ruby reads the same: safe. Elsewhere it wraps the value in double quotes, which
    /// makes it text: unsafe, as a layout may test the value as a boolean or a number.
    pub YamlBooleanTrap {
        code: "HB304",
        name: "yaml-boolean-trap",
        severity: Warning,
        fix: Always,
        group: FrontMatter,
        enabled: true,
        phase: Page,
    }
}

/// Keys read as booleans: `yes` there means `true`.
const BOOLEAN_KEYS: &[&str] = &[
    "published",
    "has_children",
    "has_toc",
    "nav_exclude",
    "nav_fold",
    "search_exclude",
    "render_with_liquid",
    "sitemap",
    "comments",
    "toc",
];

impl Lint for YamlBooleanTrap {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(root) = cx.doc.front_matter.data() {
            check_node(cx, None, root, out);
        }
    }
}

fn check_node(cx: &Context<'_>, key: Option<&str>, node: &YamlNode, out: &mut Vec<Diagnostic>) {
    match &node.value {
        YamlValue::Map(entries) => {
            for (k, v) in entries {
                check_node(cx, k.as_str(), v, out);
            }
        }
        YamlValue::Seq(items) => items.iter().for_each(|i| check_node(cx, None, i, out)),
        YamlValue::Alias => {}
        value => {
            let text = cx.doc.slice(node.span);
            if let Some(reading) = trap(text, value) {
                out.push(diagnostic(key, node, text, reading));
            }
        }
    }
}

fn diagnostic(key: Option<&str>, node: &YamlNode, text: &str, reading: Reading) -> Diagnostic {
    let meta = &YamlBooleanTrap::META;
    match reading {
        Reading::Bool(b) if key.is_some_and(|k| BOOLEAN_KEYS.contains(&k)) => Diagnostic::new(
            meta,
            node.span,
            format!("`{text}` is read as the boolean {b}"),
        )
        .with_label("a YAML 1.1 boolean")
        .with_help(format!("write `{b}`"))
        .with_fix(Fix::safe(
            format!("write `{b}`"),
            vec![Edit::replace(node.span, b.to_string())],
        )),
        reading => {
            let what = match reading {
                Reading::Bool(b) => format!("the boolean {b}"),
                Reading::Number(Some(n)) => format!("the number {n}"),
                Reading::Number(None) => "a number".to_string(),
            };
            Diagnostic::new(meta, node.span, format!("`{text}` is read as {what}"))
                .with_label("not read as the text written")
                .with_help(format!("quote the value (`\"{text}\"`) to keep it as text"))
                .with_fix(Fix::unsafe_(
                    "quote the value",
                    vec![Edit::replace(node.span, format!("\"{text}\""))],
                ))
        }
    }
}

/// How Ruby reads a plain scalar that does not read as its text.
enum Reading {
    Bool(bool),
    /// A number, with its value as Ruby prints it when it is easy to tell.
    Number(Option<String>),
}

/// What Ruby's Psych makes of `text`, when it is a plain scalar read as another type.
fn trap(text: &str, value: &YamlValue) -> Option<Reading> {
    let plain = !text.is_empty()
        && !text.starts_with(['"', '\'', '!', '&', '*', '|', '>'])
        && !text.contains(['\n', '\r', '#']);
    if !plain {
        return None;
    }
    if let YamlValue::Bool(b) = value {
        let lower = text.to_ascii_lowercase();
        return (lower != "true" && lower != "false").then_some(Reading::Bool(*b));
    }
    let (sign, body) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    // Every number reading below starts with a digit, `.`, `_` or `,`: other text (nearly
    // every value) is known at its first character.
    if !body.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '_' | ',')) {
        return None;
    }
    let neg = sign == "-";
    let int = |digits: &str, radix: u32| {
        let clean: String = digits.chars().filter(|c| *c != '_' && *c != ',').collect();
        i64::from_str_radix(&clean, radix)
            .ok()
            .map(|n| Reading::Number(Some(if neg { -n } else { n }.to_string())))
    };
    let radix = [("0x", 16), ("0b", 2), ("0", 8)];
    for (prefix, radix) in radix {
        if let Some(digits) = body.strip_prefix(prefix) {
            if all(digits, |c| c.is_digit(radix) || sep(c)) {
                return int(digits, radix);
            }
        }
    }
    if all(body, |c| c.is_ascii_digit() || sep(c)) {
        // `1,000`, `1_000`, `+5`: Psych wants a digit after each separator.
        let well_formed = !body.ends_with(sep) && !body.contains(",,") && !body.contains("__");
        let changed = body.contains(sep) || sign == "+";
        return if well_formed && changed && !body.starts_with('0') {
            int(body, 10)
        } else {
            None
        };
    }
    if is_sexagesimal(body) {
        return Some(Reading::Number(None));
    }
    float(sign, body)
}

fn all(s: &str, ok: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(ok)
}

fn sep(c: char) -> bool {
    c == '_' || c == ','
}

/// `10:30`, `1:20:00`: digits, then groups of `:` and one or two digits (the first below 6).
fn is_sexagesimal(body: &str) -> bool {
    let mut parts = body.split(':');
    let head = parts.next().unwrap_or("");
    let mut groups = 0;
    for part in parts {
        let b = part.as_bytes();
        let ok = match b {
            [d] => d.is_ascii_digit(),
            [t, d] => (b'0'..=b'5').contains(t) && d.is_ascii_digit(),
            _ => false,
        };
        if !ok {
            return false;
        }
        groups += 1;
    }
    groups > 0
        && head.starts_with(|c: char| c.is_ascii_digit())
        && head.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// `1.10`, `.5`, `1.`: a float whose Ruby form differs from the text.
fn float(sign: &str, body: &str) -> Option<Reading> {
    let (whole, frac) = body.split_once('.')?;
    let whole_ok = whole.is_empty()
        || (whole.starts_with(|c: char| c.is_ascii_digit())
            && whole
                .chars()
                .all(|c| c.is_ascii_digit() || c == '_' || c == ','));
    if !whole_ok
        || !frac.chars().all(|c| c.is_ascii_digit())
        || (whole.is_empty() && frac.is_empty())
    {
        return None;
    }
    let clean: String = format!("{sign}{whole}.{frac}")
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    let clean = clean.replace("-.", "-0.").replace("+.", "0.");
    let clean = if clean.starts_with('.') {
        format!("0{clean}")
    } else {
        clean
    };
    let value: f64 = clean.trim_end_matches('.').parse().ok()?;
    let ruby = ruby_float(value)?;
    (ruby != format!("{sign}{body}")).then_some(Reading::Number(Some(ruby)))
}

/// How Ruby prints `value`, for the plain range (no exponent).
fn ruby_float(value: f64) -> Option<String> {
    if !value.is_finite() || (value != 0.0 && !(1e-4..1e16).contains(&value.abs())) {
        return None;
    }
    let s = format!("{value}");
    Some(if s.contains('.') { s } else { format!("{s}.0") })
}
