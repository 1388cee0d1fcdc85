//! The YAML block at the top of a page.

mod duplicate_front_matter_key;
mod front_matter_type;
mod invalid_front_matter;
mod key_types;
mod missing_front_matter;
mod yaml_boolean_trap;

pub use duplicate_front_matter_key::DuplicateFrontMatterKey;
pub use front_matter_type::FrontMatterType;
pub use invalid_front_matter::{InvalidFrontMatter, InvalidFrontMatterOptions};
pub use missing_front_matter::MissingFrontMatter;
pub use yaml_boolean_trap::YamlBooleanTrap;
