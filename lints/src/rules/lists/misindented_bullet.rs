use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};

use super::{is_toc, marker_indent};

declare_lint! {
    /// ## What it does
    /// Checks that bullet list items are indented by `indent` spaces per level (two by
    /// default; a top-level item starts at the margin). This is markdownlint's `MD007`
    /// (`ul-indent`). Like markdownlint, only bullet lists whose parent lists are all bullet
    /// lists are checked; kramdown's `{:toc}` lists are not.
    ///
    /// It is off by default: turn it on with `--extend-select misindented-bullet` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Indentation that differs from level to level makes the nesting hard to read, and an
    /// item indented four spaces or more past its parent's text becomes code.
    ///
    /// ## Example
    /// ```markdown
    /// - Tools
    ///     - Ruby
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Tools
    ///   - Ruby
    /// ```
    ///
    /// ## Fix safety
    /// The fix re-indents the item's marker line. The lines after it keep their
    /// indentation, and the item may change level: unsafe.
    ///
    /// ## Options
    /// - `indent` (integer, default 2): spaces per level.
    /// - `start-indented` (boolean, default false; markdownlint's `start_indented`): indent
    ///   top-level items too, by `start-indent`.
    /// - `start-indent` (integer, default 2; markdownlint's `start_indent`): spaces before a
    ///   top-level item when `start-indented` is set.
    pub MisindentedBullet {
        code: "HB652",
        name: "misindented-bullet",
        severity: Warning,
        fix: Always,
        group: Lists,
        enabled: false,
        phase: Page,
        markdownlint: ("MD007", "ul-indent"),
        options: UlIndentOptions,
    }
}

/// Options of [`MisindentedBullet`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct UlIndentOptions {
    pub indent: usize,
    #[serde(alias = "start_indented")]
    pub start_indented: bool,
    #[serde(alias = "start_indent")]
    pub start_indent: usize,
}

impl Default for UlIndentOptions {
    fn default() -> Self {
        UlIndentOptions {
            indent: 2,
            start_indented: false,
            start_indent: 2,
        }
    }
}

impl Options for UlIndentOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "indent",
            aliases: &[],
            kind: OptionKind::Integer,
            doc: "Spaces per level.",
        },
        OptionField {
            name: "start-indented",
            aliases: &["start_indented"],
            kind: OptionKind::Bool,
            doc: "Indent top-level items too.",
        },
        OptionField {
            name: "start-indent",
            aliases: &["start_indent"],
            kind: OptionKind::Integer,
            doc: "Spaces before a top-level item when start-indented is set.",
        },
    ];
}

impl Lint for MisindentedBullet {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        let options = cx.options.get::<UlIndentOptions>();
        let base = if options.start_indented {
            options.start_indent
        } else {
            0
        };
        for &list in tree.of_kind(Kind::List) {
            let bullets = std::iter::once(list)
                .chain(tree.ancestors(list))
                .filter(|&a| tree.kind(a) == Kind::List)
                .all(|a| tree.list(a).is_some_and(|l| !l.ordered));
            let span = tree.span(list);
            if !bullets || is_toc(doc, list) || doc.outside_markdown(span.start) {
                continue;
            }
            let level = tree.depth_in(list, Kind::List) - 1;
            let want = base + level * options.indent;
            for item in tree.items(list).filter_map(|i| tree.item(i)) {
                let indent = marker_indent(doc, item.marker);
                if indent.len() == want {
                    continue;
                }
                // Only a marker that starts its line can be re-indented.
                let starts_line = doc.lines.line_start(doc.lines.line_of(item.marker.start))
                    == indent.start
                    || doc.tree.depth_in(item.node, Kind::BlockQuote) > 0;
                if !starts_line {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        item.marker,
                        format!(
                            "bullet indented by {}, expected {want} at level {}",
                            indent.len(),
                            level + 1
                        ),
                    )
                    .with_label("misindented bullet")
                    .with_fix(Fix::unsafe_(
                        format!("Indent the bullet by {want}"),
                        vec![Edit::replace(indent, " ".repeat(want))],
                    )),
                );
            }
        }
    }
}
