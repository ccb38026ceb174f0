//! Each word of an article numbered once, by the thread that reads it: the
//! stages that ask something of every word (its name patterns, its traits,
//! its spellings, its tagger weights) then find their answers by number
//! ([`crate::lexicon::memo::IdMemo`]) instead of each hashing the word again.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;
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
/// table of them, each with its number (its place in the table's order).
struct Numbering {
    id: u64,
    words: Vec<u8>,
    table: HashTable<Numbered>,
}

/// A numbered word: where it is in [`Numbering::words`], and its number.
/// Kept in the table itself, so that a word is compared with the bytes
/// of the one it may be without a look elsewhere first.
#[derive(Clone, Copy)]
struct Numbered {
    start: u32,
    len: u32,
    number: u32,
}

impl Numbered {
    #[inline]
    fn word(self, words: &[u8]) -> &[u8] {
        &words[self.start as usize..(self.start + self.len) as usize]
    }
}

thread_local! {
    static NUMBERING: RefCell<Numbering> = const {
        RefCell::new(Numbering {
            id: 0,
            words: Vec::new(),
            table: HashTable::new(),
        })
    };
}

impl Numbering {
    fn number(&mut self, text: &str, words: &[Range<usize>]) -> WordNumbers {
        // Start over when full, or before offsets would pass `u32`.
        if self.id == 0 || self.table.len() >= CAPACITY || self.words.len() + text.len() > u32::MAX as usize {
            self.id = NUMBERINGS.fetch_add(1, Ordering::Relaxed);
            self.words.clear();
            self.table.clear();
        }
        let mut ids = Vec::with_capacity(words.len());
        // Words are hashed and compared as bytes: a `str` slice would check
        // its ends fall between characters, which word ranges always do.
        let bytes = text.as_bytes();
        for w in words {
            let word = &bytes[w.clone()];
            let hash = FxBuildHasher.hash_one(word);
            let known = &self.words;
            let found = self.table.find(hash, |e| {
                e.len as usize == word.len() && same_bytes(e.word(known), word)
            });
            let n = match found {
                Some(e) => e.number,
                None => {
                    let entry = Numbered {
                        start: self.words.len() as u32,
                        len: word.len() as u32,
                        number: self.table.len() as u32,
                    };
                    self.words.extend_from_slice(word);
                    let known = &self.words;
                    self.table
                        .insert_unique(hash, entry, |e| FxBuildHasher.hash_one(e.word(known)));
                    entry.number
                }
            };
            ids.push(n);
        }
        WordNumbers {
            numbering: self.id,
            ids,
        }
    }
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
}
