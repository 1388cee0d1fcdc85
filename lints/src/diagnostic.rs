//! Diagnostics as plain data: rendering happens in the tool, never here.

use std::borrow::Cow;

use crate::declare::LintMeta;
pub use crate::declare::Severity;
use crate::span::Span;

/// Whether a fix keeps the meaning of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps meaning: applied by `--fix`.
    Safe,
    /// May change what is published: applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Text that is most often written once in a lint (`"Insert a space"`) and sometimes made
/// for the finding: borrowed when it can be, so a page of a million findings does not hold a
/// million copies.
pub type Text = Cow<'static, str>;

/// Replace the bytes of `span` in the original text with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: Text,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<Text>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }

    pub fn insert(at: usize, text: impl Into<Text>) -> Self {
        Edit::replace(Span::empty(at), text)
    }
}

/// A suggested repair: a title (imperative) and byte edits to the original text. The edits
/// are shared: a fix of a whole list or table is given to the finding of each of its items,
/// and copies of it would grow with the square of their number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: Text,
    pub applicability: Applicability,
    pub edits: std::sync::Arc<[Edit]>,
}

impl Fix {
    pub fn safe(title: impl Into<Text>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits: edits.into(),
        }
    }

    pub fn unsafe_(title: impl Into<Text>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits: edits.into(),
        }
    }
}

/// One finding of one lint at one place.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub lint: &'static LintMeta,
    pub severity: Severity,
    pub span: Span,
    /// What is wrong: lowercase, no final period.
    pub message: String,
    /// Short text shown under the span.
    pub label: Option<Text>,
    /// What to do, in the imperative.
    pub help: Option<Text>,
    /// Boxed: most findings have none, and a site's findings are kept until they are
    /// reported (a fix inline would make every finding a third larger).
    pub fix: Option<Box<Fix>>,
}

// A site's findings are all kept until they are reported: their size is memory per finding.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Diagnostic>() <= 112);

impl Diagnostic {
    pub fn new(lint: &'static LintMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            lint,
            severity: lint.default_severity,
            span,
            message: message.into(),
            label: None,
            help: None,
            fix: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<Text>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
