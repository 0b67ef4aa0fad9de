//! The checker while it loads: a `check` starts reading reports on its worker
//! threads while the built-in data loads on another, and each worker waits
//! for the checker only once it has a report ready for it.

use std::sync::OnceLock;

use gcm_review::check::{Checker, SetupError};

/// A checker loading (or loaded) on another thread.
pub struct PendingChecker<'a> {
    cell: &'a OnceLock<Result<Checker, SetupError>>,
}

impl<'a> PendingChecker<'a> {
    /// The checker `cell` will hold.
    pub fn new(cell: &'a OnceLock<Result<Checker, SetupError>>) -> Self {
        PendingChecker { cell }
    }

    /// Loads the checker into the cell (the loading thread's job).
    pub fn load(&self) {
        self.cell.get_or_init(Checker::new);
    }

    /// Whether the checker has finished loading (successfully or not), so
    /// [`PendingChecker::get`] returns at once.
    pub fn is_ready(&self) -> bool {
        self.cell.get().is_some()
    }

    /// The checker, once loaded: waits for a load under way, or loads it
    /// here when none is (no thread could be started, or it stopped).
    ///
    /// # Errors
    /// When the built-in data is broken, in the words the user sees.
    pub fn get(&self) -> Result<&'a Checker, String> {
        self.cell
            .get_or_init(Checker::new)
            .as_ref()
            .map_err(|e| format!("the built-in data is broken: {e}"))
    }
}
