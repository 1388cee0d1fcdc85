//! Per-lint options: what a lint declares it accepts, and the values a run gives it.
//!
//! The tool reads them from its configuration file; the core only sees plain values.

use crate::lint::LintMeta;

/// An option a lint accepts, with its default. The kind of value follows from the default.
#[derive(Debug)]
pub struct OptionMeta {
    /// Kebab-case, as written in the configuration file.
    pub name: &'static str,
    pub default: OptionDefault,
    /// One sentence for the configuration schema.
    pub doc: &'static str,
}

/// The default value of an option, which also gives its kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptionDefault {
    Bool(bool),
    Integer(i64),
    String(&'static str),
    StringList(&'static [&'static str]),
}

impl OptionDefault {
    pub fn to_value(self) -> OptionValue {
        match self {
            OptionDefault::Bool(b) => OptionValue::Bool(b),
            OptionDefault::Integer(i) => OptionValue::Integer(i),
            OptionDefault::String(s) => OptionValue::String(s.to_string()),
            OptionDefault::StringList(l) => {
                OptionValue::StringList(l.iter().map(|s| s.to_string()).collect())
            }
        }
    }
}

/// A value given to an option.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    Bool(bool),
    Integer(i64),
    String(String),
    StringList(Vec<String>),
}

/// The option values of every lint for one file. An option not set here has its default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LintOptions {
    /// (lint code, option name, value).
    values: Vec<(&'static str, &'static str, OptionValue)>,
}

impl LintOptions {
    /// Set `lint`'s option `name`; the name must be one the lint declares.
    pub fn set(&mut self, lint: &'static LintMeta, name: &str, value: OptionValue) {
        let Some(meta) = lint.options.iter().find(|o| o.name == name) else {
            return;
        };
        self.values
            .retain(|(code, n, _)| !(*code == lint.code && *n == meta.name));
        self.values.push((lint.code, meta.name, value));
    }

    /// The value of `lint`'s option `name`, or its default.
    pub fn get(&self, lint: &LintMeta, name: &str) -> Option<OptionValue> {
        self.values
            .iter()
            .find(|(code, n, _)| *code == lint.code && *n == name)
            .map(|(_, _, v)| v.clone())
            .or_else(|| {
                lint.options
                    .iter()
                    .find(|o| o.name == name)
                    .map(|o| o.default.to_value())
            })
    }

    /// The value of a list option, or its default (empty when `name` is not a list option).
    pub fn string_list(&self, lint: &LintMeta, name: &str) -> Vec<String> {
        match self.get(lint, name) {
            Some(OptionValue::StringList(list)) => list,
            _ => Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
