//! The handbook-lint tool: command line, file discovery, the parallel runner and reporters.
//! All linting logic lives in the `handbook-lints` crate.

pub mod builder;
pub mod changed;
pub mod cli;
pub mod config;
pub mod discover;
pub mod fix_writer;
pub mod links;
pub mod read;
pub mod report;
pub mod runner;

pub use cli::run;
