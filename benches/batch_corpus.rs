//! Helper for `benches/batch.sh` (not a criterion bench, not run by `cargo
//! test`). Two modes:
//!
//! - `gen DIR N`: writes N copies of one 10-page report (about 5,000 words)
//!   as `DIR/json/report-NNNN.json` and, with the project's DOCX writer, as
//!   `DIR/docx/report-NNNN.docx` (same text, real heading styles).
//! - `scan DIR`: the baseline — a sequential pass that opens every `.docx`
//!   under DIR as a zip and walks `word/document.xml` with quick-xml,
//!   counting text bytes, and parses every `.json` with serde_json counting
//!   string bytes. It prints the time taken, so cargo's own start-up is not
//!   measured.
//!
//! The batch check must not take longer than this scan on 2 cores.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use gcm_review::docx_writer::{write_docx, DocBlock, DocxDocument, Paragraph};
use serde_json::{json, Value};

#[path = "support/prose.rs"]
mod prose;
use prose::{varied_sentence, Random};

fn main() {
    // `cargo bench` appends `--bench`; ignore it.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["gen", dir, n] => n
            .parse::<usize>()
            .map_err(|e| e.to_string())
            .and_then(|n| generate(Path::new(dir), n)),
        ["scan", dir] => scan(Path::new(dir)),
        _ => Err("usage: batch_corpus gen DIR N | scan DIR".into()),
    };
    if let Err(e) = result {
        eprintln!("batch_corpus: {e}");
        std::process::exit(2);
    }
}

/// Deterministic report prose: sentences as long as those of a small
/// GCM-flavoured set, of their words in a new order each time, so the text
/// varies (and compresses) as a real report's does (`support/prose.rs`).
fn paragraph(seed: usize, words: usize) -> String {
    const SENTENCES: [&str; 8] = [
        "The national focal point coordinated the review with eleven ministries, the association of municipalities and migrant associations.",
        "Bilateral labour mobility agreements now include standard contracts, recognition of skills and access to social protection for migrant workers.",
        "Consular services were expanded so that nationals abroad can obtain identity documents and civil registration without travelling home.",
        "Local support centres offer language courses, legal information and referral to health, education and housing services for migrants and their families.",
        "The statistics office published disaggregated data on international migration by sex, age and migratory status for the first time.",
        "Recruitment agencies that charge fees to workers lose their licence, and complaints can be filed online in six languages.",
        "The average cost of sending remittances fell below five per cent on the main corridors used by migrant workers.",
        "Alternatives to immigration detention for children and families were introduced in cooperation with civil society organisations.",
    ];
    let mut random = Random::new(seed as u64 + 1);
    let mut out = String::new();
    let mut count = 0;
    let mut i = seed;
    while count < words {
        let len = SENTENCES
            .get(i % SENTENCES.len())
            .map_or(0, |s| s.split_whitespace().count());
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&varied_sentence(&SENTENCES, len, false, &mut random));
        count += len;
        i += 1;
    }
    out
}

/// One section of the generated report: id, title, paragraphs and
/// (objective number, paragraphs) sub-sections.
type SectionSpec = (
    &'static str,
    &'static str,
    Vec<String>,
    Vec<(u32, Vec<String>)>,
);

/// The sections of a 10-page report.
fn report_sections() -> Vec<SectionSpec> {
    // Distinct seeds: no paragraph of the report repeats another.
    let paras =
        |seed: usize, n: usize| (0..n).map(|k| paragraph(seed + k, 110)).collect::<Vec<_>>();
    vec![
        (
            "methodology",
            "1. Methodology for the review",
            paras(0, 5),
            vec![],
        ),
        (
            "policy_environment",
            "2. Policy and enabling environment",
            paras(100, 6),
            vec![],
        ),
        (
            "objectives_progress",
            "3. Progress on GCM objectives",
            paras(200, 1),
            [2, 5, 6, 7, 12, 13, 15, 16, 20, 23]
                .iter()
                .enumerate()
                .map(|(k, n)| (*n, paras(300 + 10 * k, 3)))
                .collect(),
        ),
        (
            "means_of_implementation",
            "4. Means of implementation",
            paras(400, 4),
            vec![],
        ),
        ("next_steps", "5. Next steps", paras(500, 3), vec![]),
    ]
}

const COVER: [(&str, &str); 8] = [
    ("submitter_name", "Portugal"),
    ("submitter_type", "member_state"),
    ("iso3", "PRT"),
    ("review_cycle", "2022"),
    ("focal_point_name", "Ana Exemplo"),
    (
        "institution",
        "Office of the High Commissioner for Migration (example)",
    ),
    ("email", "gcm.focalpoint@example.gov.pt"),
    ("submission_date", "2022-02-25"),
];

fn json_report() -> Value {
    let mut cover = serde_json::Map::new();
    for (k, v) in COVER {
        cover.insert(k.into(), json!(v));
    }
    cover.insert("regions".into(), json!(["ECE"]));
    cover.insert("language".into(), json!("en"));
    let sections: Vec<Value> = report_sections()
        .into_iter()
        .map(|(id, title, paragraphs, objectives)| {
            let mut s = json!({ "id": id, "title": title, "paragraphs": paragraphs });
            if !objectives.is_empty() {
                s["objectives"] = objectives
                    .into_iter()
                    .map(|(n, p)| json!({ "objective": n, "title": format!("Objective {n}"), "paragraphs": p }))
                    .collect();
            }
            s
        })
        .collect();
    json!({ "template": "voluntary-gcm-review-2022", "cover": cover, "sections": sections })
}

fn docx_report() -> Result<Vec<u8>, String> {
    let mut blocks = vec![DocBlock::Paragraph(Paragraph::text(
        "Voluntary national review on the implementation of the Global Compact for Safe, Orderly and Regular Migration",
    ))];
    for (k, v) in COVER {
        blocks.push(DocBlock::Paragraph(Paragraph::text(format!("{k}: {v}"))));
    }
    for (_, title, paragraphs, objectives) in report_sections() {
        blocks.push(DocBlock::Heading {
            level: 1,
            text: title.into(),
            bookmark: None,
        });
        blocks.extend(
            paragraphs
                .into_iter()
                .map(|p| DocBlock::Paragraph(Paragraph::text(p))),
        );
        for (n, paragraphs) in objectives {
            blocks.push(DocBlock::Heading {
                level: 2,
                text: format!("Objective {n}"),
                bookmark: None,
            });
            blocks.extend(
                paragraphs
                    .into_iter()
                    .map(|p| DocBlock::Paragraph(Paragraph::text(p))),
            );
        }
    }
    let doc = DocxDocument {
        title: "Voluntary GCM review: Portugal".into(),
        language: "en-GB".into(),
        page_numbers: true,
        blocks,
        ..Default::default()
    };
    write_docx(&doc).map_err(|e| e.to_string())
}

fn generate(dir: &Path, n: usize) -> Result<(), String> {
    let json = serde_json::to_vec_pretty(&json_report()).map_err(|e| e.to_string())?;
    let docx = docx_report()?;
    for sub in ["json", "docx"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| e.to_string())?;
    }
    for i in 1..=n {
        std::fs::write(dir.join(format!("json/report-{i:04}.json")), &json)
            .map_err(|e| e.to_string())?;
        std::fs::write(dir.join(format!("docx/report-{i:04}.docx")), &docx)
            .map_err(|e| e.to_string())?;
    }
    let words: usize = json_report()["sections"]
        .as_array()
        .map(|s| s.iter().map(count_words).sum())
        .unwrap_or(0);
    println!(
        "generated {n} copies: JSON {} bytes, DOCX {} bytes, about {words} words each",
        json.len(),
        docx.len()
    );
    Ok(())
}

fn count_words(v: &Value) -> usize {
    match v {
        Value::String(s) => s.split_whitespace().count(),
        Value::Array(a) => a.iter().map(count_words).sum(),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| *k != "id")
            .map(|(_, v)| count_words(v))
            .sum(),
        _ => 0,
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn scan(dir: &Path) -> Result<(), String> {
    let start = Instant::now();
    let (mut docx, mut json, mut text_bytes) = (0usize, 0usize, 0usize);
    for path in files(dir) {
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => {
                docx += 1;
                text_bytes += docx_text_bytes(&bytes)?;
            }
            Some("json") => {
                json += 1;
                let v: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
                text_bytes += json_text_bytes(&v);
            }
            _ => {}
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("scan: {docx} docx + {json} json files, {text_bytes} text bytes, {secs:.3} s");
    Ok(())
}

/// Opens the zip and counts the bytes of every `w:t` text in document.xml.
fn docx_text_bytes(bytes: &[u8]) -> Result<usize, String> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = Vec::new();
    zip.by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_end(&mut xml)
        .map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let (mut in_text, mut count) = (false, 0usize);
    loop {
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
        {
            Event::Start(e) if e.local_name().into_inner() == "t" => in_text = true,
            Event::End(e) if e.local_name().into_inner() == "t" => in_text = false,
            Event::Text(t) if in_text => count += t.len(),
            Event::GeneralRef(r) if in_text => count += r.len(),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(count)
}

fn json_text_bytes(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len(),
        Value::Array(a) => a.iter().map(json_text_bytes).sum(),
        Value::Object(o) => o.values().map(json_text_bytes).sum(),
        _ => 0,
    }
}

// The same allocator as the `gcm-review` binary, so the baseline is not
// slower for a reason the check does not share.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
