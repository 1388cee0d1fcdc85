//! Liquid, which Jekyll renders before kramdown reads the page.

mod liquid_in_code_block;
mod missing_include;
mod unbalanced_liquid_block;
mod unknown_liquid_tag;

pub use liquid_in_code_block::LiquidInCodeBlock;
pub use missing_include::MissingInclude;
pub use unbalanced_liquid_block::UnbalancedLiquidBlock;
pub use unknown_liquid_tag::UnknownLiquidTag;

use crate::document::FrontMatter;
use crate::front_matter::YamlValue;
use crate::lint::Context;

/// Whether Jekyll renders the Liquid of this file: it is a page, it has front matter (a file
/// without is copied as it is) and its front matter does not set `render_with_liquid: false`.
pub(crate) fn renders_liquid(cx: &Context<'_>) -> bool {
    // The key is looked up last, only for a page that could render.
    let off = || {
        cx.doc
            .front_matter
            .data()
            .and_then(|d| d.get("render_with_liquid"))
            .is_some_and(|v| v.value == YamlValue::Bool(false))
    };
    cx.file.is_page && matches!(cx.doc.front_matter, FrontMatter::Closed { .. }) && !off()
}
