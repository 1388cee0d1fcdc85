//! Walking a folder: every file of the site it holds (for the site index) and its Markdown
//! files (to lint), read on every core.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::{
    absolute, is_markdown, skipped_dir, slash_path, special_kind, Discovery, FileList, Site,
    SourceFile,
};

/// A walk of `dir` that skips what Jekyll never reads and what the site excludes.
pub(super) fn site_walker(dir: &Path, site: &Site) -> ignore::WalkBuilder {
    let root = site.root.clone();
    let exclude = site.exclude.clone();
    // The walk's entries are `dir` joined with plain names: their absolute paths are the
    // absolute `dir`'s, made once, with the same names (`absolute` per entry joined,
    // normalised and copied each whole path again).
    let (walk_root, base) = (dir.to_path_buf(), absolute(dir));
    let mut builder = ignore::WalkBuilder::new(dir);
    // Names with a leading `.` are walked only when `include` names them.
    builder
        .require_git(false)
        .git_global(global_gitignore_possible())
        .hidden(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let name = entry.file_name().to_string_lossy();
            let parent = entry
                .path()
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str());
            if is_dir && entry.depth() > 0 && skipped_dir(parent, &name) {
                return false;
            }
            if entry.depth() == 0 {
                return true;
            }
            let abs = match entry.path().strip_prefix(&walk_root) {
                Ok(names) => base.join(names),
                Err(_) => absolute(entry.path()),
            };
            // The tests' debug builds hold it to what `absolute` gives.
            debug_assert_eq!(abs, absolute(entry.path()));
            let rel = slash_path(abs.strip_prefix(&root).unwrap_or(entry.path()));
            if name.starts_with('.') && !exclude.includes(&rel) {
                return false;
            }
            !exclude.excludes(&rel)
        });
    builder
}

/// Whether the user may have a global gitignore file, which a walk honours as git does.
/// `ignore` looks for one by compiling a pattern over git's configuration files, a third of
/// the instructions of a one-page check; when none of those files mentions `excludesFile` and
/// git's default file is missing, there is none to honour, and the walk is told so.
fn global_gitignore_possible() -> bool {
    static POSSIBLE: OnceLock<bool> = OnceLock::new();
    #[allow(deprecated)] // `ignore` finds the home folder with it too.
    let home = std::env::home_dir;
    *POSSIBLE.get_or_init(|| global_gitignore_in(|name| std::env::var_os(name), home()))
}

/// [`global_gitignore_possible`] with the environment read by `var` and the home folder
/// `home`: the files `ignore` reads (`GIT_CONFIG_GLOBAL`, `~/.gitconfig`, git's XDG
/// `config`, `GIT_CONFIG_SYSTEM` or `/etc/gitconfig`) and git's default `ignore` file.
pub(super) fn global_gitignore_in(
    var: impl Fn(&str) -> Option<OsString>,
    home: Option<PathBuf>,
) -> bool {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let xdg = set("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")));
    let configs = [
        set("GIT_CONFIG_GLOBAL"),
        home.as_ref().map(|h| h.join(".gitconfig")),
        xdg.as_ref().map(|x| x.join("git/config")),
        Some(set("GIT_CONFIG_SYSTEM").unwrap_or_else(|| PathBuf::from("/etc/gitconfig"))),
    ];
    let names_one = |path: &PathBuf| {
        std::fs::read(path).is_ok_and(|bytes| {
            bytes
                .to_ascii_lowercase()
                .windows(b"excludesfile".len())
                .any(|w| w == b"excludesfile")
        })
    };
    configs.iter().flatten().any(names_one) || xdg.is_some_and(|x| x.join("git/ignore").is_file())
}

pub(super) fn walk(dir: &Path, site: &Arc<Site>, out: &mut Discovery) {
    // Walking the whole site lists every file the site index needs: keep that list (of the
    // files not to lint; the Markdown files are the run's).
    let whole_site = absolute(dir) == site.root;
    // The folders are read on every core (a site of thousands of files spends most of its
    // serial start here); what they hold is sorted after, so the order is always the same.
    let walked = std::sync::Mutex::new(Walked::default());
    site_walker(dir, site).build_parallel().run(|| {
        Box::new(|entry| {
            let seen = see(entry, dir, whole_site);
            if let Ok(mut walked) = walked.lock() {
                walked.add(seen);
            }
            ignore::WalkState::Continue
        })
    });
    let mut walked = walked.into_inner().unwrap_or_default();
    walked.errors.sort();
    // The Markdown files are put in order with the others found (by their shown path).
    out.errors.append(&mut walked.errors);
    out.files.extend(
        walked
            .markdown
            .into_iter()
            .map(|path| SourceFile::new(path, Arc::clone(site))),
    );
    if whole_site {
        // Kept until the site pass, in one string (sorted when taken).
        let mut all = walked.all;
        all.shrink_to_fit();
        if let Ok(mut listed) = site.listed.lock() {
            listed.get_or_insert(all);
        }
        site.walked
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// What a walk found: Markdown files, the site path of every other file (for a whole
/// site), errors.
#[derive(Default)]
struct Walked {
    markdown: Vec<Box<Path>>,
    /// In the order found: sorted once the walk ends.
    all: FileList,
    errors: Vec<String>,
}

/// What one entry of a walk adds.
enum Seen {
    Nothing,
    Error(String),
    File {
        site_path: Option<String>,
        markdown: Option<Box<Path>>,
    },
}

impl Walked {
    fn add(&mut self, seen: Seen) {
        match seen {
            Seen::Nothing => {}
            Seen::Error(e) => self.errors.push(e),
            Seen::File {
                site_path,
                markdown,
            } => {
                if let Some(path) = site_path {
                    self.all.push(&path);
                }
                self.markdown.extend(markdown);
            }
        }
    }
}

/// One entry of the walk of `dir`.
fn see(entry: Result<ignore::DirEntry, ignore::Error>, dir: &Path, whole_site: bool) -> Seen {
    let entry = match entry {
        Ok(entry) => entry,
        Err(e) => return Seen::Error(e.to_string()),
    };
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        // A FIFO, socket or device with a Markdown name is reported, never opened.
        return match special_kind(entry.path()).filter(|_| is_markdown(entry.path())) {
            Some(kind) => Seen::Error(format!(
                "{}: not a regular file (a {kind}); not read",
                entry.path().display()
            )),
            None => Seen::Nothing,
        };
    }
    let md = is_markdown(entry.path());
    // A whole site's list holds its other files: each Markdown file is one to lint, and its
    // site path comes to the index with its facts (or, if it is not linted after all, from
    // [`Site::not_linted`] or the run's list of files), not twice.
    let site_path = if whole_site && !md {
        entry.path().strip_prefix(dir).ok().map(slash_path)
    } else {
        None
    };
    // In a block of its size (the walk's has room to spare), made on the walk's threads.
    let markdown = md.then(|| entry.into_path().into_boxed_path());
    Seen::File {
        site_path,
        markdown,
    }
}
