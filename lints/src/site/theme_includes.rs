//! The includes that each release of just-the-docs ships, which a site may use without a copy
//! in its own `_includes/`.
//!
//! Read from the theme's migration guide, which lists every include a release adds, moves or
//! stops using (0.4.0, 0.6.0, 0.7.0), and from the theme's own `_includes/` at 0.12. Where the
//! record does not say when a file came or went, the range is kept wide: an include is taken as
//! missing only in releases known not to ship it.

/// A version as (major, minor, patch).
type Version = (u64, u64, u64);

/// Releases that ship an include: `[from, until)`, `until` `None` for "still".
type Releases = &'static [(Version, Option<Version>)];

/// The first release with this data: older ones are read as "unknown".
const OLDEST_KNOWN: Version = (0, 3, 0);

/// Each include with the releases that ship it.
const INCLUDES: &[(&str, Releases)] = &[
    // Since 0.3 (the theme's customisation includes and its page parts).
    ("css/custom.scss.liquid", ALWAYS),
    ("css/just-the-docs.scss.liquid", ALWAYS),
    ("fix_linenos.html", ALWAYS),
    ("footer_custom.html", ALWAYS),
    ("head.html", ALWAYS),
    ("head_custom.html", ALWAYS),
    ("header_custom.html", ALWAYS),
    ("js/custom.js", ALWAYS),
    ("title.html", ALWAYS),
    ("vendor/anchor_headings.html", ALWAYS),
    // 0.7.0 moved `nav.html` to `components/nav.html` (gone again by 0.12).
    ("nav.html", &[((0, 3, 0), Some((0, 7, 0)))]),
    // 0.4.0: custom includes, `components/`, `icons/`, `lunr/`, callouts.
    ("components/aux_nav.html", SINCE_0_4),
    ("components/breadcrumbs.html", SINCE_0_4),
    ("components/children_nav.html", SINCE_0_4),
    ("components/footer.html", SINCE_0_4),
    ("components/header.html", SINCE_0_4),
    ("components/mermaid.html", SINCE_0_4),
    ("components/search_footer.html", SINCE_0_4),
    ("components/search_header.html", SINCE_0_4),
    ("components/sidebar.html", SINCE_0_4),
    ("css/callouts.scss.liquid", SINCE_0_4),
    ("icons/code_copy.html", SINCE_0_4),
    ("icons/document.html", SINCE_0_4),
    ("icons/expand.html", SINCE_0_4),
    ("icons/external_link.html", SINCE_0_4),
    ("icons/icons.html", SINCE_0_4),
    ("icons/link.html", SINCE_0_4),
    ("icons/menu.html", SINCE_0_4),
    ("icons/search.html", SINCE_0_4),
    ("lunr/custom-data.json", SINCE_0_4),
    ("lunr/custom-index.js", SINCE_0_4),
    ("mermaid_config.js", SINCE_0_4),
    ("nav_footer_custom.html", SINCE_0_4),
    ("search_placeholder_custom.html", SINCE_0_4),
    ("toc_heading_custom.html", SINCE_0_4),
    // Not among the `components/` of 0.4.0; at 0.12 (when they came is not recorded).
    ("components/nav/children.html", SINCE_0_5),
    ("components/nav/links.html", SINCE_0_5),
    ("components/nav/pages.html", SINCE_0_5),
    ("components/nav/sorted.html", SINCE_0_5),
    ("components/site_nav.html", SINCE_0_5),
    // 0.4.0 stopped using `favicon.html`; 0.6.0 ships one again.
    (
        "favicon.html",
        &[((0, 3, 0), Some((0, 4, 0))), ((0, 6, 0), None)],
    ),
    // 0.6.0 added the navigation's activation CSS.
    ("css/activation.scss.liquid", &[((0, 6, 0), None)]),
    ("head_nav.html", &[((0, 6, 0), Some((0, 12, 0)))]),
    ("components/nav.html", &[((0, 7, 0), Some((0, 12, 0)))]),
];

const ALWAYS: Releases = &[((0, 3, 0), None)];
const SINCE_0_4: Releases = &[((0, 4, 0), None)];
const SINCE_0_5: Releases = &[((0, 5, 0), None)];

/// Whether just-the-docs at `version` ships `_includes/<name>`; with no version (or one older
/// than this record), whether any release ships it.
pub fn ships(name: &str, version: Option<Version>) -> bool {
    let Some((_, ranges)) = INCLUDES.iter().find(|(n, _)| *n == name) else {
        return false;
    };
    match version.filter(|v| *v >= OLDEST_KNOWN) {
        None => true,
        Some(v) => ranges
            .iter()
            .any(|(from, until)| v >= *from && until.is_none_or(|u| v < u)),
    }
}

/// The first release that ships `name`, for the help of a finding.
pub fn first_release(name: &str) -> Option<Version> {
    INCLUDES
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, ranges)| ranges.first().map(|(from, _)| *from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_follow_the_release() {
        let at = |name, v| ships(name, Some(v));
        assert!(at("head_custom.html", (0, 3, 3)));
        assert!(!at("toc_heading_custom.html", (0, 3, 3)));
        assert!(at("toc_heading_custom.html", (0, 4, 0)));
        assert!(!at("favicon.html", (0, 5, 1)) && at("favicon.html", (0, 6, 0)));
        assert!(at("nav.html", (0, 6, 2)) && !at("nav.html", (0, 7, 0)));
        assert!(!at("components/nav.html", (0, 6, 0)) && at("components/nav.html", (0, 8, 0)));
        assert!(!at("head_nav.html", (0, 12, 0)));
        assert!(!at("banner.html", (0, 10, 0)));
        // No version, or one older than the record: any release counts.
        assert!(ships("nav.html", None) && ships("toc_heading_custom.html", Some((0, 2, 9))));
        assert_eq!(first_release("components/sidebar.html"), Some((0, 4, 0)));
    }

    #[test]
    fn the_record_matches_the_theme_at_0_12() {
        // `_includes/` of just-the-docs 0.12 (the shared jtd-docs corpus).
        let now = [
            "components/aux_nav.html",
            "components/site_nav.html",
            "css/activation.scss.liquid",
            "favicon.html",
            "icons/external_link.html",
            "lunr/custom-index.js",
            "vendor/anchor_headings.html",
        ];
        for name in now {
            assert!(ships(name, Some((0, 12, 0))), "{name}");
        }
        for gone in ["nav.html", "components/nav.html", "head_nav.html"] {
            assert!(!ships(gone, Some((0, 12, 0))), "{gone}");
        }
    }
}
