//! The web crate's layers: pages and the API are siblings that never import
//! each other, and the plumbing under both (auth, csrf, headers, error,
//! state) imports neither. What both need lives in a use case
//! (`goodenough-app`) or a neutral module.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("the sources can be read") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Files under `dir` whose code (comments left out) names `module`.
fn importers(files: &[PathBuf], module: &str) -> Vec<String> {
    files
        .iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).expect("a source file");
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| l.contains(module))
        })
        .map(|p| p.display().to_string())
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_page_imports_an_api_module() {
    let pages = sources(&src().join("pages"));
    assert!(pages.len() > 10, "too few pages found: {pages:?}");
    let found = importers(&pages, "crate::api");
    assert!(found.is_empty(), "pages importing the API: {found:#?}");
}

#[test]
fn no_api_module_imports_a_page() {
    let api = sources(&src().join("api"));
    assert!(api.len() > 10, "too few API modules found: {api:?}");
    let found = importers(&api, "crate::pages");
    assert!(found.is_empty(), "API modules importing pages: {found:#?}");
}

#[test]
fn the_plumbing_imports_no_page_and_no_api_module() {
    let plumbing: Vec<PathBuf> = ["auth.rs", "csrf.rs", "headers.rs", "error.rs", "state.rs"]
        .iter()
        .map(|f| src().join(f))
        .collect();
    for module in ["crate::pages", "crate::api", "super::pages", "super::api"] {
        let found = importers(&plumbing, module);
        assert!(found.is_empty(), "{module} imported by: {found:#?}");
    }
}

#[test]
fn the_scan_sees_an_import_when_there_is_one() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("x.rs");
    std::fs::write(
        &file,
        "// crate::api in a comment\nuse crate::api::ApiError;\n",
    )
    .expect("write");
    assert_eq!(
        importers(std::slice::from_ref(&file), "crate::api").len(),
        1
    );
    std::fs::write(&file, "// only crate::api in a comment\n").expect("write");
    assert!(importers(&[file], "crate::api").is_empty());
}
