//! Every lint, in one list in code order. Adding a lint is adding its file and one line here;
//! everything else (`rules`, `explain`, the README table, the JSON Schema, the markdownlint
//! mapping, which lints need the online check) is read from the declarations.

use std::sync::OnceLock;

use crate::declare::{Catalog, LintMeta, Phase};
use crate::lint::{Lint, SiteLint};
use crate::rules::*;

/// A lint and the pass that runs it.
#[derive(Clone, Copy)]
pub enum Pass {
    /// Reads one page ([`Phase::Page`]).
    Page(&'static dyn Lint),
    /// Reads the site index ([`Phase::Site`]) or the online verdicts ([`Phase::External`]).
    Site(&'static dyn SiteLint),
}

impl Pass {
    pub fn meta(&self) -> &'static LintMeta {
        match self {
            Pass::Page(l) => l.meta(),
            Pass::Site(l) => l.meta(),
        }
    }
}

/// Every lint, in code order.
pub static ALL: &[Pass] = &[
    Pass::Page(&UnusedSuppression),
    Pass::Page(&UnparsedBlock),
    Pass::Page(&BackslashLinkPath),
    Pass::Site(&BrokenRelativeLink),
    Pass::Page(&InvalidMailto),
    Pass::Site(&BrokenLinkFragment),
    Pass::Site(&BrokenExternalLink),
    Pass::Site(&RedirectedLink),
    Pass::Site(&InsecureLink),
    Pass::Site(&UnverifiableLink),
    Pass::Site(&MissingBaseurl),
    Pass::Site(&HardcodedSiteUrl),
    Pass::Page(&MissingFrontMatter),
    Pass::Page(&InvalidFrontMatter),
    Pass::Page(&DuplicateFrontMatterKey),
    Pass::Page(&YamlBooleanTrap),
    Pass::Page(&FrontMatterType),
    Pass::Site(&UnknownNavParent),
    Pass::Site(&AmbiguousNavParent),
    Pass::Site(&GrandParentMismatch),
    Pass::Site(&NavCycle),
    Pass::Site(&DuplicateNavOrder),
    Pass::Site(&NavOrderType),
    Pass::Site(&NavTitleMissing),
    Pass::Site(&MissingHasChildren),
    Pass::Site(&DuplicatePermalink),
    Pass::Site(&DuplicateConfigKey),
    Pass::Site(&UndefinedCallout),
    Pass::Site(&OrphanPage),
    Pass::Page(&UnbalancedLiquidBlock),
    Pass::Page(&LiquidInCodeBlock),
    Pass::Site(&UnknownLiquidTag),
    Pass::Site(&MissingInclude),
    Pass::Page(&MalformedAttributeList),
    Pass::Page(&MisplacedTocMarker),
    Pass::Page(&UnclosedKramdownExtension),
    Pass::Page(&UnknownKramdownExtension),
    Pass::Page(&HeadingLevelSkipped),
    Pass::Page(&InconsistentHeadingStyle),
    Pass::Page(&MissingSpaceAfterHash),
    Pass::Page(&MultipleSpacesAfterHash),
    Pass::Page(&MissingSpaceInClosedHeading),
    Pass::Page(&MultipleSpacesInClosedHeading),
    Pass::Page(&HeadingWithoutBlankLines),
    Pass::Page(&IndentedHeading),
    Pass::Page(&DuplicateHeading),
    Pass::Page(&MultipleTopLevelHeadings),
    Pass::Page(&HeadingTrailingPunctuation),
    Pass::Page(&EmphasisAsHeading),
    Pass::Page(&MissingFirstHeading),
    Pass::Page(&MissingRequiredHeadings),
    Pass::Page(&InconsistentListMarker),
    Pass::Page(&InconsistentListIndent),
    Pass::Page(&MisindentedBullet),
    Pass::Page(&UnexpectedListNumber),
    Pass::Page(&ListMarkerSpacing),
    Pass::Page(&ListWithoutBlankLines),
    Pass::Page(&FenceWithoutBlankLines),
    Pass::Page(&FenceWithoutLanguage),
    Pass::Page(&InconsistentCodeBlockStyle),
    Pass::Page(&InconsistentFenceStyle),
    Pass::Page(&DollarBeforeCommand),
    Pass::Page(&InconsistentThematicBreak),
    Pass::Page(&MultipleSpacesAfterQuoteMarker),
    Pass::Page(&BlankLineInQuote),
    Pass::Page(&TableColumnMismatch),
    Pass::Page(&TableWithoutBlankLines),
    Pass::Page(&InconsistentTablePipes),
    Pass::Page(&InconsistentTablePadding),
    Pass::Page(&TrailingWhitespace),
    Pass::Page(&HardTab),
    Pass::Page(&MultipleBlankLines),
    Pass::Page(&MissingFinalNewline),
    Pass::Page(&LongLine),
    Pass::Page(&ReversedLink),
    Pass::Page(&EmptyLink),
    Pass::Page(&MissingAltText),
    Pass::Page(&UndefinedReference),
    Pass::Page(&UnusedReferenceDefinition),
    Pass::Page(&BareUrl),
    Pass::Page(&CodeSpanSpaces),
    Pass::Page(&InconsistentEmphasisMarker),
    Pass::Page(&InconsistentStrongMarker),
    Pass::Page(&LinkTextSpaces),
    Pass::Page(&VagueLinkText),
    Pass::Page(&InlineHtml),
    Pass::Page(&ProperNameCase),
    Pass::Page(&DisallowedLinkStyle),
    Pass::Page(&EmphasisSpaces),
];

/// Every lint's declaration, in code order.
pub fn metas() -> impl Iterator<Item = &'static LintMeta> {
    ALL.iter().map(Pass::meta)
}

/// The lints that read one page, in code order.
pub fn page_lints() -> &'static [&'static dyn Lint] {
    static PAGE: OnceLock<Vec<&'static dyn Lint>> = OnceLock::new();
    PAGE.get_or_init(|| {
        ALL.iter()
            .filter_map(|p| match p {
                Pass::Page(l) => Some(*l),
                Pass::Site(_) => None,
            })
            .collect()
    })
}

/// The lints that read the site index or the online verdicts, in code order.
pub fn site_lints() -> &'static [&'static dyn SiteLint] {
    static SITE: OnceLock<Vec<&'static dyn SiteLint>> = OnceLock::new();
    SITE.get_or_init(|| {
        ALL.iter()
            .filter_map(|p| match p {
                Pass::Site(l) => Some(*l),
                Pass::Page(_) => None,
            })
            .collect()
    })
}

/// The lints of `phase`, in code order.
pub fn of_phase(phase: Phase) -> impl Iterator<Item = &'static LintMeta> {
    metas().filter(move |m| m.phase == phase)
}

/// Every lint's declaration as plain data, for the modules the registry cannot be imported
/// by (suppressions, the lints themselves).
pub fn catalog() -> Catalog {
    static ALL_METAS: OnceLock<Vec<&'static LintMeta>> = OnceLock::new();
    Catalog(ALL_METAS.get_or_init(|| metas().collect()))
}

/// The lint named by `key`: a code (`HB101`, any case) or a name (`backslash-link-path`), or
/// the markdownlint code or name of the rule it stands for (`MD013`, `line-length`).
pub fn find(key: &str) -> Option<&'static LintMeta> {
    catalog().find(key)
}

/// Our lint that checks what the markdownlint rule `key` (code `MD051` or name
/// `link-fragments`, any case) checks.
pub fn find_markdownlint(key: &str) -> Option<&'static LintMeta> {
    catalog().find_markdownlint(key)
}

/// " (did you mean `x`?)" for the lint closest to `key` by name or code, or "".
pub fn suggest(key: &str) -> String {
    catalog().suggest(key)
}
