//! kramdown syntax: attribute lists and extensions.

mod malformed_attribute_list;
mod misplaced_toc_marker;
mod unclosed_kramdown_extension;
mod unknown_kramdown_extension;

pub use malformed_attribute_list::MalformedAttributeList;
pub use misplaced_toc_marker::MisplacedTocMarker;
pub use unclosed_kramdown_extension::UnclosedKramdownExtension;
pub use unknown_kramdown_extension::UnknownKramdownExtension;
