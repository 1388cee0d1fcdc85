//! Liquid, which Jekyll renders before kramdown reads the page.

mod unbalanced_liquid_block;

pub use unbalanced_liquid_block::UnbalancedLiquidBlock;
