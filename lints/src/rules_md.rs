//! The first markdownlint-equivalent rules, written on the page tree. Not registered yet
//! (registering them changes the default output); the integrator adds them to the registry
//! as off by default and moves these declarations into `rules/`.

#[path = "rules/lists/inconsistent_list_marker.rs"]
pub mod inconsistent_list_marker;
#[path = "rules/tables/table_column_mismatch.rs"]
pub mod table_column_mismatch;
#[path = "rules/whitespace/trailing_whitespace.rs"]
pub mod trailing_whitespace;

pub use inconsistent_list_marker::InconsistentListMarker;
pub use table_column_mismatch::TableColumnMismatch;
pub use trailing_whitespace::TrailingWhitespace;
