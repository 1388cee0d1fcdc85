//! A folder named through `..` is configured as itself: its path is resolved before the
//! tool looks upward for configuration, workflows and the git remote. Walking up
//! `/work/repo/../site` once passed through `/work/repo` and took that repository's
//! configuration (and its Pages workflow's baseurl) for another folder's.

mod common;

use common::tool::check_concise;
use common::tool::stdout;

#[test]
fn a_folder_named_through_dotdot_does_not_take_the_current_repository_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let site = dir.path().join("site");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(&site).unwrap();
    // The repository the tool is run from ignores broken links; the site beside it does not.
    std::fs::write(repo.join("handbook-lint.toml"), "ignore = [\"HB102\"]\n").unwrap();
    std::fs::write(site.join("_config.yml"), "title: Site\n").unwrap();
    std::fs::write(
        site.join("index.md"),
        "---\ntitle: Home\n---\n\n# Home\n\nSee [gone](missing.md).\n",
    )
    .unwrap();
    let from_repo = stdout(&check_concise(&repo, &["../site"]));
    let from_above = stdout(&check_concise(dir.path(), &["site"]));
    assert!(from_repo.contains("HB102"), "{from_repo}");
    assert_eq!(
        from_repo.replace("../site/", ""),
        from_above.replace("site/", ""),
        "the same findings, whichever folder the tool runs from"
    );
}
