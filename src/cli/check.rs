//! `check`: lint the files and folders, report, and decide the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;

use handbook_lints::Applicability;

use super::finish::finish;
use super::{config_errors, usage_error, use_color, CheckArgs, LinkArgs};
use crate::changed::Changes;
use crate::config::{CliOptions, Resolver};
use crate::discover::discover_with;
use crate::runner::{ExternalCheck, Mode};

impl LinkArgs {
    /// The checker's settings from the configuration file's `[links]` and the command line
    /// (which wins), and whether to stay offline; or why they are invalid.
    fn settings(
        &self,
        file: crate::config::LinksConfig,
    ) -> Result<(crate::links::Settings, bool), String> {
        let mut s = crate::links::Settings::default();
        let offline = !self.online && (self.offline || file.offline.unwrap_or(false));
        if let Some(t) = self.timeout.or(file.timeout) {
            if !(t > 0.0 && t <= 3600.0) {
                return Err(format!("timeout {t}: give seconds between 0 and 3600"));
            }
            s.timeout = std::time::Duration::from_secs_f64(t);
        }
        if let Some(n) = self.max_concurrency.or(file.max_concurrency) {
            s.max_concurrency = n.max(1);
        }
        if let Some(n) = self.host_concurrency.or(file.host_concurrency) {
            s.host_concurrency = n.max(1);
        }
        for pattern in file.exclude.iter().chain(&self.exclude_url) {
            s.exclude.push(
                regex::Regex::new(pattern)
                    .map_err(|e| format!("link exclude `{pattern}` is not a valid regex: {e}"))?,
            );
        }
        for code in &self.accept {
            if !(100..=999).contains(code) {
                return Err(format!("--accept {code}: not an HTTP status code"));
            }
        }
        s.accept = file.accept.iter().chain(&self.accept).copied().collect();
        s.headers = crate::links::header_maps(&file.headers)?;
        if self.no_cache || file.cache == Some(false) {
            s.cache = None;
        } else if let Some((path, age)) = &mut s.cache {
            if let Some(p) = self
                .cache_path
                .clone()
                .or(file.cache_path.map(PathBuf::from))
            {
                *path = p;
            }
            if let Some(a) = self.cache_max_age.as_ref().or(file.cache_max_age.as_ref()) {
                *age = crate::links::parse_age(a).ok_or_else(|| {
                    format!("cache max age `{a}`: write it like `30m`, `12h` or `1d`")
                })?;
            }
        }
        s.policy.allow_loopback = self.allow_loopback;
        s.progress = std::io::stderr().is_terminal();
        Ok((s, offline))
    }
}

pub(super) fn check(mut args: CheckArgs) -> u8 {
    let mut config = match Resolver::new(&CliOptions {
        config: args.config.clone(),
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    }) {
        Ok(config) => config,
        Err(errors) => return config_errors(errors),
    };
    let allowed = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mode = if args.fix {
        Mode::Fix { allowed }
    } else if args.diff {
        Mode::Diff { allowed }
    } else {
        Mode::Check
    };
    if let Some(name) = args.stdin_filename.take() {
        let dir = name
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        let site = match crate::discover::Site::find_with(dir, &|root| config.site_overrides(root))
        {
            Ok(site) => site,
            Err(e) => return usage_error(&e),
        };
        let rules = config.rules(&name, Some(&site));
        return match config.take_errors() {
            errors if errors.is_empty() => {
                super::stdin::check_stdin(&args, &name, site, rules, mode)
            }
            errors => config_errors(errors),
        };
    }
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    let changes = match &args.changed_since {
        Some(rev) => match Changes::since(rev, &args.paths) {
            Ok(changes) => Some(changes),
            Err(e) => return usage_error(&e),
        },
        None => None,
    };
    let found = discover_with(&args.paths, &|root| config.site_overrides(root));
    // Each file's configuration.
    let mut found_files = found.files;
    let named: &[PathBuf] = if args.force_exclude {
        crate::discover::drop_excluded(&mut found_files);
        &[]
    } else {
        &args.paths
    };
    let (files, rules) = config.apply(found_files, named);
    let errors = config.take_errors();
    if !errors.is_empty() {
        return config_errors(errors);
    }
    for w in config.take_warnings() {
        eprintln!("warning: {w}");
    }
    let (link_settings, offline) = match args.links.settings(config.links(&args.paths)) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let online = !offline && rules.iter().any(|r| r.checks_external_links());
    let external = if online {
        ExternalCheck::Online(&link_settings)
    } else {
        ExternalCheck::Off
    };
    if files.len() == 1 && std::env::var_os("RAYON_NUM_THREADS").is_none() {
        // One file (a hook on one changed page): nothing to share, and starting the pool's
        // threads is a large part of the run. The pool is this thread alone.
        let one = rayon::ThreadPoolBuilder::new().num_threads(1);
        let _ = one.use_current_thread().build_global();
    }
    // With `--changed-since`, each report keeps only the findings on changed lines.
    let filter = |file: &crate::discover::SourceFile, report: &mut crate::runner::FileReport| {
        if let Some(changes) = &changes {
            changes.filter(file, report);
        }
    };
    let (reports, notes) = crate::runner::run(
        &files,
        &rules,
        mode,
        external,
        args.format().keeps(),
        &filter,
    );
    for note in notes {
        eprintln!("note: {note}");
    }
    let mut errors = found.errors;
    if let Some(path) = &args.output_file {
        // The report goes to the file; the terminal still gets errors and the summary.
        let file = match std::fs::File::create(path) {
            Ok(file) => file,
            Err(e) => {
                return usage_error(&format!("{}: cannot write the report: {e}", path.display()))
            }
        };
        let mut out = std::io::BufWriter::new(file);
        return finish(&args, mode, &reports, &mut errors, false, &mut out);
    }
    let stdout = std::io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let status = finish(&args, mode, &reports, &mut errors, color, &mut out);
    drop(out);
    // The process ends right after: freeing every file's configuration one by one would only
    // keep it waiting.
    std::mem::forget((files, rules));
    drop(reports);
    status
}
