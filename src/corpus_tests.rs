//! The shared test corpus (`../shared/corpus/`, real Word files from other
//! projects' test suites and damaged copies of them) for the unit tests that
//! compare a fast path with the general one on every file. The corpus is not
//! part of the project: when the folder is absent the tests say so and pass.

use std::path::{Path, PathBuf};

/// The `.docx` files under `../shared/corpus/<name>` (searched upwards from
/// the crate), sorted; empty when the folder is absent.
pub fn docx_files(names: &[&str]) -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = names
        .iter()
        .filter_map(|name| {
            manifest
                .ancestors()
                .skip(1)
                .map(|a| a.join("shared/corpus").join(name))
                .find(|p| p.is_dir())
        })
        .collect();
    let mut files = Vec::new();
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
            {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Every real and damaged corpus file, or `None` (saying so) when the
/// corpus is absent and the test has nothing to compare.
pub fn all_docx_files() -> Option<Vec<PathBuf>> {
    let files = docx_files(&["docx-real", "docx-mutants"]);
    if files.is_empty() {
        eprintln!("skipped: no shared/corpus beside the project");
        return None;
    }
    Some(files)
}

/// The XML parts (`.xml`, `.rels`) of a zip file, with their names, as the
/// zip crate reads them; nothing for a file that is not a readable zip.
pub fn xml_parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut f) = zip.by_index(i) else { continue };
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut raw = Vec::new();
        if std::io::Read::read_to_end(&mut f, &mut raw).is_ok() {
            parts.push((name, raw));
        }
    }
    parts
}
