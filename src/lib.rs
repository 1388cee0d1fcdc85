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

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t`, `mimalloc.h` of the
/// version `Cargo.lock` names; `tests/allocator.rs` checks it against the built library).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

extern "C" {
    // The mimalloc library linked in by the `mimalloc` crate.
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Have mimalloc give memory it no longer uses back to the system after 10 ms (mimalloc 2's
/// delay), not after a second (mimalloc 3's): a run frees every page's parse as it goes,
/// and what it freed between the facts it keeps for the site pass was otherwise held to the
/// end: on a site of 20,000 pages, 44 MB at the peak, 40 MB so; 38 MB with no delay, which
/// cost 2% more CPU time. Not when `MIMALLOC_PURGE_DELAY` chose another delay.
pub fn purge_freed_memory_soon() {
    // SAFETY: mimalloc's options may be read and set at any time, from any thread.
    unsafe {
        if mi_option_get(MI_OPTION_PURGE_DELAY) == 1000 {
            mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        }
    }
}

/// mimalloc's purge delay now (for `tests/allocator.rs`).
#[doc(hidden)]
pub fn purge_delay() -> std::ffi::c_long {
    // SAFETY: as in `purge_freed_memory_soon`.
    unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }
}
