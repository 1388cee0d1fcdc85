//! Links between pages and to anchors, checked offline.

mod backslash_link_path;
mod broken_link_fragment;
mod broken_relative_link;
mod hardcoded_site_url;
mod invalid_mailto;
mod missing_baseurl;

pub use backslash_link_path::BackslashLinkPath;
pub use broken_link_fragment::BrokenLinkFragment;
pub use broken_relative_link::BrokenRelativeLink;
pub use hardcoded_site_url::HardcodedSiteUrl;
pub use invalid_mailto::InvalidMailto;
pub use missing_baseurl::MissingBaseurl;
