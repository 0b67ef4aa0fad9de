//! Messages in the official's language, end to end: for every non-English
//! UN language, `check --format json --lang X` over the examples, the
//! project's Word fixture reports, a generated batch and hostile files must
//! not carry English words from the catalogue or the template.
//!
//! How English is recognised: every English text of the rule catalogue (rule
//! titles, messages, help, phrase book) and of the template (cover labels and
//! help, section titles and guidance, the length note) is cut at its
//! `{placeholders}` into pieces; each run of four consecutive words of a
//! piece (at least one of them four letters or longer) is a fingerprint. A
//! diagnostic's message, help and location section must contain none of
//! them. Text an official wrote and the checker quotes back («…», “…”, `…`)
//! is left out, and so are acronyms, codes and paths (DEU, ECLAC, en,
//! word/document.xml), which read the same in every language.

mod support;

#[path = "support/docx_fixture.rs"]
mod docx_fixture;
#[path = "support/reports.rs"]
mod reports;

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use gcm_review::catalogue::Catalogue;
use gcm_review::template::Template;
use serde_json::Value;

const LANGS: [&str; 5] = ["fr", "es", "ar", "ru", "zh"];

/// Words of a text, `None` where a run of words must break (codes,
/// acronyms, numbers, paths, placeholders).
fn words(text: &str) -> Vec<Option<String>> {
    text.split_whitespace()
        .map(|token| {
            let t = token.trim_matches(|c: char| !c.is_alphanumeric());
            let plain = !t.is_empty()
                && t.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’');
            let acronym = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && t.chars().all(|c| !c.is_lowercase());
            let glued = token.contains(['/', '_', '@', '{', '}', '`']);
            (plain && !acronym && !glued).then(|| t.to_lowercase())
        })
        .collect()
}

/// Four-word fingerprints of a text (see the module comment).
fn fingerprints(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for piece in text.split(['{', '}']) {
        let ws = words(piece);
        for window in ws.windows(4) {
            let Some(run) = window.iter().cloned().collect::<Option<Vec<String>>>() else {
                continue;
            };
            if run.iter().any(|w| w.chars().count() >= 4) {
                out.insert(run.join(" "));
            }
        }
    }
    out
}

/// Every English text an official could meet, as fingerprints.
fn english_fingerprints() -> BTreeSet<String> {
    let catalogue = Catalogue::load().expect("catalogue");
    let template = Template::load().expect("template");
    let mut texts: Vec<String> = Vec::new();
    for rule in &catalogue.rules {
        let en = rule.text.get("en").expect("English text");
        texts.extend([en.title.clone(), en.message.clone(), en.help.clone()]);
    }
    for phrase in &catalogue.phrases {
        texts.extend(phrase.text.get("en").cloned());
    }
    for field in &template.cover {
        texts.extend(field.label.get("en").cloned());
        texts.extend(field.help.get("en").cloned());
    }
    for section in &template.sections {
        texts.extend(section.title.get("en").cloned());
        texts.extend(section.guidance.get("en").cloned());
    }
    texts.extend(template.length.note.get("en").cloned());
    let all: BTreeSet<String> = texts.iter().flat_map(|t| fingerprints(t)).collect();
    assert!(all.len() > 500, "too few fingerprints: {}", all.len());
    all
}

/// Removes text between quotation marks: values the official wrote.
fn without_quotes(text: &str) -> String {
    let pairs = [('«', '»'), ('“', '”'), ('"', '"'), ('`', '`'), ('‘', '’')];
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match pairs.iter().find(|(open, _)| *open == c) {
                Some((_, close)) => closing = Some(*close),
                None => out.push(c),
            },
        }
    }
    out
}

/// English fingerprints found in one JSON output, with where they were.
fn leaks(output: &Value, english: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for report in output["reports"].as_array().expect("reports") {
        let file = report["file"].as_str().unwrap_or("?");
        for d in report["diagnostics"].as_array().expect("diagnostics") {
            let code = d["code"].as_str().unwrap_or("?");
            for field in ["message", "help"] {
                let text = without_quotes(d[field].as_str().unwrap_or(""));
                for fp in fingerprints(&text) {
                    if english.contains(&fp) {
                        found.push(format!("{file} [{code}] {field}: “{fp}” in: {text}"));
                    }
                }
            }
            let section = d["location"]["section"].as_str().unwrap_or("");
            for fp in fingerprints(section) {
                if english.contains(&fp) {
                    found.push(format!("{file} [{code}] location: {section}"));
                }
            }
        }
    }
    found
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// A zip with these entries, stored as they are.
fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in entries {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write entry");
    }
    zip.finish().expect("zip").into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// Unreadable and hostile files, one per reason a file can be refused.
fn hostile(dir: &Path) -> Vec<PathBuf> {
    let docx = support::minimal_docx();
    let doc = |body: &str| {
        support::docx_with_document(&format!(
            "<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>"
        ))
    };
    let deep = format!("{}{}", "<w:p>".repeat(400), "</w:p>".repeat(400));
    vec![
        write(dir, "empty.docx", b""),
        write(dir, "scan.docx", b"%PDF-1.7\n1 0 obj << >> endobj\n"),
        write(
            dir,
            "legacy.docx",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
        ),
        write(dir, "truncated.docx", docx.get(..docx.len() / 2).expect("half")),
        write(dir, "split.docx", b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        write(dir, "bomb.docx", &support::zip_bomb(4 * 1024 * 1024)),
        write(dir, "noise.docx", &support::random_bytes(512)),
        write(dir, "letter.docx", b"{\\rtf1\\ansi hello}"),
        write(dir, "page.docx", b"<html><body>report</body></html>"),
        write(dir, "deep.docx", &doc(&deep)),
        write(
            dir,
            "doctype.docx",
            &support::docx_with_document(&format!(
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"b\">]><w:document {W}><w:body/></w:document>"
            )),
        ),
        write(dir, "bad-xml.docx", &doc("<w:p></w:body>")),
        write(dir, "open-xml.docx", &support::docx_with_document(&format!(
            "<?xml version=\"1.0\"?><w:document {W}><w:body><w:p>"
        ))),
        write(dir, "not-word.docx", &zip_of(&[("notes.txt", "hello")])),
        write(dir, "cut.json", b"{\"cover\": {\"submitter_name\": \"Chile\","),
        write(dir, "comma.json", b"{\"cover\": {}, \"sections\": [],}"),
        write(dir, "utf16.json", b"{\"a\": \"\xFF\"}"),
        write(
            dir,
            "schema.json",
            br#"{"cover": {"emial": "x", "regions": 5, "review_cycle": 3},
                "sections": [{"id": "methodolgy"}, {"id": "methodology", "paragraphs": [42]}],
                "objectives": -1}"#,
        ),
        dir.join("missing.json"),
    ]
}

/// The project's Word fixture reports, written to `dir`.
fn fixture_reports(dir: &Path) -> Vec<PathBuf> {
    let all = reports::load_all();
    assert!(all.len() >= 10, "fixture reports");
    all.iter()
        .map(|(stem, spec)| write(dir, &format!("{stem}.docx"), &spec.build()))
        .collect()
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "examples");
    paths
}

fn check_json(lang: &str, paths: &[PathBuf]) -> Value {
    let mut args: Vec<std::ffi::OsString> = ["check", "--format", "json", "--lang", lang]
        .iter()
        .map(Into::into)
        .collect();
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    let o = support::run(&args);
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

#[test]
fn no_english_from_the_catalogue_or_template_in_other_languages() {
    let english = english_fingerprints();
    let tmp = tempfile::tempdir().expect("tmp");
    let mut paths = examples();
    paths.extend(fixture_reports(tmp.path()));
    paths.extend(hostile(tmp.path()));
    let batch = support::Batch::new();
    paths.push(batch.path());

    // The run covers what it claims to: many rules fire, unreadable files too.
    let en = check_json("en", &paths);
    let codes: BTreeSet<&str> = en["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().expect("diagnostics"))
        .filter_map(|d| d["code"].as_str())
        .collect();
    for code in [
        "cover.missing-field",
        "input.pdf",
        "input.damaged",
        "input.too-deep",
        "input.doctype",
        "input.invalid-xml",
        "input.not-word-document",
        "input.unsupported-format",
        "input.invalid-json",
        "input.unreadable-file",
        "schema.wrong-type",
        "structure.missing-section",
    ] {
        assert!(codes.contains(code), "{code} not exercised: {codes:?}");
    }
    assert!(
        !leaks(&en, &english).is_empty(),
        "the detector finds English in English output"
    );

    let mut all = Vec::new();
    for lang in LANGS {
        let output = check_json(lang, &paths);
        all.extend(
            leaks(&output, &english)
                .into_iter()
                .map(|l| format!("{lang}: {l}")),
        );
    }
    assert!(
        all.is_empty(),
        "{} English fragments in translated output:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn fingerprints_skip_codes_paths_and_quoted_values() {
    let fp = fingerprints(
        "Use one of: ECA, ECE, ECLAC, ESCAP, ESCWA and schemas/report.schema.json now.",
    );
    assert!(fp.is_empty(), "{fp:?}");
    let fp = fingerprints("The International Migration Review Forum the report prepares");
    assert!(fp.contains("the international migration review"), "{fp:?}");
    assert_eq!(
        without_quotes("La section « Next steps of the plan » est introuvable."),
        "La section  est introuvable."
    );
}

#[test]
fn every_un_language_is_accepted_by_check() {
    let example = examples().into_iter().next().expect("example");
    for lang in ["en", "fr", "es", "ar", "ru", "zh"] {
        let out = check_json(lang, std::slice::from_ref(&example));
        assert!(out["reports"].is_array(), "{lang}");
    }
    let o = support::run(&["check", "--lang", "de", example.to_str().expect("path")]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "unknown language is a usage error"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("en, fr, es, ar, ru, zh"), "{err}");
}
