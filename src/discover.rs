//! Finding the Markdown files to lint and the Jekyll site each one belongs to.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use handbook_lints::site::SiteConfig;

use crate::builder::Overrides;

/// The `[site]` settings of the configuration for the site at a root folder (see
/// `config::site_overrides`).
pub type SiteTables<'a> = &'a dyn Fn(&Path) -> Overrides;

/// Markdown extensions Jekyll renders (its `markdown_ext` default).
const MARKDOWN_EXTS: &[&str] = &["md", "markdown", "mkdown", "mkdn", "mkd"];
/// Folders that are never part of the site's sources.
const SKIP_DIRS: &[&str] = &["_site", ".jekyll-cache", ".sass-cache", "node_modules"];
/// Folders inside `vendor/` that Jekyll excludes by default (Bundler's gems); the rest of
/// `vendor/` is published.
const SKIP_VENDOR_DIRS: &[&str] = &["bundle", "cache", "gems", "ruby"];

/// Whether the folder `name`, in the folder `parent`, is never part of the site's sources.
fn skipped_dir(parent: Option<&str>, name: &str) -> bool {
    SKIP_DIRS.contains(&name) || (parent == Some("vendor") && SKIP_VENDOR_DIRS.contains(&name))
}

/// What `_config.yml` says that matters for linting.
#[derive(Debug, Default)]
pub struct Site {
    /// The folder holding `_config.yml`; without one, the git work tree's root, or the
    /// folder linted when it is in none.
    pub root: PathBuf,
    /// What `_config.yml` says (URLs, collections, `exclude`).
    pub config: SiteConfig,
    exclude: Exclusions,
    /// The files of the site that are not linted, once a walk of the whole site has listed
    /// them, until the site pass takes them ([`Site::take_files`]): its files other than
    /// Markdown, and the Markdown files a configuration leaves out ([`Site::not_linted`]).
    /// The Markdown files linted are the run's files, each site path kept once, by its facts.
    listed: std::sync::Mutex<Option<FileList>>,
    /// Every file of the site, as [`Site::all_files`] lists them.
    files: std::sync::OnceLock<Vec<String>>,
    /// Whether the paths given included the site's root folder (the whole site was walked).
    walked: std::sync::atomic::AtomicBool,
    /// Whether `root` holds `_config.yml`: a Jekyll site, not a mere folder.
    jekyll: bool,
    /// Whether `root` is a git work tree's root (there is no `_config.yml`).
    work_tree: bool,
}

impl Site {
    /// The site that `dir` is in: the nearest folder at or above it with `_config.yml`,
    /// published as detected (no configuration's `[site]` table).
    pub fn find(dir: &Path) -> Result<Site, String> {
        Site::find_with(dir, &|_| Overrides::default())
    }

    /// [`Site::find`], published as `tables` says for the site's root folder.
    pub fn find_with(dir: &Path, tables: SiteTables<'_>) -> Result<Site, String> {
        let abs = absolute(dir);
        for candidate in abs.ancestors() {
            let config = candidate.join("_config.yml");
            if config.is_file() {
                let text = std::fs::read_to_string(&config)
                    .map_err(|e| format!("{}: cannot read: {e}", config.display()))?;
                return Site::from_config(candidate.to_path_buf(), &text, &tables(candidate))
                    .map_err(|e| format!("{}: {e}", config.display()));
            }
        }
        // No `_config.yml`: the git work tree the folder is in (its other pages are read
        // only as far as the links of the files linted need them), else the folder itself.
        let work_tree = work_tree_of(&abs);
        Ok(Site {
            root: work_tree.map_or_else(|| abs.clone(), Path::to_path_buf),
            work_tree: work_tree.is_some(),
            ..Site::default()
        })
    }

    fn from_config(root: PathBuf, text: &str, over: &Overrides) -> Result<Site, String> {
        let mut config = SiteConfig::parse(text).map_err(|e| e.to_string())?;
        crate::builder::detect(&root, &mut config, over);
        config.liquid.plugin_tags = plugin_tags(&root);
        let mut exclude = Exclusions {
            include: config.include.clone(),
            ..Exclusions::default()
        };
        let mut globs = GlobSetBuilder::new();
        // Jekyll leaves out `exclude` less `include`.
        for pattern in config
            .exclude
            .iter()
            .filter(|p| !config.include.contains(p))
        {
            if pattern.contains(['*', '?', '[']) {
                if let Ok(g) = Glob::new(pattern) {
                    globs.add(g);
                }
            } else {
                exclude.prefixes.push(pattern.clone());
            }
        }
        exclude.globs = globs.build().ok();
        Ok(Site {
            root,
            config,
            exclude,
            jekyll: true,
            ..Site::default()
        })
    }

    /// `path` relative to the site root with `/` separators (the path as given otherwise).
    pub fn site_path(&self, path: &Path) -> String {
        let abs = absolute(path);
        let rel = abs.strip_prefix(&self.root).unwrap_or(path);
        slash_path(rel)
    }
}

/// The root of the git work tree `abs` is in: the nearest folder at or above it with `.git`
/// (a folder, or a file in a linked work tree). The folders above a `..` in `abs` are not
/// its parents (`/a/b/../c` is in `/a`, not `/a/b`): the search stops there.
fn work_tree_of(abs: &Path) -> Option<&Path> {
    for dir in abs.ancestors() {
        if dir.join(".git").exists() {
            return Some(dir);
        }
        if dir.components().next_back() == Some(std::path::Component::ParentDir) {
            break;
        }
    }
    None
}

/// The tags that the site's `_plugins/*.rb` register (read for `unknown-liquid-tag`).
fn plugin_tags(root: &Path) -> handbook_lints::site::PluginTags {
    let mut texts = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join("_plugins")) {
        for entry in entries.flatten() {
            let path = entry.path();
            // Jekyll loads `_plugins/**/*.rb`: a subfolder is not read here.
            if path.is_dir() {
                return handbook_lints::site::PluginTags::Unknown;
            }
            if path.extension().is_some_and(|e| e == "rb") {
                match std::fs::read_to_string(&path) {
                    Ok(text) => texts.push(text),
                    Err(_) => return handbook_lints::site::PluginTags::Unknown,
                }
            }
        }
    }
    handbook_lints::site::PluginTags::read(texts.iter().map(String::as_str))
}

/// The site's `exclude` setting: plain paths (a folder excludes what is in it) and globs;
/// and its `include`, which Jekyll reads though excluded or named with a leading `.`.
#[derive(Clone, Debug, Default)]
struct Exclusions {
    prefixes: Vec<String>,
    globs: Option<GlobSet>,
    include: Vec<String>,
}

impl Exclusions {
    /// Whether `include` names `site_path`, by its path or its name, as Jekyll matches it.
    fn includes(&self, site_path: &str) -> bool {
        let name = site_path.rsplit('/').next().unwrap_or(site_path);
        self.include.iter().any(|i| i == site_path || i == name)
    }

    /// Whether `site_path` (relative to the site root, `/` separators) is left out.
    fn excludes(&self, site_path: &str) -> bool {
        if self.includes(site_path) {
            return false;
        }
        self.prefixes.iter().any(|p| {
            site_path == p
                || site_path
                    .strip_prefix(p.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        }) || self.globs.as_ref().is_some_and(|g| g.is_match(site_path))
    }
}

impl Site {
    /// Whether one of the paths given was the site's root folder, the folder of its
    /// `_config.yml`: the whole site was asked for.
    pub fn walked_whole(&self) -> bool {
        self.walked.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether the site's pages not linted in this run are read only where a linted page
    /// links to them: a folder that is not a Jekyll site, its files named one by one. Its
    /// linted pages' links are then read before the site pass, so they stay in memory.
    pub fn reads_only_linked_pages(&self) -> bool {
        !(self.is_jekyll() || self.walked_whole())
    }

    /// Whether the site has a `_config.yml` (otherwise it is the folder of the files named,
    /// whose other pages matter only as the targets of their links).
    pub fn is_jekyll(&self) -> bool {
        self.jekyll
    }

    /// Why [`Site::root`] is the site's root, for `handbook-lint config`.
    pub fn root_reason(&self) -> &'static str {
        if self.jekyll {
            "the folder of _config.yml"
        } else if self.work_tree {
            "no _config.yml at or above it: the git work tree; for files named alone, its other pages are read only as the targets of their links"
        } else {
            "no _config.yml at or above it and no git work tree: the folder itself; for files named alone, its other pages are read only as the targets of their links"
        }
    }

    /// The files of the site, as site paths, listed once and kept: all of them, or, after a
    /// walk of the whole site, all but the Markdown files it found to lint.
    pub fn all_files(&self) -> &[String] {
        self.files.get_or_init(|| {
            let listed = self.take_listed().unwrap_or_else(|| self.list_files());
            listed.iter().map(String::from).collect()
        })
    }

    /// [`Site::all_files`], taken: a site pass gives them to the site's index, instead of
    /// the site keeping them to the end of the run.
    pub fn take_files(&self) -> FileList {
        match (self.take_listed(), self.files.get()) {
            (Some(listed), _) => listed,
            (None, Some(files)) => files.iter().collect(),
            (None, None) => self.list_files(),
        }
    }

    /// Drop what a walk of the whole site listed: a run with no site lint has no use for it.
    pub fn drop_files(&self) {
        drop(self.take_listed());
    }

    /// What a walk of the whole site listed, if it has not been taken, in the order of its
    /// paths.
    fn take_listed(&self) -> Option<FileList> {
        let mut listed = self
            .listed
            .lock()
            .ok()
            .and_then(|mut listed| listed.take())?;
        listed.sort();
        Some(listed)
    }

    /// `path`, a Markdown file a walk of the whole site found, is not linted after all (a
    /// configuration's `exclude`), brings no facts to the index (not read, or with no site
    /// lint), or is not linted as a file of this site (the same file found twice,
    /// the copy kept being in a site nested in this one, or reached through a link): it is
    /// still one of the site's files, listed with those the walk listed. A site not walked
    /// whole lists all its files when its pass needs them.
    pub fn not_linted(&self, path: &Path) {
        if let Ok(mut listed) = self.listed.lock() {
            if let Some(listed) = listed.as_mut() {
                listed.push(&self.site_path(path));
            }
        }
    }

    /// Every file of the site, walked now.
    fn list_files(&self) -> FileList {
        let mut files = FileList::default();
        for entry in site_walker(&self.root, self).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                if let Ok(rel) = entry.path().strip_prefix(&self.root) {
                    files.push(&slash_path(rel));
                }
            }
        }
        files.shrink_to_fit();
        files
    }
}

/// `path` itself when it is a folder, else the folder it is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    if path.is_dir() {
        path
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }
}

/// `--force-exclude`: drop named files that a folder search would have left out (the site's
/// `exclude`, `_site/`, `node_modules/`…), as tools that name files one by one (pre-commit)
/// expect.
pub fn drop_excluded(files: &mut Vec<SourceFile>) {
    files.retain(|f| {
        let site_path = f.site.site_path(&f.path);
        let parts: Vec<&str> = site_path.split('/').collect();
        let folders = &parts[..parts.len().saturating_sub(1)];
        let skipped_dir = folders
            .iter()
            .enumerate()
            .any(|(i, part)| skipped_dir(i.checked_sub(1).map(|p| folders[p]), part));
        !skipped_dir && !f.site.exclude.excludes(&site_path)
    });
}

/// A path with `/` separators, for display and matching.
pub fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '/' {
        s.to_string()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// Whether `path` has a Markdown extension Jekyll renders.
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What `path` is when it is neither a file nor a folder (after links): a FIFO, a socket, a
/// device. Reading one could block forever.
fn special_kind(path: &Path) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = std::fs::metadata(path).ok()?.file_type();
    if t.is_fifo() {
        Some("named pipe")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_block_device() || t.is_char_device() {
        Some("device")
    } else {
        None
    }
}

/// Why a named path cannot be read: missing, a loop of symbolic links, or another error.
fn missing(path: &Path, e: &std::io::Error) -> String {
    // ELOOP: too many levels of symbolic links.
    if e.raw_os_error() == Some(40) {
        return format!("{}: symbolic link loop", path.display());
    }
    if e.kind() == std::io::ErrorKind::NotFound {
        return format!("{}: no such file or folder", path.display());
    }
    format!("{}: {e}", path.display())
}

/// Files found and problems with the paths given.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<SourceFile>,
    pub errors: Vec<String>,
}

/// Walk `paths`: folders are searched for Markdown files (respecting `.gitignore`, the site's
/// `exclude` and the folders Jekyll never reads); files named directly are always linted.
/// Sites are published as detected; [`discover_with`] applies the configuration's `[site]`.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_with(paths, &|_| Overrides::default())
}

/// [`discover`], each site published as `tables` says for its root folder.
pub fn discover_with(paths: &[PathBuf], tables: SiteTables<'_>) -> Discovery {
    let mut out = Discovery::default();
    // Files of one site share one `Site`: the site pass indexes each `Site` once, so a
    // `Site` per named file (as pre-commit names them) indexed the whole site per file.
    let mut by_folder: HashMap<PathBuf, Arc<Site>> = HashMap::new();
    let mut by_root: HashMap<PathBuf, Arc<Site>> = HashMap::new();
    for path in paths {
        if let Err(e) = std::fs::metadata(path) {
            out.errors.push(missing(path, &e));
            continue;
        }
        if let Some(kind) = special_kind(path) {
            out.errors.push(format!(
                "{}: not a regular file (a {kind}); not read",
                path.display()
            ));
            continue;
        }
        let dir = folder_of(path);
        let folder = absolute(dir);
        let site = match by_folder.get(&folder) {
            Some(site) => Arc::clone(site),
            None => {
                let site = match Site::find_with(dir, tables) {
                    Ok(site) => site,
                    Err(e) => {
                        out.errors.push(e);
                        Site {
                            root: folder.clone(),
                            ..Site::default()
                        }
                    }
                };
                let site = Arc::clone(
                    by_root
                        .entry(site.root.clone())
                        .or_insert_with(|| Arc::new(site)),
                );
                by_folder.insert(folder, Arc::clone(&site));
                site
            }
        };
        if path.is_file() {
            out.files.push(SourceFile::new(path.as_path(), site));
            continue;
        }
        walk(path, &site, &mut out);
    }
    // One path (a folder, as a run over a site is given) shows no two files alike: sorted in
    // place, without a stable sort's buffer of 40 bytes a file. Several may name one file
    // twice (`a.md .`): the first named stays first, and is the one kept below.
    let by_key = |a: &SourceFile, b: &SourceFile| a.sort_key().cmp(b.sort_key());
    match paths.len() {
        0 | 1 => out.files.sort_unstable_by(by_key),
        _ => out.files.sort_by(by_key),
    }
    // The same file named twice (`./a.md a.md`, a folder and a file in it) is linted once.
    // One path cannot name a file twice (the walk follows no links), so only several paths
    // pay for resolving every file.
    if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        out.files.retain(|f| {
            let first = seen
                .insert(std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.to_path_buf()));
            // The copy dropped may be of another site (nested in the other, or through a
            // link), which still has the file.
            if !first {
                f.site.not_linted(&f.path);
            }
            first
        });
    }
    out
}

mod absolute;
pub use absolute::absolute;
#[cfg(test)]
use absolute::{is_plain_absolute, plain_relative};
mod file_list;
pub use file_list::FileList;
mod source_file;
pub use source_file::SourceFile;
mod walk;
#[cfg(test)]
use walk::global_gitignore_in;
use walk::{site_walker, walk};

#[cfg(test)]
mod tests;
