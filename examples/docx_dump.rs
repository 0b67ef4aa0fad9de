//! Debug aid: prints the blocks of each DOCX given on the command line.
use gcm_review::ingest::{docx, Limits};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let t = std::time::Instant::now();
        match docx::read(&bytes, &Limits::default()) {
            Ok(d) => {
                println!("== {path}: {} blocks in {:?}", d.blocks.len(), t.elapsed());
                for b in &d.blocks {
                    println!("{:?}", b);
                }
                println!("props {:?}", d.properties);
                println!("comments {:?}", d.comments);
                println!("notices {:?}", d.notices);
            }
            Err(e) => println!("== {path}: ERR {e:?}"),
        }
    }
}
