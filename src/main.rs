use std::process::ExitCode;

fn main() -> ExitCode {
    handbook_lint::purge_freed_memory_soon();
    handbook_lint::run(std::env::args_os())
}
