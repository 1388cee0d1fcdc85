//! What runs on a file: the selected lints, their options and their severities, as plain data
//! the tool builds from its configuration.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{Lint, LintMeta, SiteLint};
use crate::options::LintOptions;
use crate::registry;

/// The lints that run on a file, their option values and the severities that differ from
/// the lints' defaults. Files with the same configuration share one.
#[derive(Clone)]
pub struct RuleSet {
    pub page_lints: Vec<&'static dyn Lint>,
    pub site_lints: Vec<&'static dyn SiteLint>,
    pub options: LintOptions,
    /// Severities that differ from the lints' defaults, by code.
    pub severities: Vec<(&'static str, Severity)>,
}

impl RuleSet {
    /// These lints with their defaults.
    pub fn new(page_lints: Vec<&'static dyn Lint>, site_lints: Vec<&'static dyn SiteLint>) -> Self {
        RuleSet {
            page_lints,
            site_lints,
            options: LintOptions::default(),
            severities: Vec::new(),
        }
    }

    /// The lints that are on by default, with their defaults: what a run without
    /// configuration checks.
    pub fn defaults() -> Self {
        let on = |m: &LintMeta| m.enabled_by_default;
        RuleSet::new(
            registry::page_lints()
                .iter()
                .copied()
                .filter(|l| on(l.meta()))
                .collect(),
            registry::site_lints()
                .iter()
                .copied()
                .filter(|l| on(l.meta()))
                .collect(),
        )
    }

    /// Every lint, those off by default included, with its defaults.
    pub fn every() -> Self {
        RuleSet::new(
            registry::page_lints().to_vec(),
            registry::site_lints().to_vec(),
        )
    }

    /// The same rules less the lints whose codes are `codes` (a file's per-file ignores).
    pub fn without(&self, codes: &[&'static str]) -> Self {
        let keep = |m: &LintMeta| !codes.contains(&m.code);
        RuleSet {
            page_lints: self
                .page_lints
                .iter()
                .copied()
                .filter(|l| keep(l.meta()))
                .collect(),
            site_lints: self
                .site_lints
                .iter()
                .copied()
                .filter(|l| keep(l.meta()))
                .collect(),
            options: self.options.clone(),
            severities: self.severities.clone(),
        }
    }

    /// Whether a site pass is needed for these rules.
    pub fn has_site_lints(&self) -> bool {
        !self.site_lints.is_empty()
    }

    /// Whether a lint that reads the online checker's verdicts runs.
    pub fn checks_external_links(&self) -> bool {
        self.site_lints.iter().any(|l| is_external(l.meta()))
    }

    /// The site lints that ran: without the online check's verdicts the external-link lints
    /// did not, and a suppression naming them is not judged.
    pub(crate) fn site_lints_that_ran(&self, external_checked: bool) -> Vec<&'static LintMeta> {
        self.site_lints
            .iter()
            .map(|l| l.meta())
            .filter(|m| external_checked || !is_external(m))
            .collect()
    }

    /// Every lint that may fix something, for the bound on the lints a fix loop leaves out.
    pub(crate) fn lint_count(&self) -> usize {
        self.page_lints.len() + self.site_lints.len()
    }

    /// Give findings the severity configured for their lint.
    pub(crate) fn set_severities(&self, diagnostics: &mut [Diagnostic]) {
        if self.severities.is_empty() {
            return;
        }
        for d in diagnostics {
            if let Some((_, s)) = self.severities.iter().find(|(c, _)| *c == d.lint.code) {
                d.severity = *s;
            }
        }
    }
}

fn is_external(meta: &LintMeta) -> bool {
    meta.is_external()
}
