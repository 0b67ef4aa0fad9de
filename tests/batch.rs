//! Batch runs of the binary on a generated folder of 40+ reports: every
//! verdict, deterministic order whatever the number of threads, and the
//! secretariat's formats (jsonl, csv, findings csv, xlsx) agreeing with the
//! JSON output contract.

mod support;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;
use support::{run, Batch};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON output of a batch run, keyed by file.
fn json_reports(batch: &Batch, extra: &[&str]) -> (Value, BTreeMap<String, Value>) {
    let path = batch.path();
    let mut args = vec!["check", "--format", "json", path.to_str().expect("path")];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("JSON output");
    let by_file = doc["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| (r["file"].as_str().expect("file").to_string(), r.clone()))
        .collect();
    (doc, by_file)
}

#[test]
fn every_report_gets_the_expected_verdict_and_skipped_files_are_skipped() {
    let batch = Batch::new();
    assert!(batch.expected.len() >= 40, "{}", batch.expected.len());
    let (doc, by_file) = json_reports(&batch, &[]);
    assert_eq!(by_file.len(), batch.expected.len(), "{:?}", by_file.keys());
    for e in &batch.expected {
        let report = by_file
            .get(&batch.shown(&e.rel))
            .unwrap_or_else(|| panic!("{} missing from the output", e.rel));
        assert_eq!(report["status"], e.status, "{}: {report:#}", e.rel);
        let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
        if e.status == "valid" {
            assert!(
                diagnostics.iter().all(|d| d["severity"] != "error"),
                "{}: {report:#}",
                e.rel
            );
            continue;
        }
        let hit = diagnostics
            .iter()
            .find(|d| e.codes.contains(&d["code"].as_str().unwrap_or("")))
            .unwrap_or_else(|| panic!("{}: none of {:?} in {report:#}", e.rel, e.codes));
        assert_eq!(hit["severity"], "error");
        let message = hit["message"].as_str().expect("message");
        assert!(
            message.len() > 15 && !message.contains('{'),
            "{}: {message}",
            e.rel
        );
        assert!(!hit["help"].as_str().unwrap_or("").is_empty());
    }
    for skipped in [
        "~$draft.docx",
        ".hidden.json",
        ".git/config.json",
        "notes.txt",
        "sub/scan.pdf",
    ] {
        assert!(
            !by_file.contains_key(&batch.shown(skipped)),
            "{skipped} was checked"
        );
    }
    let summary = &doc["summary"];
    let count = |s: &str| batch.expected.iter().filter(|e| e.status == s).count();
    assert_eq!(summary["reports"], batch.expected.len());
    assert_eq!(summary["valid"], count("valid"));
    assert_eq!(summary["invalid"], count("invalid"));
    assert_eq!(summary["unreadable"], count("unreadable"));
}

#[test]
fn order_is_input_order_then_path_order_and_identical_across_jobs() {
    let batch = Batch::new();
    let path = batch.path();
    let p = path.to_str().expect("path");
    let single =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portugal-2022.json");
    let s = single.to_str().expect("path");
    for format in ["json", "jsonl", "text", "csv"] {
        let one = run(&["check", "--format", format, "--jobs", "1", s, p]);
        let two = run(&["check", "--format", format, "--jobs", "2", s, p]);
        let again = run(&["check", "--format", format, "--jobs", "2", s, p]);
        assert_eq!(one.status.code(), Some(1));
        assert!(!one.stdout.is_empty());
        assert_eq!(one.stdout, two.stdout, "{format}: --jobs 1 and 2 differ");
        assert_eq!(two.stdout, again.stdout, "{format}: two runs differ");
    }
    let (doc, _) = json_reports(&batch, &[]);
    let files: Vec<&str> = doc["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["file"].as_str().expect("file"))
        .collect();
    let mut sorted = files.clone();
    sorted.sort_by_key(|f| std::path::PathBuf::from(f));
    assert_eq!(files, sorted, "path order within the folder");
    // Command-line order comes first: the single file, then the folder.
    let o = run(&["check", "--format", "json", s, p]);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(doc["reports"][0]["file"], s);
}

#[test]
fn jsonl_lines_are_the_json_reports_then_the_summary() {
    let batch = Batch::new();
    let path = batch.path();
    let (doc, _) = json_reports(&batch, &[]);
    let o = run(&["check", "--format", "jsonl", path.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let reports = doc["reports"].as_array().expect("reports");
    assert_eq!(lines.len(), reports.len() + 1);
    for (line, report) in lines.iter().zip(reports) {
        assert_eq!(line, report);
    }
    assert_eq!(lines.last().expect("last")["summary"], doc["summary"]);
    assert!(
        stderr(&o).contains(&format!("{} reports: ", reports.len())),
        "summary on stderr: {}",
        stderr(&o)
    );
}

#[test]
fn csv_tables_match_the_json_output() {
    let batch = Batch::new();
    let path = batch.path();
    let dir = tempfile::tempdir().expect("tmp");
    let findings = dir.path().join("findings.csv");
    let (doc, by_file) = json_reports(&batch, &[]);
    let o = run(&[
        "check",
        "--format",
        "csv",
        path.to_str().expect("path"),
        "--findings-csv",
        findings.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "file",
            "submitter",
            "iso3",
            "regions",
            "language",
            "status",
            "errors",
            "warnings",
            "infos",
            "top_findings"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), by_file.len());
    for row in &rows {
        let report = by_file.get(&row[0]).expect("row for a known file");
        assert_eq!(&row[5], report["status"].as_str().expect("status"));
        for (col, severity) in [(6, "error"), (7, "warning"), (8, "info")] {
            let n = report["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .filter(|d| d["severity"] == severity)
                .count();
            assert_eq!(row[col].parse::<usize>().expect("count"), n, "{}", &row[0]);
        }
        if row[2] == *"PRT" || row[2] == *"DEU" {
            assert_eq!(&row[3], "ECE", "regions of {}", &row[0]);
        }
        if row[2] == *"MEX" {
            assert_eq!(&row[3], "ECLAC");
        }
        if &row[5] != "valid" {
            assert!(row[9].contains('×'), "top findings: {}", &row[9]);
        }
    }

    let total: usize = doc["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["diagnostics"].as_array().expect("d").len())
        .sum();
    let mut reader = csv::Reader::from_path(&findings).expect("findings csv");
    assert_eq!(reader.headers().expect("header").len(), 12);
    assert_eq!(reader.records().count(), total);
}

fn sheet_rows(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The workbook `check --format xlsx` writes for the batch, with `extra`
/// arguments; the run must report the batch's invalid files (exit 1) and
/// print nothing on stdout.
fn workbook(batch: &Batch, extra: &[&str]) -> Xlsx<Cursor<Vec<u8>>> {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("review.xlsx");
    let reports = batch.path();
    let mut args = vec![
        "check",
        "--format",
        "xlsx",
        "-o",
        out.to_str().expect("path"),
    ];
    args.extend_from_slice(extra);
    args.push(reports.to_str().expect("path"));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let bytes = std::fs::read(&out).expect("workbook");
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx")
}

#[test]
fn xlsx_has_three_sheets_matching_the_json_output() {
    let batch = Batch::new();
    let (doc, by_file) = json_reports(&batch, &[]);
    let mut book = workbook(&batch, &[]);
    assert_eq!(book.sheet_names(), ["Reports", "Findings", "By rule"]);

    let reports = sheet_rows(&mut book, "Reports");
    assert_eq!(
        reports.first().expect("header").get(5).map(String::as_str),
        Some("Status")
    );
    assert_eq!(reports.len(), by_file.len() + 1);
    for row in reports.iter().skip(1) {
        let report = by_file.get(&row[0]).expect("known file");
        assert_eq!(row[5], report["status"].as_str().expect("status"));
    }

    let total: usize = doc["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["diagnostics"].as_array().expect("d").len())
        .sum();
    let findings = sheet_rows(&mut book, "Findings");
    assert_eq!(findings.first().expect("header")[5], "Code");
    assert_eq!(findings.len(), total + 1);

    let by_rule = sheet_rows(&mut book, "By rule");
    assert_eq!(
        by_rule.first().expect("header"),
        &["Code", "Severity", "Rule", "Reports", "Findings"]
    );
    let email = by_rule
        .iter()
        .find(|r| r[0] == "cover.invalid-email")
        .expect("email rule row");
    assert_eq!(email[1], "error");
    assert_eq!(email[3], "4", "four reports with a bad e-mail");
}

#[test]
fn xlsx_speaks_the_language_of_the_run() {
    let batch = Batch::new();
    let mut book = workbook(&batch, &["--lang", "fr"]);
    assert_eq!(book.sheet_names(), ["Rapports", "Constats", "Par règle"]);
    let reports = sheet_rows(&mut book, "Rapports");
    let header = reports.first().expect("header");
    assert_eq!(header[0], "Fichier");
    assert_eq!(header[5], "Statut");
    let statuses: Vec<&str> = reports.iter().skip(1).map(|r| r[5].as_str()).collect();
    assert!(statuses.contains(&"valide"), "{statuses:?}");
    assert!(statuses.contains(&"non valide"), "{statuses:?}");
    assert!(statuses.contains(&"illisible"), "{statuses:?}");
    let by_rule = sheet_rows(&mut book, "Par règle");
    let email = by_rule
        .iter()
        .find(|r| r[0] == "cover.invalid-email")
        .expect("email rule row");
    assert_eq!(email[1], "erreur");
    // The rule code stays as it is: it is the same in every language.
    assert!(by_rule.iter().skip(1).all(|r| r[0].contains('.')));
}

#[test]
fn fail_on_applies_to_the_whole_batch() {
    let dir = tempfile::tempdir().expect("tmp");
    let good = dir.path().join("good");
    std::fs::create_dir_all(&good).expect("mkdir");
    for name in ["a.json", "b.json"] {
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portugal-2022.json"),
            good.join(name),
        )
        .expect("copy");
    }
    let g = good.to_str().expect("path");
    assert_eq!(run(&["check", g]).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--fail-on", "warning", g]).status.code(),
        Some(0)
    );

    // One file with only warnings (sections out of order) in the batch.
    let mut report: Value =
        serde_json::from_str(&std::fs::read_to_string(good.join("a.json")).expect("read"))
            .expect("json");
    report["sections"]
        .as_array_mut()
        .expect("sections")
        .swap(0, 1);
    std::fs::write(good.join("c.json"), report.to_string()).expect("write");
    assert_eq!(run(&["check", g]).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--fail-on", "warning", g]).status.code(),
        Some(1)
    );

    let batch = Batch::new();
    let b = batch.path();
    let b = b.to_str().expect("path");
    assert_eq!(run(&["check", b]).status.code(), Some(1));
    assert_eq!(
        run(&["check", "--fail-on", "never", b]).status.code(),
        Some(0)
    );
}

#[test]
fn missing_paths_are_findings_and_empty_folders_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tmp");
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portugal-2022.json");
    let missing = dir.path().join("not-there");
    let o = run(&[
        "check",
        "--format",
        "json",
        missing.to_str().expect("path"),
        good.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(doc["reports"][0]["status"], "unreadable");
    assert_eq!(
        doc["reports"][0]["diagnostics"][0]["code"],
        "input.unreadable-file"
    );
    assert_eq!(doc["reports"][1]["status"], "valid");

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(empty.join(".hidden")).expect("mkdir");
    std::fs::write(empty.join("~$lock.docx"), b"x").expect("write");
    let o = run(&["check", empty.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("contains no reports"), "{}", stderr(&o));

    let o = run(&["check", "--format", "xlsx", good.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o FILE.xlsx"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("reports");
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portugal-2022.json"),
        root.join("sub/a.json"),
    )
    .expect("copy");
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).expect("symlink");
    let o = run(&["check", "--format", "json", root.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(doc["summary"]["reports"], 1);
}

/// Links are followed like what they point to (the folder listing alone
/// does not say); a link to nothing named like a report is reported.
#[cfg(unix)]
#[test]
fn links_to_reports_and_folders_are_followed() {
    let dir = tempfile::tempdir().expect("tmp");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portugal-2022.json"),
        elsewhere.join("b.json"),
    )
    .expect("copy");
    let root = dir.path().join("reports");
    std::fs::create_dir_all(&root).expect("mkdir");
    let link = |from: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(from, root.join(name)).expect("symlink")
    };
    link(&elsewhere.join("b.json"), "a-link.json");
    link(&elsewhere, "c-folder");
    link(&dir.path().join("gone.docx"), "d-dangling.docx");
    link(&elsewhere.join("b.json"), "e-link-not-a-report.txt");
    let o = run(&["check", "--format", "json", root.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let files: Vec<(String, String)> = doc["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap_or("");
            let name = file.rsplit(['/', '\\']).next().unwrap_or("");
            (
                name.to_string(),
                r["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        ("a-link.json", "valid"),
        ("b.json", "valid"),
        ("d-dangling.docx", "unreadable"),
    ];
    assert_eq!(
        files,
        expected.map(|(f, s)| (f.to_string(), s.to_string())),
        "{doc}"
    );
}

fn messages(o: &std::process::Output) -> Vec<String> {
    let doc: Value = serde_json::from_str(&stdout(o)).expect("json");
    doc["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn messages_in_the_officials_language() {
    let batch = Batch::new();
    let path = batch.path();
    let p = path.to_str().expect("path");
    let fr = run(&["check", "--format", "json", "--lang", "fr", p]);
    let fr = messages(&fr);
    assert!(
        fr.iter()
            .any(|m| m.contains("n'est pas une adresse électronique valide")),
        "{fr:?}"
    );
    assert!(fr
        .iter()
        .any(|m| m.contains("Pacte mondial pour des migrations sûres, ordonnées et régulières")));
    let es = run(&["check", "--format", "json", "--lang", "es", p]);
    let es = messages(&es);
    assert!(
        es.iter()
            .any(|m| m.contains("no es una dirección de correo electrónico válida")),
        "{es:?}"
    );
    assert!(es
        .iter()
        .any(|m| m.contains("Pacto Mundial para la Migración Segura, Ordenada y Regular")));

    // A batch defaults to English even where reports are in French or Spanish.
    let en = messages(&run(&["check", "--format", "json", p]));
    assert!(en
        .iter()
        .any(|m| m.contains("is not a valid e-mail address")));
    assert!(!en
        .iter()
        .any(|m| m.contains("électronique") || m.contains("electrónico")));

    // A single report defaults to its own language, fixed words included.
    let single = batch.path().join("invalid/bad-email-BRA.json");
    let mut report: Value =
        serde_json::from_str(&std::fs::read_to_string(&single).expect("read")).expect("json");
    report["cover"]["language"] = Value::from("fr");
    std::fs::write(&single, report.to_string()).expect("write");
    let s = single.to_str().expect("path");
    let own = run(&["check", "--color", "never", s]);
    let text = stdout(&own);
    assert!(
        text.contains("n'est pas une adresse électronique valide"),
        "{text}"
    );
    assert!(text.contains("emplacement\u{a0}:"), "{text}");
    assert!(text.contains("correction\u{a0}:"), "{text}");
    assert!(
        text.contains("1 rapport\u{a0}: 0 valide, 1 non valide, 0 illisible"),
        "{text}"
    );
    let es = run(&["check", "--color", "never", "--lang", "es", s]);
    let text = stdout(&es);
    assert!(
        text.contains("ubicación:") && text.contains("corrección:"),
        "{text}"
    );
    assert!(
        text.contains("1 informe: 0 válidos, 1 no válido, 0 ilegibles"),
        "{text}"
    );

    let o = run(&["check", "--lang", "xx", p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("messages are not available in “xx”"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("en, fr, es"), "{}", stderr(&o));
}
