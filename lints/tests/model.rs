//! The page tree's queries on small pages: lists, code blocks, tables, headings, line
//! contexts, containment, and spans that stay exact with CRLF and multibyte text.

use handbook_lints::model::{Alignment, Kind, LineContext, Tree};
use handbook_lints::{Document, Span};

fn parse(text: &str) -> Document {
    Document::parse(text.to_string())
}

fn texts(doc: &Document, ids: impl IntoIterator<Item = u32>) -> Vec<&str> {
    ids.into_iter()
        .map(|id| doc.slice(doc.tree.span(id)))
        .collect()
}

fn check_nesting(tree: &Tree) {
    for (i, n) in tree.nodes().iter().enumerate() {
        if let Some(p) = tree.parent(i as u32) {
            assert!(tree.span(p).covers(n.span), "node {i} inside its parent");
            assert!(tree.descendants(p).contains(&(i as u32)));
        }
    }
}

#[test]
fn nested_lists_keep_markers_tightness_and_depth() {
    let text = "- a\n- b\n  1. x\n  2. y\n\n  3) z\n* c\n\n10. ten\n";
    let doc = parse(text);
    let tree = &doc.tree;
    check_nesting(tree);
    let lists = tree.of_kind(Kind::List);
    let info: Vec<_> = lists
        .iter()
        .map(|&l| {
            let l = tree.list(l).unwrap();
            (l.ordered, l.start, l.marker, l.tight)
        })
        .collect();
    assert_eq!(
        info,
        [
            // The blank line between the two inner lists makes the outer list loose.
            (false, 1, b'-', false),
            (true, 1, b'.', true),
            (true, 3, b')', true),
            (false, 1, b'*', true),
            (true, 10, b'.', true),
        ]
    );
    let markers: Vec<&str> = tree
        .of_kind(Kind::Item)
        .iter()
        .map(|&i| doc.slice(tree.item(i).unwrap().marker))
        .collect();
    assert_eq!(markers, ["-", "-", "1.", "2.", "3)", "*", "10."]);
    let inner = lists[1];
    assert_eq!(tree.items(inner).count(), 2);
    assert_eq!(tree.depth_in(inner, Kind::List), 2);
    assert_eq!(tree.parent(tree.parent(inner).unwrap()), Some(lists[0]));
    let loose = parse("- a\n\n- b\n");
    let l = loose.tree.of_kind(Kind::List)[0];
    assert!(!loose.tree.list(l).unwrap().tight);
}

#[test]
fn code_blocks_fenced_and_indented() {
    let text = "```ruby title=x\nputs 1\n```\n\n~~~~\nplain\n~~~~\n\n    indented\n    code\n";
    let doc = parse(text);
    let blocks = doc.tree.code_blocks();
    assert_eq!(blocks.len(), 3);
    let a = &blocks[0];
    assert!(a.fenced && a.closed);
    assert_eq!((a.fence_char, a.fence_len), (b'`', 3));
    assert_eq!(doc.slice(a.info.unwrap()), "ruby title=x");
    assert_eq!(doc.slice(a.content), "puts 1\n");
    let b = &blocks[1];
    assert_eq!((b.fence_char, b.fence_len, b.info), (b'~', 4, None));
    assert_eq!(doc.slice(b.content), "plain\n");
    let c = &blocks[2];
    assert!(!c.fenced);
    assert_eq!(doc.slice(c.content), "indented\n    code");
    // The innermost code block around a byte of `puts`.
    let at = text.find("puts").unwrap();
    assert_eq!(doc.tree.innermost(at, Kind::CodeBlock), Some(a.node));
    assert_eq!(doc.tree.innermost(0, Kind::Paragraph), None);
}

#[test]
fn tables_keep_alignment_and_written_cells() {
    let text =
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| x \\| y | `z` | w |\n";
    let doc = parse(text);
    let table = &doc.tree.tables()[0];
    assert_eq!(
        table.alignments,
        [Alignment::Left, Alignment::Center, Alignment::Right]
    );
    assert_eq!(doc.slice(table.delimiter_row), "|:--|:-:|--:|");
    let counts: Vec<usize> = table.rows.iter().map(|r| r.cells.len()).collect();
    assert_eq!(counts, [3, 2, 4, 3]);
    assert!(table.rows[0].header && !table.rows[1].header);
    let cells: Vec<&str> = table.rows[3].cells.iter().map(|c| doc.slice(*c)).collect();
    assert_eq!(cells, ["x \\| y", "`z`", "w"]);
    let no_pipes = parse("a | b\n--|--\n1 | 2\n");
    let t = &no_pipes.tree.tables()[0];
    let cells: Vec<&str> = t.rows[1].cells.iter().map(|c| no_pipes.slice(*c)).collect();
    assert_eq!(cells, ["1", "2"]);
}

#[test]
fn headings_atx_setext_and_closing_hashes() {
    let text = "# One #\n\n## Two\n\nThree\n=====\n\n### Four ### {: #four}\n\n#### C#\n";
    let doc = parse(text);
    let info: Vec<_> = doc
        .tree
        .headings()
        .iter()
        .map(|h| (h.level, h.setext, h.closing.map(|c| doc.slice(c))))
        .collect();
    assert_eq!(
        info,
        [
            (1, false, Some("#")),
            (2, false, None),
            (1, true, None),
            (3, false, Some("###")),
            (4, false, None),
        ]
    );
    let four = &doc.headings[3];
    assert_eq!(four.text, "Four");
    let attr = &doc.attr_lists[four.attr_list.unwrap()];
    assert_eq!(doc.slice(attr.span), "{: #four}");
    assert_eq!(doc.tree.heading(four.node).unwrap().level, 3);
}

#[test]
fn line_contexts_and_nesting() {
    let text = "---\ntitle: x\n---\n# H\n\n```\ncode\n```\n\n<div>\nhi\n</div>\n\n{% raw %}\n{{ a }}\n{% endraw %}\n\n| a |\n|---|\n| 1 |\n\n> q\n> > - deep\n\n    ind\n";
    let doc = parse(text);
    let table = doc.line_table();
    let ctx = |n: usize| table.get(n).unwrap().context;
    assert_eq!(ctx(1), LineContext::FrontMatter);
    assert_eq!(ctx(3), LineContext::FrontMatter);
    assert_eq!(ctx(4), LineContext::Body);
    assert_eq!(ctx(6), LineContext::FencedCode);
    assert_eq!(ctx(7), LineContext::FencedCode);
    assert_eq!(ctx(8), LineContext::FencedCode);
    assert_eq!(ctx(10), LineContext::HtmlBlock);
    assert_eq!(ctx(11), LineContext::HtmlBlock);
    assert_eq!(ctx(15), LineContext::LiquidRaw);
    assert_eq!(ctx(18), LineContext::Table);
    assert_eq!(ctx(19), LineContext::Table);
    assert_eq!(ctx(20), LineContext::Table);
    let q = table.get(22).unwrap();
    assert_eq!((q.quote_depth, q.list_depth), (1, 0));
    let deep = table.get(23).unwrap();
    assert_eq!((deep.quote_depth, deep.list_depth), (2, 1));
    assert_eq!(ctx(25), LineContext::IndentedCode);
    assert!(table.get(5).unwrap().blank);
    assert_eq!(table.get(25).unwrap().indent, 4);
    assert_eq!(table.len(), doc.lines.line_count());
}

#[test]
fn ancestors_and_enclosing() {
    let text = "> - a *b `c`*\n";
    let doc = parse(text);
    let tree = &doc.tree;
    check_nesting(tree);
    let at = text.find('c').unwrap();
    let code = tree.enclosing(at);
    assert_eq!(tree.kind(code), Kind::CodeSpan);
    let kinds: Vec<Kind> = tree.ancestors(code).map(|n| tree.kind(n)).collect();
    assert_eq!(
        kinds,
        [
            Kind::Emphasis,
            Kind::Paragraph,
            Kind::Item,
            Kind::List,
            Kind::BlockQuote,
            Kind::Document
        ]
    );
    let quote = tree.innermost(at, Kind::BlockQuote).unwrap();
    assert_eq!(tree.children(quote).count(), 1);
    assert_eq!(
        texts(&doc, tree.of_kind(Kind::Emphasis).iter().copied()),
        ["*b `c`*"]
    );
    assert_eq!(tree.of_kind_in(Kind::CodeSpan, Span::new(0, at)).len(), 1);
    assert!(doc.in_verbatim(Span::new(at, at + 1)));
    assert!(!doc.in_verbatim(Span::new(at - 3, at + 1)));
}

#[test]
fn crlf_and_multibyte_text_keep_spans_exact() {
    let text = "# Ünï ##\r\n\r\n- çà `日本`\r\n- é\r\n\r\n```rb\r\nx  \r\n```\r\n";
    let doc = parse(text);
    let tree = &doc.tree;
    check_nesting(tree);
    assert_eq!(
        texts(&doc, tree.of_kind(Kind::CodeSpan).iter().copied()),
        ["`日本`"]
    );
    let markers: Vec<&str> = tree
        .of_kind(Kind::Item)
        .iter()
        .map(|&i| doc.slice(tree.item(i).unwrap().marker))
        .collect();
    assert_eq!(markers, ["-", "-"]);
    let h = &tree.headings()[0];
    assert_eq!(doc.slice(h.closing.unwrap()), "##");
    let code = &tree.code_blocks()[0];
    assert_eq!(doc.slice(code.info.unwrap()), "rb");
    assert_eq!(doc.slice(code.content), "x  \r\n");
    let lines = doc.line_table();
    assert_eq!(doc.slice(lines.get(3).unwrap().span), "- çà `日本`");
    assert_eq!(lines.get(7).unwrap().context, LineContext::FencedCode);
    assert_eq!(doc.slice(lines.get(7).unwrap().span), "x  ");
}

#[test]
fn kramdown_extensions_are_paired() {
    let text = "{::comment}\nhidden\n{:/comment}\n\n{::options parse_block_html=\"true\" /}\n\n{::nomarkdown}<b>x</b>{:/}\n";
    let doc = parse(text);
    let got: Vec<(&str, Option<&str>)> = doc
        .extensions
        .iter()
        .map(|e| (e.name.as_str(), e.body.map(|b| doc.slice(b))))
        .collect();
    assert_eq!(
        got,
        [
            ("comment", Some("\nhidden\n")),
            ("options", None),
            ("nomarkdown", Some("<b>x</b>"))
        ]
    );
    assert_eq!(
        doc.slice(doc.extensions[1].span()),
        "{::options parse_block_html=\"true\" /}"
    );
}
