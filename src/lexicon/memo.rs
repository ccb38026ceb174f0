//! Answers that depend on a word alone, remembered by a thread across the
//! articles it reads. News repeats its words (a few thousand make most of
//! any article), so a word's suffixes, spelling or features are worked out
//! once rather than at each mention, by each stage.

use rustc_hash::FxHashMap;

/// One thread's answers to one question, for one `owner` (the lexicon or
/// model they were worked out from), at most `capacity` words: when full it
/// starts over, so memory stays flat however long the corpus.
pub struct WordMemo<K, V> {
    owner: Option<K>,
    capacity: usize,
    answers: FxHashMap<Box<str>, V>,
}

impl<K: PartialEq, V> WordMemo<K, V> {
    pub const fn new(capacity: usize) -> Self {
        WordMemo {
            owner: None,
            capacity,
            answers: FxHashMap::with_hasher(rustc_hash::FxBuildHasher),
        }
    }

    /// `read` of the answer for `word` from `owner`, worked out by `answer`
    /// the first time.
    pub fn with<R>(&mut self, owner: K, word: &str, answer: impl FnOnce() -> V, read: impl FnOnce(&V) -> R) -> R {
        if self.owner.as_ref() != Some(&owner) {
            self.answers.clear();
            self.owner = Some(owner);
        }
        if let Some(v) = self.answers.get(word) {
            return read(v);
        }
        if self.answers.len() >= self.capacity {
            self.answers.clear();
        }
        read(self.answers.entry(word.into()).or_insert_with(answer))
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
}
