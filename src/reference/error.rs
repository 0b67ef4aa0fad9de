//! The one error type of the reference data.

use thiserror::Error;

/// Why the embedded reference data could not be used.
///
/// The seeds are compiled into the binary, so any of these is a bug in a
/// reviewed data file, caught by the tests before release. The message names
/// the file and the entry so the reviewer can fix the data without reading code.
/// `Clone` so that [`ReferenceData::builtin`](super::ReferenceData::builtin)
/// can cache the outcome, error included.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeedError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("{file}: cannot be read: {message}")]
    Parse {
        /// Repository path of the seed file.
        file: &'static str,
        /// The TOML parser's message, which carries line and column.
        message: String,
    },
    /// The file parses, but an entry breaks an invariant the tool relies on.
    #[error("{file}: {entry}: {problem}")]
    Invalid {
        /// Repository path of the seed file.
        file: &'static str,
        /// The offending entry, e.g. `state "DEU"` or `cycle "2022"`.
        entry: String,
        /// What is wrong with it.
        problem: String,
    },
}

impl SeedError {
    /// Shorthand used by the validators.
    pub(crate) fn invalid(
        file: &'static str,
        entry: impl Into<String>,
        problem: impl Into<String>,
    ) -> Self {
        SeedError::Invalid {
            file,
            entry: entry.into(),
            problem: problem.into(),
        }
    }

    /// Parses one seed file, naming it in the error.
    pub(crate) fn parse<T: serde::de::DeserializeOwned>(
        file: &'static str,
        source: &str,
    ) -> Result<T, SeedError> {
        crate::embedded::from_str(source).map_err(|message| SeedError::Parse {
            file,
            message: message.trim_end().to_string(),
        })
    }
}
