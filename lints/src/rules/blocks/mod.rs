//! Blocks: block quotes and thematic breaks.

mod blank_line_in_quote;
mod inconsistent_thematic_break;
mod multiple_spaces_after_quote_marker;

pub use blank_line_in_quote::BlankLineInQuote;
pub use inconsistent_thematic_break::InconsistentThematicBreak;
pub use multiple_spaces_after_quote_marker::MultipleSpacesAfterQuoteMarker;
