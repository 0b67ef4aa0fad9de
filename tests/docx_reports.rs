//! End-to-end runs of `gcm-review check` and `extract` on the project's own
//! fixture reports: Word files built from `tests/fixtures/reports/*.toml`
//! in the six UN languages, with the constructs real drafts carry.
//!
//! `cargo test --test docx_reports -- --ignored write_fixtures` writes the
//! `.docx` files to `target/fixture-reports/` (or `$GCM_FIXTURES_OUT`).

#[path = "support/docx_fixture.rs"]
mod docx_fixture;
#[path = "support/reports.rs"]
mod reports;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use reports::{Para, ReportSpec};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gcm-review"));
    cmd.env("GCM_REVIEW_TODAY", "2022-03-01")
        .env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&Path], extra: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.args(extra.iter().take(1));
    cmd.args(args);
    cmd.args(extra.iter().skip(1));
    cmd.output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Writes a fixture report's DOCX into `dir`.
fn write_docx(dir: &Path, spec: &ReportSpec) -> PathBuf {
    let path = dir.join(&spec.file);
    std::fs::write(&path, spec.build()).expect("write docx");
    path
}

/// `check --format json` on one file: its report entry.
fn check_json(path: &Path) -> Value {
    let o = run(&[path], &["check", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}): {}", stdout(&o)));
    v["reports"][0].clone()
}

/// `extract` on one file: the report JSON.
fn extract_json(path: &Path) -> Value {
    let o = run(&[path], &["extract"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "extract failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("extract JSON")
}

fn codes(report: &Value) -> Vec<String> {
    let mut c: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .filter(|c| !c.starts_with("scope."))
        .map(str::to_string)
        .collect();
    c.sort();
    c
}

fn diagnostic<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {report:#}"))
}

fn build(stem: &str) -> (tempfile::TempDir, ReportSpec, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let spec = reports::by_name(stem);
    let path = write_docx(dir.path(), &spec);
    (dir, spec, path)
}

/// Every paragraph text of the extracted report, in order, with the
/// section id (or title) and objective it sits in.
fn extracted_paragraphs(report: &Value) -> Vec<(String, Option<u64>, String)> {
    let mut out = Vec::new();
    let text = |p: &Value| -> String {
        p.as_str()
            .map(str::to_string)
            .or_else(|| p["text"].as_str().map(str::to_string))
            .unwrap_or_default()
    };
    for s in report["sections"].as_array().expect("sections") {
        let name = s["id"]
            .as_str()
            .or_else(|| s["title"].as_str())
            .unwrap_or("")
            .to_string();
        for p in s["paragraphs"].as_array().into_iter().flatten() {
            out.push((name.clone(), None, text(p)));
        }
        for o in s["objectives"].as_array().into_iter().flatten() {
            for p in o["paragraphs"].as_array().into_iter().flatten() {
                out.push((name.clone(), o["objective"].as_u64(), text(p)));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Every fixture: the verdict, the submitter and the language.

#[test]
fn every_fixture_report_gets_its_expected_verdict() {
    let dir = tempfile::tempdir().expect("tmp");
    let all = reports::load_all();
    assert!(all.len() >= 13, "at least 13 fixture reports");
    let mut failures = Vec::new();
    for (stem, spec) in &all {
        let path = write_docx(dir.path(), spec);
        let r = check_json(&path);
        let e = &spec.expect;
        let got = (
            r["status"].as_str().unwrap_or("").to_string(),
            r["format"].as_str().unwrap_or("").to_string(),
            r["language"].as_str().unwrap_or("").to_string(),
            codes(&r),
            r["submitter"]["name"].as_str().unwrap_or("").to_string(),
            r["submitter"]["iso3"].as_str().map(str::to_string),
            r["submitter"]["type"].as_str().unwrap_or("").to_string(),
        );
        // Refugee-only paragraphs are errors: such a report goes back to the sender.
        let has_refugee_only = spec
            .scoped_paragraphs()
            .iter()
            .any(|p| p.scope == "refugee_only");
        let want_status = if has_refugee_only {
            "invalid".to_string()
        } else {
            e.status.clone()
        };
        let want = (
            want_status,
            "docx".to_string(),
            e.language.clone(),
            e.codes.clone(),
            e.submitter_name.clone(),
            e.submitter_iso3.clone(),
            e.submitter_type.clone(),
        );
        if got != want {
            failures.push(format!("{stem}:\n  got  {got:?}\n  want {want:?}\n  {r}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Writes every fixture report as `.docx` for benchmarks and manual review.
#[test]
#[ignore = "writes files; run with --ignored write_fixtures"]
fn write_fixtures() {
    let out = std::env::var_os("GCM_FIXTURES_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target")
                .join("fixture-reports")
        });
    std::fs::create_dir_all(&out).expect("output folder");
    for (_, spec) in reports::load_all() {
        let path = write_docx(&out, &spec);
        println!("{}", path.display());
    }
}

// ---------------------------------------------------------------------------
// Where the text goes: every paragraph of every fixture lands in its section
// and objective, footnotes and table rows included.

/// (section id or heading, objective, accepted text) for every paragraph
/// the spec writes, in order; table rows one by one.
fn spec_paragraphs(spec: &ReportSpec) -> Vec<(String, Option<u64>, String)> {
    let mut out = Vec::new();
    let mut push = |section: &str, objective: Option<u64>, p: &Para| {
        let rich = p.rich();
        if let Some(rows) = rich.and_then(|r| r.table.as_ref()) {
            for row in rows {
                out.push((section.to_string(), objective, row.join(" | ")));
            }
            return;
        }
        // A list item shows its bullet, as Word does.
        let text = match rich {
            Some(r) if r.list => format!("\u{2022} {}", p.accepted_text()),
            _ => p.accepted_text(),
        };
        out.push((section.to_string(), objective, text));
        if let Some(note) = rich.and_then(|r| r.footnote.as_ref()) {
            out.push((section.to_string(), objective, note.clone()));
        }
    };
    for s in &spec.sections {
        let name = s.id.clone().unwrap_or_else(|| s.heading.clone());
        for p in &s.paragraphs {
            push(&name, None, p);
        }
        for o in &s.objectives {
            for p in &o.paragraphs {
                push(&name, Some(u64::from(o.number)), p);
            }
        }
    }
    out
}

#[test]
fn every_paragraph_lands_in_its_section_and_objective() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut failures = Vec::new();
    for (stem, spec) in reports::load_all() {
        let path = write_docx(dir.path(), &spec);
        let got = extracted_paragraphs(&extract_json(&path));
        let want = spec_paragraphs(&spec);
        // Footnote text as extracted drops nothing but may differ in the
        // leading space Word writes after the note mark.
        let norm = |v: Vec<(String, Option<u64>, String)>| -> Vec<(String, Option<u64>, String)> {
            v.into_iter()
                .map(|(s, o, t)| (s, o, t.trim().to_string()))
                .filter(|(_, _, t)| !t.is_empty())
                .collect()
        };
        let (got, want) = (norm(got), norm(want));
        // The front matter (title line, cover lines) sits in an untitled
        // section the spec does not describe: compare from the first
        // section the spec names.
        let first = want.first().map(|w| w.0.clone()).unwrap_or_default();
        let got: Vec<_> = got.into_iter().skip_while(|g| g.0 != first).collect();
        if got != want {
            let diff: Vec<String> = want
                .iter()
                .filter(|w| !got.contains(w))
                .map(|w| format!("    missing {w:?}"))
                .chain(
                    got.iter()
                        .filter(|g| !want.contains(g))
                        .map(|g| format!("    extra   {g:?}")),
                )
                .collect();
            failures.push(format!("{stem}:\n{}", diff.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn section_and_objective_headings_are_recognised_in_every_fixture() {
    let dir = tempfile::tempdir().expect("tmp");
    for (stem, spec) in reports::load_all() {
        let path = write_docx(dir.path(), &spec);
        let report = extract_json(&path);
        let sections = report["sections"].as_array().expect("sections");
        let got: Vec<(Option<&str>, Vec<u64>)> = sections
            .iter()
            .filter(|s| s["title"].is_string() || s["id"].is_string())
            .map(|s| {
                (
                    s["id"].as_str(),
                    s["objectives"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|o| o["objective"].as_u64())
                        .collect(),
                )
            })
            .collect();
        let want: Vec<(Option<&str>, Vec<u64>)> = spec
            .sections
            .iter()
            .map(|s| {
                (
                    s.id.as_deref(),
                    s.objectives.iter().map(|o| u64::from(o.number)).collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "{stem}");
        // Each objective entry carries its heading, as Word shows it.
        for s in sections {
            for o in s["objectives"].as_array().into_iter().flatten() {
                assert!(o["title"].is_string(), "{stem}: untitled entry {o}");
                assert!(o["block"].is_u64(), "{stem}: entry without block {o}");
            }
        }
    }
}

#[test]
fn cover_values_come_from_table_lines_controls_or_properties() {
    let dir = tempfile::tempdir().expect("tmp");
    let modes: std::collections::BTreeSet<String> = reports::load_all()
        .into_iter()
        .map(|(_, s)| s.cover_mode)
        .collect();
    assert_eq!(
        modes.into_iter().collect::<Vec<_>>(),
        vec!["controls", "lines", "properties", "table"]
    );
    for (stem, spec) in reports::load_all() {
        let path = write_docx(dir.path(), &spec);
        let report = extract_json(&path);
        let regions: Vec<String> = report["cover"]["regions"]
            .as_str()
            .unwrap_or_default()
            .split(',')
            .map(|r| r.trim().to_string())
            .collect();
        assert_eq!(regions, spec.expect.regions, "{stem}: regions");
        let cover = report["cover"].as_object().expect("cover");
        for field in [
            "submitter_name",
            "submitter_type",
            "review_cycle",
            "focal_point_name",
            "institution",
            "email",
            "submission_date",
            "language",
        ] {
            assert!(cover.contains_key(field), "{stem}: cover lacks {field}");
        }
        if let Some(props) = &spec.properties {
            assert_eq!(report["cover"]["title"], props.title.as_str(), "{stem}");
        }
    }
}

// ---------------------------------------------------------------------------
// What an official needs to hear about particular drafts.

#[test]
fn the_draft_with_problems_says_what_to_fix_and_where() {
    let (_dir, _spec, path) = build("ece-draft-with-problems-en");
    let r = check_json(&path);
    assert_eq!(r["status"], "invalid");
    assert_eq!(
        codes(&r),
        vec![
            "cover.invalid-email",
            "objectives.unknown",
            "structure.missing-section"
        ]
    );

    let missing = diagnostic(&r, "structure.missing-section");
    assert_eq!(missing["severity"], "error");
    assert_eq!(missing["location"]["section"], "means_of_implementation");

    let email = diagnostic(&r, "cover.invalid-email");
    assert_eq!(email["severity"], "error");
    assert_eq!(email["location"]["section"], "cover");
    assert!(
        email["message"]
            .as_str()
            .is_some_and(|m| m.contains("gcm focal point at mfa.gov.md")),
        "{email}"
    );

    let unknown = diagnostic(&r, "objectives.unknown");
    assert_eq!(unknown["severity"], "error");
    assert_eq!(unknown["location"]["section"], "objectives_progress");
    assert_eq!(unknown["location"]["objective"], 24);
    assert_eq!(
        unknown["location"]["excerpt"],
        "Objective 24: Digital identity for citizens abroad"
    );
    // The block number is the one `extract` gives the heading, so the
    // official can count down to it in Word.
    let block = unknown["location"]["block"].as_u64().expect("block");
    let extracted = extract_json(&path);
    let entry = extracted["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["objectives"].as_array().into_iter().flatten())
        .find(|o| o["objective"] == 24)
        .expect("objective 24 entry");
    assert_eq!(entry["block"].as_u64(), Some(block));
    // Title line, ten cover rows, then the sections: the heading is far
    // down the document, not at its start.
    assert!(block > 11, "{block}");

    // The text output says the same, with where and how to fix.
    let o = run(&[&path], &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("error [objectives.unknown]"), "{text}");
    assert!(text.contains(&format!("paragraph {block}")), "{text}");
}

#[test]
fn tracked_changes_and_comments_are_reported_and_only_accepted_text_is_kept() {
    let (_dir, spec, path) = build("ece-switzerland-fr");
    let r = check_json(&path);
    assert_eq!(r["status"], "valid", "{r}");
    let tracked = diagnostic(&r, "docx.tracked-changes");
    assert_eq!(tracked["severity"], "warning");
    let comments = diagnostic(&r, "docx.comments");
    assert_eq!(comments["severity"], "warning");

    let changed = spec
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .filter_map(Para::rich)
        .find(|p| p.deleted.is_some())
        .expect("a paragraph with tracked changes");
    let deleted = changed.deleted.as_deref().expect("deleted");
    let inserted = changed.inserted.as_deref().expect("inserted");
    let comment = spec
        .sections
        .iter()
        .flat_map(|s| s.objectives.iter().flat_map(|o| o.paragraphs.iter()))
        .filter_map(Para::rich)
        .find_map(|p| p.comment.clone())
        .expect("a comment");

    let o = run(&[&path], &["extract"]);
    let json = stdout(&o);
    assert!(json.contains(inserted), "inserted text is kept");
    assert!(
        json.contains(&format!("{}{inserted}", changed.text)),
        "the accepted sentence reads on"
    );
    assert!(!json.contains(deleted), "deleted text never appears");
    assert!(!json.contains(&comment), "comments are not report text");

    // The block model keeps the comment apart, anchored in its paragraph.
    let o = run(&[&path], &["extract", "--document"]);
    let doc: Value = serde_json::from_slice(&o.stdout).expect("document JSON");
    let c = &doc["comments"][0];
    assert_eq!(c["text"], comment.as_str());
    let anchor = c["block"].as_u64().expect("anchored") as usize;
    assert!(doc["blocks"][anchor]["text"]
        .as_str()
        .is_some_and(|t| t.contains("traite des êtres humains")));
}

#[test]
fn auto_numbered_objective_headings_map_to_their_numbers() {
    let (_dir, spec, path) = build("ece-kazakhstan-ru");
    let report = extract_json(&path);
    let section = report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["id"] == "objectives_progress")
        .expect("objectives section");
    let entries = section["objectives"].as_array().expect("entries");
    let want: Vec<(u64, String)> = spec
        .sections
        .iter()
        .flat_map(|s| s.objectives.iter())
        .map(|o| {
            (
                u64::from(o.number),
                format!("Цель {}. {}", o.number, o.heading),
            )
        })
        .collect();
    let got: Vec<(u64, String)> = entries
        .iter()
        .map(|e| {
            (
                e["objective"].as_u64().unwrap_or(0),
                e["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    // The number lives only in numbering.xml, never in the text.
    for o in spec.sections.iter().flat_map(|s| s.objectives.iter()) {
        assert!(o.auto && !o.heading.contains("Цель"), "{}", o.heading);
    }
    let o = run(&[&path], &["extract", "--document"]);
    let doc: Value = serde_json::from_slice(&o.stdout).expect("document JSON");
    let labels: Vec<&str> = doc["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter_map(|b| b["list_label"].as_str())
        .collect();
    assert_eq!(
        labels,
        vec!["Цель 1.", "Цель 2.", "Цель 5.", "Цель 6.", "Цель 16."]
    );
}

#[test]
fn footnotes_stay_in_the_section_that_references_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut seen = 0;
    for (stem, spec) in reports::load_all() {
        let notes: Vec<(String, Option<u64>, String)> = spec
            .sections
            .iter()
            .flat_map(|s| {
                let name = s.id.clone().unwrap_or_default();
                let direct = s.paragraphs.iter().map(move |p| (None, p));
                let nested = s
                    .objectives
                    .iter()
                    .flat_map(|o| o.paragraphs.iter().map(move |p| (Some(o.number), p)));
                direct
                    .chain(nested)
                    .filter_map(move |(n, p)| {
                        p.rich()?
                            .footnote
                            .clone()
                            .map(|f| (name.clone(), n.map(u64::from), f))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        if notes.is_empty() {
            continue;
        }
        let path = write_docx(dir.path(), &spec);
        let report = extract_json(&path);
        for (section, objective, note) in notes {
            seen += 1;
            let s = report["sections"]
                .as_array()
                .expect("sections")
                .iter()
                .find(|s| s["id"] == section.as_str())
                .expect("section");
            let paragraphs = match objective {
                None => s["paragraphs"].clone(),
                Some(n) => s["objectives"]
                    .as_array()
                    .expect("entries")
                    .iter()
                    .find(|o| o["objective"] == n)
                    .expect("entry")["paragraphs"]
                    .clone(),
            };
            let found = paragraphs
                .as_array()
                .expect("paragraphs")
                .iter()
                .find(|p| p["kind"] == "footnote")
                .unwrap_or_else(|| panic!("{stem}: no footnote in {section} {objective:?}"));
            assert_eq!(found["text"].as_str().map(str::trim), Some(note.as_str()));
        }
    }
    assert!(seen >= 3, "fixtures carry footnotes in en, fr and ar");
}

#[test]
fn placeholders_left_in_content_controls_are_not_report_text() {
    for stem in ["ece-portugal-en", "ece-spain-es"] {
        let (_dir, spec, path) = build(stem);
        let json = stdout(&run(&[&path], &["extract"]));
        assert!(!json.contains("Click or tap here"), "{stem}");
        for s in &spec.sections {
            if let Some(p) = &s.placeholder {
                assert!(!json.contains(p.as_str()), "{stem}: {p}");
            }
        }
        let r = check_json(&path);
        assert_eq!(r["status"], "valid", "{stem}: {r}");
    }
}

// ---------------------------------------------------------------------------
// `extract` then `check` on the JSON gives what `check` on the DOCX gives.

#[test]
fn extract_then_check_gives_the_same_findings_as_check_on_the_docx() {
    let dir = tempfile::tempdir().expect("tmp");
    let strip = |r: &Value| -> Vec<Value> {
        r["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"].as_str().is_some_and(|c| !c.starts_with("docx.")))
            .cloned()
            .collect()
    };
    for (stem, spec) in reports::load_all() {
        let docx = write_docx(dir.path(), &spec);
        let json = dir.path().join(format!("{stem}.json"));
        let o = run(&[&docx], &["extract", "-o", json.to_str().expect("path")]);
        assert_eq!(o.status.code(), Some(0), "{stem}");
        let from_docx = check_json(&docx);
        let from_json = check_json(&json);
        assert_eq!(from_json["format"], "json");
        assert_eq!(strip(&from_docx), strip(&from_json), "{stem}");
        assert_eq!(from_docx["submitter"], from_json["submitter"], "{stem}");
        assert_eq!(from_docx["language"], from_json["language"], "{stem}");
        let docx_errors = from_docx["status"] == "invalid";
        assert_eq!(docx_errors, from_json["status"] == "invalid", "{stem}");
    }
}

// ---------------------------------------------------------------------------
// The fixtures are built the same way every time.

#[test]
fn fixture_builds_are_deterministic() {
    for (stem, spec) in reports::load_all() {
        assert!(spec.build() == spec.build(), "{stem}");
    }
}

// ---------------------------------------------------------------------------
// Scope annotations, ready for the scope check's assertions (not asserted
// against `scope.*` findings here: that rule is being built elsewhere).

/// Migrant markers per language (DOMAIN.md §6.3), as lower-case substrings.
fn migrant_markers(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &["migra", "immigr", "émigr", "diaspora", "envois de fonds"],
        "es" => &["migra", "diáspora", "diaspora", "remesa"],
        "ru" => &["мигра", "иммигра", "эмигра", "диаспор", "денежные переводы"],
        "ar" => &[
            "مهاجر",
            "الهجرة",
            "هجرة",
            "المغتربين",
            "الجالية",
            "التحويلات المالية",
        ],
        "zh" => &["移民", "移徙", "侨民", "汇款"],
        _ => &["migra", "diaspora", "remittance"],
    }
}

/// Refugee words per language, as lower-case substrings.
fn refugee_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &["réfugié", "asile"],
        "es" => &["refugiad", "asilo"],
        "ru" => &["беженц", "убежищ"],
        "ar" => &["لاجئ", "اللجوء"],
        "zh" => &["难民", "庇护"],
        _ => &["refugee", "asylum"],
    }
}

#[test]
fn scope_annotations_cover_the_cases_the_scope_check_needs() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut refugee_only_languages = std::collections::BTreeSet::new();
    let mut refugee_only_heading = false;
    let mut mixed = 0;
    let mut names = 0;
    for (stem, spec) in reports::load_all() {
        let scoped = spec.scoped_paragraphs();
        if scoped.is_empty() {
            continue;
        }
        let lang = spec.language.as_str();
        let report = extract_json(&write_docx(dir.path(), &spec));
        let extracted = extracted_paragraphs(&report);
        for p in &scoped {
            let lower = p.text.to_lowercase();
            let has_migrant = migrant_markers(lang).iter().any(|m| lower.contains(m));
            let has_refugee = refugee_words(lang).iter().any(|m| lower.contains(m));
            match p.scope.as_str() {
                "refugee_only" => {
                    assert!(!has_migrant, "{stem}: migrant marker in {p:?}");
                    refugee_only_languages.insert(lang.to_string());
                    refugee_only_heading |= p.heading;
                }
                "mixed" => {
                    assert!(has_migrant && has_refugee, "{stem}: not mixed {p:?}");
                    mixed += 1;
                }
                "name_only" => {
                    assert!(has_migrant && has_refugee, "{stem}: {p:?}");
                    names += 1;
                }
                other => panic!("{stem}: unknown scope {other}"),
            }
            // The paragraph is in the extracted report, where the spec says.
            let objective = p.objective.map(u64::from);
            assert!(
                extracted
                    .iter()
                    .any(|(s, o, t)| *s == p.section && *o == objective && t.trim() == p.text),
                "{stem}: {p:?} not found where expected"
            );
        }
    }
    for lang in ["en", "es", "ar", "zh", "fr"] {
        assert!(
            refugee_only_languages.contains(lang),
            "no refugee-only {lang}"
        );
    }
    assert!(refugee_only_heading, "a refugee-only sub-heading");
    assert!(mixed >= 2 && names >= 2);
}

// ---------------------------------------------------------------------------
// The scope check on real Word reports: every paragraph the fixture marks
// refugee-only is reported, with its section and excerpt; mixed paragraphs
// and refugee words inside institution names never are.

#[test]
fn refugee_only_paragraphs_are_found_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut failures = Vec::new();
    let mut found_total = 0;
    for (stem, spec) in reports::load_all() {
        let path = write_docx(dir.path(), &spec);
        let r = check_json(&path);
        let flagged: Vec<(String, String)> = r["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == "scope.refugee-only")
            .map(|d| {
                (
                    d["location"]["section"].as_str().unwrap_or("").to_string(),
                    d["location"]["excerpt"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let starts = |text: &str, excerpt: &str| {
            let norm: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let head: String = excerpt.trim_end_matches('…').chars().take(40).collect();
            norm.starts_with(&head)
        };
        for p in spec.scoped_paragraphs() {
            let hit = flagged
                .iter()
                .any(|(section, excerpt)| *section == p.section && starts(&p.text, excerpt));
            match (p.scope.as_str(), hit) {
                ("refugee_only", false) => {
                    failures.push(format!("{stem}: not flagged: {}", p.text))
                }
                ("mixed" | "name_only", true) => {
                    failures.push(format!("{stem}: wrongly flagged: {}", p.text))
                }
                ("refugee_only", true) => found_total += 1,
                _ => {}
            }
        }
        let expected = spec
            .scoped_paragraphs()
            .iter()
            .filter(|p| p.scope == "refugee_only")
            .count();
        if flagged.len() != expected {
            failures.push(format!(
                "{stem}: {} scope findings, {expected} refugee-only paragraphs: {flagged:?}",
                flagged.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        found_total >= 5,
        "fixtures hold refugee-only paragraphs in several languages"
    );
}
