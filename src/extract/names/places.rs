//! The `places` stage: places of the name analysis as records.

use super::{Found, NameSetup, Names, Who};
use crate::extract::{Context, Extractor, Kind, Kinds};
use crate::model::{Article, Place, Source, Text};
use crate::text::{Document, char_starts};

pub struct Places {
    pub setup: NameSetup,
}

impl Extractor for Places {
    fn name(&self) -> &'static str {
        "places"
    }

    fn kind(&self) -> Option<Kind> {
        Some(Kind::Places)
    }

    /// No name is part of a date: the tagger reads where the dates are.
    fn needs(&self) -> Kinds {
        Kinds::of(&[Kind::Dates])
    }

    fn extract(&self, doc: &Document, ctx: &mut Context, article: &mut Article) {
        let names = Names::of(ctx, doc, &self.setup, &article.dates);
        let gaz = self.setup.index.gazetteer();
        // Sized once: a filtered list tells `collect` no length.
        let mut places = Vec::with_capacity(names.found.iter().filter(|f| !f.person).count());
        places.extend(names.found.iter().filter(|f| !f.person).map(|f| {
            let mentions = f.mentions.iter().map(|m| doc.span(m.range.clone())).collect();
            let native = native_name(doc, f);
            match &f.who {
                Who::Entry(i) => {
                    let e = &gaz.entries[*i as usize];
                    Place {
                        name: e.name.as_str().into(),
                        id: e.id.as_str().into(),
                        native,
                        mentions,
                        source: Source::Gazetteer,
                        kind: e.place_kind.as_str().into(),
                        country: e.country.as_deref().map(Text::from),
                        lat: e.lat,
                        lon: e.lon,
                    }
                }
                Who::Pattern(key) => {
                    let (name, id) = super::people::latin_name_and_id(&self.setup.index, key);
                    Place {
                        id,
                        name,
                        native,
                        mentions,
                        source: f.source(),
                        kind: Text::const_new("locality"),
                        country: None,
                        lat: None,
                        lon: None,
                    }
                }
            }
        }));
        article.places = places;
    }
}

/// The longest mention's base form, as printed (the last of the
/// longest). Adjectives count only when the entity has no other mention.
pub fn native_name(doc: &Document, f: &Found) -> Text {
    // Lengths in characters of the text as read, counted a register at a
    // time: every entity of every article asks this of each mention.
    let longest = |adjectives: bool| {
        let mut best: Option<(usize, &str)> = None;
        for m in f
            .mentions
            .iter()
            .filter(|m| adjectives || m.via != super::Via::Adjective)
        {
            let s = &doc.text[doc.orig_range(m.stem.clone())];
            let n = char_starts(s.as_bytes());
            if best.is_none_or(|(most, _)| n >= most) {
                best = Some((n, s));
            }
        }
        best.map(|(_, s)| Text::from(s))
    };
    longest(false).or_else(|| longest(true)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::names::{Mention, Via};

    /// A place with a mention of each of `stems` (words of `text`, by
    /// their normalised offsets), found by `vias`.
    fn found(doc: &Document, stems: &[(&str, Via)]) -> Found {
        let text = doc.norm_text();
        let mut from = 0;
        let mentions = stems
            .iter()
            .map(|&(stem, via)| {
                let start = from + text[from..].find(stem).expect("stem in text");
                from = start + stem.len();
                Mention {
                    range: start..from,
                    stem: start..from,
                    via,
                }
            })
            .collect();
        Found {
            who: Who::Pattern(String::new()),
            person: false,
            mentions,
            role: None,
        }
    }

    #[test]
    fn the_native_name_is_the_longest_mention_as_read() {
        // The precomposed য় is one character as read and two once
        // normalised: `ঢাকায়` as read (five) is shorter than `ঢাকাতে` (six),
        // though as long once normalised.
        let doc = Document::new("ঢাকাতে বৈঠক, ঢাকা\u{09DF} ফেরা, ঢাকাকে চিঠি".to_string());
        let decomposed = "ঢাকা\u{09AF}\u{09BC}";
        assert!(doc.norm_text().contains(decomposed));
        let read = [("ঢাকাতে", Via::Gazetteer), (decomposed, Via::Gazetteer)];
        assert_eq!(native_name(&doc, &found(&doc, &read)), "ঢাকাতে");
        // Of two as long, the later.
        let ties = [("ঢাকাতে", Via::Gazetteer), ("ঢাকাকে", Via::Gazetteer)];
        assert_eq!(native_name(&doc, &found(&doc, &ties)), "ঢাকাকে");
        // A mention's text is as read, the precomposed letter kept.
        assert_eq!(
            native_name(&doc, &found(&doc, &[(decomposed, Via::Gazetteer)])),
            "ঢাকা\u{09DF}"
        );
    }

    #[test]
    fn an_adjective_names_the_place_only_when_nothing_else_does() {
        let doc = Document::new("ভারতীয় দল ভারত সফরে".to_string());
        let adjective = ("ভারতীয়", Via::Adjective);
        assert_eq!(
            native_name(&doc, &found(&doc, &[adjective, ("ভারত", Via::Gazetteer)])),
            "ভারত"
        );
        assert_eq!(native_name(&doc, &found(&doc, &[adjective])), "ভারতীয়");
        assert_eq!(native_name(&doc, &found(&doc, &[])), "");
    }
}
