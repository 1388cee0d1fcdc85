//! One file per lint. The registry in `crate::registry` lists them in code order.

mod backslash_link_path;
mod broken_external_link;
mod broken_link_fragment;
mod broken_relative_link;
mod insecure_link;
mod invalid_front_matter;
mod invalid_mailto;
mod malformed_attribute_list;
mod missing_front_matter;
mod redirected_link;
pub(crate) mod unused_suppression;
mod unverifiable_link;

pub use backslash_link_path::BackslashLinkPath;
pub use broken_external_link::BrokenExternalLink;
pub use broken_link_fragment::BrokenLinkFragment;
pub use broken_relative_link::BrokenRelativeLink;
pub use insecure_link::InsecureLink;
pub use invalid_front_matter::InvalidFrontMatter;
pub use invalid_mailto::InvalidMailto;
pub use malformed_attribute_list::MalformedAttributeList;
pub use missing_front_matter::MissingFrontMatter;
pub use redirected_link::RedirectedLink;
pub use unused_suppression::UnusedSuppression;
pub use unverifiable_link::UnverifiableLink;
