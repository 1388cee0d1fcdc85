//! kramdown syntax: attribute lists and extensions.

mod malformed_attribute_list;

pub use malformed_attribute_list::MalformedAttributeList;
