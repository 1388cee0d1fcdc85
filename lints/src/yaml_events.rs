//! saphyr's parser events made into [`YamlNode`]s, plain scalars resolved as Psych resolves
//! them. Aliases stay [`YamlValue::Alias`] (front matter, which Jekyll reads with its own
//! rules for them), or are replaced by a copy of their anchor's node when asked: a YAML
//! configuration file means the value. The copies are counted, so that nested aliases that
//! multiply (the "billion laughs") are an error once the document would hold more than
//! [`MAX_RESOLVED_NODES`] values, never a memory blow-up.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

mod simple;

use crate::span::Span;

/// A YAML value with the byte span it was read from (spans are offsets in the whole file).
#[derive(Clone, Debug, PartialEq)]
pub struct YamlNode {
    pub span: Span,
    pub value: YamlValue,
}

/// YAML values, resolved the way Ruby's Psych (YAML 1.1) resolves plain scalars:
/// `yes`/`no`/`on`/`off` are booleans there.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<YamlNode>),
    Map(Vec<(YamlNode, YamlNode)>),
    /// An alias (`*name`), left unresolved unless `parse_yaml_resolved` reads the text.
    Alias,
}

impl YamlNode {
    /// The value of `key` when this node is a mapping with a string key `key`.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    pub fn entries(&self) -> &[(YamlNode, YamlNode)] {
        match &self.value {
            YamlValue::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            YamlValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The most values a document may hold once its aliases are resolved.
pub const MAX_RESOLVED_NODES: usize = 100_000;

/// Whether aliases are resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aliases {
    Keep,
    Resolve,
}

/// Parse `yaml` as is: the root node with spans relative to `yaml`, or the byte offset and
/// message of the first error.
pub(crate) fn parse_exact(
    yaml: &str,
    aliases: Aliases,
) -> Result<Option<YamlNode>, (usize, String)> {
    match simple::parse(yaml) {
        Some(root) => Ok(Some(root)),
        None => parse_exact_with_parser(yaml, aliases),
    }
}

/// [`parse_exact`] by saphyr's parser alone, whatever the shape of the text.
pub(crate) fn parse_exact_with_parser(
    yaml: &str,
    aliases: Aliases,
) -> Result<Option<YamlNode>, (usize, String)> {
    let offsets = CharOffsets::new(yaml, 0);
    let mut builder = Builder {
        anchors: (aliases == Aliases::Resolve).then(HashMap::new),
        ..Builder::default()
    };
    for event in Parser::new_from_str(yaml) {
        match event {
            Ok((event, span)) => {
                let at = offsets.byte(span.start.index());
                let span = Span::new(at, offsets.byte(span.end.index()));
                if let Err(message) = builder.push(event, span) {
                    return Err((at, message));
                }
            }
            Err(err) => return Err((offsets.byte(err.marker().index()), err.info().to_string())),
        }
    }
    Ok(builder.root)
}
/// Maps saphyr's character indices to byte offsets of the file.
struct CharOffsets {
    base: usize,
    /// Byte offset of every char, only when the text is not ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str, base: usize) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        CharOffsets {
            base,
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        };
        self.base + local
    }
}

/// Builds [`YamlNode`]s from parser events.
#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<YamlNode>,
    /// When aliases are resolved: each anchored node by its id, with how many values it holds.
    anchors: Option<HashMap<usize, (YamlNode, usize)>>,
    /// The values built so far, copies of anchored nodes included.
    count: usize,
    /// The values copied to keep anchored nodes.
    kept: usize,
}

/// A collection being built: where it opened, its anchor (0 for none) and the count of
/// values when it opened.
enum Open {
    Seq(Span, Vec<YamlNode>, usize, usize),
    Map(
        Span,
        Vec<(YamlNode, YamlNode)>,
        Option<YamlNode>,
        usize,
        usize,
    ),
}

impl Builder {
    fn push(&mut self, event: Event<'_>, span: Span) -> Result<(), String> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = if tag.is_some() || style != ScalarStyle::Plain {
                    YamlValue::Str(text.into_owned())
                } else {
                    resolve_plain(&text)
                };
                self.count += 1;
                let node = YamlNode { span, value };
                self.remember(anchor, &node, 1)?;
                self.add(node);
            }
            Event::Alias(id) => {
                let copy = self.anchors.as_ref().map(|a| a.get(&id));
                let node = match copy {
                    None | Some(None) => {
                        self.count += 1;
                        YamlNode {
                            span,
                            value: YamlValue::Alias,
                        }
                    }
                    Some(Some((node, size))) => {
                        if self.count + size > MAX_RESOLVED_NODES {
                            return Err(format!(
                                "aliases expand to more than {MAX_RESOLVED_NODES} values"
                            ));
                        }
                        self.count += size;
                        YamlNode {
                            span,
                            value: node.value.clone(),
                        }
                    }
                };
                self.add(node);
            }
            Event::SequenceStart(anchor, _) => {
                self.count += 1;
                self.stack
                    .push(Open::Seq(span, Vec::new(), anchor, self.count));
            }
            Event::MappingStart(anchor, _) => {
                self.count += 1;
                self.stack
                    .push(Open::Map(span, Vec::new(), None, anchor, self.count));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor, opened) = match self.stack.pop() {
                    Some(Open::Seq(start, items, anchor, opened)) => (
                        YamlNode {
                            span: Span::new(start.start, span.end.max(start.start)),
                            value: YamlValue::Seq(items),
                        },
                        anchor,
                        opened,
                    ),
                    Some(Open::Map(start, entries, _, anchor, opened)) => (
                        YamlNode {
                            span: Span::new(start.start, span.end.max(start.start)),
                            value: YamlValue::Map(entries),
                        },
                        anchor,
                        opened,
                    ),
                    None => return Ok(()),
                };
                self.remember(anchor, &node, self.count + 1 - opened)?;
                self.add(node);
            }
            _ => {}
        }
        Ok(())
    }

    /// Keep a copy of `node` (`size` values) under its anchor, when aliases are resolved.
    /// Anchors nested in anchors copy the inner values again: that work is bounded too.
    fn remember(&mut self, anchor: usize, node: &YamlNode, size: usize) -> Result<(), String> {
        let Some(anchors) = self.anchors.as_mut().filter(|_| anchor > 0) else {
            return Ok(());
        };
        self.kept += size;
        if self.kept > 4 * MAX_RESOLVED_NODES {
            return Err(format!(
                "anchors hold more than {} values",
                4 * MAX_RESOLVED_NODES
            ));
        }
        anchors.insert(anchor, (node.clone(), size));
        Ok(())
    }

    fn add(&mut self, node: YamlNode) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(_, items, ..)) => items.push(node),
            Some(Open::Map(_, entries, key, ..)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

/// Resolve a plain scalar as Psych does.
fn resolve_plain(s: &str) -> YamlValue {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return YamlValue::Null,
        _ => {}
    }
    match s.to_ascii_lowercase().as_str() {
        "yes" | "true" | "on" => return YamlValue::Bool(true),
        "no" | "false" | "off" => return YamlValue::Bool(false),
        _ => {}
    }
    let digits = s.replace('_', "");
    if let Ok(i) = digits.parse::<i64>() {
        if s.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
        {
            return YamlValue::Int(i);
        }
    }
    if s.bytes().any(|b| b.is_ascii_digit()) && !s.contains(char::is_whitespace) {
        if let Ok(f) = digits.parse::<f64>() {
            if f.is_finite() {
                return YamlValue::Float(f);
            }
        }
    }
    YamlValue::Str(s.to_string())
}
