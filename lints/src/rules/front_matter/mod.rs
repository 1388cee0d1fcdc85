//! The YAML block at the top of a page.

mod invalid_front_matter;
mod missing_front_matter;

pub use invalid_front_matter::{InvalidFrontMatter, InvalidFrontMatterOptions};
pub use missing_front_matter::MissingFrontMatter;
