//! What the tagger reads of a word alone, and that word's weights in each
//! role, remembered by each thread across the articles it reads, by the
//! word's number ([`IdMemo`]): some 260 bytes a word, one table a script.

use std::cell::RefCell;
use std::ops::Range;

use super::features::{WordCore, WordInfo, word_info_with};
use super::{Model, Partials, PartialsOf};
use crate::gazetteer::NameIndex;
use crate::lexicon::entities::entity_lexicon;
use crate::lexicon::memo::IdMemo;
use crate::lexicon::word::WordLists;
use crate::text::{Document, Script};

#[derive(Clone, Copy)]
struct Known {
    core: WordCore,
    partials: Partials,
}

/// Answers of one model, given one name index: (model id, index id).
type Owner = (u64, u64);

thread_local! {
    static MEMO: RefCell<[IdMemo<Owner, Known>; 3]> = const { RefCell::new([IdMemo::new(), IdMemo::new(), IdMemo::new()]) };
}

/// Set `infos[k]` to what `model` (of `script`) reads of the word
/// `range.start + k` of `doc`, for every `k` of `range`, given the people's
/// words `index` lists, and remember that word's weights for
/// [`with_partials`]: in the thread's memo, or in `spare[k]` for a word it
/// does not keep.
pub fn known_words(
    model: &Model,
    script: Script,
    index: &NameIndex,
    doc: &Document,
    range: Range<usize>,
    infos: &mut [WordInfo],
    spare: &mut [Partials],
) {
    let (text, numbers) = (doc.norm_text(), doc.word_numbers());
    let words = &doc.words()[range.clone()];
    MEMO.with_borrow_mut(|memos| {
        let memo = &mut memos[slot(script)];
        memo.serve((model.id(), index.id()), numbers.numbering());
        let mut buf = Vec::new();
        let numbered = words.iter().zip(numbers.indices(range)).zip(infos).zip(spare);
        // The weights are read in place later (160 bytes a word, which
        // copied would crowd the cache), but for a word the memo does not
        // keep.
        let take = |known: &Known, number: u32, info: &mut WordInfo, spare: &mut Partials| {
            *info = known.core.into();
            if !IdMemo::<Owner, Known>::keeps(number) {
                *spare = known.partials;
            }
        };
        for (((w, &number), info), spare) in numbered {
            // A new word's answers are worked out; the rest only read,
            // their weights where the memo keeps them.
            match memo.get(number) {
                Some(known) => *info = known.core.into(),
                None => memo.read(
                    number,
                    || {
                        let (word, lex) = (&text[w.clone()], entity_lexicon());
                        let lists = WordLists::of_number(lex, word, numbers.id(number));
                        let info = word_info_with(word, lists, index);
                        Known {
                            core: info.core(),
                            partials: model.partials(&info, &mut buf),
                        }
                    },
                    |known| take(known, number, info, spare),
                ),
            }
        }
    });
}

/// Call `f` with the weights of the words `range` of `doc` as
/// [`known_words`] left them for `script` (`spare` as it was handed). One
/// model tags every sentence of a script, so the memo of an article's
/// script keeps the answers of all its sentences until they are tagged.
pub fn with_partials<R>(
    script: Script,
    doc: &Document,
    range: Range<usize>,
    spare: &[Partials],
    f: impl FnOnce(&KnownPartials) -> R,
) -> R {
    MEMO.with_borrow(|memos| {
        f(&KnownPartials {
            memo: &memos[slot(script)],
            numbers: doc.word_numbers().indices(range),
            spare,
        })
    })
}

/// The weights of a sentence's words, read where [`known_words`] left them.
pub struct KnownPartials<'a> {
    memo: &'a IdMemo<Owner, Known>,
    numbers: &'a [u32],
    spare: &'a [Partials],
}

impl PartialsOf for KnownPartials<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<&Partials> {
        let number = *self.numbers.get(i)?;
        match self.memo.get(number) {
            Some(known) => Some(&known.partials),
            None => self.spare.get(i),
        }
    }
}

/// The memo of a script's model.
fn slot(script: Script) -> usize {
    match script {
        Script::Bengali => 0,
        Script::Devanagari => 1,
        _ => 2,
    }
}
