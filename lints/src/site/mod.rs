//! The Jekyll site as handbook-lint models it.
//!
//! - `config`: `_config.yml`, read once by [`SiteConfig::parse`];
//! - `pages`: which files are pages ([`is_page`]) and need front matter;
//! - `publish`: what Jekyll publishes for each file ([`SiteConfig::publish`],
//!   [`SiteConfig::static_url`]): pages, posts, documents, static files, front matter
//!   `defaults`, and the plugins of the builder that move or create URLs;
//! - `permalink`: permalink styles and placeholders, post dates, `slugify`;
//! - `facts`, `links`: what one page gives the site-wide pass ([`PageFacts`]), built from its
//!   [`Document`](crate::Document); `own`: the part only its own site lints read
//!   ([`OwnFacts`]), which a run may park as bytes until then;
//! - `index`: every URL and file of the site, and how a link resolves ([`SiteIndex`],
//!   [`Target`]); `table`: those files and URLs, one record each, found by path or URL;
//!   `nearest`: the page a broken link likely meant;
//! - `nav`, `nav_index`: the just-the-docs navigation ([`NavFacts`], [`NavIndex`]);
//! - `liquid`: the tags and includes pages use and the site provides ([`SiteLiquid`]);
//! - `theme_includes`: the includes each just-the-docs release ships;
//! - `eval`: Liquid outputs in link destinations, `mailto:` addresses and headings,
//!   evaluated where their value is known;
//! - `paths`: path and URL strings (`..` resolved, `%XX` decoded).
//!
//! The "did you mean" distance it uses for the nearest page is [`crate::suggest`].

mod config;
mod eval;
mod facts;
mod index;
pub(crate) mod kept;
mod links;
mod liquid;
mod nav;
mod nav_index;
mod nearest;
mod own;
mod pages;
mod paths;
mod permalink;
mod publish;
mod resolve;
mod table;
mod theme_includes;

pub use config::{Builder, Collection, Default, SiteConfig, SiteConfigError, Zone};
pub use eval::{eval_destination, eval_text, published_destination, Scope};
pub use facts::PageFacts;
pub use index::{SiteIndex, Target};
pub use links::{FileRef, LinkFact, Links, PageLinks};
pub use liquid::{LiquidFacts, PluginTags, SiteLiquid, TagUse};
pub use nav::{parse_version, NavConfig, NavFacts, NavOrder, NavText};
pub use nav_index::{NavIndex, NavPage, NavSite, Resolved};
pub use own::OwnFacts;
pub use pages::is_page;
pub use paths::{own_path, percent_decode};
pub use publish::Publication;
pub use theme_includes::first_release;
