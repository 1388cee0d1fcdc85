//! Whitespace: trailing blanks, tabs, blank lines.

mod hard_tab;
mod long_line;
mod missing_final_newline;
mod multiple_blank_lines;
mod trailing_whitespace;

pub use hard_tab::HardTab;
pub use long_line::LongLine;
pub use missing_final_newline::MissingFinalNewline;
pub use multiple_blank_lines::MultipleBlankLines;
pub use trailing_whitespace::TrailingWhitespace;
