//! What the tagger reads of a word alone, and that word's weights in each
//! role, remembered by each thread across the articles it reads
//! ([`WordMemo`]).

use std::cell::RefCell;
use std::ops::Range;

use super::features::{WordCore, WordInfo, word_info};
use super::{Model, Partials};
use crate::gazetteer::NameIndex;
use crate::lexicon::entities::entity_lexicon;
use crate::lexicon::memo::WordMemo;
use crate::text::Script;

/// Words remembered per script: about 1.8 MB (just under a table of 2^13
/// places).
const CAPACITY: usize = 7_000;

#[derive(Clone, Copy)]
struct Known {
    core: WordCore,
    partials: Partials,
}

/// Answers of one model, given one name index: (model id, index id).
type Owner = (u64, u64);

thread_local! {
    static MEMO: RefCell<[WordMemo<Owner, Known>; 3]> =
        const { RefCell::new([WordMemo::new(CAPACITY), WordMemo::new(CAPACITY), WordMemo::new(CAPACITY)]) };
}

/// Set `infos[k]` and `partials[k]` to what `model` (of `script`) reads of
/// word `words[k]` of `text`, for every `k`, given the people's words
/// `index` lists.
pub fn known_words(
    model: &Model,
    script: Script,
    index: &NameIndex,
    text: &str,
    words: &[Range<usize>],
    infos: &mut [WordInfo],
    partials: &mut [Partials],
) {
    let slot = match script {
        Script::Bengali => 0,
        Script::Devanagari => 1,
        _ => 2,
    };
    MEMO.with_borrow_mut(|memos| {
        let memo = &mut memos[slot];
        let mut buf = Vec::new();
        for ((w, info), partial) in words.iter().zip(infos).zip(partials) {
            let word = &text[w.clone()];
            let known = memo.with(
                (model.id(), index.id()),
                word,
                || {
                    let info = word_info(word, index, entity_lexicon());
                    Known {
                        core: info.core(),
                        partials: model.partials(&info, &mut buf),
                    }
                },
                |k| *k,
            );
            *info = known.core.into();
            *partial = known.partials;
        }
    });
}
