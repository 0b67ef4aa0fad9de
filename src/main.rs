//! The `gcm-review` command: a thin wrapper that reads files, passes bytes
//! to the core and writes results (atomically) where the user asked.

mod cli;

/// mimalloc instead of the system allocator: reading a Word report makes
/// thousands of short-lived strings, and glibc's malloc and free were about a
/// tenth of a check's time (`benches/README.md`). The core library leaves
/// the choice to its host (the browser build keeps Rust's own).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
