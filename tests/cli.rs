//! End-to-end runs of the binary: exit codes, the JSON output contract, text
//! output, atomic output files and extract → check round trips.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gcm-review"));
    cmd.env("GCM_REVIEW_TODAY", "2022-03-01")
        .env_remove("NO_COLOR");
    cmd
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_valid_report_exits_0() {
    let p = example("portugal-2022.json");
    let o = run(&["check", p.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid (Portugal, PRT)"));
    assert!(stdout(&o).contains("1 report: 1 valid, 0 invalid, 0 unreadable"));
}

#[test]
fn an_invalid_report_exits_1_and_says_where_and_how_to_fix() {
    let p = example("draft-with-problems.json");
    let o = run(&["check", p.to_str().expect("path"), "--color", "never"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("error [structure.missing-section]"), "{text}");
    assert!(
        text.contains("where: Section “Progress on GCM objectives”, objective 24, paragraph"),
        "{text}"
    );
    assert!(text.contains("fix:"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when asked: {text}");
}

#[test]
fn unreadable_input_exits_1_and_other_files_still_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = dir.path().join("report.docx");
    std::fs::write(&pdf, b"%PDF-1.4 binary").expect("write");
    let good = example("portugal-2022.json");
    let missing = dir.path().join("missing.json");
    let o = run(&[
        "check",
        "--format",
        "json",
        pdf.to_str().expect("p"),
        good.to_str().expect("p"),
        missing.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    let statuses: Vec<&str> = v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(statuses, vec!["unreadable", "valid", "unreadable"]);
    assert_eq!(v["reports"][0]["diagnostics"][0]["code"], "input.pdf");
    assert_eq!(
        v["reports"][2]["diagnostics"][0]["code"],
        "input.unreadable-file"
    );
    assert_eq!(
        v["summary"],
        serde_json::json!({"reports": 3, "valid": 1, "invalid": 0, "unreadable": 2})
    );
}

#[test]
fn json_output_follows_the_contract() {
    let p = example("draft-with-problems.json");
    let shown = p.to_str().expect("path");
    let o = run(&["check", "--format", "json", shown]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["tool"]["name"], "gcm-review");
    assert!(v["tool"]["version"].is_string());
    let r = &v["reports"][0];
    assert_eq!(r["file"], shown);
    assert_eq!(r["status"], "invalid");
    assert_eq!(r["format"], "json");
    assert_eq!(r["language"], "en");
    assert_eq!(
        r["submitter"],
        serde_json::json!({"name": "Atlantis", "iso3": "MEX", "type": "member_state"})
    );
    for d in r["diagnostics"].as_array().expect("diagnostics") {
        let code = d["code"].as_str().expect("code");
        assert!(code.contains('.'));
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().expect("severity")));
        assert!(!d["message"].as_str().expect("message").is_empty());
        assert!(d["help"].is_string());
        let loc = d["location"].as_object().expect("location");
        for key in ["section", "objective", "block", "excerpt"] {
            assert!(
                loc.contains_key(key),
                "location.{key} present (null allowed)"
            );
        }
        if let Some(excerpt) = loc["excerpt"].as_str() {
            assert!(excerpt.chars().count() <= 120);
        }
    }
    let unknown = r["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .find(|d| d["code"] == "objectives.unknown")
        .expect("objectives.unknown");
    assert_eq!(unknown["location"]["objective"], 24);
    assert_eq!(unknown["location"]["section"], "objectives_progress");
    assert!(unknown["location"]["block"].as_u64().is_some());
    assert_eq!(v["summary"]["invalid"], 1);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let p = example("draft-with-problems.json");
    let shown = p.to_str().expect("path");
    assert_eq!(
        run(&["check", "--fail-on", "never", shown]).status.code(),
        Some(0)
    );
    let good = example("portugal-2022.json");
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(&good).expect("read")).expect("json");
    v["cover"]
        .as_object_mut()
        .expect("cover")
        .remove("focal_point_name");
    let dir = tempfile::tempdir().expect("tmp");
    let warned = dir.path().join("warned.json");
    std::fs::write(&warned, v.to_string()).expect("write");
    let w = warned.to_str().expect("p");
    assert_eq!(
        run(&["check", w]).status.code(),
        Some(0),
        "warnings alone pass"
    );
    assert_eq!(
        run(&["check", "--fail-on", "warning", w]).status.code(),
        Some(1)
    );
}

#[test]
fn tool_failures_exit_2() {
    assert_eq!(run(&["check"]).status.code(), Some(2), "no files");
    assert_eq!(
        run(&["check", "--format", "yaml", "x.json"]).status.code(),
        Some(2)
    );
    let p = example("portugal-2022.json");
    let o = run(&["check", "--today", "tomorrow", p.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("YYYY-MM-DD"));
    let o = run(&[
        "check",
        "-o",
        "/nonexistent-dir/out.json",
        p.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent-dir"));
}

#[test]
fn output_files_are_written_whole_and_inputs_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("r.json");
    let original = std::fs::read(example("portugal-2022.json")).expect("read");
    std::fs::write(&input, &original).expect("write");
    let out = dir.path().join("result.json");
    let o = run(&[
        "check",
        "--format",
        "json",
        "-o",
        out.to_str().expect("p"),
        input.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&out).expect("out")).expect("json");
    assert_eq!(v["summary"]["valid"], 1);
    assert_eq!(
        std::fs::read(&input).expect("read"),
        original,
        "input unchanged"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}

#[test]
fn extract_then_check_gives_the_same_findings() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = example("draft-with-problems.json");
    let out = dir.path().join("extracted.json");
    let o = run(&[
        "extract",
        src.to_str().expect("p"),
        "-o",
        out.to_str().expect("p"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let findings = |p: &Path| -> Vec<(String, Value)> {
        let o = run(&["check", "--format", "json", p.to_str().expect("p")]);
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        v["reports"][0]["diagnostics"]
            .as_array()
            .expect("d")
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_string(),
                    d["location"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(findings(&src), findings(&out));
}

#[test]
fn schema_and_rules_print() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).expect("schema json");
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let o = run(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("rules json");
    let rules = v["rules"].as_array().expect("rules");
    assert!(rules
        .iter()
        .any(|r| r["code"] == "structure.missing-section" && r["severity"] == "error"));
    assert!(rules
        .iter()
        .all(|r| r["title"].is_string() && r["help"].is_string()));
    let o = run(&["rules"]);
    assert!(stdout(&o).contains("cover.invalid-email"));
}
