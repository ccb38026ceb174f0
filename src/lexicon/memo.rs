//! Answers that depend on a word alone, remembered by a thread across the
//! articles it reads. News repeats its words (a few thousand make most of
//! any article), so a word's suffixes, spelling or features are worked out
//! once rather than at each mention, by each stage.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::text::Document;
use crate::text::numbers::WordId;

/// One thread's answers to one question, for one `owner` (the lexicon or
/// model they were worked out from), at most `capacity` words: when full it
/// starts over, so memory stays flat however long the corpus. The words
/// are kept end to end in one string, not one allocation each, so that
/// long-lived keys do not scatter over the memory articles come and go in.
pub struct WordMemo<K, V> {
    owner: Option<K>,
    capacity: usize,
    words: String,
    answers: HashTable<Answer<V>>,
}

struct Answer<V> {
    /// The word: `words[start..start + len]`.
    start: u32,
    len: u32,
    value: V,
}

impl<V> Answer<V> {
    fn word<'w>(&self, words: &'w str) -> &'w str {
        &words[self.start as usize..(self.start + self.len) as usize]
    }
}

impl<K: PartialEq, V> WordMemo<K, V> {
    pub const fn new(capacity: usize) -> Self {
        WordMemo {
            owner: None,
            capacity,
            words: String::new(),
            answers: HashTable::new(),
        }
    }

    fn clear(&mut self) {
        self.answers.clear();
        self.words.clear();
    }

    /// `read` of the answer for `word` from `owner`, worked out by `answer`
    /// the first time.
    pub fn with<R>(&mut self, owner: K, word: &str, answer: impl FnOnce() -> V, read: impl FnOnce(&V) -> R) -> R {
        if self.owner.as_ref() != Some(&owner) {
            self.clear();
            self.owner = Some(owner);
        }
        let hash = FxBuildHasher.hash_one(word);
        if let Some(a) = self.answers.find(hash, |a| a.word(&self.words) == word) {
            return read(&a.value);
        }
        // Start over when full, or before offsets would pass `u32`.
        if self.answers.len() >= self.capacity || self.words.len() + word.len() > u32::MAX as usize {
            self.clear();
        }
        let start = self.words.len() as u32;
        self.words.push_str(word);
        let value = answer();
        let words = &self.words;
        let entry = self.answers.insert_unique(
            hash,
            Answer {
                start,
                len: word.len() as u32,
                value,
            },
            |a| FxBuildHasher.hash_one(a.word(words)),
        );
        read(&entry.get().value)
    }
}

/// The most answers an [`IdMemo`] keeps: four numberings' worth.
const MAX_ANSWERS: usize = 1 << 16;

/// One thread's answers to one question for one `owner`, by the number of
/// the word they answer ([`crate::text::numbers`]): a look-up is an index,
/// with no hash and no comparison of words. Answers of another numbering
/// are dropped when one of a new numbering is asked for.
pub struct IdMemo<K, V> {
    owner: Option<K>,
    numbering: u64,
    answers: Vec<Option<V>>,
}

impl<K: PartialEq, V> IdMemo<K, V> {
    pub const fn new() -> Self {
        IdMemo {
            owner: None,
            numbering: 0,
            answers: Vec::new(),
        }
    }

    /// `read` of the answer for word `id` from `owner`, worked out by
    /// `answer` the first time.
    #[inline]
    pub fn with<R>(&mut self, owner: K, id: WordId, answer: impl FnOnce() -> V, read: impl FnOnce(&V) -> R) -> R {
        self.serve(owner, id.numbering);
        self.read(id.index, answer, read)
    }

    /// Ready the memo for answers from `owner` to words of `numbering`,
    /// dropping any others: a stage that asks of every word of an article
    /// checks this once, then [`IdMemo::read`]s each word.
    #[inline]
    pub fn serve(&mut self, owner: K, numbering: u64) {
        if self.owner.as_ref() != Some(&owner) || self.numbering != numbering {
            self.answers.clear();
            self.owner = Some(owner);
            self.numbering = numbering;
        }
    }

    /// The answer kept for word number `index` of the numbering
    /// [`IdMemo::serve`]d, if one was worked out and kept.
    #[inline]
    pub fn get(&self, index: u32) -> Option<&V> {
        self.answers.get(index as usize)?.as_ref()
    }

    /// Whether an answer for word number `index` is kept once worked out
    /// (not past the most kept).
    #[inline]
    pub fn keeps(index: u32) -> bool {
        (index as usize) < MAX_ANSWERS
    }

    /// `read` of the answer for word number `index` of the numbering
    /// [`IdMemo::serve`]d, worked out by `answer` the first time.
    #[inline]
    pub fn read<R>(&mut self, index: u32, answer: impl FnOnce() -> V, read: impl FnOnce(&V) -> R) -> R {
        // Most words are answered already: one check finds them.
        if let Some(Some(known)) = self.answers.get(index as usize) {
            return read(known);
        }
        self.work_out(index, answer, read)
    }

    /// [`IdMemo::read`] of a word not answered yet. Out of line and cold,
    /// so that what `answer` needs is gathered only here, not at each
    /// word a stage reads.
    #[cold]
    #[inline(never)]
    fn work_out<R>(&mut self, index: u32, answer: impl FnOnce() -> V, read: impl FnOnce(&V) -> R) -> R {
        let i = index as usize;
        // An article of more distinct words than a numbering holds between
        // articles numbers them all; the answers past that are not kept,
        // so memory stays bounded whatever one article holds.
        if i >= MAX_ANSWERS {
            return read(&answer());
        }
        if i >= self.answers.len() {
            self.answers.resize_with(i + 1, || None);
        }
        read(self.answers[i].get_or_insert_with(answer))
    }
}

impl<K: PartialEq, V: Copy> IdMemo<K, V> {
    /// The answer for each word of `doc` between the normalised offsets
    /// `from` and `to`, in order, for `owner`: a whole word's by its
    /// number, worked out by `whole` the first time; a word either end cuts
    /// worked out by `cut` from what lies within. The memo is served once
    /// for them all.
    pub fn answers_between<'m>(
        &'m mut self,
        owner: K,
        doc: &'m Document,
        (from, to): (usize, usize),
        whole: impl Fn(&str) -> V + 'm,
        cut: impl Fn(&str) -> V + 'm,
    ) -> impl Iterator<Item = V> + 'm {
        let (text, words, numbers) = (doc.norm_text(), doc.words(), doc.word_numbers());
        self.serve(owner, numbers.numbering());
        doc.word_indices_between(from, to).map(move |i| {
            let word = &words[i];
            let within = word.start.max(from)..word.end.min(to);
            if within == *word {
                let number = numbers.index(i);
                match self.get(number) {
                    Some(&known) => known,
                    None => self.read(number, || whole(&text[within]), |&v| v),
                }
            } else {
                cut(&text[within])
            }
        })
    }
}

impl<K: PartialEq, V> Default for IdMemo<K, V> {
    fn default() -> Self {
        IdMemo::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_worked_out_once_per_owner_and_start_over_when_full() {
        let mut memo: WordMemo<u8, usize> = WordMemo::new(2);
        let mut worked = 0;
        let mut len = |memo: &mut WordMemo<u8, usize>, owner: u8, w: &str| {
            memo.with(
                owner,
                w,
                || {
                    worked += 1;
                    w.len()
                },
                |&n| n,
            )
        };
        assert_eq!(len(&mut memo, 1, "ঢাকা"), 12);
        assert_eq!(len(&mut memo, 1, "ঢাকা"), 12);
        assert_eq!(len(&mut memo, 1, "दिल्ली"), 18);
        // Full: the third word starts the memo over.
        assert_eq!(len(&mut memo, 1, "Delhi"), 5);
        assert_eq!(len(&mut memo, 1, "ঢাকা"), 12);
        // Another owner's answers are its own.
        assert_eq!(len(&mut memo, 2, "ঢাকা"), 12);
        assert_eq!(worked, 5);
    }

    #[test]
    fn answers_by_number_are_worked_out_once_per_owner_and_numbering() {
        let mut memo: IdMemo<u8, usize> = IdMemo::new();
        let worked = std::cell::Cell::new(0);
        let mut ask = |owner: u8, numbering: u64, index: u32| {
            memo.with(
                owner,
                WordId { numbering, index },
                || {
                    worked.set(worked.get() + 1);
                    index as usize * 10
                },
                |&n| n,
            )
        };
        assert_eq!(ask(1, 7, 3), 30);
        assert_eq!(ask(1, 7, 3), 30);
        assert_eq!(ask(1, 7, 0), 0);
        // A new numbering, or another owner, starts over.
        assert_eq!(ask(1, 8, 3), 30);
        assert_eq!(ask(2, 8, 3), 30);
        assert_eq!(ask(2, 8, 3), 30);
        assert_eq!(worked.get(), 4);
        // Past the most kept, answers are worked out each time, not kept.
        let far = MAX_ANSWERS as u32 + 5;
        assert_eq!(ask(2, 8, far), far as usize * 10);
        assert_eq!(ask(2, 8, far), far as usize * 10);
        assert_eq!(worked.get(), 6);
        assert!(!IdMemo::<u8, usize>::keeps(far) && IdMemo::<u8, usize>::keeps(3));
        assert!(memo.answers.len() <= MAX_ANSWERS);
        // What is kept is there to read in place; what is not, is not.
        assert_eq!(memo.get(3), Some(&30));
        assert_eq!(memo.get(far), None);
        assert_eq!(memo.get(4), None);
    }
}
