//! The tool's own comments, and what the tool could not check.

mod suppression_fixes;
mod unparsed_block;
mod unused_suppression;

pub use unparsed_block::UnparsedBlock;
pub(crate) use unused_suppression::unknown_words;
pub use unused_suppression::UnusedSuppression;
