//! Which of the names configuration discovery asks for a folder may be there, from one
//! listing of the folder.
//!
//! Discovery asks every folder of a run for nine configuration file names and `.git`. Asked
//! one by one, that is ten failed system calls per folder (5,400 on a site of 600 folders);
//! a listing of the folder is two or three. A name the listing shows is then asked for as
//! before (is it a file, does it exist), so what is found does not change: the listing only
//! rules names out.

use std::ffi::OsString;
use std::path::Path;

/// The names whose presence discovery asks of a folder: a listing keeps those of its
/// entries that may be one of them.
const WANTED: [&[&str]; 4] = [
    &super::NAMES,
    super::markdownlint::NAMES,
    super::markdownlint::CLI2_NAMES,
    &[".git"],
];

/// What a folder holds of [`WANTED`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Listing {
    /// The folder's entries that may be a wanted name.
    Read(Vec<OsString>),
    /// The folder could not be listed (it is gone, or may be searched but not read): every
    /// name may be there.
    Unread,
}

impl Listing {
    /// The folder `dir`, listed.
    pub(super) fn of(dir: &Path) -> Listing {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Listing::Unread;
        };
        let mut kept = Vec::new();
        for entry in entries {
            let Ok(entry) = entry else {
                return Listing::Unread;
            };
            let name = entry.file_name();
            if WANTED
                .iter()
                .flat_map(|names| names.iter())
                .any(|w| may_be(&name, w))
            {
                kept.push(name);
            }
        }
        Listing::Read(kept)
    }

    /// Whether `name` (one of [`WANTED`]) may be in the folder: the caller asks the system.
    pub(super) fn may_hold(&self, name: &str) -> bool {
        match self {
            Listing::Read(names) => names.iter().any(|n| may_be(n, name)),
            Listing::Unread => true,
        }
    }
}

/// Whether the entry `listed` may be what the system finds under `wanted`: the same name up
/// to ASCII case (a file system that ignores case finds `Handbook-Lint.toml` under
/// `handbook-lint.toml`), or a name that is not ASCII, which such a file system may fold to
/// an ASCII one (the Kelvin sign `K` to `k`).
fn may_be(listed: &std::ffi::OsStr, wanted: &str) -> bool {
    let bytes = listed.as_encoded_bytes();
    bytes.eq_ignore_ascii_case(wanted.as_bytes()) || !bytes.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_keeps_what_may_be_a_wanted_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["a.md", ".markdownlint.yaml", "HANDBOOK-LINT.TOML", "x.toml"] {
            std::fs::write(root.join(name), "").unwrap();
        }
        std::fs::create_dir(root.join(".git")).unwrap();
        let listing = Listing::of(root);
        let Listing::Read(mut names) = listing.clone() else {
            panic!("{listing:?}");
        };
        names.sort();
        assert_eq!(names, [".git", ".markdownlint.yaml", "HANDBOOK-LINT.TOML"]);
        assert!(listing.may_hold(".git") && listing.may_hold(".markdownlint.yaml"));
        // Asked of the system, which says whether case matters.
        assert!(listing.may_hold("handbook-lint.toml"));
        assert!(!listing.may_hold(".handbook-lint.toml") && !listing.may_hold(".markdownlint.yml"));
        // A name that is not ASCII may fold to a wanted one.
        std::fs::write(root.join("mar\u{212A}downlint"), "").unwrap();
        assert!(Listing::of(root).may_hold(".markdownlint-cli2.yaml"));
        assert_eq!(Listing::of(&root.join("gone")), Listing::Unread);
        assert!(Listing::Unread.may_hold(".git"));
    }
}
