//! Issue 3 benchmark: `check` on a 10-, 50- and 200-page Word report against
//! a plain zip + quick-xml scan of the same file, in the same run.
//!
//!   cargo bench --bench docx_pages -- generate DIR   # writes report-{10,50,200}.docx
//!   cargo bench --bench docx_pages -- compare DIR    # prints the timing table
//!   cargo bench --bench docx_pages -- profile DIR    # checks report-200 300 times (for perf;
//!                                                    # PAGES=10, N=5000, READ=1 to read only)
//!
//! `benches/docx.sh` runs both and adds peak memory of the binary.

use std::io::{Cursor, Read};
use std::path::Path;
use std::time::Instant;

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::docx_writer::{write_docx, DocBlock, DocxDocument, Paragraph};

const PAGES: [usize; 3] = [10, 50, 200];
const WORDS_PER_PAGE: usize = 500;

const SENTENCES: [&str; 6] = [
    "The national plan sets out measures on labour migration, integration and the rights of migrant workers.",
    "Local authorities offer language courses, legal information and access to services for migrants and their families.",
    "Data from the statistics office are disaggregated by sex, age and migratory status, in line with objective 1.",
    "Bilateral labour mobility agreements were signed with three countries of origin and cover seasonal work.",
    "The cost of sending remittances fell below five per cent for the main corridors used by migrant workers.",
    "Consultations with civil society, trade unions, employers and diaspora organisations informed the review.",
];

fn report(pages: usize) -> DocxDocument {
    let sections = [
        "1. Methodology for the review",
        "2. Policy and enabling environment",
        "3. Progress on GCM objectives",
        "4. Means of implementation",
        "5. Next steps",
    ];
    let target = pages * WORDS_PER_PAGE;
    let per_section = target / sections.len();
    let mut blocks = Vec::new();
    let mut sentence = 0usize;
    for (i, title) in sections.iter().enumerate() {
        blocks.push(DocBlock::Heading {
            level: 1,
            text: title.to_string(),
            bookmark: None,
        });
        let mut words = 0;
        let mut objective = 1u32;
        while words < per_section {
            if i == 2 && words % 1500 < 100 && objective <= 23 {
                blocks.push(DocBlock::Heading {
                    level: 2,
                    text: format!("Objective {objective}"),
                    bookmark: None,
                });
                objective += 1;
            }
            let text: Vec<&str> = (0..4)
                .map(|k| SENTENCES[(sentence + k) % SENTENCES.len()])
                .collect();
            sentence += 1;
            let text = text.join(" ");
            words += text.split_whitespace().count();
            blocks.push(DocBlock::Paragraph(Paragraph::text(text)));
        }
    }
    DocxDocument {
        title: format!("Voluntary GCM review, {pages} pages"),
        language: "en-GB".into(),
        rtl: false,
        header: None,
        footer: None,
        page_numbers: true,
        blocks,
    }
}

/// The least any checker must do: open the zip and walk the XML of the parts
/// that carry report text.
fn scan(bytes: &[u8]) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    let mut text = 0;
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
    ] {
        let mut s = String::new();
        let Ok(mut f) = zip.by_name(name) else {
            continue;
        };
        if f.read_to_string(&mut s).is_err() {
            continue;
        }
        let mut r = quick_xml::Reader::from_str(&s);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Text(t)) => text += t.len(),
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    text
}

fn median_ms(mut f: impl FnMut(), runs: usize) -> f64 {
    // Untimed runs first: the allocator's first pages and the caches warm up
    // before either side is measured.
    for _ in 0..runs / 10 {
        f();
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: docx_pages generate|compare DIR");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    match mode.as_str() {
        "generate" => {
            std::fs::create_dir_all(dir).expect("create dir");
            for pages in PAGES {
                let bytes = write_docx(&report(pages)).expect("write");
                std::fs::write(dir.join(format!("report-{pages}.docx")), bytes)
                    .expect("write file");
            }
        }
        "profile" => {
            // `perf record` target: check (or only read) one report over and over.
            let checker = Checker::new().expect("checker");
            let pages = std::env::var("PAGES").unwrap_or("200".into());
            let n: usize = std::env::var("N")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(300);
            let bytes = std::fs::read(dir.join(format!("report-{pages}.docx"))).expect("read");
            if std::env::var("READ").is_ok() {
                let limits = gcm_review::ingest::Limits::default();
                for _ in 0..n {
                    std::hint::black_box(gcm_review::ingest::docx::read(&bytes, &limits).ok());
                }
                return;
            }
            for _ in 0..n {
                std::hint::black_box(checker.check("bench.docx", &bytes, &CheckOptions::default()));
            }
        }
        _ => {
            let checker = Checker::new().expect("checker");
            let options = CheckOptions::default();
            let limits = gcm_review::ingest::Limits::default();
            println!("| pages | words | size | scan (median) | read (median) | check (median) | ratio check/scan |");
            println!("|---|---|---|---|---|---|---|");
            for pages in PAGES {
                let bytes = std::fs::read(dir.join(format!("report-{pages}.docx"))).expect("read");
                let outcome = checker.check("bench.docx", &bytes, &options);
                let runs = if pages >= 200 { 41 } else { 201 };
                let s = median_ms(
                    || {
                        std::hint::black_box(scan(&bytes));
                    },
                    runs,
                );
                let r = median_ms(
                    || {
                        std::hint::black_box(gcm_review::ingest::docx::read(&bytes, &limits).ok());
                    },
                    runs,
                );
                let c = median_ms(
                    || {
                        std::hint::black_box(checker.check("bench.docx", &bytes, &options));
                    },
                    runs,
                );
                let words = pages * WORDS_PER_PAGE;
                println!(
                    "| {pages} | ~{words} | {} KB | {s:.3} ms | {r:.3} ms | {c:.3} ms | {:.2}× |  ({:?}, {} findings)",
                    bytes.len() / 1024, c / s, outcome.status, outcome.diagnostics.len()
                );
            }
        }
    }
}

// The same allocator as the `gcm-review` binary, so the figures are the
// command's (the scan runs on it too).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
