//! Compares `docx::read` with a plain zip + quick-xml scan of the same parts
//! (the performance target: well under twice the plain scan).
use std::io::{Cursor, Read};
use std::time::Instant;

use gcm_review::ingest::{docx, Limits};

fn plain(bytes: &[u8]) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    let mut events = 0;
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/endnotes.xml",
        "word/comments.xml",
    ] {
        let mut s = String::new();
        let Ok(mut f) = zip.by_name(name) else {
            continue;
        };
        if f.read_to_string(&mut s).is_err() {
            continue;
        }
        let mut r = quick_xml::NsReader::from_str(&s);
        while let Ok((_, ev)) = r.read_resolved_event() {
            if matches!(ev, quick_xml::events::Event::Eof) {
                break;
            }
            events += 1;
        }
    }
    events
}

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let runs = 20;
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..runs {
            n += plain(&bytes);
        }
        let p = t.elapsed() / runs;
        let t = Instant::now();
        let mut b = 0;
        for _ in 0..runs {
            b += docx::read(&bytes, &Limits::default())
                .map(|d| d.blocks.len())
                .unwrap_or(0);
        }
        let r = t.elapsed() / runs;
        println!(
            "{path}: plain {p:?} ({} events), read {r:?} ({} blocks), ratio {:.2}",
            n / 20,
            b / 20,
            r.as_secs_f64() / p.as_secs_f64()
        );
    }
}
