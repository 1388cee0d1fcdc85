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
}
