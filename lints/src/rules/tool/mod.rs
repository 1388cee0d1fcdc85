//! The tool's own comments.

mod suppression_fixes;
mod unused_suppression;

pub(crate) use unused_suppression::unknown_words;
pub use unused_suppression::UnusedSuppression;
