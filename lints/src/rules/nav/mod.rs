//! The site as just-the-docs and Jekyll publish it: its navigation, its configuration and
//! its callouts, read from every page's front matter and `_config.yml`.

mod ambiguous_nav_parent;
mod duplicate_config_key;
mod duplicate_nav_order;
mod duplicate_permalink;
mod grand_parent_mismatch;
mod missing_has_children;
mod nav_cycle;
mod nav_order_type;
mod nav_title_missing;
mod orphan_page;
mod undefined_callout;
mod unknown_nav_parent;

pub use ambiguous_nav_parent::AmbiguousNavParent;
pub use duplicate_config_key::DuplicateConfigKey;
pub use duplicate_nav_order::DuplicateNavOrder;
pub use duplicate_permalink::DuplicatePermalink;
pub use grand_parent_mismatch::GrandParentMismatch;
pub use missing_has_children::MissingHasChildren;
pub use nav_cycle::NavCycle;
pub use nav_order_type::NavOrderType;
pub use nav_title_missing::NavTitleMissing;
pub use orphan_page::OrphanPage;
pub use undefined_callout::UndefinedCallout;
pub use unknown_nav_parent::UnknownNavParent;
