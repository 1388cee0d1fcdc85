//! Whitespace: trailing blanks, tabs, blank lines.

mod trailing_whitespace;

pub use trailing_whitespace::TrailingWhitespace;
