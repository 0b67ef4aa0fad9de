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
/// calls `on_ready` for each entry in input order. Stops early only when
/// `on_ready` fails (e.g. standard output closed) or the checker cannot
/// load; returns all entries.
///
/// Each worker reads its first report within `limits` (the checker's) while
/// the checker may still be loading, and waits for it only then: on two
/// cores, loading the built-in data no longer leaves one idle.
///
/// The worker that finishes the next entry in order hands it (and any that
/// were waiting for it) to `on_ready` itself, under a lock, so no thread
/// wakes up per report (handing each report to a writer thread over a
/// channel cost a tenth of a 1,000-report run in wake-ups).
pub fn run(
    checker: &PendingChecker<'_>,
    limits: &Limits,
    inputs: &[Input],
    options: &CheckOptions,
    jobs: Option<usize>,
    on_ready: impl FnMut(&BatchEntry) -> Result<(), String> + Send,
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
    // One task per worker thread, each taking the next file in input order,
    // so results arrive nearly in order, the reorder buffer stays small and
    // `jsonl` streams from the first report on.
    pool.broadcast(|_| loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(input) = inputs.get(index) else {
            break;
        };
        if cancelled.load(Ordering::Relaxed) {
            break;
        }
        let entry = check_one(checker, limits, input, options);
        bar.inc(1);
        let Ok(mut guard) = state.lock() else {
            break;
        };
        let delivered = match entry {
            Ok(entry) => guard.deliver(index, entry),
            Err(message) => guard.fail(message),
        };
        if !delivered {
            cancelled.store(true, Ordering::Relaxed);
            break;
        }
    });
    bar.finish_and_clear();
    let state = state
        .into_inner()
        .map_err(|_| "a worker thread stopped unexpectedly".to_string())?;
    state.result.map(|()| state.done)
}

/// Entries finished out of order wait here for those before them.
struct InOrder<F> {
    waiting: BTreeMap<usize, BatchEntry>,
    done: Vec<BatchEntry>,
    on_ready: F,
    result: Result<(), String>,
}

impl<F: FnMut(&BatchEntry) -> Result<(), String>> InOrder<F> {
    /// Takes entry `index` and hands on every entry now in order; false once
    /// `on_ready` has failed.
    fn deliver(&mut self, index: usize, entry: BatchEntry) -> bool {
        if self.result.is_err() {
            return false;
        }
        self.waiting.insert(index, entry);
        while let Some(entry) = self.waiting.remove(&self.done.len()) {
            if let Err(e) = (self.on_ready)(&entry) {
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

/// Reads and checks one file. Never panics the run: a panic inside the
/// checker on a hostile file becomes a finding on that file. Fails only
/// when the checker cannot load.
fn check_one(
    checker: &PendingChecker<'_>,
    limits: &Limits,
    input: &Input,
    options: &CheckOptions,
) -> Result<BatchEntry, String> {
    let (shown, path) = match input {
        Input::Unopenable { shown, detail } => {
            return Ok(unopenable_entry(checker.get()?, shown, detail, options))
        }
        Input::File { shown, path } => (shown, path),
    };
    let bytes = match read_capped(path, limits.max_input_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let e = IngestError::TooLarge {
                what: shown.clone(),
                limit: limits.max_input_bytes,
            };
            return Ok(BatchEntry {
                outcome: checker.get()?.input_error(shown, &e, options),
                regions: Vec::new(),
            });
        }
        Err(e) => {
            return Ok(unopenable_entry(
                checker.get()?,
                shown,
                &e.to_string(),
                options,
            ))
        }
    };
    let ingested = catch_unwind(AssertUnwindSafe(|| read_input(&bytes, limits)));
    drop(bytes);
    let checker = checker.get()?;
    Ok(ingested
        .ok()
        .and_then(|ingested: Ingested| {
            catch_unwind(AssertUnwindSafe(|| {
                check_ingested(checker, shown, ingested, options)
            }))
            .ok()
        })
        .unwrap_or_else(|| internal_error(checker, shown, options)))
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
