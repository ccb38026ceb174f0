//! The items a date grammar reads: vocabulary matches (at word starts)
//! and numbers (one byte scan), in text order, with their byte ranges in the
//! normalised text. Everything between items is looked at only as a gap.

use std::cell::RefCell;
use std::ops::Range;

use crate::lexicon::dates::{DateLexicon, Word};
use crate::lexicon::prefix::WalkMemo;
use crate::text::numbers::WordNumbers;
use crate::text::{is_word_char, word_end};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ItemKind {
    /// A run of ASCII digits (native digits are folded already).
    Num {
        value: u32,
        digits: u8,
        /// An ordinal suffix glued on (`১লা`, `5th`).
        ordinal: bool,
        /// An hour marker glued on (`৪টায়`).
        hour: bool,
        /// The glued hour marker is also a counting word (`৩টা`).
        counter: bool,
    },
    /// A vocabulary match: its entries, whether it is a capitalised Latin
    /// word, and whether a case ending is glued to it (`জুনে`).
    Lex {
        pattern: usize,
        capitalized: bool,
        latin: bool,
        suffixed: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: ItemKind,
    /// The lexicon's entries of a vocabulary match (none for a number),
    /// kept with the item: the grammar asks of them a dozen times an item.
    pub words: &'a [Word],
    /// The [`Word::kind`]s of `words`, together: most questions are of a
    /// kind the item holds none of, answered without reading `words`.
    pub kinds: u32,
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The longest vocabulary match starting at `start` (`found`: its pattern
/// and end) in the word `word` of `text`, added to `items` if it stands as
/// a word (or is `pm` glued to a number); the end of the match when it
/// hides what starts inside it.
fn vocabulary_at<'a>(
    text: &str,
    word: &Range<usize>,
    start: usize,
    (pattern, end): (usize, usize),
    lex: &'a DateLexicon,
    items: &mut Vec<Item<'a>>,
) -> Option<usize> {
    let glued_ampm = || {
        prev_char(text, start).is_some_and(|c| c.is_ascii_digit())
            && lex.entries[pattern].iter().any(|w| matches!(w, Word::AmPm { .. }))
    };
    // Inside a word, or glued to a number (handled with the number),
    // but for `11pm`. `word` is a whole run of word characters: a match
    // that starts after its first starts inside it.
    if start > word.start && !glued_ampm() {
        return Some(end);
    }
    let matched_end = end;
    // Whether the match ends a word: at the end of its own, never inside it.
    let ends_word = match end.cmp(&word.end) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => true,
        std::cmp::Ordering::Greater => text[end..].chars().next().is_none_or(|c| !is_word_char(c)),
    };
    // Bytes for a hyphen and a capital, which are one byte each, and no
    // byte of another character.
    let bytes = text.as_bytes();
    let end = if bytes[..end].last() == Some(&b'-') || ends_word {
        end
    } else {
        // A glued case ending may follow: `ডিসেম্বরের`, `জুনে`. A match
        // that ends inside its own word leaves the rest of that word (a
        // word is a whole run of word characters).
        let we = if word.contains(&end) {
            word.end
        } else {
            word_end(text, end)
        };
        if !lex.suffixes.contains(&text[end..we]) {
            // A number word with a glued hour marker or ordinal: `চারটেয়`.
            if let Some(item) = number_word(text, lex, pattern, start, end, we) {
                items.push(item);
            }
            return Some(matched_end);
        }
        we
    };
    let latin = lex.latin[pattern];
    let capitalized = latin && bytes.get(start).is_some_and(u8::is_ascii_uppercase);
    items.push(Item {
        start,
        end,
        kind: ItemKind::Lex {
            pattern,
            capitalized,
            latin,
            suffixed: end > matched_end,
        },
        words: &lex.entries[pattern],
        kinds: lex.kinds[pattern],
    });
    Some(matched_end)
}

/// Scan `text` (whose words are `words`) for every date item.
pub fn scan<'a>(text: &str, words: &[Range<usize>], numbers: &WordNumbers, lex: &'a DateLexicon) -> Vec<Item<'a>> {
    thread_local! {
        static WALKS: RefCell<WalkMemo> = const { RefCell::new(WalkMemo::new()) };
    }
    // News has a date item (a number, or a word of the date vocabulary)
    // every four or five words: sized for one in three, the list is
    // seldom grown.
    let mut items = Vec::with_capacity(words.len() / 3);
    // Vocabulary starts at a word start, or right after digits (`11pm`):
    // it is looked up there, not at every byte of the text. A match, kept
    // or not, hides what starts inside it.
    let bytes = text.as_bytes();
    // The runs of digits, found once: numbers are read from them, and
    // vocabulary glued after them (`11pm`) is looked up where they end.
    // Room for a number in eight words, seldom grown.
    let mut digits: Vec<Range<usize>> = Vec::with_capacity(words.len() / 8);
    let mut i = 0;
    while let Some(start) = next_digit(bytes, i) {
        i = start;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        digits.push(start..i);
    }
    // Vocabulary glued after digits (`11pm`) starts where a run ends
    // inside its word (digits are word characters: each run lies in one).
    let glued: Vec<(usize, usize)> = digits
        .iter()
        .filter_map(|d| {
            let k = words.partition_point(|w| w.end <= d.end);
            words.get(k).filter(|w| w.start < d.end).map(|_| (d.end, k))
        })
        .collect();
    let hits = lex.vocabulary.longest_at_words(&WALKS, text, words, numbers, |_| false);
    // The words where vocabulary starts and the glued places, in text
    // order (a word's start comes before any place inside it).
    let (mut hits, mut glued) = (hits.iter().peekable(), glued.iter().peekable());
    let mut resume = 0;
    loop {
        let hit_first = match (hits.peek(), glued.peek()) {
            (Some(h), Some(&&(q, _))) => words[h.word].start < q,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let (w, q, found) = if hit_first {
            let Some(h) = hits.next() else { break };
            (&words[h.word], words[h.word].start, h.found)
        } else {
            let Some(&(q, k)) = glued.next() else { break };
            let found = if q >= resume {
                lex.vocabulary.longest_at(text, q)
            } else {
                None
            };
            (&words[k], q, found)
        };
        if q >= resume
            && let Some(found) = found
            && let Some(end) = vocabulary_at(text, w, q, found, lex, &mut items)
        {
            resume = end;
        }
    }
    for d in &digits {
        if let Some(item) = number(text, lex, d.start, d.end) {
            items.push(item);
        }
    }
    items.sort_by_key(|it| it.start);
    // A vocabulary match never overlaps a number; drop any that would.
    items.dedup_by(|b, a| b.start < a.end);
    items
}

/// The first ASCII digit of `bytes` from `from`. Most of a text has none,
/// so 32 bytes are tested at a time, each without a branch (a fold the
/// compiler turns into vector instructions): a byte is a digit when it
/// less `0` is below ten.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const CHUNK: usize = 32;
    let mut i = from.min(bytes.len());
    for chunk in bytes[i..].chunks_exact(CHUNK) {
        if chunk.iter().fold(false, |any, &b| any | (b.wrapping_sub(b'0') < 10)) {
            break;
        }
        i += CHUNK;
    }
    bytes[i..].iter().position(u8::is_ascii_digit).map(|k| i + k)
}

/// What a glued ending after a number is: (ordinal, hour, counter), or
/// `None` when it is no date ending.
fn glued_ending(lex: &DateLexicon, glued: &str) -> Option<(bool, bool, bool)> {
    let words = lex
        .vocabulary
        .longest_at(glued, 0)
        .filter(|&(_, end)| end == glued.len())
        .map_or(&[][..], |(pattern, _)| lex.entries[pattern].as_slice());
    if words
        .iter()
        .any(|w| matches!(w, Word::OrdinalSuffix { attached: true, .. }))
    {
        Some((true, false, false))
    } else if let Some(counter) = words.iter().find_map(|w| {
        if let Word::HourMarker {
            attached: true,
            counter,
        } = w
        {
            Some(*counter)
        } else {
            None
        }
    }) {
        Some((false, true, counter))
    } else if lex.suffixes.contains(glued) {
        Some((false, false, false))
    } else {
        None
    }
}

fn is_ampm(lex: &DateLexicon, glued: &str) -> bool {
    lex.vocabulary
        .longest_at(glued, 0)
        .filter(|&(_, end)| end == glued.len())
        .is_some_and(|(pattern, _)| lex.entries[pattern].iter().any(|w| matches!(w, Word::AmPm { .. })))
}

/// A number word with a glued ending (`চারটেয়`, `একুশে`).
fn number_word(
    text: &str,
    lex: &DateLexicon,
    pattern: usize,
    start: usize,
    end: usize,
    we: usize,
) -> Option<Item<'static>> {
    let value = lex.entries[pattern]
        .iter()
        .find_map(|w| if let Word::Number(n) = w { Some(*n) } else { None })?;
    let (ordinal, hour, counter) = glued_ending(lex, &text[end..we])?;
    if !(ordinal || hour) {
        return None;
    }
    let digits = if value >= 10 { 2 } else { 1 };
    Some(Item {
        start,
        end: we,
        kind: ItemKind::Num {
            value,
            digits,
            ordinal,
            hour,
            counter,
        },
        words: &[],
        kinds: 0,
    })
}

/// A number item for the digits at `start..end`, unless its surroundings say
/// it is no date part: glued to letters (`B2`, `৭৪তম`), a model name (`B-2`),
/// a keycap (`১️⃣`), or too long.
fn number(text: &str, lex: &DateLexicon, start: usize, end: usize) -> Option<Item<'static>> {
    let digits = end - start;
    if digits > 4 {
        return None;
    }
    let before = text[..start].trim_end_matches(' ');
    if before.ends_with(['$', '€', '£', '₹', '৳']) {
        return None;
    }
    match prev_char(text, start) {
        Some(c) if is_word_char(c) => return None,
        Some('-') => {
            let before = prev_char(text, start - 1);
            if before.is_some_and(crate::text::is_alphabetic) {
                return None;
            }
        }
        Some('$' | '€' | '£' | '₹' | '৳' | '#' | '+') => return None,
        _ => {}
    }
    let mut next = text[end..].chars();
    let (mut ordinal, mut hour, mut counter, mut item_end) = (false, false, false, end);
    match next.next() {
        Some('\u{FE0F}' | '\u{20E3}') => return None,
        // `11pm`: the am/pm is an item of its own.
        Some(c) if is_word_char(c) && !is_ampm(lex, &text[end..word_end(text, end)]) => {
            let we = word_end(text, end);
            (ordinal, hour, counter) = glued_ending(lex, &text[end..we])?;
            item_end = we;
        }
        // `২০২৪-এর`: a case ending after a hyphen.
        Some('-') if digits == 4 => {
            let we = word_end(text, end + 1);
            if we > end + 1 && lex.suffixes.contains(&text[end + 1..we]) {
                item_end = we;
            }
        }
        _ => {}
    }
    let value: u32 = text[start..end].parse().ok()?;
    let kind = ItemKind::Num {
        value,
        digits: digits as u8,
        ordinal,
        hour,
        counter,
    };
    Some(Item {
        start,
        end: item_end,
        kind,
        words: &[],
        kinds: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::dates::date_lexicon;
    use crate::text::normalize_str;

    #[test]
    fn digits_are_found_a_chunk_at_a_time() {
        let texts = ["", "7", "abc", "০১ ৯ 2", "আজ ১৫ আগস্ট 2025, 10:30", "x/y:09\u{7f}\u{80}"];
        for text in texts {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                let want = bytes[from..].iter().position(u8::is_ascii_digit).map(|k| from + k);
                assert_eq!(next_digit(bytes, from), want, "{text:?} from {from}");
            }
        }
        // Every byte value, at every place in a chunk and the next.
        for b in 0..=255u8 {
            for at in 0..80 {
                let mut bytes = vec![b'a'; 80];
                bytes[at] = b;
                let want = b.is_ascii_digit().then_some(at);
                assert_eq!(next_digit(&bytes, 0), want, "{b:#x} at {at}");
            }
        }
    }

    fn kinds(text: &str) -> Vec<String> {
        let t = normalize_str(text);
        let words: Vec<_> = crate::text::Words::new(&t).collect();
        let numbers = crate::text::numbers::WordNumbers::of(&t, &words);
        scan(&t, &words, &numbers, date_lexicon())
            .iter()
            .map(|i| t[i.start..i.end].to_string())
            .collect()
    }

    #[test]
    fn months_with_case_endings_and_numbers() {
        assert_eq!(kinds("২১ ডিসেম্বরের শুরুতে"), vec!["21", "ডিসেম্বরের", "শুরুতে"]);
        assert_eq!(kinds("১লা বৈশাখ"), vec!["1লা", "বৈশাখ"]);
        assert_eq!(kinds("বিকেল ৪টায়"), vec!["বিকেল", "4টায়"]);
    }

    #[test]
    fn numbers_that_are_no_date_parts() {
        assert!(kinds("B-2 বোমারু").is_empty());
        assert!(kinds("৭৪তম").is_empty());
        assert!(kinds("১️⃣ আংশিক").is_empty());
        assert!(kinds("$ 4").is_empty());
        assert!(kinds("01712345678").is_empty());
        assert!(kinds("রুশো").is_empty());
    }
}
