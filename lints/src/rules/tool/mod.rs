//! The tool's own comments.

mod unused_suppression;

pub use unused_suppression::UnusedSuppression;
