//! The `gcm-review` command: a thin wrapper that reads files, passes bytes
//! to the core and writes results (atomically) where the user asked.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
