//! Places note and text-box blocks, numbers the blocks, anchors comments and
//! derives the notices. Kept apart from the walker so that block indices are
//! assigned once, after every block has its final place.

use std::collections::{HashMap, HashSet};

use super::walker::{NoteKind, Out, Walked};
use crate::document::{BlockKind, Comment, Document, Notice};

/// Builds the document's blocks, comments and notices from the walks.
pub(super) fn assemble(
    doc: &mut Document,
    body: Walked,
    foot: Option<Walked>,
    end: Option<Walked>,
    comments: Option<Walked>,
) {
    let mut changes = body.changes;
    let mut hidden = body.hidden;
    let mut notes: HashMap<(NoteKind, String), Vec<Out>> = HashMap::new();
    let mut order: Vec<(NoteKind, String)> = Vec::new();
    for (kind, walked) in [(NoteKind::Foot, foot), (NoteKind::End, end)] {
        let Some(w) = walked else { continue };
        changes += w.changes;
        hidden |= w.hidden;
        for (id, outs) in group_notes(w.outs, kind) {
            let key = (kind, id);
            if let std::collections::hash_map::Entry::Vacant(slot) = notes.entry(key.clone()) {
                order.push(key);
                slot.insert(outs);
            }
        }
    }

    let outs: Vec<Out> = if notes.is_empty() {
        // Nothing to place: the body's blocks are the blocks.
        body.outs
    } else {
        let mut placed: HashSet<(NoteKind, String)> = HashSet::new();
        let mut outs: Vec<Out> = Vec::with_capacity(body.outs.len());
        for mut o in body.outs {
            let refs = std::mem::take(&mut o.note_refs);
            outs.push(o);
            for r in refs {
                if placed.insert(r.clone()) {
                    if let Some(v) = notes.remove(&r) {
                        outs.extend(v);
                    }
                }
            }
        }
        for key in order {
            if let Some(v) = notes.remove(&key) {
                outs.extend(v);
            }
        }
        outs
    };

    let mut first_change = None;
    let mut first_hidden = None;
    let mut anchors: HashMap<String, usize> = HashMap::new();
    doc.blocks = Vec::with_capacity(outs.len());
    for (i, mut o) in outs.into_iter().enumerate() {
        o.block.location.index = i;
        if o.changed && first_change.is_none() {
            first_change = Some(i);
        }
        if o.hidden && first_hidden.is_none() {
            first_hidden = Some(i);
        }
        for c in o.comment_ids {
            anchors.entry(c).or_insert(i);
        }
        doc.blocks.push(o.block);
    }

    if let Some(c) = comments {
        let mut text: HashMap<String, Vec<String>> = HashMap::new();
        for o in c.outs {
            if let Some(g) = o.group {
                text.entry(g).or_default().push(o.block.text);
            }
        }
        for (id, author) in c.comments {
            let t = text.remove(&id).map(|v| v.join("\n")).unwrap_or_default();
            doc.comments.push(Comment {
                author,
                text: t,
                block: anchors.get(&id).copied(),
            });
        }
    }

    if changes > 0 {
        doc.notices.push(Notice::TrackedChanges {
            count: changes,
            first_block: first_change,
        });
    }
    if hidden {
        doc.notices.push(Notice::HiddenText {
            first_block: first_hidden,
        });
    }
}

/// Groups a notes part's blocks by note id: each note's paragraphs become
/// one Footnote/Endnote block; table rows in a note stay rows.
fn group_notes(outs: Vec<Out>, kind: NoteKind) -> Vec<(String, Vec<Out>)> {
    let mut groups: Vec<(String, Vec<Out>)> = Vec::new();
    for o in outs {
        let Some(id) = o.group.clone() else { continue };
        let fresh = groups.last().is_none_or(|(g, _)| *g != id);
        if fresh {
            groups.push((id, Vec::new()));
        }
        let Some((_, list)) = groups.last_mut() else {
            continue;
        };
        let is_row = matches!(o.block.kind, BlockKind::TableRow { .. });
        let merge_into = list
            .last_mut()
            .filter(|l| !is_row && !matches!(l.block.kind, BlockKind::TableRow { .. }));
        match merge_into {
            Some(prev) => {
                prev.block.text.push('\n');
                prev.block.text.push_str(&o.block.text);
                prev.block.bold &= o.block.bold;
                prev.block.placeholder |= o.block.placeholder;
                prev.block.tracked_insertion |= o.block.tracked_insertion;
                for t in o.block.tags {
                    if !prev.block.tags.contains(&t) {
                        prev.block.tags.push(t);
                    }
                }
                prev.changed |= o.changed;
                prev.hidden |= o.hidden;
                prev.comment_ids.extend(o.comment_ids);
            }
            None => {
                let mut o = o;
                if !is_row {
                    o.block.kind = match kind {
                        NoteKind::Foot => BlockKind::Footnote,
                        NoteKind::End => BlockKind::Endnote,
                    };
                    o.block.list_label = None;
                    o.block.text = o.block.text.trim_start().to_owned();
                }
                list.push(o);
            }
        }
    }
    groups
}
