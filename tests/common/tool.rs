//! The built `handbook-lint` run as the integration tests run it, and the files they write
//! for it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The built binary, offline (no test touches the internet: external links are checked only
/// in tests/web.rs), without colour and as outside GitHub Actions.
pub fn tool() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook-lint"));
    cmd.env("NO_COLOR", "1")
        .env("HANDBOOK_LINT_OFFLINE", "1")
        .env_remove("GITHUB_ACTIONS");
    cmd
}

/// [`tool`] with `args`, run in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    tool().current_dir(dir).args(args).output().unwrap()
}

/// `check --offline --no-cache --format concise`, then `args`, run in `dir`.
pub fn check_concise(dir: &Path, args: &[&str]) -> Output {
    tool()
        .current_dir(dir)
        .args(["check", "--offline", "--no-cache", "--format", "concise"])
        .args(args)
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Write `bytes` to `rel` under `root`, creating the folders it needs.
pub fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// [`tool`] in the checkout's root, where `fixtures/` is.
pub fn tool_in_checkout() -> Command {
    let mut cmd = tool();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Run `cmd` with `input` on its standard input, its output captured.
pub fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}
