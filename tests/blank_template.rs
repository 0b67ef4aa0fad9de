//! `gcm-review template` end to end: the blank template in six languages is
//! lint-clean, reads back as five empty sections, maps back by its
//! content-control tags once filled (even with a renamed heading), its JSON
//! skeleton validates against the published schema, docx-rs reads it, and
//! LibreOffice renders the headings (skipped when `soffice` is absent).

mod docx_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docx_common::{rezip, unzip};
use gcm_review::docx_writer::lint::lint_docx;
use serde_json::Value;

const LANGS: [&str; 6] = ["en", "fr", "es", "ru", "ar", "zh"];

const SECTIONS: [&str; 5] = [
    "methodology",
    "policy_environment",
    "objectives_progress",
    "means_of_implementation",
    "next_steps",
];

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gcm-review"));
    cmd.env("GCM_REVIEW_TODAY", "2022-03-01")
        .env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Writes the blank template with the binary and returns its bytes.
fn template(dir: &Path, lang: &str, format: &str) -> (PathBuf, Vec<u8>) {
    let out = dir.join(format!("template-{lang}.{format}"));
    let o = run(&[
        "template",
        "--lang",
        lang,
        "--format",
        format,
        "-o",
        path_str(&out),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&out).expect("output written");
    (out, bytes)
}

/// `check --format json` on one file: (exit code, report entry).
fn check(path: &Path) -> (Option<i32>, Value) {
    let o = run(&["check", "--format", "json", path_str(path)]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    let report = v["reports"][0].clone();
    (o.status.code(), report)
}

/// (code, section) of every finding of a report entry.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    report["diagnostics"]
        .as_array()
        .or_else(|| report["findings"].as_array())
        .map(|items| {
            items
                .iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_string(),
                        d["location"]["section"].as_str().unwrap_or("").to_string(),
                        d["severity"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn errors(report: &Value) -> Vec<(String, String, String)> {
    findings(report)
        .into_iter()
        .filter(|(_, _, severity)| severity == "error")
        .collect()
}

/// Cover values a State would give.
fn cover_value(field: &str, lang: &str) -> String {
    match field {
        "submitter_name" => "Portugal",
        "submitter_type" => "member_state",
        "iso3" => "PRT",
        "regions" => "ECE",
        "review_cycle" => "2022",
        "title" => "Voluntary review of the Global Compact for Migration",
        "focal_point_name" => "Ana Exemplo",
        "focal_point_title" => "Head of Division for Migration Policy",
        "institution" => "Office of the High Commissioner for Migration",
        "email" => "gcm.focalpoint@example.gov.pt",
        "submission_date" => "2022-02-25",
        "language" => lang,
        other => panic!("no test value for cover field {other}"),
    }
    .to_string()
}

fn section_text(tag: &str) -> String {
    format!(
        "Text for {tag}: the national focal point coordinated the review of the Global Compact \
         for Safe, Orderly and Regular Migration with eleven ministries, migrant associations \
         and local authorities, and documented the migration policy measures taken."
    )
}

/// Fills every content control of `document.xml`: cover controls get a
/// value run, section and objective controls a real paragraph; the
/// placeholder marks go. `skip` lists tags left blank.
fn fill(document: &str, lang: &str, skip: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = document;
    while let Some(start) = rest.find("<w:sdt>") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</w:sdt>").expect("closed sdt") + start + "</w:sdt>".len();
        let sdt = &rest[start..end];
        rest = &rest[end..];
        let tag_at = sdt.find("<w:tag w:val=\"").expect("tagged") + "<w:tag w:val=\"".len();
        let tag = &sdt[tag_at..tag_at + sdt[tag_at..].find('"').expect("quote")];
        if skip.contains(&tag) {
            out.push_str(sdt);
            continue;
        }
        let props_end = sdt.find("</w:sdtPr>").expect("sdtPr") + "</w:sdtPr>".len();
        let props = sdt[..props_end].replace("<w:showingPlcHdr/>", "");
        let content = match tag.strip_prefix("cover.") {
            Some(field) => format!("<w:r><w:t>{}</w:t></w:r>", cover_value(field, lang)),
            None => format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", section_text(tag)),
        };
        out.push_str(&format!(
            "{props}<w:sdtContent>{content}</w:sdtContent></w:sdt>"
        ));
    }
    out.push_str(rest);
    out
}

/// The DOCX with `document.xml` passed through `edit`.
fn edit_docx(bytes: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut parts = unzip(bytes);
    let document = String::from_utf8(parts.remove("word/document.xml").expect("document part"))
        .expect("utf-8");
    parts.insert("word/document.xml".into(), edit(&document).into_bytes());
    rezip(&parts)
}

#[test]
fn blank_template_is_lint_clean_and_reads_as_five_empty_sections() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in LANGS {
        let (path, bytes) = template(dir.path(), lang, "docx");
        assert_eq!(lint_docx(&bytes), vec![], "{lang}: lint problems");
        let (_, report) = check(&path);
        let found = findings(&report);
        for id in SECTIONS {
            assert!(
                found
                    .iter()
                    .any(|(c, s, _)| c == "structure.empty-section" && s == id),
                "{lang}: no structure.empty-section for {id}: {found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(c, _, _)| c == "structure.missing-section"),
            "{lang}: a section was not recognised: {found:?}"
        );
    }
}

#[test]
fn a_filled_template_has_no_error_in_any_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in LANGS {
        let (_, bytes) = template(dir.path(), lang, "docx");
        let filled = edit_docx(&bytes, |d| fill(d, lang, &[]));
        assert_eq!(
            lint_docx(&filled),
            vec![],
            "{lang}: filled copy has lint problems"
        );
        let path = dir.path().join(format!("filled-{lang}.docx"));
        std::fs::write(&path, &filled).expect("write");
        let (code, report) = check(&path);
        assert_eq!(errors(&report), vec![], "{lang}: {report:#}");
        assert_eq!(code, Some(0), "{lang}");
        assert!(
            !findings(&report)
                .iter()
                .any(|(c, _, _)| c.starts_with("structure.")),
            "{lang}: {:?}",
            findings(&report)
        );
    }
}

#[test]
fn tags_map_before_headings_so_a_renamed_heading_still_maps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = template(dir.path(), "en", "docx");
    let renamed = edit_docx(&bytes, |d| {
        fill(d, "en", &[])
            .replace(">Methodology for the review<", ">How we went about it<")
            .replace(">Objective 5:", ">Pathways (5):")
    });
    let path = dir.path().join("renamed.docx");
    std::fs::write(&path, &renamed).expect("write");
    let (code, report) = check(&path);
    assert_eq!(errors(&report), vec![], "{report:#}");
    assert_eq!(code, Some(0));
    let found = findings(&report);
    assert!(
        !found.iter().any(|(c, _, _)| c.starts_with("structure.")),
        "{found:?}"
    );

    // The extracted report keeps the renamed section under its id.
    let o = run(&["extract", path_str(&path)]);
    let extracted: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let sections = extracted["sections"].as_array().expect("sections");
    let methodology = sections
        .iter()
        .find(|s| s["id"] == "methodology")
        .expect("methodology found by its tag");
    assert_eq!(methodology["title"], "How we went about it");
    let objectives = sections
        .iter()
        .find(|s| s["id"] == "objectives_progress")
        .expect("objectives section");
    let entries = objectives["objectives"].as_array().expect("entries");
    let numbers: Vec<u64> = entries
        .iter()
        .filter_map(|e| e["objective"].as_u64())
        .collect();
    assert_eq!(numbers, (1..=23).collect::<Vec<u64>>());
    let fifth = entries
        .iter()
        .find(|e| e["objective"] == 5)
        .expect("objective 5");
    let text = fifth["paragraphs"].to_string();
    assert!(text.contains("Text for objective_05"), "{fifth:#}");
}

#[test]
fn one_blank_section_in_a_filled_template_is_reported_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = template(dir.path(), "fr", "docx");
    let filled = edit_docx(&bytes, |d| fill(d, "fr", &["next_steps"]));
    let path = dir.path().join("partly.docx");
    std::fs::write(&path, &filled).expect("write");
    let (_, report) = check(&path);
    let empty: Vec<String> = findings(&report)
        .into_iter()
        .filter(|(c, _, _)| c == "structure.empty-section")
        .map(|(_, s, _)| s)
        .collect();
    assert_eq!(empty, ["next_steps"]);
}

fn schema() -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report.schema.json"),
    )
    .expect("schema");
    serde_json::from_str(&text).expect("schema JSON")
}

/// Puts text into every empty paragraph and a value into every cover key.
fn fill_json(value: &mut Value, lang: &str) {
    if let Some(cover) = value["cover"].as_object_mut() {
        for (key, v) in cover.iter_mut() {
            *v = Value::String(cover_value(key, lang));
        }
    }
    fn paragraphs(v: &mut Value, label: &str) {
        if let Some(ps) = v.get_mut("paragraphs").and_then(Value::as_array_mut) {
            for p in ps.iter_mut() {
                *p = Value::String(section_text(label));
            }
        }
    }
    for section in value["sections"].as_array_mut().expect("sections") {
        let id = section["id"].as_str().unwrap_or("").to_string();
        paragraphs(section, &id);
        if let Some(entries) = section.get_mut("objectives").and_then(Value::as_array_mut) {
            for e in entries {
                let label = format!("objective_{:02}", e["objective"].as_u64().unwrap_or(0));
                paragraphs(e, &label);
            }
        }
    }
}

#[test]
fn json_skeleton_validates_and_once_filled_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let validator = jsonschema::draft202012::new(&schema()).expect("schema compiles");
    for lang in LANGS {
        let (_, bytes) = template(dir.path(), lang, "json");
        let mut skeleton: Value = serde_json::from_slice(&bytes).expect("JSON");
        let problems: Vec<String> = validator
            .iter_errors(&skeleton)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{lang}");
        let sections = skeleton["sections"].as_array().expect("sections");
        let ids: Vec<&str> = sections.iter().filter_map(|s| s["id"].as_str()).collect();
        assert_eq!(ids, SECTIONS);
        assert!(skeleton["cover"]
            .as_object()
            .expect("cover")
            .values()
            .all(|v| v == ""));

        fill_json(&mut skeleton, lang);
        let problems: Vec<String> = validator
            .iter_errors(&skeleton)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{lang}: filled skeleton");
        let path = dir.path().join(format!("filled-{lang}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&skeleton).expect("JSON")).expect("write");
        let (code, report) = check(&path);
        assert_eq!(errors(&report), vec![], "{lang}: {report:#}");
        assert_eq!(code, Some(0), "{lang}");
    }
}

#[test]
fn docx_rs_reads_every_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in LANGS {
        let (_, bytes) = template(dir.path(), lang, "docx");
        assert!(
            docx_rs::read_docx(&bytes).is_ok(),
            "{lang}: docx-rs cannot read it"
        );
    }
}

#[test]
fn an_unknown_language_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("de.docx");
    let o = run(&["template", "--lang", "de", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text for comparing with pdftotext output: no whitespace, no bidi
/// controls, and no lam or alef (pdftotext writes the lam-alef ligature as
/// alef then lam, so "الاستعراض" comes out as "االستعراض").
fn normalise(s: &str) -> String {
    squash(s)
        .chars()
        .filter(|c| {
            !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                && !matches!(c, 'ل' | 'ا' | 'أ' | 'إ' | 'آ')
        })
        .collect()
}

#[test]
fn libreoffice_renders_the_section_headings_in_each_language() {
    if !on_path("soffice") || !on_path("pdftotext") {
        eprintln!("note: soffice or pdftotext not on PATH; LibreOffice rendering check skipped");
        return;
    }
    let template_data = gcm_review::template::Template::builtin().expect("template");
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in LANGS {
        let (input, _) = template(dir.path(), lang, "docx");
        let profile = dir.path().join(format!("profile-{lang}"));
        let status = Command::new("soffice")
            .arg("--headless")
            .arg("--norestore")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&input)
            .output()
            .expect("run soffice");
        assert!(status.status.success(), "{lang}: soffice failed");
        let pdf = input.with_extension("pdf");
        assert!(pdf.is_file(), "{lang}: no PDF");
        let out = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("run pdftotext");
        assert!(out.status.success());
        // pdftotext breaks lines and, for Arabic, may split shaped words:
        // compare without any whitespace.
        let text = normalise(&String::from_utf8_lossy(&out.stdout));
        for section in &template_data.sections {
            let title = gcm_review::template::pick(&section.title, lang);
            assert!(
                text.contains(&normalise(title)),
                "{lang}: heading “{title}” not in the PDF text"
            );
        }
    }
}
