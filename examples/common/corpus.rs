//! The articles the benchmarks and examples measure on: every `*.txt` below a
//! folder (`target/corpus-articles`, written by `../shared/corpus/build.py`), in
//! path order, so every tool reads the same texts in the same order.
//! (Included by path from the examples and benches; not an example itself.)

use std::path::{Path, PathBuf};

/// The path of every `*.txt` file below `dir`, in order.
#[allow(dead_code)] // each including crate uses one of the two functions
pub fn paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    collect(dir, &mut paths);
    paths.sort();
    paths
}

/// The texts of every `*.txt` file below `dir` (unreadable files are left out).
#[allow(dead_code)]
pub fn texts(dir: &Path) -> Vec<String> {
    paths(dir)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}
