//! The event vocabulary of every language (`data/lang/*/events.tsv`):
//! triggers by event type, phrases that look like triggers but are not,
//! and the words that decide an event's status (negation, future,
//! possibility), refer back to an earlier event, or mark its place. All of
//! it is one trie, looked up at each word start.

use rustc_hash::FxHashSet as HashSet;
use std::cell::RefCell;
use std::sync::OnceLock;

use std::ops::Range;

use super::entities::EntityLexicon;
use super::memo::IdMemo;
use super::prefix::{PrefixTrie, WalkMemo};
use super::{Endings, Row, files_named, rows};
use crate::model::EventType;
use crate::text::Document;
use crate::text::numbers::WordNumbers;
use crate::text::{is_word_char, word_end};

/// What an event vocabulary entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventWord {
    Trigger(EventType),
    /// Contains a trigger but names no event (`ফোন নম্বর`, `meeting room`).
    NotTrigger,
    Negation,
    Future,
    Possible,
    /// Refers back to an event named before (`এই`, `इस`, `this`).
    Anaphor,
    /// Makes the trigger after it a topic, not a reported event (`যেকোনো
    /// চুক্তি`, `किसी भी समझौते`, `any deal`, `a possible truce`).
    Generic,
    /// Marks the place it stands beside as the event's location: `before`
    /// (`in Moscow`) or after (`मॉस्को में`).
    PlaceMarker {
        before: bool,
    },
    /// After a place, makes it an owner or agent, not the location
    /// (`यूक्रेन के`, `भारत ने`).
    NotPlaceAfter,
}

/// A cue found in the text (byte range of the normalised text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCue {
    pub start: usize,
    pub end: usize,
    pub word: EventWord,
}

#[derive(Debug)]
pub struct EventLexicon {
    vocabulary: PrefixTrie,
    words: Vec<EventWord>,
    /// Verb endings that negate (`েনি`, `য়নি`).
    negation_endings: Endings,
    /// Case endings that put a place's name in the locative (`মস্কোতে`).
    place_endings: Endings,
    /// Classifiers and plurals a trigger noun may carry (`কলটিতে`).
    trigger_endings: Endings,
    /// Marks a cue may open with, right before a word (`(` of `(वार्ता)`).
    openers: Vec<char>,
}

impl EventLexicon {
    fn load() -> Result<Self, String> {
        let mut patterns: Vec<String> = Vec::new();
        let mut openers = Vec::new();
        let mut seen: HashSet<String> = HashSet::default();
        let mut words = Vec::new();
        let mut negation_endings = Endings::default();
        let mut place_endings = Endings::default();
        let mut trigger_endings = Endings::default();
        for (lang, contents) in files_named("events.tsv") {
            for row in rows(lang, "events.tsv", contents) {
                let Row {
                    at,
                    kind,
                    surface,
                    value,
                } = row?;
                let word = match kind {
                    "trigger" => EventWord::Trigger(
                        EventType::parse(value).ok_or_else(|| format!("{}: unknown event type '{value}'", at))?,
                    ),
                    "not_trigger" => EventWord::NotTrigger,
                    "negation" => EventWord::Negation,
                    "negation_ending" => {
                        negation_endings.push(surface);
                        continue;
                    }
                    "place_ending" => {
                        place_endings.push(surface);
                        continue;
                    }
                    "trigger_ending" => {
                        trigger_endings.push(surface);
                        continue;
                    }
                    "future" => EventWord::Future,
                    "possible" => EventWord::Possible,
                    "anaphor" => EventWord::Anaphor,
                    "generic" => EventWord::Generic,
                    "place_marker" => match value {
                        "before" => EventWord::PlaceMarker { before: true },
                        "after" => EventWord::PlaceMarker { before: false },
                        "not_after" => EventWord::NotPlaceAfter,
                        v => {
                            return Err(format!(
                                "{}: place_marker value '{v}' (expected before, after or not_after)",
                                at
                            ));
                        }
                    },
                    k => return Err(format!("{}: unknown kind '{k}'", at)),
                };
                // Cues are looked for at word starts, or one mark before.
                let mut chars = surface.chars();
                if let Some(first) = chars.next().filter(|&c| !is_word_char(c)) {
                    if !chars.next().is_some_and(is_word_char) {
                        return Err(format!(
                            "{at}: '{surface}' must start with a letter or digit, or one mark and a letter"
                        ));
                    }
                    if !openers.contains(&first) {
                        openers.push(first);
                    }
                }
                // A surface listed twice keeps its first meaning.
                if seen.insert(surface.clone()) {
                    patterns.push(surface);
                    words.push(word);
                }
            }
        }
        Ok(EventLexicon {
            vocabulary: PrefixTrie::new(&patterns),
            words,
            negation_endings,
            place_endings,
            trigger_endings,
            openers,
        })
    }

    /// Every cue of `text` as a whole word; a trigger or cue may carry a
    /// case ending (`বৈঠকে`, `আলোচনায়`).
    pub fn find(
        &self,
        text: &str,
        words: &[Range<usize>],
        numbers: &WordNumbers,
        entities: &EntityLexicon,
    ) -> Vec<EventCue> {
        thread_local! {
            static WALKS: RefCell<WalkMemo> = const { RefCell::new(WalkMemo::new()) };
        }
        // News has a cue (a trigger, a negation, a tense or place word)
        // every five or six words: sized for one in four, the list is
        // seldom grown.
        let mut out = Vec::with_capacity(words.len() / 4);
        let bytes = text.as_bytes();
        // Only the words where a cue starts, and those after something
        // other than a space (which may open one: `"বৈঠক`), are visited.
        // (The byte before the first word is none: its offset wraps past the end.)
        let after_mark = |w: &Range<usize>| bytes.get(w.start.wrapping_sub(1)).is_some_and(|&b| b != b' ');
        let hits = self
            .vocabulary
            .longest_at_words(&WALKS, text, words, numbers, after_mark);
        // Tried, anchored, at each word start (or the opening mark before
        // it); a match, kept or not, hides the words inside it.
        let mut resume = 0;
        for hit in hits {
            let w = &words[hit.word];
            let opener = after_mark(w)
                .then(|| text[..w.start].chars().next_back())
                .flatten()
                .filter(|c| self.openers.contains(c))
                .map(|c| w.start - c.len_utf8());
            let Some((start, pattern, end)) = opener.into_iter().chain([w.start]).find_map(|start| {
                (start >= resume)
                    .then(|| {
                        if start == w.start {
                            hit.found
                        } else {
                            self.vocabulary.longest_at(text, start)
                        }
                    })
                    .flatten()
                    .map(|(pattern, end)| (start, pattern, end))
            }) else {
                continue;
            };
            resume = end;
            // At its word's start a cue follows no word character (a word
            // is a whole run of them); from an opening mark, it may.
            if start != w.start && text[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            // A cue that ends inside the word leaves the rest of it; one
            // that ends with it, nothing (a word is a whole run of word
            // characters): only one that ends past it reads on.
            let word_end = if (w.start..=w.end).contains(&end) {
                w.end
            } else {
                word_end(text, end)
            };
            let rest = &text[end..word_end];
            let trigger = matches!(self.words[pattern], EventWord::Trigger(_));
            let ending_ok =
                entities.is_suffix(&text[start..end], rest) || (trigger && self.trigger_endings.contains(rest));
            if !ending_ok {
                continue;
            }
            out.push(EventCue {
                start,
                end: word_end,
                word: self.words[pattern],
            });
        }
        out
    }

    /// Whether `ending`, after a place's name, makes it where something
    /// happens (`তে` in `মস্কোতে`).
    pub fn is_place_ending(&self, ending: &str) -> bool {
        self.place_endings.contains(ending)
    }

    /// Whether `word` ends in a classifier or plural (`তিনটি`).
    pub fn has_trigger_ending(&self, word: &str) -> bool {
        self.trigger_endings.ends(word, 0)
    }

    /// Whether `word` ends in a negating verb ending (`করেননি`).
    pub fn negated_verb(&self, word: &str) -> bool {
        self.negation_endings.ends(word, 0)
    }

    /// Whether any word of `doc` between `from` and `to` is a negated verb
    /// ([`EventLexicon::negated_verb`], of as much of it as lies within):
    /// whole words are looked up by number, each thread working out each
    /// word once.
    pub fn any_negated_verb(&self, doc: &Document, from: usize, to: usize) -> bool {
        thread_local! {
            static NEGATED: RefCell<IdMemo<usize, bool>> = const { RefCell::new(IdMemo::new()) };
        }
        let owner = self as *const EventLexicon as usize;
        let negated = |w: &str| self.negated_verb(w);
        NEGATED.with_borrow_mut(|memo| {
            memo.answers_between(owner, doc, (from, to), negated, negated)
                .any(|n| n)
        })
    }
}

/// The vocabulary, parsed on first use. The data is compiled in and tested,
/// so a parse error is a build defect.
pub fn event_lexicon() -> &'static EventLexicon {
    static LEX: OnceLock<EventLexicon> = OnceLock::new();
    LEX.get_or_init(|| EventLexicon::load().unwrap_or_else(|e| panic!("bad built-in event data: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::entities::entity_lexicon;
    use crate::text::normalize_str;

    fn words(text: &str) -> Vec<(String, EventWord)> {
        let text = normalize_str(text);
        let spans: Vec<_> = crate::text::Words::new(&text).collect();
        let numbers = crate::text::numbers::WordNumbers::of(&text, &spans);
        event_lexicon()
            .find(&text, &spans, &numbers, entity_lexicon())
            .into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.word))
            .collect()
    }

    #[test]
    fn data_parses() {
        EventLexicon::load().unwrap();
    }

    #[test]
    fn triggers_with_case_endings_and_whole_word_cues() {
        let found = words("মস্কোতে বৈঠকে আলোচনা হয়নি");
        assert!(
            found.contains(&("বৈঠকে".into(), EventWord::Trigger(EventType::Meeting))),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(w, t)| w == "আলোচনা" && *t == EventWord::Trigger(EventType::Talks))
        );
        // না inside আলোচনা is no negation.
        assert!(!found.iter().any(|(w, _)| w == "না"), "{found:?}");
    }

    #[test]
    fn a_negated_verb_between_two_offsets_is_one_of_the_words_there() {
        let lex = event_lexicon();
        for text in [
            "বৈঠক হয়নি, তবে ফোন করেননি।",
            "चुनाव हुआ पर बात नहीं हुई",
            "talks did not happen",
        ] {
            let doc = Document::new(text.to_string());
            let n = doc.norm_text();
            // Twice: worked out, then remembered by number.
            for _ in 0..2 {
                for (from, to) in crate::text::char_ranges(n) {
                    let want = doc.words_between(from, to).any(|r| lex.negated_verb(&n[r]));
                    assert_eq!(lex.any_negated_verb(&doc, from, to), want, "{text} {from}..{to}");
                }
            }
        }
        let doc = Document::new("বৈঠক হয়নি".to_string());
        assert!(lex.any_negated_verb(&doc, 0, doc.norm_text().len()));
        assert!(!lex.any_negated_verb(&doc, 0, "বৈঠক".len()));
    }
}
