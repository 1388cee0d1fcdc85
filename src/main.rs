use std::process::ExitCode;

/// mimalloc: a check allocates and frees many small blocks on every thread (comrak's nodes,
/// the page model), and glibc's malloc took about a sixth of the CPU. `.cargo/config.toml`
/// builds it to commit arena memory only as it is used, so that peak memory stays near
/// glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    handbook_lint::run(std::env::args_os())
}
