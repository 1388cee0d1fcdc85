//! Code: fenced and indented code blocks, their fences, languages and blank lines.

mod dollar_before_command;
mod fence_without_blank_lines;
mod fence_without_language;
mod inconsistent_code_block_style;
mod inconsistent_fence_style;

pub use dollar_before_command::DollarBeforeCommand;
pub use fence_without_blank_lines::FenceWithoutBlankLines;
pub use fence_without_language::FenceWithoutLanguage;
pub use inconsistent_code_block_style::InconsistentCodeBlockStyle;
pub use inconsistent_fence_style::InconsistentFenceStyle;
