//! What every rule needs to know about each block, found in one pass: its
//! word count, whether it may leave the GCM's scope, and the objectives it
//! cites.
//!
//! Why one pass: the length, scope and objective rules each used to read
//! every paragraph in full; on a 200-page report that reading was nearly all
//! of the time `check` took. A [`Screen`] now reads each paragraph once,
//! eight bytes at a time, and the exact checks run only where it says they
//! may find something (see `screen_tests.rs` for the proof on real files).

use crate::map::objectives::ObjectiveFinder;
use crate::report::ReportBlocks;
use crate::scope::ScopeClassifier;
use crate::text::{folds_to_the_same_words, Screen, ScreenScratch};

/// List 0 of the screen: refugee, instrument and displacement words.
const SCOPE: usize = 0;
/// List 1 of the screen: objective markers.
const OBJECTIVES: usize = 1;

/// The screen the rules share, compiled once per checker.
#[derive(Debug, Clone)]
pub struct RuleScreen {
    screen: Screen,
}

/// One block as the rules see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockFacts {
    /// Words as Word counts them.
    pub words: usize,
    /// False when the block certainly has no refugee, refugee-instrument or
    /// displacement term (its own scope verdict is migrant or neutral).
    pub may_leave_scope: bool,
    /// Objective numbers cited in the block's prose, in order, without repeats.
    pub objectives: Vec<u32>,
}

impl RuleScreen {
    /// Compiles the scope classifier's decisive words and the objective
    /// markers into one screen; `background` is ordinary GCM wording (the
    /// objective titles), whose common words the screen's fast search
    /// avoids stopping at.
    pub fn new(scope: &ScopeClassifier, finder: &ObjectiveFinder, background: &str) -> RuleScreen {
        let mut lists = vec![Vec::new(); 2];
        if let Some(l) = lists.get_mut(SCOPE) {
            *l = scope.decisive_phrases();
        }
        if let Some(l) = lists.get_mut(OBJECTIVES) {
            *l = finder.marker_words().into_iter().map(|w| vec![w]).collect();
        }
        RuleScreen {
            screen: Screen::new(&lists, background),
        }
    }

    /// The text screen itself, for tests that look inside it.
    #[cfg(test)]
    pub(crate) fn text_screen(&self) -> &Screen {
        &self.screen
    }

    /// The facts of every block, in the order of `blocks`.
    pub fn facts(&self, blocks: &ReportBlocks<'_>, finder: &ObjectiveFinder) -> Vec<BlockFacts> {
        let mut scratch = ScreenScratch::default();
        blocks
            .blocks
            .iter()
            .map(|b| self.block(b.text, finder, &mut scratch))
            .collect()
    }

    /// The facts of one text.
    pub fn block(
        &self,
        text: &str,
        finder: &ObjectiveFinder,
        scratch: &mut ScreenScratch,
    ) -> BlockFacts {
        let screened = self.screen.scan(text, scratch);
        let objectives = if !screened.may_contain(OBJECTIVES) {
            Vec::new()
        } else if screened.is_ascii() {
            finder.prose_objectives_at(text, marker_starts(scratch))
        } else if screened.folds_to_ascii() && folds_to_the_same_words(text) {
            // Accented Latin: read the markers where the screen found them
            // in the folded paragraph.
            finder.prose_objectives_at(scratch.folded(), marker_starts(scratch))
        } else {
            finder.prose_objectives(text)
        };
        BlockFacts {
            words: screened.words,
            may_leave_scope: screened.may_join_words() || screened.may_contain(SCOPE),
            objectives,
        }
    }
}

/// Where the screen found objective markers: in the paragraph, or in its
/// scope fold when that is what the screen read.
fn marker_starts(scratch: &ScreenScratch) -> impl Iterator<Item = usize> + '_ {
    scratch
        .hits()
        .iter()
        .filter(|(list, _)| usize::from(*list) == OBJECTIVES)
        .map(|(_, at)| *at)
}
