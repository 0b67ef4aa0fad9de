//! A generated batch like the one the secretariat receives before a regional
//! review: valid JSON reports from many States in several languages, invalid
//! ones, and unreadable or hostile files (truncated zip, zip bomb, PDF and
//! random bytes named .docx, empty file, invalid JSON), plus files a folder
//! walk must skip (Word lock file, hidden file and folder, other extensions).

#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gcm_review::reference::ReferenceData;
use serde_json::{json, Value};

/// The binary with a fixed "today", so runs are reproducible.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gcm-review"));
    cmd.env("GCM_REVIEW_TODAY", "2022-03-01")
        .env_remove("NO_COLOR");
    cmd
}

/// Runs the binary with these arguments.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    bin().args(args).output().expect("binary runs")
}

/// What the checker must say about one generated file.
#[derive(Debug, Clone)]
pub struct Expected {
    /// Path relative to the batch folder.
    pub rel: String,
    /// "valid", "invalid" or "unreadable".
    pub status: &'static str,
    /// One code that must be among the findings (any of these).
    pub codes: &'static [&'static str],
}

/// The example report every generated JSON report starts from.
fn base() -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portugal-2022.json"),
    )
    .expect("example");
    serde_json::from_str(&text).expect("example JSON")
}

/// States of every region, so the table's regions column is exercised.
const STATES: [&str; 24] = [
    "PRT", "MEX", "KEN", "DEU", "FRA", "ESP", "ARG", "PHL", "EGY", "MAR", "SEN", "COL", "CHL",
    "IDN", "JPN", "NGA", "ECU", "GTM", "TUR", "THA", "JOR", "CAN", "BGD", "ZAF",
];

fn state_report(iso3: &str, lang: &str) -> Value {
    let reference = ReferenceData::builtin().expect("reference");
    let state = reference.state_by_iso3(iso3).expect("state");
    let mut report = base();
    let cover = report["cover"].as_object_mut().expect("cover");
    cover.insert("submitter_name".into(), json!(state.name));
    cover.insert("iso3".into(), json!(iso3));
    cover.insert("language".into(), json!(lang));
    cover.insert(
        "email".into(),
        json!(format!("focal.point@{}.example.org", iso3.to_lowercase())),
    );
    // The cover names the region only for Portugal; for the others the
    // table derives it from the State.
    if iso3 != "PRT" {
        cover.remove("regions");
    }
    report
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

fn write_json(dir: &Path, rel: &str, value: &Value) {
    write(
        dir,
        rel,
        serde_json::to_string_pretty(value)
            .expect("json")
            .as_bytes(),
    );
}

/// Writes the batch into `dir` and returns what must be said about each
/// report, in no particular order. At least 40 reports.
pub fn generate(dir: &Path) -> Vec<Expected> {
    let mut expected = Vec::new();
    let langs = ["en", "fr", "es"];
    for (i, iso3) in STATES.iter().enumerate() {
        let lang = langs.get(i % 3).copied().unwrap_or("en");
        // Spread over the top folder, a sub-folder and a nested sub-folder,
        // with some upper-case extensions.
        let rel = match i % 4 {
            0 => format!("{iso3}-2022.json"),
            1 => format!("sub/{iso3}-2022.json"),
            2 => format!("sub/deeper/{iso3}-2022.json"),
            _ => format!("{iso3}-2022.JSON"),
        };
        write_json(dir, &rel, &state_report(iso3, lang));
        expected.push(Expected {
            rel,
            status: "valid",
            codes: &[],
        });
    }

    for (i, iso3) in ["AUS", "BRA", "IND", "ITA"].iter().enumerate() {
        let mut r = state_report(iso3, langs.get(i % 3).copied().unwrap_or("en"));
        if let Some(sections) = r["sections"].as_array_mut() {
            sections.retain(|s| s["id"] != "next_steps");
        }
        let rel = format!("invalid/missing-section-{iso3}.json");
        write_json(dir, &rel, &r);
        expected.push(Expected {
            rel,
            status: "invalid",
            codes: &["structure.missing-section"],
        });

        let mut r = state_report(iso3, "en");
        r["cover"]["email"] = json!("focal point at ministry");
        let rel = format!("invalid/bad-email-{iso3}.json");
        write_json(dir, &rel, &r);
        expected.push(Expected {
            rel,
            status: "invalid",
            codes: &["cover.invalid-email"],
        });

        let mut r = state_report(iso3, "en");
        r["sections"][2]["objectives"][0]["objective"] = json!(24);
        let rel = format!("invalid/objective-24-{iso3}.json");
        write_json(dir, &rel, &r);
        expected.push(Expected {
            rel,
            status: "invalid",
            codes: &["objectives.unknown"],
        });
    }

    // Unreadable and hostile files. Until the DOCX reader is on main every
    // zip is refused as "not read yet" (input.unsupported-format); with the
    // reader, the truncated zip is damaged and the bomb is refused by limits.
    const ZIP_CODES: &[&str] = &[
        "input.damaged",
        "input.too-large",
        "input.invalid-xml",
        "input.unsupported-format",
    ];
    let docx = minimal_docx();
    let cut = docx.get(..docx.len() / 2).expect("half");
    write(dir, "hostile/truncated.docx", cut);
    expected.push(Expected {
        rel: "hostile/truncated.docx".into(),
        status: "unreadable",
        codes: ZIP_CODES,
    });
    write(dir, "hostile/bomb.docx", &zip_bomb(4 * 1024 * 1024));
    expected.push(Expected {
        rel: "hostile/bomb.docx".into(),
        status: "unreadable",
        codes: ZIP_CODES,
    });
    write(
        dir,
        "hostile/scan.docx",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    );
    expected.push(Expected {
        rel: "hostile/scan.docx".into(),
        status: "unreadable",
        codes: &["input.pdf"],
    });
    write(dir, "hostile/noise.docx", &random_bytes(4096));
    expected.push(Expected {
        rel: "hostile/noise.docx".into(),
        status: "unreadable",
        codes: &["input.unsupported-format"],
    });
    write(dir, "hostile/empty.json", b"");
    expected.push(Expected {
        rel: "hostile/empty.json".into(),
        status: "unreadable",
        codes: &["input.empty"],
    });
    write(
        dir,
        "hostile/cut.json",
        b"{\"cover\": {\"submitter_name\": \"Chile\",",
    );
    expected.push(Expected {
        rel: "hostile/cut.json".into(),
        status: "unreadable",
        codes: &["input.invalid-json"],
    });

    // Never checked: Word's lock file, hidden files and folders, other types.
    write(dir, "~$draft.docx", b"\x0bJohn Smith   ");
    write(dir, ".hidden.json", b"{}");
    write(dir, ".git/config.json", b"{}");
    write(dir, "notes.txt", b"not a report");
    write(dir, "sub/scan.pdf", b"%PDF-1.4");
    expected
}

/// The smallest zip shaped like a Word document.
pub fn minimal_docx() -> Vec<u8> {
    let body =
        "<w:p><w:r><w:t>Voluntary review of the Global Compact for Migration.</w:t></w:r></w:p>"
            .repeat(40);
    docx_with_document(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    ))
}

/// A package with the given `word/document.xml`.
pub fn docx_with_document(document: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 3] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).expect("entry");
        zip.write_all(bytes).expect("write entry");
    }
    zip.finish().expect("zip").into_inner()
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

/// A zip bomb: `word/document.xml` deflates `size` zero bytes into a few
/// kilobytes, and the headers then declare it 1 KB. A reader that trusts
/// the declared size, or does not stop at it, would inflate the lot.
pub fn zip_bomb(size: usize) -> Vec<u8> {
    let zeros = vec![0u8; size];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", zeros.as_slice()),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(bytes).expect("write entry");
    }
    let mut bytes = zip.finish().expect("zip").into_inner();
    declare_size(&mut bytes, b"word/document.xml", 1024);
    bytes
}

/// Rewrites the uncompressed size of entry `name` in its local header
/// (offset 22) and its central-directory record (offset 24).
fn declare_size(bytes: &mut [u8], name: &[u8], size: u32) {
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        let (sig, name_at, size_at) = match bytes.get(at..at + 4) {
            Some(b"PK\x03\x04") => ("local", at + 30, at + 22),
            Some(b"PK\x01\x02") => ("central", at + 46, at + 24),
            _ => continue,
        };
        let _ = sig;
        if bytes.get(name_at..name_at + name.len()) == Some(name) {
            bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "both headers of {name:?} patched");
}

/// Deterministic noise that starts like no known format.
pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out: Vec<u8> = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    if let Some(first) = out.first_mut() {
        *first = 0x01;
    }
    out
}

/// A batch folder in a fresh temporary directory.
pub struct Batch {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
    /// What must be said about each report.
    pub expected: Vec<Expected>,
}

impl Batch {
    /// Generates the batch.
    pub fn new() -> Batch {
        let dir = tempfile::tempdir().expect("tmp");
        let expected = generate(dir.path());
        Batch { dir, expected }
    }

    /// The folder, as an argument.
    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// The path the checker shows for a report.
    pub fn shown(&self, rel: &str) -> String {
        self.dir.path().join(rel).display().to_string()
    }
}
