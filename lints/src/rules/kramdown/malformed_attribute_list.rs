use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{AttributeList, Document, Placement, Unclosed};
use crate::lint::{Context, Lint, LintMeta};
use crate::scan::{self, AttrProblem};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for kramdown attribute lists (`{: … }`, `{:target="_blank"}`) that are broken:
    /// a stray character glued after the list, such as the `)` in
    /// `[Statute](https://example.gov/s){:target="_blank"})` when no `(` is open; a `{:`
    /// that is never closed; a quoted value with no closing quote; attribute syntax missing
    /// its colon (`{target="_blank"}`); a list separated by blanks from the link it is for.
    ///
    /// Attribute lists in code and raw HTML are not read.
    ///
    /// ## Why is this bad?
    /// kramdown applies an attribute list only when it is well formed and placed right.
    /// Otherwise it prints the characters on the page: readers see
    /// `{target=”_blank”}` or a lone `)` after the link, and the link does not open
    /// in a new tab. A value with no closing quote makes kramdown drop the attribute.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [charter](https://example.gov/charter){:target="_blank"}).
    /// Read the [rules](https://example.gov/rules){target="_blank"}.
    /// Read the [notes](https://example.gov/notes) {:target="_blank"}.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [charter](https://example.gov/charter){:target="_blank"}.
    /// Read the [rules](https://example.gov/rules){:target="_blank"}.
    /// Read the [notes](https://example.gov/notes){:target="_blank"}.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removing a stray `)` that closes no `(`, adding the missing colon, and removing
    /// the blanks between a link and its list. Unsafe (they guess at intent): removing
    /// another stray character, closing an unclosed `{:` or an unclosed quote.
    pub MalformedAttributeList {
        code: "HB501",
        name: "malformed-attribute-list",
        severity: Warning,
        fix: Sometimes,
        group: Kramdown,
        enabled: true,
        phase: Page,
    }
}

impl Lint for MalformedAttributeList {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        // Asked in source order, so each block is scanned once for stray brackets.
        let mut parens = doc.unclosed(b'(', b')');
        let mut brackets = doc.unclosed(b'[', b']');
        for a in &doc.attr_lists {
            let d = match a.problem {
                Some(AttrProblem::Unclosed) => Some(unclosed(doc, a)),
                Some(AttrProblem::MissingColon) => missing_colon(doc, a),
                Some(AttrProblem::UnbalancedQuote { key }) => Some(unclosed_quote(doc, a, key)),
                None => {
                    stray_after(doc, a, &mut parens, &mut brackets).or_else(|| detached(doc, a))
                }
            };
            out.extend(d);
        }
    }
}

/// `{:target="_blank" more words`: the fix closes the list after its last attribute, so the
/// words after it stay text.
fn unclosed(doc: &Document, a: &AttributeList) -> Diagnostic {
    let d = Diagnostic::new(
        &MalformedAttributeList::META,
        a.span,
        "attribute list is not closed",
    )
    .with_label("no `}` closes this list")
    .with_help("close it with `}`; kramdown prints an unclosed `{:` as text");
    // Liquid in the rest of the line renders to unknown text: do not guess where to close.
    if !Document::starting_in(&doc.liquid, |l| l.span.start, a.span).is_empty() {
        return d;
    }
    let body = &doc.text()[a.span.start + 2..a.span.end];
    // kramdown reads a code span before the list: a `}` placed after a backtick would not
    // close it, and the next round would insert another.
    let body = body.split('`').next().unwrap_or(body);
    match scan::attributes_len(body.as_bytes()) {
        0 => d,
        n => d.with_fix(Fix::unsafe_(
            "Close the attribute list with `}` after its last attribute",
            vec![Edit::insert(a.span.start + 2 + n, "}")],
        )),
    }
}

fn missing_colon(doc: &Document, a: &AttributeList) -> Option<Diagnostic> {
    let prev = doc.text().as_bytes()[..a.span.start].last().copied();
    let after_element = a.placement == Placement::Glued
        && matches!(prev, Some(b')' | b']' | b'*' | b'_' | b'`' | b'~'));
    if !(after_element || a.placement == Placement::Block) || is_header_id(doc, a) {
        return None;
    }
    Some(
        Diagnostic::new(
            &MalformedAttributeList::META,
            a.span,
            "attribute list is missing its colon",
        )
        .with_label("kramdown prints this as text")
        .with_help("write `{:` so that kramdown reads it as an attribute list")
        .with_fix(Fix::safe(
            "Insert `:` after `{`",
            vec![Edit::insert(a.span.start + 1, ":")],
        )),
    )
}

/// `# Title {#id}`: kramdown's header id syntax, which needs no colon.
fn is_header_id(doc: &Document, a: &AttributeList) -> bool {
    let body = doc.slice(a.span);
    // Headings do not nest: only the last one starting before the list can hold it.
    let before = doc
        .headings
        .partition_point(|h| h.span.start <= a.span.start);
    let in_heading = doc.headings[..before]
        .last()
        .is_some_and(|h| h.span.covers(a.span));
    in_heading
        && body[1..].starts_with('#')
        && !body[1..body.len() - 1].contains(char::is_whitespace)
}

fn unclosed_quote(doc: &Document, a: &AttributeList, key: Span) -> Diagnostic {
    let quote = &doc.text()[key.end + 1..key.end + 2];
    Diagnostic::new(
        &MalformedAttributeList::META,
        a.span,
        format!("value of `{}` has no closing quote", doc.slice(key)),
    )
    .with_label("quote opened here is never closed")
    .with_help(format!(
        "close the value with `{quote}`; kramdown drops an attribute it cannot read"
    ))
    .with_fix(Fix::unsafe_(
        format!("Insert `{quote}` before `}}`"),
        vec![Edit::insert(a.span.end - 1, quote.to_string())],
    ))
}

/// A `)`, `]` or `}` glued after a well-formed list that closes nothing before it.
fn stray_after(
    doc: &Document,
    a: &AttributeList,
    parens: &mut Unclosed<'_>,
    brackets: &mut Unclosed<'_>,
) -> Option<Diagnostic> {
    let text = doc.text();
    let &c = text.as_bytes().get(a.span.end)?;
    if !matches!(c, b')' | b']' | b'}') {
        return None;
    }
    let element_start = doc
        .link_ending_at(a.span.start)
        .map_or(a.span.start, |l| l.span.start);
    let unclosed = match c {
        b')' => parens.before(element_start),
        b']' => brackets.before(element_start),
        _ => 0,
    };
    if unclosed > 0 {
        return None;
    }
    let stray = Span::new(a.span.end, a.span.end + 1);
    let ch = c as char;
    let title = format!("Remove the stray `{ch}`");
    let fix = if c == b')' {
        Fix::safe(title, vec![Edit::delete(stray)])
    } else {
        Fix::unsafe_(title, vec![Edit::delete(stray)])
    };
    Some(
        Diagnostic::new(
            &MalformedAttributeList::META,
            stray,
            format!("stray `{ch}` after attribute list"),
        )
        .with_label(format!("this `{ch}` closes nothing"))
        .with_help("remove it; kramdown prints it as text after the element")
        .with_fix(fix),
    )
}

/// `[a](b) {: … }`: kramdown applies a span list only right after its element; after blanks
/// it prints the list as text.
fn detached(doc: &Document, a: &AttributeList) -> Option<Diagnostic> {
    if a.placement != Placement::Detached || a.definition {
        return None;
    }
    let bytes = doc.text().as_bytes();
    let mut gap_start = a.span.start;
    while gap_start > 0 && matches!(bytes[gap_start - 1], b' ' | b'\t') {
        gap_start -= 1;
    }
    let gap = Span::new(gap_start, a.span.start);
    let d = Diagnostic::new(
        &MalformedAttributeList::META,
        a.span,
        "attribute list is separated from the element before it",
    );
    Some(match doc.link_ending_at(gap_start) {
        Some(link) => {
            let what = if link.image { "image" } else { "link" };
            d.with_label(format!("blank between the {what} and its attribute list"))
                .with_help(format!("remove the blank: kramdown applies the list only when it directly follows the {what}, and prints it as text otherwise"))
                .with_fix(Fix::safe("Remove the blank before the attribute list", vec![Edit::delete(gap)]))
        }
        None => d
            .with_label("kramdown prints this as text")
            .with_help("attach the list directly to a link, image or emphasis, or put it on its own line under the block it is for"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;
    use crate::lint::FileInfo;

    fn found(text: &str) -> Vec<Diagnostic> {
        let info = FileInfo {
            site_path: "p.md".into(),
            is_page: true,
        };
        check(text.to_string(), &info, &[&MalformedAttributeList]).1
    }

    #[test]
    fn an_unclosed_list_is_closed_only_before_a_code_span() {
        let d = found("[here](https://x.org/){:target=\"_blank\" more words\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_some());
        // A backtick ends the list for kramdown: a `}` after it would never close it, so
        // each round would add one more. No fix is offered.
        let d = found("[here](https://x.org/){:target=\"`_blank\"}.\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "attribute list is not closed");
        assert!(d[0].fix.is_none());
    }
}
