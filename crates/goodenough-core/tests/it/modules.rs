//! Core's modules form no circle: each module may use the ones below it and
//! none of those uses it back (directly or through others). A circle would
//! mean two rules can only be understood, tested and changed together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which top-level modules each top-level module names (`crate::x`), tests
/// left out. A module in a folder (`export/csv.rs`) counts as its parent.
fn module_uses() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("core's sources can be read") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .expect("a file name")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let entry = uses.entry(top.clone()).or_default();
        for piece in code.split("crate::").skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != top {
                entry.insert(name);
            }
        }
    }
    let known: BTreeSet<String> = uses.keys().cloned().collect();
    for deps in uses.values_mut() {
        deps.retain(|d| known.contains(d));
    }
    uses
}

/// A circle through `start`, if there is one, as the path that closes it.
fn circle_from(start: &str, uses: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().expect("a path is never empty").clone();
        for next in uses.get(&last).into_iter().flatten() {
            if next == start {
                let mut closed = path.clone();
                closed.push(next.clone());
                return Some(closed);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn core_modules_form_no_circle() {
    let uses = module_uses();
    assert!(uses.len() > 20, "the scan found too few modules: {uses:?}");
    assert!(
        uses["review"].contains("figures"),
        "the scan must see `crate::figures` in review.rs"
    );
    let circles: Vec<String> = uses
        .keys()
        .filter_map(|m| circle_from(m, &uses))
        .map(|c| c.join(" → "))
        .collect();
    assert!(circles.is_empty(), "core modules in a circle: {circles:#?}");
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut uses = BTreeMap::new();
    uses.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    uses.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    uses.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        circle_from("a", &uses),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    uses.insert("c".to_string(), BTreeSet::new());
    assert_eq!(circle_from("a", &uses), None);
}
