//! The old path of the site module, kept so that branches written against it still build.
//! New code imports [`crate::site`] and [`crate::suggest`]; the integrator removes this file.

pub use crate::site::{
    liquid_url, percent_decode, Collection, FileRef, LinkFact, PageFacts, SiteConfig, SiteIndex,
    Target,
};
pub use crate::suggest::{distance, distance_within};
