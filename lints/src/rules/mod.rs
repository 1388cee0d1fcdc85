//! One file per lint. The registry in `crate::registry` lists them in code order.

mod backslash_link_path;
mod invalid_front_matter;
mod malformed_attribute_list;
mod missing_front_matter;

pub use backslash_link_path::BackslashLinkPath;
pub use invalid_front_matter::InvalidFrontMatter;
pub use malformed_attribute_list::MalformedAttributeList;
pub use missing_front_matter::MissingFrontMatter;
