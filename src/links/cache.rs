//! The link cache: verdicts of earlier runs, so that a second run costs almost nothing.
//!
//! One JSON file (default `.handbook-lint-cache/links.json`) maps a URL without its fragment
//! to what checking it found and when. Definitive answers are kept for the configured age
//! (one day by default), server errors that persisted through the retries for at most an
//! hour (they may pass), answers that prove nothing (timeouts, bot walls) never. The file is written atomically; an unreadable or foreign file is ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

const VERSION: u32 = 1;

/// The longest a server error is believed.
const TRANSIENT_MAX_AGE: Duration = Duration::from_secs(3600);

/// What checking a page's address found, independent of fragments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PageVerdict {
    /// Answered (after `redirects`, if any). `permanent_to` is the address reached through
    /// permanent redirects only; `ids` the page's ids when its body was read.
    Ok {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        permanent_to: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ids: Option<Vec<String>>,
        /// The body was read and is not HTML: fragments cannot be checked.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        not_html: bool,
        /// The body was cut at the size cap.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        truncated: bool,
        /// For `http://` host names: whether the `https://` address answered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        https_ok: Option<bool>,
    },
    Broken {
        reason: String,
        /// Server errors may pass: they are not cached.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        transient: bool,
    },
    Unverifiable {
        reason: String,
        /// The network (not this host) failed: DNS without answer, network unreachable.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        network: bool,
    },
}

impl PageVerdict {
    /// How long this verdict may be used, at most `max_age`.
    fn keep_for(&self, max_age: Duration) -> Duration {
        match self {
            PageVerdict::Ok { .. }
            | PageVerdict::Broken {
                transient: false, ..
            } => max_age,
            PageVerdict::Broken {
                transient: true, ..
            } => max_age.min(TRANSIENT_MAX_AGE),
            PageVerdict::Unverifiable { .. } => Duration::ZERO,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked: u64,
    #[serde(flatten)]
    verdict: PageVerdict,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    /// The settings the verdicts were reached with (accepted codes, headers, …).
    #[serde(default)]
    settings: String,
    entries: HashMap<String, Entry>,
}

/// The cache of one run.
pub struct Cache {
    path: PathBuf,
    settings: String,
    max_age: Duration,
    entries: HashMap<String, Entry>,
    dirty: bool,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// Load the cache at `path`; a missing, unreadable or older-format file, or one written
    /// with other `settings`, gives an empty one.
    pub fn load(path: &Path, max_age: Duration, settings: &str) -> Cache {
        let entries = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<File>(&bytes).ok())
            .filter(|f| f.version == VERSION && f.settings == settings)
            .map(|f| f.entries)
            .unwrap_or_default();
        Cache {
            path: path.to_path_buf(),
            settings: settings.to_string(),
            max_age,
            entries,
            dirty: false,
        }
    }

    /// A verdict younger than the maximum age.
    pub fn get(&self, url: &str) -> Option<&PageVerdict> {
        let e = self.entries.get(url)?;
        let age = now().saturating_sub(e.checked);
        (age < e.verdict.keep_for(self.max_age).as_secs()).then_some(&e.verdict)
    }

    pub fn put(&mut self, url: &str, verdict: &PageVerdict) {
        if !verdict.keep_for(self.max_age).is_zero() {
            self.entries.insert(
                url.to_string(),
                Entry {
                    checked: now(),
                    verdict: verdict.clone(),
                },
            );
            self.dirty = true;
        }
    }

    /// Write the cache back (atomically), dropping entries past their age.
    pub fn save(mut self) -> Result<(), String> {
        if !self.dirty {
            return Ok(());
        }
        let (now, max_age) = (now(), self.max_age);
        self.entries
            .retain(|_, e| now.saturating_sub(e.checked) < e.verdict.keep_for(max_age).as_secs());
        let file = File {
            version: VERSION,
            settings: self.settings,
            entries: self.entries,
        };
        let json = serde_json::to_vec(&file).map_err(|e| e.to_string())?;
        let dir = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.exists() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
            // A folder of our own: keep it out of git. (Never in a folder that existed.)
            let _ = std::fs::write(dir.join(".gitignore"), "# Created by handbook-lint.\n*\n");
        }
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .map_err(|e| format!("cannot write the link cache in `{}`: {e}", dir.display()))?;
        std::io::Write::write_all(&mut tmp, &json).map_err(|e| e.to_string())?;
        tmp.persist(&self.path)
            .map_err(|e| format!("cannot write `{}`: {e}", self.path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitive_verdicts_round_trip_and_the_rest_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c/links.json");
        let mut cache = Cache::load(&path, Duration::from_secs(3600), "s");
        let ok = PageVerdict::Ok {
            permanent_to: Some("https://b.example/".into()),
            ids: Some(vec!["a".into()]),
            not_html: false,
            truncated: false,
            https_ok: None,
        };
        let gone = PageVerdict::Broken {
            reason: "404 Not Found".into(),
            transient: false,
        };
        cache.put("https://a.example/", &ok);
        cache.put("https://gone.example/", &gone);
        cache.put(
            "https://err.example/",
            &PageVerdict::Broken {
                reason: "500".into(),
                transient: true,
            },
        );
        cache.put(
            "https://slow.example/",
            &PageVerdict::Unverifiable {
                reason: "timed out".into(),
                network: false,
            },
        );
        cache.save().unwrap();
        assert!(dir.path().join("c/.gitignore").exists());
        // In a folder that already existed, no `.gitignore` is written.
        let mut beside = Cache::load(&dir.path().join("links.json"), Duration::from_secs(60), "s");
        beside.put("https://a.example/", &ok);
        beside.save().unwrap();
        assert!(!dir.path().join(".gitignore").exists());
        let cache = Cache::load(&path, Duration::from_secs(3600), "s");
        assert_eq!(cache.get("https://a.example/"), Some(&ok));
        assert_eq!(cache.get("https://gone.example/"), Some(&gone));
        assert!(
            cache.get("https://err.example/").is_some(),
            "a 500 is kept an hour"
        );
        // Written with other settings (say, other accepted codes): not used.
        let other = Cache::load(&path, Duration::from_secs(3600), "t");
        assert_eq!(other.get("https://a.example/"), None);
        assert_eq!(cache.get("https://slow.example/"), None);
        // Past its age an entry is not used.
        let stale = Cache::load(&path, Duration::ZERO, "s");
        assert_eq!(stale.get("https://a.example/"), None);
        std::fs::write(&path, "not json").unwrap();
        assert!(Cache::load(&path, Duration::from_secs(1), "s")
            .get("https://a.example/")
            .is_none());
    }
}
