use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::external::{with_verdicts, Verdict};
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks that every `http://` and `https://` link answers. A link is broken when the
    /// server says the page is gone (404, 410 or another definitive 4xx), when it keeps
    /// failing with a 5xx after retries, when a redirect chain ends at such an answer or
    /// loops, when the host name does not exist, or when the `#fragment` is not an id of
    /// the page that answers.
    ///
    /// External links are checked online, each distinct URL once per run however often the
    /// handbook links it; `--offline` skips them. Answers that prove nothing (timeouts, bot
    /// walls, TLS errors) are `unverifiable-link`, never this lint.
    ///
    /// ## Why is this bad?
    /// Readers who follow the link meet an error page instead of the law, form or dataset
    /// the handbook promised. External pages move and vanish without notice, so a link
    /// that worked at review time rots silently.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [open data statute](https://example.gov/statutes/old-number).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [open data statute](https://example.gov/statutes/4-67p).
    /// ```
    pub BrokenExternalLink {
        code: "HB105",
        name: "broken-external-link",
        severity: Error,
        fix: None,
        group: External,
        enabled: true,
        phase: External,
    }
}

impl SiteLint for BrokenExternalLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let broken = with_verdicts(cx.page.external(), cx.external, |v| match v {
            Verdict::Broken { reason } => Some(reason),
            _ => None,
        });
        for (link, reason) in broken {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    link.span,
                    format!("`{}` is broken: {reason}", link.url),
                )
                .with_label("this link does not reach its page")
                .with_help("update the link to the page's current address, or remove it"),
            );
        }
    }
}
