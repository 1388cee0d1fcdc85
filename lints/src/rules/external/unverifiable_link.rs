use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::external::{with_verdicts, Verdict};
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Reports an external link the online check could not decide: the server did not
    /// answer within the timeout (after one retry), answered with a bot wall (403, 429
    /// after retries, LinkedIn's 999), or the TLS handshake failed. It is `info` by default:
    /// shown, but it never fails a build unless `--fail-on info` or the configuration says
    /// so. Such verdicts are never cached, so the next run asks again.
    ///
    /// When the network itself is down the tool says so once and reports no link.
    ///
    /// ## Why is this bad?
    /// Maybe it is not: many sites refuse automated requests while working fine in a
    /// browser. But a link that times out for the checker often times out for readers too,
    /// and a TLS error usually means an expired certificate. Open the link and decide.
    ///
    /// ## Example
    /// ```markdown
    /// Our [profile](https://www.linkedin.com/company/example-agency).
    /// ```
    ///
    /// ## Use instead
    /// Keep the link if it works in a browser, and exclude it from the check in the
    /// configuration (`[links] exclude`), or link a page that answers automated requests.
    pub UnverifiableLink {
        code: "HB108",
        name: "unverifiable-link",
        severity: Info,
        fix: None,
        group: External,
        enabled: true,
        phase: External,
    }
}

impl SiteLint for UnverifiableLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let unknown = with_verdicts(cx.page.external(), cx.external, |v| match v {
            Verdict::Unverifiable { reason } => Some(reason),
            _ => None,
        });
        for (link, reason) in unknown {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    link.span,
                    format!("`{}` could not be verified: {reason}", link.url),
                )
                .with_label("no verdict for this link")
                .with_help(
                    "open the link in a browser; exclude it in the configuration if it works",
                ),
            );
        }
    }
}
