//! The handbook-lint tool: command line, file discovery, the parallel runner and reporters.
//! All linting logic lives in the `handbook-lints` crate.

pub mod builder;
pub mod changed;
pub mod cli;
pub mod codec;
pub mod config;
pub mod discover;
pub mod fix_writer;
pub mod links;
pub mod read;
pub mod report;
pub mod runner;
pub mod text;

pub use cli::run;

/// mimalloc, for every program built on the tool (the CLI, the bench, the tests): a check
/// allocates and frees many small blocks on every thread (comrak's nodes, the page model),
/// and glibc's malloc took about a sixth of the CPU. `.cargo/config.toml` builds it to
/// commit arena memory only as it is used, so that peak memory stays near glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
