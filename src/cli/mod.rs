//! Command-line interface: argument parsing, file I/O, exit codes.
//!
//! Exit codes: 0 no report has an error (warnings allowed); 1 a report has an
//! error or could not be read; 2 the tool itself could not do its job (bad
//! arguments, unwritable output, broken built-in data).

mod args;
mod check_cmd;
mod compile_cmd;
mod extract_cmd;
mod inputs;
mod io;
mod misc_cmd;
mod pending;
mod runner;
mod template_cmd;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code when the tool could not run.
pub const EXIT_TOOL_FAILURE: u8 = 2;

/// Parses arguments and runs the command.
pub fn run() -> ExitCode {
    warm_up();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_TOOL_FAILURE),
            };
        }
    };
    let cell = std::sync::OnceLock::new();
    let checker = pending::PendingChecker::new(&cell);
    let result = std::thread::scope(|scope| {
        // The checker loads on a thread of its own, so a check can read its
        // first reports meanwhile (without the thread, the first use loads it).
        let _ = std::thread::Builder::new()
            .name("load-checker".into())
            .spawn_scoped(scope, || checker.load());
        match cli.command {
            Command::Check(a) => check_cmd::run(&checker, a),
            Command::Extract(a) => checker.get().and_then(|c| extract_cmd::run(c, a)),
            Command::Compile(a) => checker.get().and_then(|c| compile_cmd::run(c, a)),
            Command::Schema(a) => checker.get().and_then(|c| misc_cmd::schema(c, a)),
            Command::Rules(a) => checker.get().and_then(|c| misc_cmd::rules(c, a)),
            Command::Objectives(a) => checker.get().and_then(|c| misc_cmd::objectives(c, a)),
            Command::Template(a) => checker.get().and_then(|c| template_cmd::run(c, a)),
        }
    });
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gcm-review: {message}");
            ExitCode::from(EXIT_TOOL_FAILURE)
        }
    }
}

/// Loads the scope lexicons and the rule catalogue on a thread of their own
/// while this one parses the arguments and the checker's thread loads the
/// template and reference data. Loading the built-in data is most of a
/// one-file check's time. `Checker::new` then finds them loaded, or waits
/// for the load under way (each is loaded once, errors included, whichever
/// thread asks first).
fn warm_up() {
    // Without a thread (none can be started), `Checker::new` loads them.
    let _ = std::thread::Builder::new()
        .name("load-data".into())
        .spawn(|| {
            let _ = gcm_review::scope::ScopeClassifier::builtin();
            let _ = gcm_review::catalogue::Catalogue::builtin();
        });
}
