//! Which files a `check` run covers: the files named on the command line as
//! they are, and inside each folder every `.docx` and `.json` file (any
//! case), recursively, in path order. Skipped: hidden files and folders
//! (`.git`, `.DS_Store`), Word's lock files (`~$report.docx`, left behind
//! while a document is open) and folders already visited (symlink loops).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One input of the run, in output order.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file to read.
    File {
        /// The path as shown in every output.
        shown: String,
        /// Where to read it.
        path: PathBuf,
    },
    /// A path that cannot be opened; it becomes an `input.unreadable-file`
    /// finding and the other files still run.
    Unopenable {
        /// The path as shown in every output.
        shown: String,
        /// Why (the system's message).
        detail: String,
    },
}

/// The inputs and whether this is a batch (several files or any folder),
/// which decides the default message language.
#[derive(Debug)]
pub struct Inputs {
    /// In output order: command-line order, then path order within a folder.
    pub items: Vec<Input>,
    /// True for several files or any folder.
    pub batch: bool,
}

/// Expands the command-line paths. A folder without any report is a usage
/// error (exit 2): the official most likely pointed at the wrong folder.
pub fn collect(paths: &[PathBuf]) -> Result<Inputs, String> {
    let mut items = Vec::new();
    let mut any_folder = false;
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                any_folder = true;
                let found = walk(path);
                if found.is_empty() {
                    return Err(format!(
                        "the folder {} contains no reports (.docx or .json files)",
                        path.display()
                    ));
                }
                items.extend(found);
            }
            Ok(_) => items.push(file(path)),
            Err(e) => items.push(Input::Unopenable {
                shown: path.display().to_string(),
                detail: e.to_string(),
            }),
        }
    }
    let batch = any_folder || items.len() > 1;
    Ok(Inputs { items, batch })
}

fn file(path: &Path) -> Input {
    Input::File {
        shown: path.display().to_string(),
        path: path.to_path_buf(),
    }
}

/// Every report under `root`, sorted by path.
fn walk(root: &Path) -> Vec<Input> {
    let mut found: Vec<(PathBuf, Option<String>)> = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(canonical) = std::fs::canonicalize(&dir) else {
            continue;
        };
        if !visited.insert(canonical) {
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.push((dir.clone(), Some(e.to_string())));
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let path = entry.path();
            // The folder listing says what most entries are; only a link
            // (or an entry the file system leaves untyped) needs a look at
            // what it points to. One `stat` per file was a tenth of a
            // millisecond per hundred reports before any was read.
            let is_dir = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => Ok(kind.is_dir()),
                _ => std::fs::metadata(&path).map(|meta| meta.is_dir()),
            };
            match is_dir {
                Ok(true) => stack.push(path),
                Ok(false) if is_report_name(&name) => found.push((path, None)),
                Ok(false) => {}
                // A dangling link named like a report: say so rather than skip it.
                Err(e) if is_report_name(&name) => found.push((path, Some(e.to_string()))),
                Err(_) => {}
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|(path, error)| match error {
            None => file(&path),
            Some(detail) => Input::Unopenable {
                shown: path.display().to_string(),
                detail,
            },
        })
        .collect()
}

/// `.docx` or `.json`, any case.
fn is_report_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".docx") || lower.ends_with(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_any_case() {
        assert!(is_report_name("a.DOCX"));
        assert!(is_report_name("b.Json"));
        assert!(!is_report_name("c.pdf"));
        assert!(!is_report_name("docx"));
    }
}
