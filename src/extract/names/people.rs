//! The `people` stage: persons of the name analysis as records.

use std::cell::RefCell;

use super::{Found, NameSetup, Names, Who};
use crate::extract::{Context, Extractor, Kind, Kinds};
use crate::gazetteer::romanize::{conventional, romanize_word};
use crate::gazetteer::{NameIndex, local_id};
use crate::lexicon::entities::entity_lexicon;
use crate::lexicon::memo::WordMemo;
use crate::model::{Article, Person, Source, Text};
use crate::text::Document;

pub struct People {
    pub setup: NameSetup,
}

impl Extractor for People {
    fn name(&self) -> &'static str {
        "people"
    }

    fn kind(&self) -> Option<Kind> {
        Some(Kind::People)
    }

    /// No name is part of a date: the tagger reads where the dates are.
    fn needs(&self) -> Kinds {
        Kinds::of(&[Kind::Dates])
    }

    fn extract(&self, doc: &Document, ctx: &mut Context, article: &mut Article) {
        let names = Names::of(ctx, doc, &self.setup, &article.dates);
        // Sized once: a filtered list tells `collect` no length.
        let mut people = Vec::with_capacity(names.found.iter().filter(|f| f.person).count());
        people.extend(
            names
                .found
                .iter()
                .filter(|f| f.person)
                .map(|f| person(doc, &self.setup.index, f)),
        );
        article.people = people;
    }
}

fn person(doc: &Document, index: &NameIndex, f: &Found) -> Person {
    let native = super::places::native_name(doc, f);
    let mentions = f.mentions.iter().map(|m| doc.span(m.range.clone())).collect();
    match &f.who {
        Who::Entry(i) => {
            let e = &index.gazetteer().entries[*i as usize];
            Person {
                name: e.name.as_str().into(),
                id: e.id.as_str().into(),
                native,
                mentions,
                source: Source::Gazetteer,
                role: e.role.as_deref().map(Text::from),
            }
        }
        Who::Pattern(key) => {
            let (name, id) = latin_name_and_id(index, key);
            Person {
                id,
                name,
                native,
                mentions,
                source: f.source(),
                role: f.role.as_deref().map(Text::from),
            }
        }
    }
}

/// [`latin_name`] of `native` and its [`local_id`], remembered by each
/// thread: an article names its people again and again, and so does the
/// news of a week.
pub fn latin_name_and_id(index: &NameIndex, native: &str) -> (Text, Text) {
    thread_local! {
        static NAMES: RefCell<WordMemo<u64, (Text, Text)>> = const { RefCell::new(WordMemo::new(4096)) };
    }
    NAMES.with_borrow_mut(|memo| {
        memo.with(
            index.id(),
            native,
            || {
                let name = latin_name(index, native);
                let id = local_id(&name);
                (Text::from(name), Text::from(id))
            },
            Clone::clone,
        )
    })
}

/// A Latin name for a native one: each word as the gazetteer's people spell
/// it in English where one of them bears it, else romanised; the native
/// name itself if nothing romanises.
fn latin_name(index: &NameIndex, native: &str) -> String {
    let latin = romanized_name(index, native);
    if latin.trim().is_empty() {
        native.to_string()
    } else {
        latin
    }
}

fn romanized_name(index: &NameIndex, native: &str) -> String {
    let lex = entity_lexicon();
    let mut out = String::with_capacity(native.len());
    for word in native.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        match conventional(lex, word).or_else(|| index.latin_token(word)) {
            Some(latin) => out.push_str(latin),
            None => {
                let start = out.len();
                romanize_word(lex, word, &mut out);
                if let Some(c) = out[start..].chars().next() {
                    let upper: String = c.to_uppercase().collect();
                    out.replace_range(start..start + c.len_utf8(), &upper);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_latin_name_is_the_one_worked_out() {
        let index = NameIndex::builtin();
        for native in ["আব্দুল করিম", "रमेश कुमार", "আব্দুল করিম"]
        {
            let name = latin_name(&index, native);
            assert!(!name.is_empty() && name.is_ascii(), "{native} → {name}");
            assert_eq!(
                latin_name_and_id(&index, native),
                (name.as_str().into(), local_id(&name).into())
            );
        }
        assert_eq!(latin_name_and_id(&index, "আব্দুল করিম").1, "local:abdul-karim");
    }
}
