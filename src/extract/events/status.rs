//! Whether an event happened: negated, possible, planned or occurred, from
//! the cue words and verbs between its trigger and the end of its clause,
//! and its date against the reference date.

use jiff::civil::Date;

use super::Window;
use super::fields::Facts;
use crate::lexicon::dates::date_lexicon;
use crate::lexicon::events::{EventCue, EventWord, event_lexicon};
use crate::model::Status;
use crate::text::Words;

/// The status of the event whose trigger starts `window`.
pub fn status(
    text: &str,
    window: &Window,
    cues: &[EventCue],
    facts: &Facts,
    date: Option<&str>,
    reference: Option<Date>,
) -> Status {
    let inside = |c: &&EventCue| window.start <= c.start && c.end <= window.end && !facts.in_date(&(c.start..c.end));
    let has = |w: EventWord| cues.iter().filter(inside).any(|c| c.word == w);
    let verbs = || Words::from(&text[..window.end], window.start).map(|r| &text[r]);
    if has(EventWord::Negation) || verbs().any(|w| event_lexicon().negated_verb(w)) {
        return Status::Negated;
    }
    if has(EventWord::Possible) {
        return Status::Possible;
    }
    if has(EventWord::Future) {
        return Status::Planned;
    }
    // The first verb with a tense decides (`বৈঠক হবে`, `बैठक हुई`).
    if let Some(future) = verbs().filter_map(|w| date_lexicon().tense_of(w)).next() {
        return if future { Status::Planned } else { Status::Occurred };
    }
    // A date after the reference, compared at its own grain (`2025-12`
    // after 2025-11-23).
    let start = date.and_then(|d| d.split('/').next());
    match (start, reference) {
        (Some(d), Some(reference)) if !d.contains('W') => {
            let reference = reference.to_string();
            let n = d.len().min(reference.len());
            if d > &reference[..n] {
                Status::Planned
            } else {
                Status::Occurred
            }
        }
        _ => Status::Occurred,
    }
}
