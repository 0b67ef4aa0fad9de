//! End-to-end runs of `gcm-review compile` on the project's fixture reports
//! (built from `tests/fixtures/reports/*.toml`) plus one unreadable file:
//! the ECE summary names every ECE State, leaves the other regions' reports
//! and the unreadable file out (and says so), has the right coverage matrix,
//! passes the DOCX lint, keeps refugee-only passages out of the body and
//! lists them in Annex B.

#[path = "support/docx_fixture.rs"]
mod docx_fixture;
#[path = "support/reports.rs"]
mod reports;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use reports::ReportSpec;

/// Out-of-region fixtures and their file names.
const OUT_OF_REGION: [&str; 4] = [
    "eclac-mexico-es.docx",
    "escap-china-zh.docx",
    "eca-escwa-morocco-ar.docx",
    "eca-senegal-fr.docx",
];

/// The compiled ECE summary of all fixtures.
struct Compiled {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    docx: Vec<u8>,
    data: Value,
    specs: Vec<(String, ReportSpec)>,
    /// Paragraph texts of word/document.xml in order.
    paragraphs: Vec<String>,
}

fn compile_ece() -> Compiled {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_path_buf();
    let input = dir.join("reports");
    std::fs::create_dir_all(&input).expect("mkdir");
    let specs = reports::load_all();
    for (_, spec) in &specs {
        std::fs::write(input.join(&spec.file), spec.build()).expect("write docx");
    }
    // A scanned report saved as PDF and renamed .docx.
    std::fs::write(
        input.join("scan.docx"),
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    )
    .expect("write pdf");
    let out = dir.join("summary.docx");
    let data = dir.join("summary.json");
    let o = Command::new(env!("CARGO_BIN_EXE_gcm-review"))
        .env("GCM_REVIEW_TODAY", "2022-03-01")
        .arg("compile")
        .arg(&input)
        .args(["--region", "ECE", "--cutoff", "2022-02-28", "-o"])
        .arg(&out)
        .arg("--data")
        .arg(&data)
        .output()
        .expect("binary runs");
    assert!(
        o.status.success(),
        "compile failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docx = std::fs::read(&out).expect("summary written");
    let data: Value =
        serde_json::from_slice(&std::fs::read(&data).expect("data written")).expect("JSON data");
    let paragraphs = paragraphs(&document_xml(&docx));
    Compiled {
        _dir: tmp,
        dir,
        docx,
        data,
        specs,
        paragraphs,
    }
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// The text of an XML fragment: tags dropped, entities decoded.
fn strip(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>").map(strip).collect()
}

/// Table rows (cells' text) of the document.
fn table_rows(xml: &str) -> Vec<Vec<String>> {
    xml.split("</w:tr>")
        .filter(|r| r.contains("<w:tc>") || r.contains("<w:tc "))
        .map(|r| {
            let start = r.rfind("<w:tr").unwrap_or(0);
            r[start..]
                .split("</w:tc>")
                .filter(|c| c.contains("<w:p"))
                .map(strip)
                .collect()
        })
        .collect()
}

impl Compiled {
    /// Index of the last paragraph equal to `text` (the first ones are the
    /// table of contents).
    fn last(&self, text: &str) -> usize {
        self.paragraphs
            .iter()
            .rposition(|p| p == text)
            .unwrap_or_else(|| panic!("no paragraph “{text}”"))
    }

    /// The States' words: from the first cluster heading to Annex A.
    fn body(&self) -> String {
        let start = self
            .paragraphs
            .iter()
            .rposition(|p| p.starts_with("Cluster 1: "))
            .expect("cluster 1 heading");
        let end = self.last("Annex A. Reports in this summary");
        self.paragraphs[start..end].join("\n")
    }

    fn annex_b(&self) -> String {
        let start = self.last("Annex B. Passages left out of the summary");
        self.paragraphs[start..].join("\n")
    }

    fn all(&self) -> String {
        self.paragraphs.join("\n")
    }
}

fn prefix(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

#[test]
fn ece_summary_names_every_ece_report_and_leaves_the_others_out() {
    let c = compile_ece();
    let all = c.all();
    let body = c.body();
    let included = c.data["reports"].as_array().expect("reports");
    let ece: Vec<&ReportSpec> = c
        .specs
        .iter()
        .map(|(_, s)| s)
        .filter(|s| s.expect.regions.iter().any(|r| r == "ECE"))
        .collect();
    assert_eq!(ece.len(), 10, "ten ECE fixtures");
    assert_eq!(included.len(), ece.len(), "every ECE report included");
    for spec in &ece {
        let entry = included
            .iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(&spec.file)))
            .unwrap_or_else(|| panic!("{} not included", spec.file));
        let name = entry["submitter"].as_str().expect("submitter");
        assert!(all.contains(name), "{name} not named in the summary");
        if let Some(iso3) = &spec.expect.submitter_iso3 {
            assert_eq!(entry["iso3"], Value::from(iso3.as_str()), "{}", spec.file);
            assert!(body.contains(name), "{name}'s own words not in the body");
        }
    }

    let excluded = c.data["excluded_reports"].as_array().expect("excluded");
    for file in OUT_OF_REGION {
        let entry = excluded
            .iter()
            .find(|e| e["file"].as_str().is_some_and(|f| f.ends_with(file)))
            .unwrap_or_else(|| panic!("{file} not listed as left out"));
        assert_eq!(entry["reason"], "out_of_region", "{file}");
        let name = entry["submitter"].as_str().expect("submitter");
        assert!(all.contains(name), "{name} not listed");
        assert!(!body.contains(name), "{name} appears in the body");
        assert!(all.contains(file), "{file} not listed");
        let spec = &c
            .specs
            .iter()
            .find(|(_, s)| s.file == file)
            .expect("spec")
            .1;
        for section in &spec.sections {
            let paras = section
                .paragraphs
                .iter()
                .chain(section.objectives.iter().flat_map(|o| &o.paragraphs));
            for p in paras {
                let text = p.accepted_text();
                if text.chars().count() > 60 {
                    let start = prefix(&text, 50);
                    assert!(!all.contains(&start), "{file}: “{start}” quoted");
                }
            }
        }
    }

    let scan = excluded
        .iter()
        .find(|e| e["file"].as_str().is_some_and(|f| f.ends_with("scan.docx")))
        .expect("unreadable file listed in the data");
    assert_eq!(scan["reason"], "unreadable");
    let scan_row = c
        .paragraphs
        .iter()
        .any(|p| p.starts_with("scan.docx") || p.contains("(") && p.contains("scan.docx"));
    assert!(scan_row, "unreadable file listed in the document");
    assert!(all.contains("Under paragraph 4 of the GCM, migrants and refugees are distinct groups"));
    assert!(c.dir.join("summary.docx").is_file());
}

#[test]
fn coverage_matrix_matches_the_fixtures_and_the_data() {
    let c = compile_ece();
    let included = c.data["reports"].as_array().expect("reports");
    let xml = document_xml(&c.docx);
    let rows = table_rows(&xml);
    let mut objectives_seen = 0;
    for cluster in c.data["coverage"].as_array().expect("coverage") {
        for o in cluster["objectives"].as_array().expect("rows") {
            objectives_seen += 1;
            let n = o["objective"].as_u64().expect("number");
            let label = format!("{n}. {}", o["label"].as_str().expect("label"));
            let marks: Vec<&str> = o["marks"]
                .as_array()
                .expect("marks")
                .iter()
                .map(|m| m.as_str().expect("mark"))
                .collect();
            // The document rows (the matrix may be split in parts of a few
            // reports each) say the same, in words, with the count last.
            let parts: Vec<&Vec<String>> =
                rows.iter().filter(|r| r.first() == Some(&label)).collect();
            assert!(!parts.is_empty(), "no matrix row {label}");
            let words: Vec<&str> = marks
                .iter()
                .map(|m| match *m {
                    "reported" => "Reported",
                    "mentioned" => "Mentioned",
                    _ => "—",
                })
                .collect();
            let cells: Vec<&str> = parts
                .iter()
                .flat_map(|r| r[1..r.len() - 1].iter().map(String::as_str))
                .collect();
            assert_eq!(cells, words, "row {label}");
            let covered = marks.iter().filter(|m| **m != "none").count();
            for r in &parts {
                assert_eq!(r.last(), Some(&covered.to_string()), "row {label}: count");
            }
            // And the data agrees with the fixtures: a sub-section with text
            // on the objective is "reported"; "reported" needs one.
            for (i, report) in included.iter().enumerate() {
                let file = report["file"].as_str().expect("file");
                let spec = &c
                    .specs
                    .iter()
                    .find(|(_, s)| file.ends_with(&s.file))
                    .expect("spec")
                    .1;
                let has_entry = spec.sections.iter().any(|s| {
                    s.objectives.iter().any(|obj| {
                        u64::from(obj.number) == n
                            && obj.paragraphs.iter().any(|p| {
                                p.scope() != Some("refugee_only")
                                    && p.rich()
                                        .is_none_or(|r| r.heading.is_none() && r.table.is_none())
                            })
                    })
                });
                if has_entry {
                    assert_eq!(marks[i], "reported", "{file}: objective {n}");
                }
                if marks[i] == "reported" {
                    let any_entry = spec
                        .sections
                        .iter()
                        .any(|s| s.objectives.iter().any(|obj| u64::from(obj.number) == n));
                    assert!(
                        any_entry,
                        "{file}: objective {n} reported without a sub-section"
                    );
                }
            }
        }
    }
    assert_eq!(objectives_seen, 23);
    // Known cells: Portugal and Türkiye report on their objectives.
    let row_of = |n: u64| {
        c.data["coverage"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|cl| cl["objectives"].as_array().into_iter().flatten())
            .find(|o| o["objective"].as_u64() == Some(n))
            .expect("row")
            .clone()
    };
    let turkey = included
        .iter()
        .position(|r| r["iso3"] == "TUR")
        .expect("Türkiye included");
    assert_eq!(row_of(15)["marks"][turkey], "reported");
    assert_eq!(row_of(21)["marks"][turkey], "reported");
}

#[test]
fn summary_passes_the_docx_lint_and_has_its_parts() {
    let c = compile_ece();
    let problems = gcm_review::docx_writer::lint::lint_docx(&c.docx);
    assert!(problems.is_empty(), "lint: {problems:#?}");
    let xml = document_xml(&c.docx);
    assert!(xml.contains("<w:tblHeader"), "header rows repeated");
    assert!(xml.contains("w:tblCaption"), "table captions");
    assert!(xml.contains("c:chart"), "native chart");
    for heading in [
        "About this summary",
        "Key figures",
        "Objective coverage",
        "Means of implementation",
        "Next steps",
        "Guiding principles invoked",
        "Annex A. Reports in this summary",
        "Annex B. Passages left out of the summary",
    ] {
        c.last(heading);
    }
    // Excerpts are attributed and pointed to their source.
    assert!(c.body().contains(", paragraph "), "source pointers");
    // The title is set in the package properties.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&c.docx)).expect("zip");
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .expect("core")
        .read_to_string(&mut core)
        .expect("utf-8");
    assert!(
        core.contains("Regional summary of voluntary GCM reviews — Economic Commission for Europe")
    );
}

#[test]
fn refugee_only_passages_go_to_annex_b_not_the_body() {
    let c = compile_ece();
    let turkiye = reports::by_name("ece-turkiye-en");
    let refugee_only: Vec<_> = turkiye
        .scoped_paragraphs()
        .into_iter()
        .filter(|p| p.scope == "refugee_only")
        .collect();
    assert!(!refugee_only.is_empty());
    let body = c.body();
    let annex = c.annex_b();
    for p in refugee_only {
        let start = prefix(&p.text, 50);
        assert!(
            !body.contains(&start),
            "refugee-only passage in the body: {start}"
        );
        assert!(
            annex.contains(&start),
            "refugee-only passage not in Annex B: {start}"
        );
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

#[test]
fn summary_converts_to_pdf_with_headings_and_states() {
    if !on_path("soffice") || !on_path("pdftotext") {
        eprintln!("note: soffice or pdftotext not on PATH; PDF conversion skipped");
        return;
    }
    let c = compile_ece();
    let input = c.dir.join("summary.docx");
    let profile = c.dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&c.dir)
        .arg(&input)
        .status()
        .expect("run soffice");
    assert!(status.success());
    let pdf = c.dir.join("summary.pdf");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squash(&String::from_utf8_lossy(&out.stdout));
    for heading in [
        "About this summary",
        "Objective coverage",
        "Annex A. Reports in this summary",
    ] {
        assert!(text.contains(&squash(heading)), "PDF lacks {heading}");
    }
    for r in c.data["reports"].as_array().expect("reports") {
        let name = r["submitter"].as_str().expect("name");
        assert!(text.contains(&squash(name)), "PDF lacks {name}");
    }
    let _ = Path::new(&pdf);
}
