use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::front_matter::{YamlNode, YamlValue};
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks for a key written twice in the same mapping of a page's front matter, at the
    /// top level or in a nested mapping, and reports every entry but the last.
    ///
    /// ## Why is this bad?
    /// Jekyll (Ruby's YAML reader) keeps the last value without a word: the earlier one is
    /// silently ignored. Editing the first `nav_order` or `parent` of a page then changes
    /// nothing, and the page stays where it was in the navigation.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Volunteer handbook
    /// nav_order: 2
    /// parent: Getting started
    /// nav_order: 5
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Volunteer handbook
    /// parent: Getting started
    /// nav_order: 5
    /// ---
    /// ```
    pub DuplicateFrontMatterKey {
        code: "HB303",
        name: "duplicate-front-matter-key",
        severity: Warning,
        fix: None,
        group: FrontMatter,
        enabled: true,
        phase: Page,
    }
}

impl Lint for DuplicateFrontMatterKey {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(root) = cx.doc.front_matter.data() {
            check_node(cx, root, out);
        }
    }
}

fn check_node(cx: &Context<'_>, node: &YamlNode, out: &mut Vec<Diagnostic>) {
    match &node.value {
        YamlValue::Map(entries) => {
            for (i, (key, value)) in entries.iter().enumerate() {
                let later = entries[i + 1..]
                    .iter()
                    .find(|(k, _)| same_key(&key.value, &k.value));
                if let Some((last, _)) = later {
                    let name = cx.doc.slice(key.span).trim();
                    let line = cx.doc.lines.line_of(last.span.start);
                    out.push(
                        Diagnostic::new(
                            &DuplicateFrontMatterKey::META,
                            key.span,
                            format!("front matter key `{name}` is set again on line {line}"),
                        )
                        .with_label("this value is ignored")
                        .with_help(format!(
                            "remove this entry, or merge it with the one on line {line}"
                        )),
                    );
                }
                check_node(cx, value, out);
            }
        }
        YamlValue::Seq(items) => items.iter().for_each(|i| check_node(cx, i, out)),
        _ => {}
    }
}

/// Whether two keys are the same key to Ruby: equal scalars of the same type.
fn same_key(a: &YamlValue, b: &YamlValue) -> bool {
    match (a, b) {
        (YamlValue::Seq(_) | YamlValue::Map(_) | YamlValue::Alias, _) => false,
        _ => a == b,
    }
}
