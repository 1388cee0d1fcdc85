//! The `[site]` table as discovery reads it when it builds a site: from the configuration
//! file of the site's root folder, or the one `--config` names.

use std::path::{Path, PathBuf};

use super::{display, read_config, ConfigFile, NAMES};
use crate::builder::Overrides;

/// The configuration file that applies to the folder `dir` (the nearest at or above it, up
/// to the repository's root), read; `None` when there is none or it has errors, which the
/// [`Resolver`] reports when it reads the same file.
pub fn nearest_file(dir: &Path) -> Option<ConfigFile> {
    for folder in dir.ancestors() {
        let present: Vec<PathBuf> = NAMES
            .iter()
            .map(|n| folder.join(n))
            .filter(|p| p.is_file())
            .collect();
        match present.as_slice() {
            [] if !folder.join(".git").exists() => continue,
            [path] => return read_config(path, &display(path)).ok(),
            _ => return None,
        }
    }
    None
}

/// What the `[site]` table sets for the site at `root`: that of `explicit` (`--config`)
/// when given, else that of the configuration file of `root` ([`nearest_file`]); each value
/// with the file and line that set it.
pub fn site_overrides(explicit: Option<&ConfigFile>, root: &Path) -> Overrides {
    let nearest;
    let file = match explicit {
        Some(file) => file,
        None => match nearest_file(root) {
            Some(file) => {
                nearest = file;
                &nearest
            }
            None => return Overrides::default(),
        },
    };
    let at = |line: usize| format!("{}:{line}", file.display);
    Overrides {
        builder: file.site.builder.as_ref().map(|b| (b.value, at(b.line))),
        baseurl: file
            .site
            .baseurl
            .as_ref()
            .map(|b| (b.value.clone(), at(b.line))),
    }
}
