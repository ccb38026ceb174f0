//! Each word of an article numbered once, by the thread that reads it: the
//! stages that ask something of every word (its name patterns, its traits,
//! its spellings, its tagger weights) then find their answers by number
//! ([`crate::lexicon::memo::IdMemo`]) instead of each hashing the word again.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxBuildHasher;

use super::bytes::same_bytes;

/// Distinct words a thread numbers before it starts over (the answers
/// kept by number are as many). Checked between articles, so that one
/// article's words are numbered in one numbering. Text of many new words
/// starts over often and works out its common words again each time:
/// 32,768 ran 2% fewer instructions on the never-repeated labelled
/// sentences, but text of no repeated word then peaked at 136 MB on two
/// threads, against 99 MB.
const CAPACITY: usize = 16_384;

/// Numberings are told apart across threads and restarts: answers kept
/// for one are never read for another.
static NUMBERINGS: AtomicU64 = AtomicU64::new(1);

/// A word's number in one numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordId {
    pub numbering: u64,
    pub index: u32,
}

/// The numbers of an article's words, in order.
#[derive(Debug, Clone, Default)]
pub struct WordNumbers {
    numbering: u64,
    ids: Vec<u32>,
}

impl WordNumbers {
    /// Number `words` of `text` in this thread's numbering.
    pub fn of(text: &str, words: &[Range<usize>]) -> WordNumbers {
        NUMBERING.with_borrow_mut(|n| n.number(text, words))
    }

    /// The numbering the words are numbered in.
    #[inline]
    pub fn numbering(&self) -> u64 {
        self.numbering
    }

    /// The number of word `i` within [`WordNumbers::numbering`].
    #[inline]
    pub fn index(&self, i: usize) -> u32 {
        self.ids[i]
    }

    /// The numbers of words `range`.
    #[inline]
    pub fn indices(&self, range: Range<usize>) -> &[u32] {
        &self.ids[range]
    }

    /// The number of word `i`.
    #[inline]
    pub fn get(&self, i: usize) -> WordId {
        self.id(self.ids[i])
    }

    /// Number `index` of [`WordNumbers::numbering`], as a [`WordId`].
    #[inline]
    pub fn id(&self, index: u32) -> WordId {
        WordId {
            numbering: self.numbering,
            index,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// One thread's numbering: the words end to end in one buffer, and a
/// table of them by hash, each with its number (the order it came in).
/// The table is open addressing over a power of two of slots, at most
/// three quarters full, a word's slot found by stepping on from its
/// hash's: a word seen before (most are) is found in one or two looks at
/// slots that hold what is compared, with no group of control bytes to
/// read and match first.
struct Numbering {
    id: u64,
    words: Vec<u8>,
    slots: Vec<Slot>,
    /// How many slots are taken: the words numbered.
    taken: usize,
}

/// A slot of [`Numbering`]: a numbered word's hash (its high half, which
/// also leads to the slot, so that the table grows without hashing its
/// words again), where it is in [`Numbering::words`], and its number
/// ([`EMPTY`] in a free slot).
#[derive(Clone, Copy)]
struct Slot {
    hash: u32,
    start: u32,
    len: u32,
    number: u32,
}

impl Slot {
    const FREE: Slot = Slot {
        hash: 0,
        start: 0,
        len: 0,
        number: EMPTY,
    };

    #[inline]
    fn word(self, words: &[u8]) -> &[u8] {
        &words[self.start as usize..(self.start + self.len) as usize]
    }
}

/// The number of a free slot: no word's, as a numbering starts over long
/// before it.
const EMPTY: u32 = u32::MAX;

/// The slots a numbering starts with: twice its words, so that it is at
/// most half full until an article passes `CAPACITY`.
const SLOTS: usize = 2 * CAPACITY;

thread_local! {
    static NUMBERING: RefCell<Numbering> = const {
        RefCell::new(Numbering {
            id: 0,
            words: Vec::new(),
            slots: Vec::new(),
            taken: 0,
        })
    };
}

impl Numbering {
    fn number(&mut self, text: &str, words: &[Range<usize>]) -> WordNumbers {
        // Start over when full, or before offsets would pass `u32`.
        if self.id == 0 || self.taken >= CAPACITY || self.words.len() + text.len() > u32::MAX as usize {
            self.id = NUMBERINGS.fetch_add(1, Ordering::Relaxed);
            self.words.clear();
            self.taken = 0;
            // A table grown by a huge article goes back to its first size.
            self.slots.clear();
            self.slots.resize(SLOTS, Slot::FREE);
        }
        // Words are hashed and compared as bytes: a `str` slice would check
        // its ends fall between characters, which word ranges always do.
        let bytes = text.as_bytes();
        // One number a word: collected from a map of known length, the
        // list is sized once and filled without a check of its room.
        let ids = words
            .iter()
            .map(|w| {
                let word = &bytes[w.clone()];
                let hash = FxBuildHasher.hash_one(word);
                let tag = (hash >> 32) as u32;
                let mask = self.slots.len() - 1;
                let mut i = tag as usize & mask;
                loop {
                    let slot = self.slots[i];
                    if slot.number == EMPTY {
                        break self.add(word, tag, i);
                    }
                    if slot.hash == tag && same_bytes(slot.word(&self.words), word) {
                        break slot.number;
                    }
                    i = (i + 1) & mask;
                }
            })
            .collect();
        WordNumbers {
            numbering: self.id,
            ids,
        }
    }

    /// Number `word` (hash `tag`) in free slot `i`, the table doubled
    /// first if it would be more than three quarters full.
    #[cold]
    #[inline(never)]
    fn add(&mut self, word: &[u8], tag: u32, i: usize) -> u32 {
        let slot = Slot {
            hash: tag,
            start: self.words.len() as u32,
            len: word.len() as u32,
            number: self.taken as u32,
        };
        self.words.extend_from_slice(word);
        self.taken += 1;
        let i = if 4 * self.taken > 3 * self.slots.len() {
            self.grow();
            free_slot(&self.slots, tag)
        } else {
            i
        };
        self.slots[i] = slot;
        slot.number
    }

    /// Twice the slots, every word put back where its hash leads.
    fn grow(&mut self) {
        let twice = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![Slot::FREE; twice]);
        for slot in old.into_iter().filter(|s| s.number != EMPTY) {
            let i = free_slot(&self.slots, slot.hash);
            self.slots[i] = slot;
        }
    }
}

/// The first free slot of `slots` from where hash `tag` leads.
fn free_slot(slots: &[Slot], tag: u32) -> usize {
    let mask = slots.len() - 1;
    let mut i = tag as usize & mask;
    while slots[i].number != EMPTY {
        i = (i + 1) & mask;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Words;

    #[test]
    fn a_word_has_one_number_across_articles() {
        let a = "পুতিন ও ট্রাম্প, পুতিন";
        let b = "ট্রাম্প বলেন";
        let wa: Vec<_> = Words::new(a).collect();
        let wb: Vec<_> = Words::new(b).collect();
        let na = WordNumbers::of(a, &wa);
        let nb = WordNumbers::of(b, &wb);
        assert_eq!(na.len(), 4);
        assert_eq!(na.get(0), na.get(3));
        assert_ne!(na.get(0), na.get(1));
        assert_eq!(na.get(2), nb.get(0));
        assert_ne!(nb.get(1), na.get(0));
        // Another thread numbers in a numbering of its own.
        let other = std::thread::spawn(move || WordNumbers::of(b, &wb).get(0))
            .join()
            .unwrap();
        assert_ne!(other.numbering, nb.get(0).numbering);
    }

    #[test]
    fn an_article_of_more_words_than_a_numbering_holds_is_numbered_whole() {
        // 30,000 distinct words, each twice: past the words a numbering
        // keeps, and past three quarters of the slots it starts with.
        let distinct: Vec<String> = (0..30_000).map(|i| format!("w{i}")).collect();
        let text = format!("{} {}", distinct.join(" "), distinct.join(" "));
        let words: Vec<_> = Words::new(&text).collect();
        let n = WordNumbers::of(&text, &words);
        assert_eq!(n.len(), 60_000);
        let (first, second) = n.indices(0..60_000).split_at(30_000);
        assert_eq!(first, second);
        // The test's thread numbers from scratch: in the order words come.
        assert!(first.iter().copied().eq(0..30_000));
        // Full, the numbering starts over for the next article, whose
        // words are numbered afresh in the order they come.
        let again = WordNumbers::of(&text, &words);
        assert_ne!(again.numbering(), n.numbering());
        assert_eq!(again.indices(0..60_000), n.indices(0..60_000));
        let short_text = "w7 w3 w7";
        let short = WordNumbers::of(short_text, &Words::new(short_text).collect::<Vec<_>>());
        assert_ne!(short.numbering(), again.numbering());
        assert_eq!(short.indices(0..3), [0, 1, 0]);
    }
}
