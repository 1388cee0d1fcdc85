//! Unit tests of [`crate::discover`].

use super::*;

#[test]
fn include_wins_over_exclude_and_vendor_is_read_but_its_gems() {
    let site = Site::from_config(
        PathBuf::from("/site"),
        "include: [private, .well-known]\nexclude: [private, notes/, \"*.txt\"]\n",
        &Overrides::default(),
    )
    .unwrap();
    let ex = &site.exclude;
    assert!(!ex.excludes("private/kept.md"), "include wins");
    assert!(ex.includes(".well-known") && ex.includes("a/.well-known"));
    assert!(ex.excludes("notes/draft.md") && ex.excludes("docs/readme.txt"));
    assert!(!ex.excludes("docs/guide.md"));
    assert!(skipped_dir(Some("vendor"), "bundle") && skipped_dir(None, "node_modules"));
    assert!(!skipped_dir(None, "vendor") && !skipped_dir(Some("x"), "bundle"));
}

#[test]
fn the_work_tree_search_stops_at_a_parent_folder_step() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, outside) = (dir.path().join("repo"), dir.path().join("outside/notes"));
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let inside = repo.join("docs");
    assert_eq!(work_tree_of(&inside), Some(repo.as_path()));
    // `repo/../outside/notes` is not in `repo`.
    let through = repo.join("../outside/notes");
    assert_eq!(work_tree_of(&through), None);
}

#[test]
fn absolute_writes_paths_as_the_system_would() {
    // The fast path (a plain absolute path, returned as it is) and the slow one agree.
    let cases = [
        ("/a/b", "/a/b"),
        ("/", "/"),
        ("/a/./b", "/a/b"),
        ("/a//b", "/a/b"),
        ("/a/b/", "/a/b"),
        ("/a/b/.", "/a/b"),
        ("/a/../b", "/b"),
        ("/a/b/..", "/a"),
        ("/a/.b/c.md", "/a/.b/c.md"),
        ("/a/..b/c", "/a/..b/c"),
    ];
    for (given, want) in cases {
        assert_eq!(absolute(Path::new(given)), PathBuf::from(want), "{given}");
        assert_eq!(
            is_plain_absolute(Path::new(given)),
            given == want,
            "{given} is plain only when nothing changes"
        );
    }
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(absolute(Path::new("x/y.md")), cwd.join("x/y.md"));
    // Relative paths: the plain ones (a walk's `./docs/a.md`) are joined to the current
    // folder as they are; the others go the long way. Both write what the system would.
    let relative = [
        ("x/y.md", Some("x/y.md")),
        ("./x/y.md", Some("x/y.md")),
        ("././x", Some("x")),
        (".x/..y", Some(".x/..y")),
        (".", None),
        ("./", None),
        ("x/", None),
        ("x//y", None),
        ("x/./y", None),
        ("./../x", None),
        ("x/../y", None),
    ];
    for (given, plain) in relative {
        assert_eq!(
            plain_relative(Path::new(given)),
            plain.map(Path::new),
            "{given}"
        );
        let want = match given {
            "./../x" => cwd.parent().unwrap().join("x"),
            "x/../y" => cwd.join("y"),
            _ => std::path::absolute(given).unwrap(),
        };
        assert_eq!(absolute(Path::new(given)).as_os_str(), want, "{given}");
    }
}

/// The global gitignore is looked for only where git's configuration names one or git's
/// default file exists.
#[test]
fn a_global_gitignore_is_possible_only_where_git_would_find_one() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".config/git")).unwrap();
    // `/etc/gitconfig` is read too: keep it out of the test unless it names one itself.
    let system = dir.path().join("system-gitconfig");
    std::fs::write(&system, "[user]\n\tname = x\n").unwrap();
    let env = |pairs: Vec<(&'static str, PathBuf)>| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone().into_os_string())
        }
    };
    let only_system = env(vec![("GIT_CONFIG_SYSTEM", system.clone())]);
    assert!(!global_gitignore_in(&only_system, Some(home.clone())));
    std::fs::write(home.join(".gitconfig"), "[user]\n\temail = a@b\n").unwrap();
    assert!(!global_gitignore_in(&only_system, Some(home.clone())));
    std::fs::write(home.join(".gitconfig"), "[core]\n\tExcludesFile = ~/gi\n").unwrap();
    assert!(global_gitignore_in(&only_system, Some(home.clone())));
    std::fs::remove_file(home.join(".gitconfig")).unwrap();
    // git's default file, under the XDG folder.
    std::fs::write(home.join(".config/git/ignore"), "*.tmp\n").unwrap();
    assert!(global_gitignore_in(&only_system, Some(home.clone())));
    let elsewhere = env(vec![
        ("GIT_CONFIG_SYSTEM", system.clone()),
        ("XDG_CONFIG_HOME", dir.path().join("xdg")),
    ]);
    assert!(!global_gitignore_in(&elsewhere, Some(home.clone())));
    // GIT_CONFIG_GLOBAL names a file of its own.
    let global = dir.path().join("global");
    std::fs::write(&global, "[core]\nexcludesfile = /x\n").unwrap();
    let named = env(vec![
        ("GIT_CONFIG_SYSTEM", system),
        ("XDG_CONFIG_HOME", dir.path().join("xdg")),
        ("GIT_CONFIG_GLOBAL", global),
    ]);
    assert!(global_gitignore_in(&named, Some(home)));
}

#[test]
fn files_sort_by_their_sort_keys_as_by_their_shown_paths() {
    let site = std::sync::Arc::new(super::Site::default());
    let paths = ["./b.md", "a/é.md", "./a-b.md", "a/z.md", "./a/b.md", "ä.md"];
    let files: Vec<super::SourceFile> = paths
        .iter()
        .map(|p| super::SourceFile::new(std::path::Path::new(p), site.clone()))
        .collect();
    for f in &files {
        assert_eq!(f.sort_key(), f.display().as_bytes());
    }
    let mut by_bytes: Vec<&super::SourceFile> = files.iter().collect();
    by_bytes.sort_by(|a, b| a.sort_key().cmp(b.sort_key()));
    let mut by_text: Vec<&super::SourceFile> = files.iter().collect();
    by_text.sort_by(|a, b| a.display().cmp(b.display()));
    // A path that is not UTF-8 is shown apart, with U+FFFD, and sorts as it is shown.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let raw = std::ffi::OsStr::from_bytes(b"a/\xff.md");
        let apart = super::SourceFile::new(std::path::Path::new(raw), site.clone());
        assert_eq!(apart.display(), "a/\u{fffd}.md");
        assert_eq!(apart.sort_key(), apart.display().as_bytes());
    }
    let shown = |v: &[&super::SourceFile]| {
        v.iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&by_bytes), shown(&by_text));
}
