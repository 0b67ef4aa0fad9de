//! The damaged-DOCX corpus (`shared/corpus/docx-mutants`, see its README):
//! files that made docx-rs hang or panic. Each must come back as an error or
//! as a document flagged with a damaged part, quickly and without a panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gcm_review::document::Notice;
use gcm_review::ingest::{docx, Limits};

fn corpus_dir(name: &str) -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared").join("corpus").join(name))
        .find(|p| p.is_dir())
}

#[test]
fn mutants_fail_cleanly_and_fast() {
    let Some(dir) = corpus_dir("docx-mutants") else {
        println!("skipped: corpus not found");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap_or_default();
    let listed: Vec<&str> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|f| !f.is_empty())
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "docx"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert_eq!(
        files.len(),
        listed.len(),
        "MANIFEST.tsv and the folder disagree"
    );
    let bound = Duration::from_millis(100);
    let limits = Limits::default();
    let (mut panics, mut slow, mut accepted) = (Vec::new(), Vec::new(), Vec::new());
    let mut errors = std::collections::BTreeMap::<String, usize>::new();
    let mut flagged = 0usize;
    let mut max = Duration::ZERO;
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| docx::read(&bytes, &limits));
        let took = start.elapsed();
        max = max.max(took);
        if took > bound {
            slow.push(format!("{} ({took:?})", f.display()));
        }
        match result {
            Err(_) => panics.push(f.display().to_string()),
            Ok(Err(e)) => {
                let kind = format!("{e:?}");
                let kind = kind.split([' ', '(', '{']).next().unwrap_or("").to_owned();
                *errors.entry(kind).or_default() += 1;
            }
            Ok(Ok(doc)) => {
                if doc
                    .notices
                    .iter()
                    .any(|n| matches!(n, Notice::DamagedPart { .. }))
                {
                    flagged += 1;
                } else {
                    accepted.push(f.display().to_string());
                }
            }
        }
    }
    println!(
        "mutants: {} files, errors {errors:?}, {flagged} flagged as damaged, max time {max:?}",
        files.len()
    );
    assert!(panics.is_empty(), "panicked: {panics:#?}");
    assert!(slow.is_empty(), "slower than {bound:?}: {slow:#?}");
    assert!(accepted.is_empty(), "read as undamaged: {accepted:#?}");
}
