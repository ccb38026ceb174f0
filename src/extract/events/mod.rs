//! Events: every trigger word (`বৈঠক`, `फोन पर बात`, `talks`) with the
//! facts its sentence gives — who took part, where, when — and whether it
//! happened. A trigger after an anaphor (`এই বৈঠক`, `इस बैठक`) is the same
//! event as the last one of its type, and the mentions of one event share
//! what each sentence says.

mod fields;
mod status;

use std::ops::Range;

use smallvec::SmallVec;

use super::names::{NameSetup, Names};
use super::{Context, Extractor, Kind, Kinds};
use crate::lexicon::entities::entity_lexicon;
use crate::lexicon::events::{EventCue, EventWord, event_lexicon};
use crate::model::{Article, Event, EventType, Text};
use crate::text::Document;

pub struct Events {
    pub setup: NameSetup,
}

impl Extractor for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn kind(&self) -> Option<Kind> {
        Some(Kind::Events)
    }

    fn needs(&self) -> Kinds {
        Kinds::of(&[Kind::Dates, Kind::People, Kind::Places])
    }

    fn extract(&self, doc: &Document, ctx: &mut Context, article: &mut Article) {
        let reference = ctx.reference;
        let names = Names::shared(ctx, doc, &self.setup, &article.dates);
        let text = doc.norm_text();
        let found_cues;
        let cues: &[EventCue] = match &names.event_cues {
            Some(cues) => cues,
            None => {
                found_cues = event_lexicon().find(text, doc.words(), doc.word_numbers(), entity_lexicon());
                &found_cues
            }
        };
        let facts = fields::Facts::new(doc, &names, article, cues);
        let triggers: Vec<usize> = (0..cues.len())
            .filter(|&i| matches!(cues[i].word, EventWord::Trigger(_)))
            .collect();
        // At most one event a trigger: sized once, not grown.
        let mut events: Vec<Event> = Vec::with_capacity(triggers.len());
        // Whether each event's place is marked as its location (`মস্কোতে`),
        // not just a bare name in its sentence.
        let mut located: Vec<bool> = Vec::with_capacity(triggers.len());
        // Each event's sentence, for its actors once the chains are shared.
        let mut sentences: Vec<Range<usize>> = Vec::with_capacity(triggers.len());
        // The first mention of each event's chain, and each chain's mentions
        // (under its first mention's index).
        let mut roots: Vec<usize> = Vec::with_capacity(triggers.len());
        let mut chains: Vec<Chain> = Vec::with_capacity(triggers.len());
        let mut of_type: Vec<(EventType, SmallVec<[usize; 8]>)> = Vec::new();
        // The chains an event may join, and whether it fits each: one
        // buffer for all the article's events.
        let mut fits: Vec<(usize, bool)> = Vec::new();
        // (At first of no sentence: a range past any text.)
        let mut around_sentence: (Range<usize>, &[EventCue]) = (usize::MAX..usize::MAX, &[]);
        for (n, &i) in triggers.iter().enumerate() {
            let cue = &cues[i];
            let EventWord::Trigger(kind) = cue.word else { continue };
            // The cues that may stand right before the trigger: those that
            // end at most a near distance before it.
            let before = cues_back_to(cues, i, cue.start.saturating_sub(NEAR_BYTES + facts.longest_cue()));
            if generic(text, cue, before) || !in_article_script(doc, cue) {
                continue;
            }
            let sentence = doc.sentence_at(cue.start);
            // A sentence's triggers read the same cues around it: found once.
            if around_sentence.0 != sentence {
                around_sentence = (
                    sentence.clone(),
                    cues_within(cues, sentence.start.saturating_sub(CUE_REACH)..sentence.end + CUE_REACH),
                );
            }
            let around = around_sentence.1;
            let scope = clause(doc, &sentence, cue, &triggers, n, cues);
            let date = facts.date(&sentence, cue);
            let own_status = status::status(doc, &scope, around, &facts, date.as_deref(), reference);
            let place = facts.place(&sentence, cue, around, kind);
            let marked = place.as_ref().is_some_and(|(_, m)| *m);
            let mut event = Event {
                kind,
                cameo: Text::const_new(kind.cameo()),
                trigger: doc.span(cue.start..cue.end),
                date: date.clone(),
                place: place.map(|(name, _)| name),
                participants: facts.participants(&sentence, cue),
                actors: Vec::new(),
                status: own_status.0,
            };
            // An anaphor refers back to the last event of its type; a bare
            // mention to the event it shares most people with among those
            // nothing it says contradicts (the latest among equals).
            let same_type = of_type
                .iter()
                .find(|(t, _)| *t == kind)
                .map_or(&[][..], |(_, v)| v.as_slice());
            let mut earlier = same_type.iter().rev().take(LOOKBACK).copied();
            let has_room = |j: usize| chains[roots[j]].len() < MAX_CHAIN;
            let refers_to = if anaphoric(text, cue, before) {
                let referent = earlier.next().filter(|&j| has_room(j));
                // `इस यात्रा के दौरान`: with no verb of its own, an anaphor
                // tells of the event it refers to.
                if let Some(j) = referent.filter(|_| !own_status.1) {
                    event.status = events[j].status;
                }
                referent
            } else {
                // Chains are checked once each, however many of their mentions are candidates.
                fits.clear();
                let mut chain_fits = |root: usize| match fits.iter().find(|(r, _)| *r == root) {
                    Some(&(_, ok)) => ok,
                    None => {
                        let ok = chains[root].len() < MAX_CHAIN
                            && chains[root]
                                .iter()
                                .all(|&k| compatible(&events[k], located[k], &event, marked));
                        fits.push((root, ok));
                        ok
                    }
                };
                earlier
                    .filter(|&j| chain_fits(roots[j]))
                    .enumerate()
                    .max_by_key(|&(age, j)| {
                        (
                            shared_people(&events, &chains[roots[j]], &event),
                            std::cmp::Reverse(age),
                        )
                    })
                    .map(|(_, j)| j)
            };
            let index = events.len();
            match of_type.iter_mut().find(|(t, _)| *t == kind) {
                Some((_, v)) => v.push(index),
                None => of_type.push((kind, SmallVec::from_elem(index, 1))),
            }
            let root = refers_to.map_or(index, |j| roots[j]);
            roots.push(root);
            chains.push(Chain::new());
            chains[root].push(index);
            events.push(event);
            located.push(marked);
            sentences.push(sentence);
        }
        share_within_chains(&mut events, &roots, &chains);
        for (event, sentence) in events.iter_mut().zip(&sentences) {
            event.actors = facts.actors(sentence, event.place.as_deref());
        }
        article.events = events;
    }
}

/// Bytes between a cue and the trigger it qualifies, at most: one word of
/// Bengali or Devanagari (three bytes a letter) and the spaces around it.
const NEAR_BYTES: usize = 80;

/// Bytes around a sentence within which the cues its clause reads stand:
/// a near distance and the longest cue, with room.
const CUE_REACH: usize = 1000;

/// Most mentions one event's chain holds, and most earlier mentions of its
/// type a trigger is compared with: an article tells of an event a few
/// times, and a text that repeats a trigger without end is read in linear
/// time.
const MAX_CHAIN: usize = 32;
const LOOKBACK: usize = 32;

/// The mentions of one event, in text order: most events are mentioned
/// once or twice, and their chains take no allocation.
type Chain = SmallVec<[usize; 2]>;

/// The cues (in text order) that start within `range`.
fn cues_within(cues: &[EventCue], range: Range<usize>) -> &[EventCue] {
    crate::text::starting_within(cues, |c| c.start, range)
}

/// Cue `i` of `cues` (in text order) and those before it that start at or
/// after `from` (at most its start): what [`cues_within`] finds from `from`
/// to just past the cue's start, stepped back to from the cue itself, as a
/// near window holds few.
fn cues_back_to(cues: &[EventCue], i: usize, from: usize) -> &[EventCue] {
    let start = cues[i].start;
    debug_assert!(from <= start);
    let first = cues[..i].iter().rposition(|c| c.start < from).map_or(0, |k| k + 1);
    let end = i + 1 + cues[i + 1..].iter().take_while(|c| c.start <= start).count();
    &cues[first..end]
}

/// Words before a trigger that may still hold its status cue (`will
/// meet`, `did not sign an agreement`).
const LEAD_WORDS: usize = 8;

/// Where a trigger's status cues may stand: up to eight words before it
/// (not across a comma or an earlier trigger) to the next trigger or the
/// end of the sentence. A verb may come first in a headline (`मियामी में
/// होगी ... बैठक`).
fn clause(
    doc: &Document,
    sentence: &Range<usize>,
    cue: &EventCue,
    triggers: &[usize],
    n: usize,
    cues: &[EventCue],
) -> status::Scope {
    let previous = n.checked_sub(1).map(|p| &cues[triggers[p]]);
    let start = lead_start(doc, sentence, previous, cue);
    let (end, next_lead) = match triggers.get(n + 1) {
        Some(&j) if cues[j].start < sentence.end => (cues[j].start, lead_start(doc, sentence, Some(cue), &cues[j])),
        _ => (sentence.end, sentence.end),
    };
    status::Scope {
        sentence: sentence.clone(),
        trigger: cue.start..cue.end,
        window: start..end.min(sentence.end).max(cue.end),
        next_lead,
    }
}

/// The start of the lead of `cue`: at most five words back, not before the
/// sentence, the previous trigger or a clause mark.
fn lead_start(doc: &Document, sentence: &Range<usize>, previous: Option<&EventCue>, cue: &EventCue) -> usize {
    let text = doc.norm_text();
    let floor = sentence.start.max(previous.map_or(0, |p| p.end)).min(cue.start);
    let words = doc.word_indices_between(floor, cue.start);
    let lead = words
        .len()
        .checked_sub(LEAD_WORDS)
        .map_or(floor, |k| doc.words()[words.start + k].start);
    // A clause mark cuts the lead short; only one within it matters. ASCII
    // marks are found among the bytes (no byte of a longer character is
    // ASCII) rather than by decoding backwards, several bytes at a time.
    memchr::memrchr3(b',', b';', b':', &text.as_bytes()[lead..cue.start]).map_or(lead, |i| lead + i + 1)
}

/// How many of `event`'s participants the mentions of a chain name.
fn shared_people(events: &[Event], chain: &[usize], event: &Event) -> usize {
    event
        .participants
        .iter()
        .filter(|p| chain.iter().any(|&k| events[k].participants.contains(p)))
        .count()
}

/// Whether two mentions of one type can be one event: no different date,
/// no different place where both are marked as locations (a bare name in
/// the sentence may be about something else), and people in common unless
/// one names none.
fn compatible(a: &Event, a_located: bool, b: &Event, b_located: bool) -> bool {
    let differ = |x: &Option<Text>, y: &Option<Text>| x.is_some() && y.is_some() && x != y;
    let people = a.participants.is_empty()
        || b.participants.is_empty()
        || a.participants.iter().any(|p| b.participants.contains(p));
    let places = !(a_located && b_located && differ(&a.place, &b.place));
    !differ(&a.date, &b.date) && places && people
}

/// Whether a generic word (`যেকোনো`, `any`) stands within two words before
/// the trigger.
fn generic(text: &str, trigger: &EventCue, cues: &[EventCue]) -> bool {
    cues.iter().any(|c| {
        matches!(c.word, EventWord::Generic)
            && c.end <= trigger.start
            && trigger.start - c.end <= NEAR_BYTES
            && crate::text::Words::new(&text[c.end..trigger.start]).count() <= 1
            && !text[c.end..trigger.start].contains(['।', '.', ',', '\n'])
    })
}

/// A Latin trigger in a Bengali or Hindi article is in an English headline
/// of another story or a caption (`US–Russia Talks Fail`), not this one's.
fn in_article_script(doc: &Document, cue: &EventCue) -> bool {
    let latin = doc.norm_text()[cue.start..cue.end].bytes().all(|b| b.is_ascii());
    !latin || matches!(doc.lang, crate::text::Lang::En | crate::text::Lang::Und)
}

/// Whether an anaphor (`এই`, `इस`, `this`) stands right before the trigger.
fn anaphoric(text: &str, trigger: &EventCue, cues: &[EventCue]) -> bool {
    cues.iter().any(|c| {
        matches!(c.word, EventWord::Anaphor)
            && c.end <= trigger.start
            && trigger.start - c.end <= NEAR_BYTES
            && text[c.end..trigger.start].trim().is_empty()
    })
}

/// Mentions of one event (an anaphor and what it refers to, transitively)
/// fill each other's missing place and date, the nearest mention first, and
/// share their participants.
fn share_within_chains(events: &mut [Event], roots: &[usize], chains: &[Chain]) {
    let n = events.len();
    // What the own sentence of each mention of a chain of two or more says,
    // before any sharing (most events are mentioned once: nothing to keep).
    let own: Vec<Option<_>> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (chains[roots[i]].len() > 1).then(|| (e.date.clone(), e.place.clone(), e.participants.clone())))
        .collect();
    let mut members: Vec<usize> = Vec::new();
    for i in 0..n {
        if chains[roots[i]].len() < 2 {
            continue;
        }
        members.clear();
        members.extend(chains[roots[i]].iter().copied().filter(|&j| j != i));
        members.sort_by_key(|&j| j.abs_diff(i));
        for &j in &members {
            let Some((date, place, people)) = &own[j] else { continue };
            let e = &mut events[i];
            if e.date.is_none() {
                e.date = date.clone();
            }
            if e.place.is_none() {
                e.place = place.clone();
            }
            for p in people {
                if !e.participants.contains(p) {
                    e.participants.push(p.clone());
                }
            }
        }
    }
}

/// The part of a sentence a trigger's status is read from.
pub type Window = Range<usize>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cues_stepped_back_to_are_those_a_search_from_the_window_finds() {
        // Cues at uneven places, two pairs sharing a start.
        let starts = [0, 3, 3, 10, 40, 41, 90, 200, 200, 201];
        let cues: Vec<EventCue> = starts
            .iter()
            .map(|&start| EventCue {
                start,
                end: start + 2,
                word: EventWord::Negation,
            })
            .collect();
        for (i, cue) in cues.iter().enumerate() {
            for from in 0..=cue.start {
                assert_eq!(
                    cues_back_to(&cues, i, from),
                    cues_within(&cues, from..cue.start + 1),
                    "cue {i}, from {from}"
                );
            }
        }
    }
}
