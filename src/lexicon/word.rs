//! What the word lists say of one word, with its stems: the name traits of
//! a word and the tagger's features of it both start from these, so each
//! thread works them out once per word number ([`IdMemo`]) rather than
//! once per stage.

use std::cell::RefCell;

use super::dates::date_lexicon;
use super::entities::{EntityLexicon, WordFacts};
use super::memo::IdMemo;
use crate::text::numbers::WordId;

/// A word's stems and what the word lists say of it and of its stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordLists {
    /// The length of the word less a case ending of a letter or more.
    pub stem: u32,
    /// Its length less a case ending of two letters or more.
    pub case_stem: u32,
    /// What the lists say, given that stem ([`EntityLexicon::word_facts`]).
    pub facts: WordFacts,
    /// It is a finite verb (`বলেন`, `कहा`): no name.
    pub finite_verb: bool,
}

impl WordLists {
    /// Worked out afresh.
    pub fn of(lex: &EntityLexicon, word: &str) -> WordLists {
        let [stem, case_stem] = lex.stems(word);
        WordLists {
            stem: stem.len() as u32,
            case_stem: case_stem.len() as u32,
            facts: lex.word_facts(word, stem),
            finite_verb: date_lexicon().is_finite_verb(word),
        }
    }

    /// Those of `word`, number `id`: from the thread's memo, worked out
    /// the first time.
    pub fn of_number(lex: &EntityLexicon, word: &str, id: WordId) -> WordLists {
        thread_local! {
            static LISTS: RefCell<IdMemo<usize, WordLists>> = const { RefCell::new(IdMemo::new()) };
        }
        LISTS.with_borrow_mut(|memo| {
            memo.with(
                lex as *const EntityLexicon as usize,
                id,
                || WordLists::of(lex, word),
                |l| *l,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::entities::entity_lexicon;
    use crate::text::normalize_str;

    #[test]
    fn lists_of_a_number_are_those_worked_out_afresh() {
        let lex = entity_lexicon();
        let words: Vec<String> = ["পুতিনের", "ঢাকায়", "বলেন", "कहा", "नेताओं", "Putin", "২০২৫"]
            .iter()
            .map(|w| normalize_str(w))
            .collect();
        let text = words.join(" ");
        let ranges: Vec<_> = crate::text::Words::new(&text).collect();
        let numbers = crate::text::numbers::WordNumbers::of(&text, &ranges);
        for (i, w) in ranges.iter().enumerate() {
            let word = &text[w.clone()];
            let fresh = WordLists::of(lex, word);
            // Twice: worked out, then remembered.
            for _ in 0..2 {
                assert_eq!(WordLists::of_number(lex, word, numbers.get(i)), fresh, "{word}");
            }
        }
        let putin = WordLists::of(lex, &normalize_str("পুতিনের"));
        assert_eq!(putin.case_stem as usize, normalize_str("পুতিন").len());
        assert!(WordLists::of(lex, &normalize_str("বলেন")).finite_verb);
    }
}
