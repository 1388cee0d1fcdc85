use std::collections::HashMap;

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::front_matter::parse_yaml;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::span::{LineIndex, Span};

declare_lint! {
    /// ## What it does
    /// Checks for top-level settings written twice in `_config.yml`. The finding is in
    /// `_config.yml`, at each value that is ignored, and names the line Jekyll reads.
    ///
    /// ## Why is this bad?
    /// Jekyll reads `_config.yml` with Ruby's YAML, which keeps the last value of a repeated
    /// key without a warning: a `baseurl` set near the top and again further down is the
    /// second one, whatever the first says.
    ///
    /// ## Example
    /// ```yaml
    /// baseurl: "/open-data-handbook"
    /// # …
    /// baseurl: ""
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// baseurl: "/open-data-handbook"
    /// ```
    pub DuplicateConfigKey {
        code: "HB319",
        name: "duplicate-config-key",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for DuplicateConfigKey {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, _cx: &SiteContext<'_>, _out: &mut Vec<Diagnostic>) {}

    fn check_config(&self, text: &str, out: &mut Vec<Diagnostic>) {
        let Ok(Some(root)) = parse_yaml(text, 0) else {
            return;
        };
        let entries = root.entries();
        // Each key's entries, in order, gathered in one pass.
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (key, _)) in entries.iter().enumerate() {
            if let Some(name) = key.as_str() {
                by_name.entry(name).or_default().push(i);
            }
        }
        let lines = LineIndex::new(text);
        for (key, _) in entries {
            let Some(name) = key.as_str() else { continue };
            let same = &by_name[name];
            let times = same.len();
            let Some(&last) = same.last() else { continue };
            let (last, _) = &entries[last];
            if std::ptr::eq(last, key) {
                continue; // the value Jekyll reads
            }
            let line = lines.line_of(last.span.start.min(text.len()));
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(key.span.start, key.span.end),
                    format!("`{name}` is set {times} times in `_config.yml`"),
                )
                .with_label(format!("ignored: line {line} sets it again"))
                .with_help(format!(
                    "keep one `{name}`: Jekyll reads the value on line {line}"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line_read_and_the_count() {
        let mut out = Vec::new();
        DuplicateConfigKey.check_config("a: 1\nb: 2\na: 3\nc: 4\na: 5\n", &mut out);
        let got: Vec<(usize, String)> = out
            .iter()
            .map(|d| (d.span.start, d.message.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "`a` is set 3 times in `_config.yml`".to_string()),
                (10, "`a` is set 3 times in `_config.yml`".to_string())
            ]
        );
        assert!(out
            .iter()
            .all(|d| d.help.as_deref().is_some_and(|h| h.contains("line 5"))));
    }
}
