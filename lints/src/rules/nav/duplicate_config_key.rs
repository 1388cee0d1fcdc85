use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::front_matter::parse_yaml;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::span::Span;

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
        for (i, (key, _)) in entries.iter().enumerate() {
            let Some(name) = key.as_str() else { continue };
            let Some((last, _)) = entries[i + 1..]
                .iter()
                .rev()
                .find(|(k, _)| k.as_str() == Some(name))
            else {
                continue;
            };
            let line = text[..last.span.start.min(text.len())]
                .matches('\n')
                .count()
                + 1;
            let times = entries
                .iter()
                .filter(|(k, _)| k.as_str() == Some(name))
                .count();
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
