//! What a lint is: its declaration ([`LintMeta`]), written with [`declare_lint!`](crate::declare_lint).
//!
//! Everything the tool says about a lint comes from here: `rules`, `explain`, the README's
//! table, the configuration's JSON Schema, the markdownlint mapping and which lints need the
//! online link check.

use crate::options::OptionsDecl;

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// Whether a lint offers fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Some findings carry a fix.
    Sometimes,
    /// Every finding carries a fix.
    Always,
}

/// The family a lint belongs to; its file lives in the folder of that name under `rules/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// The tool's own comments (suppressions), and what it could not check.
    Tool,
    Links,
    /// Links checked online.
    External,
    FrontMatter,
    Nav,
    Liquid,
    Kramdown,
    Headings,
    Lists,
    Code,
    Blocks,
    Tables,
    Whitespace,
    Inline,
}

impl Group {
    /// Every group, in the order of their codes.
    pub const ALL: &'static [Group] = &[
        Group::Tool,
        Group::Links,
        Group::External,
        Group::FrontMatter,
        Group::Nav,
        Group::Liquid,
        Group::Kramdown,
        Group::Headings,
        Group::Lists,
        Group::Code,
        Group::Blocks,
        Group::Tables,
        Group::Whitespace,
        Group::Inline,
    ];

    /// The folder name under `rules/` (snake_case).
    pub fn folder(self) -> &'static str {
        match self {
            Group::Tool => "tool",
            Group::Links => "links",
            Group::External => "external",
            Group::FrontMatter => "front_matter",
            Group::Nav => "nav",
            Group::Liquid => "liquid",
            Group::Kramdown => "kramdown",
            Group::Headings => "headings",
            Group::Lists => "lists",
            Group::Code => "code",
            Group::Blocks => "blocks",
            Group::Tables => "tables",
            Group::Whitespace => "whitespace",
            Group::Inline => "inline",
        }
    }
}

/// When a lint runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// On one page, as soon as it is parsed.
    Page,
    /// After every page, over the site index.
    Site,
    /// After the site pass, over the online link checker's verdicts: the tool checks
    /// external links only when a lint of this phase runs.
    External,
}

/// The markdownlint rule that checks what one of our lints checks: a project's
/// `.markdownlint.*` settings and `markdownlint-disable` comments for it apply to ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Markdownlint {
    /// `MD051`.
    pub code: &'static str,
    /// `link-fragments`.
    pub name: &'static str,
}

impl Markdownlint {
    /// True when `key` is this rule's code or name (any case).
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key) || self.name.eq_ignore_ascii_case(key)
    }
}

/// What a lint is, as its declaration says.
#[derive(Debug)]
pub struct LintMeta {
    /// `HB` and three digits: 0xx the tool's own comments, 1xx links, 3xx front matter and
    /// navigation, 4xx Liquid, 5xx kramdown syntax.
    pub code: &'static str,
    /// Kebab-case name of the problem.
    pub name: &'static str,
    pub default_severity: Severity,
    pub fix: FixAvailability,
    pub group: Group,
    /// Runs unless deselected; `false`: runs only when selected.
    pub enabled_by_default: bool,
    pub phase: Phase,
    pub markdownlint: Option<Markdownlint>,
    /// The doc comment of the lint's type, as written (one ` ` after `///` kept).
    pub raw_docs: &'static str,
    /// Its options type (documented in its `## Options` section), if it has one.
    pub options: Option<OptionsDecl>,
}

impl LintMeta {
    /// The documentation as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence of the "What it does" section.
    pub fn summary(&self) -> String {
        let docs = self.docs();
        let body = docs
            .split("## What it does")
            .nth(1)
            .unwrap_or(&docs)
            .trim_start();
        let para = body.split("\n\n").next().unwrap_or("");
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        match para.find(". ") {
            Some(i) => para[..=i].to_string(),
            None => para,
        }
    }

    /// True when `key` names this lint by code or name.
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key) || self.name == key
    }

    /// True for the lints that read the online checker's verdicts.
    pub fn is_external(&self) -> bool {
        self.phase == Phase::External
    }
}

/// Declare a lint type: its doc comment becomes its documentation, the block its
/// [`LintMeta`] (the associated const `META`). `markdownlint` and `options` are optional
/// and come last, in this order.
///
/// ```ignore
/// declare_lint! {
///     /// ## What it does
///     /// …
///     pub BrokenLinkFragment {
///         code: "HB104",
///         name: "broken-link-fragment",
///         severity: Error,
///         fix: None,
///         group: Links,
///         enabled: true,
///         phase: Site,
///         markdownlint: ("MD051", "link-fragments"),
///         options: BrokenLinkFragmentOptions,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_lint {
    (@markdownlint) => { None };
    (@markdownlint ($code:literal, $name:literal)) => {
        Some($crate::declare::Markdownlint { code: $code, name: $name })
    };
    (@options) => { None };
    (@options $options:ty) => { Some($crate::options::OptionsDecl::of::<$options>()) };
    (
        $(#[doc = $doc:literal])*
        $vis:vis $ty:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            group: $group:ident,
            enabled: $enabled:literal,
            phase: $phase:ident
            $(, markdownlint: $md:tt)?
            $(, options: $options:ty)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $ty;

        impl $ty {
            pub const META: $crate::declare::LintMeta = $crate::declare::LintMeta {
                code: $code,
                name: $name,
                default_severity: $crate::declare::Severity::$severity,
                fix: $crate::declare::FixAvailability::$fix,
                group: $crate::declare::Group::$group,
                enabled_by_default: $enabled,
                phase: $crate::declare::Phase::$phase,
                markdownlint: $crate::declare_lint!(@markdownlint $($md)?),
                raw_docs: concat!($($doc, "\n"),*),
                options: $crate::declare_lint!(@options $($options)?),
            };
        }
    };
}

/// Every lint a run knows, as plain data: what reads lint names (suppression comments, the
/// lint that reports unknown names) asks this rather than the registry, which lists the
/// lints and so cannot be imported by them.
#[derive(Clone, Copy, Debug)]
pub struct Catalog(pub &'static [&'static LintMeta]);

impl Catalog {
    /// Every lint, in code order.
    pub fn iter(self) -> impl Iterator<Item = &'static LintMeta> {
        self.0.iter().copied()
    }

    /// The lint named by `key`: a code (`HB101`, any case) or a name (`backslash-link-path`),
    /// or the code or name of the markdownlint rule it stands for (`MD013`, `line-length`).
    /// Our names come first: a markdownlint name never hides one of ours.
    pub fn find(self, key: &str) -> Option<&'static LintMeta> {
        self.iter()
            .find(|m| m.is_named(key))
            .or_else(|| self.find_markdownlint(key))
    }

    /// Our lint that checks what the markdownlint rule `key` (code `MD051` or name
    /// `link-fragments`, any case) checks.
    pub fn find_markdownlint(self, key: &str) -> Option<&'static LintMeta> {
        self.iter()
            .find(|m| m.markdownlint.is_some_and(|md| md.is_named(key)))
    }

    /// " (did you mean `x`?)" for the lint closest to `key` by name or code, or "".
    pub fn suggest(self, key: &str) -> String {
        let names = crate::suggest::closest(key, self.iter().map(|m| m.name), 3);
        let code =
            crate::suggest::closest(&key.to_ascii_uppercase(), self.iter().map(|m| m.code), 1);
        match names.or(code) {
            Some(best) => format!(" (did you mean `{best}`?)"),
            None => String::new(),
        }
    }
}
