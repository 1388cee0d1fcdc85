use std::process::ExitCode;

fn main() -> ExitCode {
    handbook_lint::run(std::env::args_os())
}
