//! The fuzzer's command line.

use std::path::PathBuf;

/// What the command line asks for.
pub struct Options {
    pub seed: u64,
    pub seconds: u64,
    pub batch: usize,
    pub bin: PathBuf,
    pub out: PathBuf,
    pub skip: Vec<String>,
}

/// The options of this process's command line, the defaults for those not given.
pub fn parse_args() -> Result<Options, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut opts = Options {
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        seconds: 60,
        batch: 24,
        bin: exe.with_file_name("handbook-lint"),
        out: PathBuf::from("target/fuzz-failures"),
        skip: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--seed" => opts.seed = value()?.parse().map_err(|_| "bad --seed")?,
            "--seconds" => opts.seconds = value()?.parse().map_err(|_| "bad --seconds")?,
            "--batch" => opts.batch = value()?.parse().map_err(|_| "bad --batch")?,
            "--bin" => opts.bin = PathBuf::from(value()?),
            "--out" => opts.out = PathBuf::from(value()?),
            "--skip" => opts.skip = value()?.split(',').map(String::from).collect(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(opts)
}

/// Whether `check` is one of the checks `--skip` turns off.
pub fn skipped(opts: &Options, check: &str) -> bool {
    opts.skip.iter().any(|s| s == check)
}
