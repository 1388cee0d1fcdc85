//! Files named one by one on the command line (as pre-commit names them) share their site:
//! the site is indexed once, not once per file. Before, naming 50 pages of a 5,000-page site
//! took 10 s and 400 MB where checking the whole site took under 1 s. Times are compared
//! with each other, never with a fixed budget.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn check_time(root: &Path, args: &[String]) -> Duration {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
                .current_dir(root)
                .args(["check", "--offline", "--no-cache", "--format", "concise"])
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(matches!(status.code(), Some(0 | 1)), "{status}");
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn naming_many_files_costs_no_more_than_checking_the_whole_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("_config.yml"), "title: t\n").unwrap();
    let pages = 3000;
    for i in 0..pages {
        let folder = root.join(format!("part{}", i % 30));
        std::fs::create_dir_all(&folder).unwrap();
        let text = format!(
            "---\ntitle: Page {i}\n---\n\n# Page {i}\n\nSee [next](../part{}/p{}.md).\n",
            (i + 1) % 30,
            i + 1
        );
        std::fs::write(folder.join(format!("p{i}.md")), text).unwrap();
    }
    let whole = check_time(root, &[".".to_string()]);
    // Files from every folder, named one by one.
    let named: Vec<String> = (0..120)
        .map(|i| format!("part{}/p{}.md", i % 30, i))
        .collect();
    let some = check_time(root, &named);
    // One index of the site is at most about a whole check; one per file would be 120.
    assert!(
        some < whole * 3 + Duration::from_millis(200),
        "naming 120 files took {some:?}, the whole site {whole:?}"
    );
}
