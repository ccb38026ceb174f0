//! What a trigger's sentence says about its event: the people taking part
//! (not those who only report it), the place it happens, its date, and the
//! countries acting in it.

use std::cell::RefCell;
use std::ops::Range;

use crate::extract::names::{CueMatch, Names, Via};
use crate::lexicon::entities::{Cue, entity_lexicon};
use crate::lexicon::events::{EventCue, EventWord, event_lexicon};
use crate::model::{Article, DateType, EventType, Text};
use crate::text::{Document, starting_within};

/// Bytes between a place and a cue beside it, at most (a word of Bengali
/// or Devanagari and its spaces).
const NEAR_BYTES: usize = 80;

/// Longest date expression, in bytes, with room.
const DATE_REACH: usize = 1000;

/// A person's mention.
struct PersonAt {
    range: Range<usize>,
    name: Text,
}

/// A place's mention.
struct PlaceAt {
    range: Range<usize>,
    /// The name itself, without a case ending.
    stem: Range<usize>,
    name: Text,
    country: bool,
    adjective: bool,
}

/// A date expression.
struct DateAt {
    range: Range<usize>,
    value: Text,
}

/// The article's people, places and dates, by position.
pub struct Facts<'a> {
    doc: &'a Document,
    text: &'a str,
    /// The names analysis's cues, among them the reporting words.
    name_cues: &'a [CueMatch],
    /// People's and places' mentions entity by entity (the order answers
    /// keep), with their indices in text order for looking up a sentence.
    people: Vec<PersonAt>,
    people_at: Vec<usize>,
    places: Vec<PlaceAt>,
    places_at: Vec<usize>,
    /// In text order.
    dates: Vec<DateAt>,
    /// Postpositions that make the place before them no location, in text order.
    not_place: Vec<Range<usize>>,
    /// The length of the longest cue of the article, in bytes.
    longest_cue: usize,
    /// What [`inside`] found last among the people, and among the places.
    people_found: RefCell<Found>,
    places_found: RefCell<Found>,
    /// Each person's mention's reporting word ([`Facts::reporting_word`]), once a
    /// trigger of its sentence asked.
    reporting_words: RefCell<Vec<Option<Option<Range<usize>>>>>,
    /// Each place's [`PlaceMarks`], once a trigger of its sentence asked.
    place_marks: RefCell<Vec<Option<PlaceMarks>>>,
}

/// What the words around a place say of it, whatever the trigger.
#[derive(Clone, Copy)]
struct PlaceMarks {
    /// A postposition after it makes it no location, and nothing marks it as one.
    dropped: bool,
    /// Marked as the location: a marker, a locative ending or noun.
    located: bool,
    /// Half of a pair of names (`India-Russia summit`).
    paired: bool,
}

/// Indices of `items` in the order of their start.
fn by_start<T>(items: &[T], range: impl Fn(&T) -> &Range<usize>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| range(&items[i]).start);
    order
}

/// The indices (from `order`, sorted by start) of the items inside `outer`,
/// in their own order, kept in `found` with the range they are of: the
/// triggers of a sentence ask of the same sentence one after another.
fn inside<'f, T>(
    items: &[T],
    order: &[usize],
    range: impl Fn(&T) -> &Range<usize>,
    outer: &Range<usize>,
    found: &'f mut Found,
) -> &'f [usize] {
    let (of, found) = found;
    if of != outer {
        of.clone_from(outer);
        found.clear();
        found.extend(
            starting_within(order, |&i| range(&items[i]).start, outer.clone())
                .iter()
                .copied()
                .filter(|&i| within(range(&items[i]), outer)),
        );
        found.sort_unstable();
    }
    found
}

/// What [`inside`] found last, and of which range (at first, of none: a
/// range past any text).
type Found = (Range<usize>, Vec<usize>);

/// A [`Found`] of nothing yet.
fn found_none() -> RefCell<Found> {
    RefCell::new((usize::MAX..usize::MAX, Vec::new()))
}

impl<'a> Facts<'a> {
    pub fn new(doc: &'a Document, names: &'a Names, article: &Article, cues: &[EventCue]) -> Self {
        let text = doc.norm_text();
        // Sized once: a chain of flattened lists tells `collect` no length.
        let mut people: Vec<PersonAt> = Vec::with_capacity(article.people.iter().map(|p| p.mentions.len()).sum());
        people.extend(article.people.iter().flat_map(|p| {
            p.mentions.iter().map(|m| PersonAt {
                range: m.norm.clone(),
                name: p.name.clone(),
            })
        }));
        // The names analysis lists places in the order of `article.places`,
        // with the same mentions: it knows their stems and adjectives.
        let found_places = names.found.iter().filter(|f| !f.person);
        let mut places: Vec<PlaceAt> = Vec::with_capacity(article.places.iter().map(|p| p.mentions.len()).sum());
        places.extend(found_places.zip(&article.places).flat_map(|(f, p)| {
            f.mentions.iter().map(|m| PlaceAt {
                range: m.range.clone(),
                stem: m.stem.clone(),
                name: p.name.clone(),
                country: p.kind == "country",
                adjective: m.via == Via::Adjective,
            })
        }));
        let mut dates: Vec<DateAt> = Vec::with_capacity(article.dates.len());
        dates.extend(
            article
                .dates
                .iter()
                .filter(|d| matches!(d.kind, DateType::Date | DateType::Datetime | DateType::Interval))
                .filter_map(|d| {
                    let value = d.value.as_deref()?;
                    // An event's date is a day (or coarser): drop a time of day.
                    let value = value.split_once('T').map_or(value, |(day, _)| day);
                    (!value.is_empty()).then(|| DateAt {
                        range: d.span.norm.clone(),
                        value: value.into(),
                    })
                }),
        );
        dates.sort_by_key(|d| d.range.start);
        Facts {
            doc,
            text,
            name_cues: &names.cues,
            reporting_words: RefCell::new(vec![None; people.len()]),
            people_at: by_start(&people, |p| &p.range),
            people,
            places_at: by_start(&places, |p| &p.range),
            place_marks: RefCell::new(vec![None; places.len()]),
            places,
            dates,
            not_place: cues
                .iter()
                .filter(|c| matches!(c.word, EventWord::NotPlaceAfter))
                .map(|c| c.start..c.end)
                .collect(),
            longest_cue: cues.iter().map(|c| c.end - c.start).max().unwrap_or(0),
            people_found: found_none(),
            places_found: found_none(),
        }
    }

    /// The length of the article's longest cue, in bytes.
    pub fn longest_cue(&self) -> usize {
        self.longest_cue
    }

    /// The people of the sentence who take part, in text order. Who only
    /// reports an event does not, unless the reporting word is the trigger
    /// itself (`X urged`, `X ने अपील की`) or the event is a speech.
    pub fn participants(&self, sentence: &Range<usize>, trigger: &EventCue) -> Vec<Text> {
        let is_speech = matches!(trigger.word, EventWord::Trigger(EventType::Speech));
        let mut reporting = self.reporting_words.borrow_mut();
        let mut takes_part = |i: usize| {
            is_speech
                || reporting[i]
                    .get_or_insert_with(|| self.reporting_word(&self.people[i].range))
                    .as_ref()
                    .is_none_or(|s| {
                        // The reporting word is the trigger's own verb: `অনুরোধ জানান X`.
                        let adjacent = trigger.end <= s.start && self.text[trigger.end..s.start].trim().is_empty();
                        (s.start < trigger.end && trigger.start < s.end) || adjacent
                    })
        };
        let mut out: Vec<Text> = Vec::new();
        let mut found = self.people_found.borrow_mut();
        let here = inside(&self.people, &self.people_at, |p| &p.range, sentence, &mut found);
        for p in here.iter().filter(|&&i| takes_part(i)).map(|&i| &self.people[i]) {
            if !out.contains(&p.name) {
                out.push(p.name.clone());
            }
        }
        out
    }

    /// The reporting word that makes the person mentioned at `m` a speaker
    /// (`X বলেন`, `X ने कहा`, `..., said X.`): they report the event, not
    /// take part in it.
    fn reporting_word(&self, m: &Range<usize>) -> Option<Range<usize>> {
        let text = self.text;
        let after = || {
            let at = text.len() - text[m.end..].trim_start_matches([' ', ',']).len();
            starting_within(self.name_cues, |c| c.range.start, at..at + 1)
                .iter()
                .find(|c| matches!(c.cue, Cue::Speech(side) if side.after()))
                .map(|c| c.range.clone())
        };
        // `said X` only where X ends the clause (`..., said Peskov.`); in
        // `said Putin and Trump met` the name begins what is reported.
        let before = || {
            let sentence = self.doc.sentence_at(m.start);
            // A name that ends the sentence after a reporting word is its
            // speaker in either order (`... বলে জানিয়েছেন X।`).
            let ends_sentence = text[m.end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '.' | '।' | '\n'));
            let ends_clause = text[m.end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '.' | ',' | '।' | ';'));
            starting_within(self.name_cues, |c| c.range.start, sentence.start..m.start)
                .iter()
                .find(|c| {
                    ends_clause
                        && c.range.end <= m.start
                        && matches!(c.cue, Cue::Speech(side) if side.before() || ends_sentence)
                })
                .map(|c| c.range.clone())
        };
        after().or_else(before)
    }

    /// The place of the sentence where the event happens: one marked as a
    /// location (a locative ending, `में`, `in`) first, then a bare place
    /// name (a city before a country, which is more often the actor); the
    /// nearest to the trigger among equals. A place in the genitive
    /// (`যুক্তরাষ্ট্রের`) or an adjective is not where it happens. Also says
    /// whether the text marks it as the location.
    pub fn place(
        &self,
        sentence: &Range<usize>,
        trigger: &EventCue,
        cues: &[EventCue],
        kind: EventType,
    ) -> Option<(Text, bool)> {
        // A bare country is the actor, unless it is where one goes: a visit's,
        // a deployment's or an election's country.
        let country_is_place = matches!(kind, EventType::Visit | EventType::Deployment | EventType::Election);
        // Cues are in text order: those near a place are found by their
        // start, searched from as far back as the article's longest cue
        // reaches (the ones that start further back end too far back).
        let longest = self.longest_cue;
        let mut found = self.places_found.borrow_mut();
        let mut marks = self.place_marks.borrow_mut();
        inside(&self.places, &self.places_at, |p| &p.range, sentence, &mut found)
            .iter()
            .map(|&i| (i, &self.places[i]))
            .filter(|(_, p)| !p.adjective)
            .filter_map(|(i, p)| {
                let ending = &self.text[p.stem.end..p.range.end];
                // What the words around a place say of it is the same for
                // every trigger of its sentence: worked out once.
                let PlaceMarks {
                    dropped,
                    located,
                    paired,
                } = *marks[i].get_or_insert_with(|| self.place_marks(p, cues, longest));
                if dropped {
                    return None;
                }
                // A bare name right before the trigger, or inside it, says
                // where (`भारत बंद`, `জাপান সফর`), not one in a pair (`India-Russia summit`).
                let before_trigger = !paired
                    && ((ending.is_empty()
                        && p.range.end < trigger.start
                        && self.text[p.range.end..trigger.start] == *" ")
                        || within(&p.range, &(trigger.start..trigger.end)));
                let rank = if located {
                    3
                } else if before_trigger || (ending.is_empty() && !p.country) {
                    2
                } else if ending.is_empty() && country_is_place {
                    1
                } else {
                    return None;
                };
                let distance = distance(&p.range, trigger.start..trigger.end);
                // The trigger's own clause first; among equals, a city or
                // region says more than a country.
                let (lo, hi) = (p.range.end.min(trigger.start), p.range.start.max(trigger.end));
                // Searched as bytes: an ASCII byte is never part of another character.
                let same_clause = lo >= hi || memchr::memchr2(b',', b';', &self.text.as_bytes()[lo..hi]).is_none();
                Some((same_clause, rank, !p.country, std::cmp::Reverse(distance), p))
            })
            .max_by_key(|(clause, rank, specific, d, _)| (*clause, *rank, *specific, *d))
            .map(|(_, rank, _, _, p)| (p.name.clone(), rank == 3))
    }

    /// What the cues and words around place `p` say of it: whether a
    /// postposition after it makes it a partner, not where
    /// (`পাকিস্তানের সঙ্গে`), whether the text marks it as the location,
    /// and whether it is half of a pair (`India-Russia`). `cues` are those
    /// around the sentence that holds `p`, the same for each of its
    /// triggers, so the answer is kept for the place.
    fn place_marks(&self, p: &PlaceAt, cues: &[EventCue], longest: usize) -> PlaceMarks {
        let ending = &self.text[p.stem.end..p.range.end];
        // Only cues close to the place: its own sentence's, a word away.
        let near = starting_within(
            cues,
            |c| c.start,
            p.range.start.saturating_sub(NEAR_BYTES + longest)..p.range.end + NEAR_BYTES + 1,
        )
        .iter()
        .filter(|c| c.end + NEAR_BYTES >= p.range.start && c.start <= p.range.end + NEAR_BYTES);
        let marked = near.clone().any(|c| match c.word {
            // One word may stand between: `in eastern Ukraine`.
            EventWord::PlaceMarker { before: true } => {
                c.end <= p.range.start
                    && crate::text::Words::new(&self.text[c.end..p.range.start])
                        .nth(1)
                        .is_none()
            }
            EventWord::PlaceMarker { before: false } => {
                p.range.end <= c.start && self.text[p.range.end..c.start].trim().is_empty()
            }
            _ => false,
        });
        let owner = near.clone().any(|c| {
            matches!(c.word, EventWord::NotPlaceAfter)
                && p.range.end <= c.start
                && self.text[p.range.end..c.start].trim().is_empty()
        });
        if owner && !marked {
            return PlaceMarks {
                dropped: true,
                located: false,
                paired: false,
            };
        }
        PlaceMarks {
            dropped: false,
            located: marked
                || (!ending.is_empty() && event_lexicon().is_place_ending(ending))
                || self.locative_noun_follows(p),
            paired: self.text[..p.range.start].ends_with(['-', '–']),
        }
    }

    /// Whether the word after a place is a noun in the locative that is no
    /// place itself: `ইরানের তিনটি সাইটে`, `মায়ামি অঙ্গরাজ্যে`.
    fn locative_noun_follows(&self, p: &PlaceAt) -> bool {
        let lex = event_lexicon();
        // The two words after the place: the document's own, found by a
        // search, when the place ends a word (as mentions do); else read
        // off the text from its end.
        let words = self.doc.words();
        let k = self.doc.first_word_starting_at_or_after(p.range.end);
        let (mut listed, mut scanned);
        let ahead: &mut dyn Iterator<Item = Range<usize>> = if k > 0 && words[k - 1].end > p.range.end {
            scanned = crate::text::Words::from(self.text, p.range.end).take(2);
            &mut scanned
        } else {
            listed = words[k..].iter().take(2).cloned();
            &mut listed
        };
        for (n, w) in ahead.enumerate() {
            let postposition = self.not_place.binary_search_by_key(&w.start, |r| r.start).is_ok();
            let place = self
                .places_at
                .binary_search_by_key(&w.start, |&i| self.places[i].range.start)
                .is_ok();
            if place || postposition {
                return false;
            }
            let word = &self.text[w.clone()];
            let stem = entity_lexicon().strip_suffix(word, 1);
            if stem.len() < word.len() && lex.is_place_ending(&word[stem.len()..]) {
                return true;
            }
            // Only a counted noun may stand between: `ইরানের তিনটি সাইটে`.
            if n == 0 && !lex.has_trigger_ending(word) {
                return false;
            }
        }
        false
    }

    /// Whether a date expression covers `r` (`May` in `on May 10` is no
    /// possibility cue).
    pub fn in_date(&self, r: &Range<usize>) -> bool {
        // Dates are short: those starting up to a few hundred bytes before.
        starting_within(
            &self.dates,
            |d| d.range.start,
            r.start.saturating_sub(DATE_REACH)..r.start + 1,
        )
        .iter()
        .any(|d| r.end <= d.range.end)
    }

    /// The date of the sentence nearest the trigger.
    pub fn date(&self, sentence: &Range<usize>, trigger: &EventCue) -> Option<Text> {
        starting_within(&self.dates, |d| d.range.start, sentence.clone())
            .iter()
            .filter(|d| within(&d.range, sentence))
            .min_by_key(|d| distance(&d.range, trigger.start..trigger.end))
            .map(|d| d.value.clone())
    }

    /// Countries of the sentence, other than the event's place.
    pub fn actors(&self, sentence: &Range<usize>, place: Option<&str>) -> Vec<Text> {
        let mut out: Vec<Text> = Vec::new();
        let mut found = self.places_found.borrow_mut();
        let here = inside(&self.places, &self.places_at, |p| &p.range, sentence, &mut found);
        for p in here.iter().map(|&i| &self.places[i]).filter(|p| p.country) {
            if Some(p.name.as_str()) != place && !out.contains(&p.name) {
                out.push(p.name.clone());
            }
        }
        out
    }
}

fn within(r: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= r.start && r.end <= outer.end
}

fn distance(a: &Range<usize>, b: Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}
