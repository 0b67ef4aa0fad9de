//! Runs the checks: one file per rayon task, results handed back in input
//! order as soon as the next one in order is done (so `jsonl` streams), a
//! progress bar on a terminal, and a run that goes on whatever one file does.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use gcm_review::batch::{check_ingested, unopenable_entry, BatchEntry};
use gcm_review::check::{read_input, CheckOptions, Checker, Ingested};
use gcm_review::ingest::{IngestError, Limits};
use indicatif::{ProgressBar, ProgressStyle};

use super::inputs::Input;
use super::pending::PendingChecker;

/// Checks every input on a pool of `jobs` threads (None: one per core) and
/// calls `on_ready` for each entry in input order, with the text `render`
/// made of it. Stops early only when `render` or `on_ready` fails (e.g.
/// standard output closed) or the checker cannot load; returns all entries.
///
/// While the checker is still loading, each worker reads reports ahead (a
/// few dozen at most, see [`ReadAhead`]) and checks them once it is ready:
/// on two cores, loading the built-in data no longer leaves one idle.
///
/// Each worker renders its entry itself, then the worker that finishes the
/// next entry in order hands it (and any that were waiting for it) to
/// `on_ready`, under a lock, so no thread wakes up per report (handing each
/// report to a writer thread over a channel cost a tenth of a 1,000-report
/// run in wake-ups) and the lock is held only to write.
pub fn run(
    checker: &PendingChecker<'_>,
    limits: &Limits,
    inputs: &[Input],
    options: &CheckOptions,
    jobs: Option<usize>,
    render: impl Fn(&BatchEntry) -> Result<String, String> + Sync,
    on_ready: impl FnMut(&str) -> Result<(), String> + Send,
) -> Result<Vec<BatchEntry>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let bar = progress_bar(inputs.len());
    let cancelled = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    let state = Mutex::new(InOrder {
        waiting: BTreeMap::new(),
        done: Vec::with_capacity(inputs.len()),
        on_ready,
        result: Ok(()),
    });
    // Checks report `index`, already read, and hands it on; false to stop.
    let finish = |index: usize, read: ReadReport| -> bool {
        let Some(input) = inputs.get(index) else {
            return false;
        };
        let entry = finish_one(checker, input, read, options)
            .and_then(|entry| Ok((render(&entry)?, entry)));
        bar.inc(1);
        let Ok(mut guard) = state.lock() else {
            return false;
        };
        let delivered = match entry {
            Ok((text, entry)) => guard.deliver(index, entry, text),
            Err(message) => guard.fail(message),
        };
        if !delivered {
            cancelled.store(true, Ordering::Relaxed);
        }
        delivered
    };
    // Checks the reports read ahead, in the order read; false to stop.
    let finish_ahead = |ahead: &mut ReadAhead| {
        ahead
            .take()
            .into_iter()
            .all(|(index, read)| finish(index, read))
    };
    // One task per worker thread, each taking the next file in input order,
    // so results arrive nearly in order, the reorder buffer stays small and
    // `jsonl` streams from the first report on.
    pool.broadcast(|_| {
        let mut ahead = ReadAhead::default();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(index) else {
                break;
            };
            if cancelled.load(Ordering::Relaxed) {
                return;
            }
            let read = read_one(limits, input);
            let read = if checker.is_ready() {
                read
            } else {
                match ahead.keep(index, read) {
                    None => continue,
                    Some(read) => read,
                }
            };
            if !finish_ahead(&mut ahead) || !finish(index, read) {
                return;
            }
        }
        // The inputs ran out while the checker was still loading.
        finish_ahead(&mut ahead);
    });
    bar.finish_and_clear();
    let state = state
        .into_inner()
        .map_err(|_| "a worker thread stopped unexpectedly".to_string())?;
    state.result.map(|()| state.done)
}

/// Reports one worker has read while the checker loads. Bounded, so memory
/// stays that of a few dozen reports whatever the batch: at most
/// [`ReadAhead::MAX_REPORTS`] reports or [`ReadAhead::MAX_BYTES`] of files.
#[derive(Default)]
struct ReadAhead {
    reports: Vec<(usize, ReadReport)>,
    bytes: u64,
}

impl ReadAhead {
    /// Loading the checker (about 7 ms) takes as long as checking some thirty
    /// ten-page reports, and reading is only part of a check: room for all a
    /// worker reads meanwhile, without holding many.
    const MAX_REPORTS: usize = 64;
    /// Files' bytes stand in for the documents read from them, so a batch of
    /// very large reports reads only a few ahead.
    const MAX_BYTES: u64 = 16 << 20;

    /// Keeps `read` for later, or hands it back when there is no room.
    fn keep(&mut self, index: usize, read: ReadReport) -> Option<ReadReport> {
        let bytes = self.bytes.saturating_add(read.size);
        if self.reports.len() >= Self::MAX_REPORTS || bytes > Self::MAX_BYTES {
            return Some(read);
        }
        self.bytes = bytes;
        self.reports.push((index, read));
        None
    }

    /// The reports kept, in the order read; empty afterwards.
    fn take(&mut self) -> Vec<(usize, ReadReport)> {
        self.bytes = 0;
        std::mem::take(&mut self.reports)
    }
}

/// Entries finished out of order wait here for those before them.
struct InOrder<F> {
    waiting: BTreeMap<usize, (BatchEntry, String)>,
    done: Vec<BatchEntry>,
    on_ready: F,
    result: Result<(), String>,
}

impl<F: FnMut(&str) -> Result<(), String>> InOrder<F> {
    /// Takes entry `index` and its text and hands on every entry now in
    /// order; false once `on_ready` has failed.
    fn deliver(&mut self, index: usize, entry: BatchEntry, text: String) -> bool {
        if self.result.is_err() {
            return false;
        }
        self.waiting.insert(index, (entry, text));
        while let Some((entry, text)) = self.waiting.remove(&self.done.len()) {
            if let Err(e) = (self.on_ready)(&text) {
                self.result = Err(e);
                return false;
            }
            self.done.push(entry);
        }
        true
    }

    /// Ends the run with `message` (keeping the first failure); false.
    fn fail(&mut self, message: String) -> bool {
        if self.result.is_ok() {
            self.result = Err(message);
        }
        false
    }
}

fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} reports checked ({elapsed}, about {eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}

/// One input as read, before the checker sees it.
struct ReadReport {
    what: ReadResult,
    /// The file's size (what it weighs while it waits for the checker).
    size: u64,
}

enum ReadResult {
    /// Read (Err: the reader stopped on an internal error).
    Read(Result<Ingested, ()>),
    /// Larger than the limit (in bytes), so never loaded.
    TooLarge(u64),
    /// Could not be opened or read (the system's message).
    Unopenable(String),
}

/// Reads one file within `limits`. Never panics the run: a panic in the
/// reader on a hostile file is kept to become a finding on that file.
fn read_one(limits: &Limits, input: &Input) -> ReadReport {
    let path = match input {
        Input::Unopenable { detail, .. } => {
            return ReadReport {
                what: ReadResult::Unopenable(detail.clone()),
                size: 0,
            }
        }
        Input::File { path, .. } => path,
    };
    let what = match read_capped(path, limits.max_input_bytes) {
        Ok(Some(bytes)) => {
            let size = bytes.len() as u64;
            let ingested = catch_unwind(AssertUnwindSafe(|| read_input(&bytes, limits)));
            return ReadReport {
                what: ReadResult::Read(ingested.map_err(|_| ())),
                size,
            };
        }
        Ok(None) => ReadResult::TooLarge(limits.max_input_bytes),
        Err(e) => ReadResult::Unopenable(e.to_string()),
    };
    ReadReport { what, size: 0 }
}

/// Checks one report read by [`read_one`]. Never panics the run: a panic
/// inside the checker becomes a finding on that file. Fails only when the
/// checker cannot load.
fn finish_one(
    checker: &PendingChecker<'_>,
    input: &Input,
    read: ReadReport,
    options: &CheckOptions,
) -> Result<BatchEntry, String> {
    let checker = checker.get()?;
    let shown = match input {
        Input::Unopenable { shown, .. } | Input::File { shown, .. } => shown,
    };
    Ok(match read.what {
        ReadResult::Unopenable(detail) => unopenable_entry(checker, shown, &detail, options),
        ReadResult::TooLarge(limit) => {
            let e = IngestError::TooLarge {
                what: shown.clone(),
                limit,
            };
            BatchEntry {
                outcome: checker.input_error(shown, &e, options),
                regions: Vec::new(),
            }
        }
        ReadResult::Read(ingested) => ingested
            .ok()
            .and_then(|ingested| {
                catch_unwind(AssertUnwindSafe(|| {
                    check_ingested(checker, shown, ingested, options)
                }))
                .ok()
            })
            .unwrap_or_else(|| internal_error(checker, shown, options)),
    })
}

/// The entry for a file the checker stopped on (a defect to report).
fn internal_error(checker: &Checker, shown: &str, options: &CheckOptions) -> BatchEntry {
    unopenable_entry(
        checker,
        shown,
        "the checker stopped on this file because of an internal error; please report it with the file",
        options,
    )
}

/// The file's bytes, or None when it is larger than `cap` (never loaded whole).
fn read_capped(path: &std::path::Path, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > cap {
        return Ok(None);
    }
    // Room for the whole file and one byte more, so the usual case is one
    // read and one that finds the end (`take` hides the size from
    // `read_to_end`, which would otherwise start small and grow).
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Ok(None);
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;
    use std::time::Duration;

    use super::*;

    const REPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/portugal-2022.json");

    fn inputs(dir: &std::path::Path, n: usize) -> Vec<Input> {
        let report = std::fs::read(REPORT).expect("example");
        (0..n)
            .map(|i| {
                let path = dir.join(format!("r{i:02}.json"));
                // Every fifth file is not a report: its entry must keep its place.
                let bytes: &[u8] = if i % 5 == 4 { b"%PDF-1.7" } else { &report };
                std::fs::write(&path, bytes).expect("write");
                Input::File {
                    shown: format!("r{i:02}.json"),
                    path,
                }
            })
            .collect()
    }

    /// Reports read ahead while the checker loads come out complete and in
    /// input order, the texts too.
    #[test]
    fn entries_keep_input_order_when_the_checker_loads_late() {
        let dir = tempfile::tempdir().expect("tmp");
        let inputs = inputs(dir.path(), 30);
        let cell = OnceLock::new();
        let pending = PendingChecker::new(&cell);
        let mut texts = Vec::new();
        let entries = std::thread::scope(|scope| {
            scope.spawn(|| {
                std::thread::sleep(Duration::from_millis(200));
                pending.load();
            });
            run(
                &pending,
                &Limits::default(),
                &inputs,
                &CheckOptions::default(),
                Some(2),
                |entry| Ok(format!("{}:{:?}", entry.outcome.file, entry.outcome.status)),
                |text| {
                    texts.push(text.to_string());
                    Ok(())
                },
            )
        })
        .expect("run");
        let files: Vec<&str> = entries.iter().map(|e| e.outcome.file.as_str()).collect();
        let expected: Vec<String> = (0..30).map(|i| format!("r{i:02}.json")).collect();
        assert_eq!(files, expected);
        for (i, (entry, text)) in entries.iter().zip(&texts).enumerate() {
            let unreadable = entry.outcome.status == gcm_review::outcome::Status::Unreadable;
            assert_eq!(unreadable, i % 5 == 4, "{text}");
            assert!(text.starts_with(&expected[i]), "{text}");
        }
        assert_eq!(texts.len(), 30);
    }

    /// A failure to write stops the run with that failure.
    #[test]
    fn a_failing_output_stops_the_run() {
        let dir = tempfile::tempdir().expect("tmp");
        let inputs = inputs(dir.path(), 10);
        let cell = OnceLock::new();
        let pending = PendingChecker::new(&cell);
        let mut written = 0;
        let result = run(
            &pending,
            &Limits::default(),
            &inputs,
            &CheckOptions::default(),
            Some(2),
            |_| Ok("line".to_string()),
            |_| {
                written += 1;
                if written == 3 {
                    Err("standard output closed".to_string())
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result.err().as_deref(), Some("standard output closed"));
        assert_eq!(written, 3);
    }

    #[test]
    fn reading_ahead_stops_at_its_limits() {
        let read = |size| ReadReport {
            what: ReadResult::TooLarge(0),
            size,
        };
        let mut ahead = ReadAhead::default();
        for i in 0..ReadAhead::MAX_REPORTS {
            assert!(ahead.keep(i, read(1)).is_none());
        }
        assert!(ahead.keep(99, read(1)).is_some(), "one report too many");
        assert_eq!(ahead.take().len(), ReadAhead::MAX_REPORTS);
        assert!(ahead.keep(0, read(ReadAhead::MAX_BYTES)).is_none());
        assert!(ahead.keep(1, read(1)).is_some(), "one byte too many");
        assert_eq!(ahead.take().len(), 1);
        assert!(ahead.take().is_empty());
    }
}
