//! Who publishes a site, read from its repository: GitHub Pages' classic build (its default
//! plugins) or a build with the site's own Gemfile (only the plugins it names), and the
//! UTC offsets of the site's `timezone` from the system's zone database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use handbook_lints::site::{parse_version, Builder, SiteConfig, Zone};

/// What the configuration's `[site]` table sets instead of what is detected, each value with
/// where it was set (`handbook-lint.toml:3`).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub builder: Option<(Builder, String)>,
    pub baseurl: Option<(String, String)>,
}

/// Set the builder (with the reason shown by `handbook-lint config`), the Gemfile's
/// plugins, and the time zone's offsets of the site at `root`; `over` wins over what the
/// repository says.
pub fn detect(root: &Path, config: &mut SiteConfig, over: &Overrides) {
    let gemfile = nearest(root, "Gemfile");
    let text = gemfile
        .as_ref()
        .and_then(|g| std::fs::read_to_string(g).ok());
    let workflows = nearest(root, ".github/workflows");
    let workflow = workflows.as_deref().and_then(builds_with_jekyll);
    if let Some(name) = workflows.as_deref().and_then(passes_pages_base_path) {
        // actions/configure-pages gives `/<repository>` for a project site.
        if let Some(repo) = repository(root, config) {
            config.baseurl = format!("/{repo}");
            config.baseurl_source = format!("{name} passes the Pages base path: /<repository>");
        }
    }
    if let Some((baseurl, source)) = &over.baseurl {
        config.baseurl.clone_from(baseurl);
        config.baseurl_source.clone_from(source);
    }
    (config.builder, config.builder_reason) = match (&text, workflow) {
        _ if over.builder.is_some() => over.builder.clone().unwrap_or_default(),
        (Some(t), _) if gem_names(t, false).iter().any(|g| g == "github-pages") => (
            Builder::GitHubPages,
            "the Gemfile uses the github-pages gem".to_string(),
        ),
        (Some(_), Some(w)) => (
            Builder::OwnGemfile,
            format!("{w} runs `jekyll build` with the site's Gemfile"),
        ),
        (None, Some(w)) => (
            Builder::OwnGemfile,
            format!("{w} runs `jekyll build`"),
        ),
        (Some(_), None) => (
            Builder::GitHubPages,
            "no workflow runs `jekyll build`: GitHub Pages builds the site (its Gemfile is not used)"
                .to_string(),
        ),
        (None, None) => (
            Builder::GitHubPages,
            "no Gemfile and no workflow that runs `jekyll build`".to_string(),
        ),
    };
    // A build with the site's own Gemfile runs the gems of its `:jekyll_plugins` group.
    if let (Some(t), Builder::OwnGemfile) = (&text, config.builder) {
        config.plugins.extend(gem_names(t, true));
    }
    if config.nav.version.is_none() {
        let lock = gemfile
            .as_ref()
            .and_then(|g| std::fs::read_to_string(g.with_extension("lock")).ok());
        config.nav.version = theme_version(text.as_deref(), lock.as_deref());
    }
    if let Some(tz) = &config.timezone {
        let tz = tz.trim();
        if !tz.contains("..") {
            config.zone = std::fs::read(Path::new("/usr/share/zoneinfo").join(tz))
                .ok()
                .and_then(|b| read_tzif(&b))
                .map(Arc::new);
        }
    }
}

/// `name` in `root` or the nearest folder above it, up to the repository's root.
fn nearest(root: &Path, name: &str) -> Option<PathBuf> {
    for dir in root.ancestors() {
        let candidate = dir.join(name);
        if candidate.exists() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// The workflow file (by name) that runs `jekyll build`, if any.
fn builds_with_jekyll(dir: &Path) -> Option<String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    names.sort();
    names.into_iter().find_map(|p| {
        let text = std::fs::read_to_string(&p).ok()?;
        text.contains("jekyll build").then(|| {
            format!(
                ".github/workflows/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        })
    })
}

/// The workflow file that builds with `--baseurl` set to the Pages base path, if any.
fn passes_pages_base_path(dir: &Path) -> Option<String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    names.into_iter().find_map(|p| {
        let text = std::fs::read_to_string(&p).ok()?;
        let passes = text.lines().any(|l| {
            l.contains("jekyll build") && l.contains("--baseurl") && l.contains("base_path")
        });
        passes.then(|| {
            format!(
                ".github/workflows/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        })
    })
}

/// The repository's name: from the `origin` remote in `.git/config`, or else from a `url`
/// of `_config.yml` with a path (`https://owner.github.io/name/`).
fn repository(root: &Path, config: &SiteConfig) -> Option<String> {
    let from_remote = nearest(root, ".git/config")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| {
            text.lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix("url = ").or_else(|| l.strip_prefix("url=")))
                .map(|u| u.trim_end_matches('/').trim_end_matches(".git").to_string())
        })
        .and_then(|u| u.rsplit(['/', ':']).next().map(String::from));
    from_remote.filter(|r| !r.is_empty()).or_else(|| {
        config
            .values
            .iter()
            .filter(|(k, _)| k == "url")
            .find_map(|(_, url)| {
                let path = url.split_once("://")?.1.split_once('/')?.1;
                let name = path.trim_matches('/');
                (!name.is_empty() && !name.contains('/')).then(|| name.to_string())
            })
    })
}

/// The gems of a Gemfile; with `plugins_only`, those Jekyll loads by itself (the
/// `:jekyll_plugins` group).
fn gem_names(gemfile: &str, plugins_only: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_group = false;
    for line in gemfile.lines() {
        let line = line.trim();
        if line.starts_with("group") && line.contains(":jekyll_plugins") {
            in_group = true;
            continue;
        }
        if in_group && line == "end" {
            in_group = false;
            continue;
        }
        let Some(rest) = line.strip_prefix("gem ") else {
            continue;
        };
        let name = rest
            .trim()
            .trim_start_matches(['"', '\''])
            .split(['"', '\''])
            .next()
            .unwrap_or("");
        if !plugins_only || in_group || line.contains("jekyll_plugins") {
            names.push(name.to_string());
        }
    }
    names
}

/// The just-the-docs version a site is built with: the one `Gemfile.lock` resolved, or the
/// exact one the Gemfile asks for (`gem "just-the-docs", "0.8.2"`); `None` for a range.
fn theme_version(gemfile: Option<&str>, lock: Option<&str>) -> Option<(u64, u64, u64)> {
    let locked = lock.into_iter().flat_map(str::lines).find_map(|line| {
        let rest = line.strip_prefix("    just-the-docs (")?;
        parse_version(rest.strip_suffix(')')?)
    });
    locked.or_else(|| {
        gemfile.into_iter().flat_map(str::lines).find_map(|line| {
            let rest = line.trim().strip_prefix("gem ")?;
            let mut args = rest.split(',').map(|a| a.trim().trim_matches(['"', '\'']));
            if args.next()? != "just-the-docs" {
                return None;
            }
            let wanted = args.next()?.trim_start_matches('=').trim();
            parse_version(wanted).filter(|_| !wanted.starts_with(['~', '>', '<', '!']))
        })
    })
}

/// The version 1 data of a TZif file (transitions up to 2038).
fn read_tzif(b: &[u8]) -> Option<Zone> {
    if b.get(..4)? != b"TZif" {
        return None;
    }
    let count = |i: usize| -> Option<usize> {
        let at = 20 + 4 * i;
        Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let (timecnt, typecnt) = (count(3)?, count(4)?);
    let times = 44;
    let indices = times + 4 * timecnt;
    let types = indices + timecnt;
    let offset = |t: usize| -> Option<i64> {
        let at = types + 6 * t;
        Some(i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?) as i64)
    };
    if typecnt == 0 {
        return None;
    }
    let mut transitions = Vec::with_capacity(timecnt);
    for i in 0..timecnt {
        let at = times + 4 * i;
        let t = i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?) as i64;
        let kind = *b.get(indices + i)? as usize;
        transitions.push((t, offset(kind)?));
    }
    Some(Zone {
        initial: offset(0)?,
        transitions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_version() {
        let lock = "GEM\n  specs:\n    just-the-docs (0.8.2)\n      jekyll (>= 3.8.5)\n";
        assert_eq!(theme_version(None, Some(lock)), Some((0, 8, 2)));
        let pinned = "gem \"just-the-docs\", \"0.7.0\"\n";
        assert_eq!(theme_version(Some(pinned), None), Some((0, 7, 0)));
        let range = "gem \"just-the-docs\", \"~> 0.7\"\n";
        assert_eq!(theme_version(Some(range), None), None);
        assert_eq!(theme_version(Some("gem \"just-the-docs\"\n"), None), None);
    }

    #[test]
    fn gems_of_the_plugin_group() {
        let gemfile = "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 4.3\"\n\
                       group :jekyll_plugins do\n  gem 'jekyll-redirect-from'\nend\n\
                       gem \"jekyll-feed\", group: :jekyll_plugins\n";
        assert_eq!(
            gem_names(gemfile, true),
            ["jekyll-redirect-from", "jekyll-feed"]
        );
        assert_eq!(gem_names(gemfile, false).len(), 3);
    }

    #[test]
    fn a_zone_from_the_system_database() {
        let Ok(bytes) = std::fs::read("/usr/share/zoneinfo/Asia/Tokyo") else {
            return; // no zone database here
        };
        let zone = read_tzif(&bytes).unwrap();
        assert_eq!(zone.offset_at(1_709_670_600), 9 * 3600);
    }
}
