use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::Resolved;

declare_lint! {
    /// ## What it does
    /// Checks for pages whose `parent:` names no page of their navigation: no page has that
    /// `title`, compared exactly, as just-the-docs compares it. The front matter read is the
    /// page's own with the site's `defaults`; the pages of a collection listed under
    /// `just_the_docs: collections:` are compared with the pages of that collection.
    ///
    /// ## Why is this bad?
    /// just-the-docs finds a page's parent by its title. When none has it, the page is left
    /// out of the sidebar without a word: readers can only reach it by a link. A parent title
    /// that differs only in case (`Data Publication Steps` for `Data publication steps`)
    /// is enough.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Identify data
    /// parent: Data Publication Steps
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Identify data
    /// parent: Data publication steps
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// When the only title that matches differs in case or in the blanks around it, the fix
    /// writes that title as the `parent:` value (quoted as the value was, or when YAML needs
    /// it) and is safe: the page then appears where its author meant. Otherwise the help
    /// names the closest title, and nothing is fixed.
    pub UnknownNavParent {
        code: "HB310",
        name: "unknown-nav-parent",
        severity: Error,
        fix: Sometimes,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for UnknownNavParent {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.own.nav;
        let (Some(group), Some(parent)) = (&facts.group, &facts.parent) else {
            return;
        };
        if facts
            .title
            .as_ref()
            .is_some_and(|t| t.value == parent.value)
        {
            return; // its own title: a cycle (nav-cycle)
        }
        let nav = cx.index.nav();
        let own = nav.by_path.get(&cx.page.site_path).copied();
        if nav.resolve(group, Some(&parent.value), None, None, own, 0) != Resolved::Unknown {
            return;
        }
        let wanted = parent.value.trim().to_lowercase();
        let same = nav.same_but_case(group, &wanted);
        let mut d = Diagnostic::new(
            &Self::META,
            parent.span,
            format!("no page is titled `{}`", parent.value),
        )
        .with_label(if parent.own {
            "the page is left out of the navigation"
        } else {
            "set by `defaults` in `_config.yml`: the page is left out of the navigation"
        });
        match same {
            [only] => {
                d = d.with_help(format!("write the parent's title exactly: `{only}`"));
                let fix = parent.own.then(|| yaml_scalar(only, parent.written()));
                if let Some(value) = fix.flatten() {
                    d = d.with_fix(Fix::safe(
                        format!("write `{only}`"),
                        vec![Edit::replace(parent.span, value)],
                    ));
                }
            }
            _ => {
                let limit = wanted.chars().count() / 3 + 2;
                if let Some(title) = nav.nearest_title(group, &wanted, limit) {
                    d = d.with_help(format!("the closest title is `{title}`"));
                } else {
                    d = d.with_help("name the title of an existing page, or give one that title");
                }
            }
        }
        out.push(d);
    }
}

/// `title` as a YAML scalar in the style of `written` (the value as it stands in the front
/// matter): double or single quoted as it was, plain when YAML reads it back as the same
/// text, double quoted otherwise. `None` for a value over several lines or one with a tag.
fn yaml_scalar(title: &str, written: &str) -> Option<String> {
    if written.contains(['\n', '\r']) || written.starts_with(['!', '&', '|', '>']) {
        return None;
    }
    let double = || {
        let escaped = title.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    };
    if written.starts_with('"') {
        return Some(double());
    }
    if written.starts_with('\'') {
        return Some(format!("'{}'", title.replace('\'', "''")));
    }
    let lower = title.to_ascii_lowercase();
    let special = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "",
    ];
    let plain = !title
        .starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !title.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !title.contains(": ")
        && !title.contains(" #")
        && !title.contains(|c: char| c.is_control())
        && !special.contains(&lower.as_str())
        && lower.parse::<f64>().is_err();
    Some(if plain { title.to_string() } else { double() })
}

#[cfg(test)]
mod tests {
    use super::yaml_scalar;

    #[test]
    fn scalars_keep_their_style_or_are_quoted_when_needed() {
        let s = |t, w| yaml_scalar(t, w).unwrap();
        assert_eq!(s("Data steps", "data Steps"), "Data steps");
        assert_eq!(s("Data steps", "\"data steps\""), "\"Data steps\"");
        assert_eq!(s("It's", "'it''s'"), "'It''s'");
        assert_eq!(s("Steps: one", "steps: One"), "\"Steps: one\"");
        assert_eq!(s("Yes", "yES"), "\"Yes\"");
        assert_eq!(s("1.5", "x"), "\"1.5\"");
        assert_eq!(yaml_scalar("A", "a\n  b"), None);
    }
}
