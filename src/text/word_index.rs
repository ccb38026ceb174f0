//! Where a byte offset falls among an article's words. The stages ask it
//! for every trigger, mention, cue and date (a few times each), and a
//! binary search over thousands of words took a dozen steps each time;
//! with the words counted at every 64th byte, a question is answered
//! among the few words of one block.

use std::ops::Range;

/// Bytes a block: Bengali and Devanagari words of two to five letters
/// (three bytes each) with their spaces put two to ten words in one.
const BLOCK: usize = 64;

/// How many words of a text end by the start of each block of it.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// For block `b`, the words that end at or before byte `b * BLOCK`:
    /// one more block than the text has, so that any offset up to its
    /// length has the blocks either side.
    ends_by: Vec<u32>,
}

impl WordIndex {
    /// The index of `words` (in order, apart, none empty) of a text of
    /// `len` bytes.
    pub fn new(words: &[Range<usize>], len: usize) -> Self {
        let blocks = len / BLOCK + 2;
        let mut ends_by = Vec::with_capacity(blocks);
        let mut k = 0;
        for b in 0..blocks {
            let at = b * BLOCK;
            k += words[k..].iter().take_while(|w| w.end <= at).count();
            ends_by.push(k as u32);
        }
        WordIndex { ends_by }
    }

    /// How many of `words` (those the index was built from) end at or
    /// before `pos`: `words.partition_point(|w| w.end <= pos)`, the index
    /// of the first word that ends after it.
    #[inline]
    pub fn ending_by(&self, words: &[Range<usize>], pos: usize) -> usize {
        let b = pos / BLOCK;
        match (self.ends_by.get(b), self.ends_by.get(b + 1)) {
            // The words that end by `pos` are those that end by the
            // block's start and some that end inside it.
            (Some(&lo), Some(&hi)) => {
                let (lo, hi) = (lo as usize, hi as usize);
                lo + words[lo..hi].partition_point(|w| w.end <= pos)
            }
            // Past the text's end.
            _ => words.partition_point(|w| w.end <= pos),
        }
    }

    /// How many of `words` start before `pos`:
    /// `words.partition_point(|w| w.start < pos)`. Those that end by it,
    /// and the one word that may hold it.
    #[inline]
    pub fn starting_before(&self, words: &[Range<usize>], pos: usize) -> usize {
        let k = self.ending_by(words, pos);
        k + usize::from(words.get(k).is_some_and(|w| w.start < pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Words, random_texts};

    #[test]
    fn offsets_fall_among_the_words_as_a_search_over_all_of_them_finds() {
        // Words of one to many letters, spaces and marks between them, and
        // texts shorter and longer than a block.
        let alphabet = ["ক", "খা", "ि", "x", "Yz", " ", "  ", ", ", "।", "১২", "\n"];
        for text in random_texts(&alphabet, 400, 120, 11) {
            let words: Vec<Range<usize>> = Words::new(&text).collect();
            let index = WordIndex::new(&words, text.len());
            for pos in 0..=text.len() + 2 * BLOCK {
                assert_eq!(
                    index.ending_by(&words, pos),
                    words.partition_point(|w| w.end <= pos),
                    "{text:?} {pos}"
                );
                assert_eq!(
                    index.starting_before(&words, pos),
                    words.partition_point(|w| w.start < pos),
                    "{text:?} {pos}"
                );
            }
        }
    }
}
