//! Whether an event happened: negated, possible, planned or occurred, from
//! the cue words and verbs around its trigger and its date against the
//! reference date.

use std::ops::Range;

use jiff::civil::Date;

use super::Window;
use super::fields::Facts;
use crate::lexicon::dates::date_lexicon;
use crate::lexicon::events::{EventCue, EventWord, event_lexicon};
use crate::model::Status;
use crate::text::Document;

/// Where a trigger's cues are read.
pub struct Scope {
    pub sentence: Range<usize>,
    pub trigger: Range<usize>,
    /// From the trigger's lead (up to eight words before it) to the next
    /// trigger of the sentence.
    pub window: Window,
    /// Where the next trigger's lead begins: an English cue there (`talks
    /// ended without an agreement`) belongs to the next trigger.
    pub next_lead: usize,
}

/// The status of the event at `scope`, and whether its own clause says so
/// (`false` when only the rest of the sentence did, or nothing did).
pub fn status(
    doc: &Document,
    scope: &Scope,
    cues: &[EventCue],
    facts: &Facts,
    date: Option<&str>,
    reference: Option<Date>,
) -> (Status, bool) {
    let text = doc.norm_text();
    // Every cue read below ends within the window or the sentence before
    // it: those that start there, found once, not passed over three times.
    let from = scope.sentence.start.min(scope.window.start);
    let cues = super::cues_within(cues, from..scope.window.end);
    let latin = |c: &EventCue| text[c.start..c.end].is_ascii();
    let real = |c: &&EventCue| !facts.in_date(&(c.start..c.end));
    let in_window = |c: &&EventCue| scope.window.start <= c.start && c.end <= scope.window.end;
    // Bengali and Hindi put the verb, and its negation, after the trigger
    // (`চুক্তি হয়নি`); a negation before it belongs to another clause
    // (`দাবি না মানলে ... অবরোধ`). English puts it first (`did not meet`).
    // The word's kind first: whether a cue is part of a date is looked up
    // only for the few that would count.
    let negation = cues.iter().any(|c| {
        matches!(c.word, EventWord::Negation)
            && in_window(&c)
            && if c.start < scope.trigger.start {
                latin(c)
            } else {
                !(latin(c) && c.start >= scope.next_lead)
            }
            && real(&c)
    });
    // From the trigger's own words on: `ফোন করেননি`.
    if negation || event_lexicon().any_negated_verb(doc, scope.trigger.start, scope.window.end) {
        return (Status::Negated, true);
    }
    // `if`, `যদি` may open the sentence, before a comma.
    let possible = cues
        .iter()
        .filter(|c| {
            matches!(c.word, EventWord::Possible) && scope.sentence.start <= c.start && c.end <= scope.window.end
        })
        .any(|c| real(&c));
    if possible {
        return (Status::Possible, true);
    }
    if cues
        .iter()
        .any(|c| matches!(c.word, EventWord::Future) && in_window(&c) && real(&c))
    {
        return (Status::Planned, true);
    }
    // A date after the reference, compared at its own grain (`2025-12` is
    // after 2025-11-23), makes it planned whatever the verb (`হরতালের ডাক
    // দিয়েছে` for next Sunday).
    if let (Some(d), Some(reference)) = (date.and_then(|d| d.split('/').next()), reference)
        && !d.contains('W')
    {
        let reference = crate::extract::dates::iso_day(reference);
        let n = d.len().min(reference.len());
        if d > &reference[..n] {
            return (Status::Planned, true);
        }
    }
    // The first verb with a tense decides (`বৈঠক হবে`, `बैठक हुई`): in the
    // window, else in the rest of the sentence, whose last verb governs it
    // (`নির্বাচনের সময় ... মোতায়েন থাকবে`).
    let tense = |from: usize, to: usize| date_lexicon().first_tense_between(doc, from, to);
    let (tense, own) = match tense(scope.window.start, scope.window.end) {
        Some(t) => (Some(t), true),
        None => (tense(scope.window.end, scope.sentence.end), false),
    };
    let status = if tense == Some(true) {
        Status::Planned
    } else {
        Status::Occurred
    };
    (status, own)
}
