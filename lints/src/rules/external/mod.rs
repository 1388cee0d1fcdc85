//! Links to other sites, checked online.

mod broken_external_link;
mod insecure_link;
mod redirected_link;
mod unverifiable_link;

pub use broken_external_link::BrokenExternalLink;
pub use insecure_link::InsecureLink;
pub use redirected_link::RedirectedLink;
pub use unverifiable_link::UnverifiableLink;
