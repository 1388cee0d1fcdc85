use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

/// Class names that ask for a callout: just-the-docs' documented examples and the usual
/// admonition names.
const CALLOUT_NAMES: &[&str] = &[
    "note",
    "warning",
    "important",
    "highlight",
    "new",
    "tip",
    "caution",
    "danger",
    "info",
];

declare_lint! {
    /// ## What it does
    /// Checks for block quotes given a callout class (`{: .note }`, `{: .warning-title }` on
    /// the line before `>`) that the site's `_config.yml` does not define under
    /// `callouts:`. A `-title` class is the callout of the name before it. On sites that use
    /// just-the-docs (its `theme`, `remote_theme`, `just_the_docs:` or `callouts:`).
    ///
    /// ## Why is this bad?
    /// just-the-docs defines no callout by default: it makes the styles of the callouts
    /// named in `callouts:` only. Any other class leaves the block quote a plain quote, and
    /// a `-title` callout shows its title as an ordinary first line.
    ///
    /// ## Example
    /// With no `callouts:` in `_config.yml`:
    /// ```markdown
    /// {: .note }
    /// > Publish the data dictionary too.
    /// ```
    ///
    /// ## Use instead
    /// In `_config.yml`:
    /// ```yaml
    /// callouts:
    ///   note:
    ///     title: Note
    ///     color: purple
    /// ```
    pub UndefinedCallout {
        code: "HB320",
        name: "undefined-callout",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for UndefinedCallout {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let classes = &cx.own.nav.quote_classes;
        if classes.is_empty() {
            return;
        }
        let config = &cx.index.nav().config;
        if !config.theme {
            return;
        }
        for (class, span) in classes {
            let base = class.strip_suffix("-title").unwrap_or(class);
            if config.callouts.iter().any(|c| c == base)
                || !(base.len() < class.len() || CALLOUT_NAMES.contains(&base))
            {
                continue;
            }
            let defined = if config.callouts.is_empty() {
                "`_config.yml` defines no callouts".to_string()
            } else {
                format!("`_config.yml` defines `{}`", config.callouts.join("`, `"))
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    *span,
                    format!("callout `{base}` is not defined in `_config.yml`"),
                )
                .with_label(format!("rendered as a plain block quote: {defined}"))
                .with_help(format!(
                    "define `{base}` under `callouts:` in `_config.yml` (with a `color`)"
                )),
            );
        }
    }
}
