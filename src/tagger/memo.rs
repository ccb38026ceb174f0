//! What the tagger reads of a word alone, and that word's weights in each
//! role, remembered by each thread across the articles it reads, by the
//! word's number ([`IdMemo`]): some 260 bytes a word, one table a script.

use std::cell::RefCell;
use std::ops::Range;

use super::features::{WordCore, WordInfo, word_info};
use super::{Model, Partials};
use crate::gazetteer::NameIndex;
use crate::lexicon::entities::entity_lexicon;
use crate::lexicon::memo::IdMemo;
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

/// Set `infos[k]` and `partials[k]` to what `model` (of `script`) reads of
/// the word `range.start + k` of `doc`, for every `k` of `range`, given the
/// people's words `index` lists.
pub fn known_words(
    model: &Model,
    script: Script,
    index: &NameIndex,
    doc: &Document,
    range: Range<usize>,
    infos: &mut [WordInfo],
    partials: &mut [Partials],
) {
    let (text, numbers) = (doc.norm_text(), doc.word_numbers());
    let words = &doc.words()[range.clone()];
    let slot = match script {
        Script::Bengali => 0,
        Script::Devanagari => 1,
        _ => 2,
    };
    MEMO.with_borrow_mut(|memos| {
        let memo = &mut memos[slot];
        memo.serve((model.id(), index.id()), numbers.numbering());
        let mut buf = Vec::new();
        for (k, ((w, info), partial)) in words.iter().zip(infos).zip(partials).enumerate() {
            memo.read(
                numbers.index(range.start + k),
                || {
                    let info = word_info(&text[w.clone()], index, entity_lexicon());
                    Known {
                        core: info.core(),
                        partials: model.partials(&info, &mut buf),
                    }
                },
                // Read in place: a word's weights are 160 bytes.
                |known| {
                    *info = known.core.into();
                    *partial = known.partials;
                },
            );
        }
    });
}
