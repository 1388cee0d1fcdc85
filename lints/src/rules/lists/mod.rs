//! Lists: markers, numbering, indentation.

mod inconsistent_list_marker;

pub use inconsistent_list_marker::InconsistentListMarker;
