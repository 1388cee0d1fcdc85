use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::external::{with_verdicts, Verdict};
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Reports an `http://` link whose `https://` address answers as well, and offers to
    /// switch it to `https://`. Only host names are tried, never IP addresses.
    ///
    /// ## Why is this bad?
    /// Over plain HTTP anyone on the reader's network can read or alter the page on its way,
    /// and browsers mark such pages "not secure". When the site already serves HTTPS there is
    /// no reason to send readers the insecure way.
    ///
    /// ## Example
    /// ```markdown
    /// Download the [data dictionary](http://data.example.gov/dictionary.pdf).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Download the [data dictionary](https://data.example.gov/dictionary.pdf).
    /// ```
    ///
    /// ## Fix safety
    /// The fix is unsafe: the HTTPS address answered, but a site can serve different
    /// content over HTTPS (another virtual host, a default page). Links whose destination is
    /// written with escapes or entities are reported without a fix.
    pub InsecureLink {
        code: "HB107",
        name: "insecure-link",
        severity: Warning,
        fix: Sometimes,
        group: External,
        enabled: true,
        phase: External,
    }
}

impl SiteLint for InsecureLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let insecure = with_verdicts(cx.page.external(), cx.external, |v| match v {
            Verdict::Insecure { https } => Some(https),
            _ => None,
        });
        for (link, https) in insecure {
            let d = Diagnostic::new(
                &Self::META,
                link.span,
                format!("`{}` is also served over HTTPS", link.url),
            )
            .with_label("plain HTTP");
            out.push(if link.rewritable {
                d.with_fix(Fix::unsafe_(
                    "link the `https://` address",
                    vec![Edit::replace(link.span, https.clone())],
                ))
            } else {
                d.with_help(format!("link `{https}` instead"))
            });
        }
    }
}
