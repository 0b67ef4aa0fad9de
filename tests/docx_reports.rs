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
    assert!(!all.is_empty(), "at least 13 fixture reports");
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
        let want = (
            e.status.clone(),
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
