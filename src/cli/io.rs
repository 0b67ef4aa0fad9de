//! File output: always atomic (temporary file in the same folder, then
//! rename), so a reader never sees half a file and a failure never leaves one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gcm-review-").suffix(".tmp");
    // Outputs are shared (the secretariat's tables): the usual file mode,
    // restricted by the user's umask, not tempfile's owner-only 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// Writes to the file if given, else to standard output.
pub fn emit(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => write_atomic(path, text.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}

/// Today's date from the system clock (the core never reads the clock).
pub fn today() -> gcm_review::rules::Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or(0);
    gcm_review::rules::Date::from_days_since_epoch(days)
}

/// Where streamed output goes: straight to standard output, line by line as
/// reports finish, or collected and written atomically to `-o FILE` at the end
/// (a half-written file must never be left behind).
pub enum Sink {
    /// Standard output, flushed after every piece.
    Stdout,
    /// Collected for an atomic write.
    Buffer(String),
}

impl Sink {
    /// Standard output when `output` is None.
    pub fn new(output: Option<&Path>) -> Sink {
        match output {
            Some(_) => Sink::Buffer(String::new()),
            None => Sink::Stdout,
        }
    }

    /// Adds a piece of output.
    pub fn push(&mut self, text: &str) -> Result<(), String> {
        match self {
            Sink::Buffer(buffer) => {
                buffer.push_str(text);
                Ok(())
            }
            Sink::Stdout => emit(None, text),
        }
    }

    /// Writes the collected output to `output`, if any.
    pub fn finish(self, output: Option<&Path>) -> Result<(), String> {
        match (self, output) {
            (Sink::Buffer(buffer), Some(path)) => write_atomic(path, buffer.as_bytes()),
            _ => Ok(()),
        }
    }
}
