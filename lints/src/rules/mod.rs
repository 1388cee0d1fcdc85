//! One file per lint, in family folders (`links/`, `external/`, …; see
//! [`crate::declare::Group`]). The registry in `crate::registry` lists them in code order.

pub mod blocks;
pub mod code;
pub mod external;
pub mod front_matter;
pub mod headings;
pub mod inline;
pub mod kramdown;
pub mod links;
pub mod liquid;
pub mod lists;
pub mod nav;
pub mod tables;
pub mod tool;
pub mod whitespace;

pub use blocks::*;
pub use code::*;
pub use external::*;
pub use front_matter::*;
pub use headings::*;
pub use inline::*;
pub use kramdown::*;
pub use links::*;
pub use liquid::*;
pub use lists::*;
pub use nav::*;
pub use tables::*;
pub use tool::*;
pub use whitespace::*;
