//! The `places` stage: places of the name analysis as records.

use super::{Found, NameSetup, Names, Who};
use crate::extract::{Context, Extractor, Kind, Kinds};
use crate::model::{Article, Place, Source, Text};
use crate::text::Document;

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

/// The longest mention's base form, as printed. Adjectives count only when
/// the entity has no other mention.
pub fn native_name(doc: &Document, f: &Found) -> Text {
    let names = f.mentions.iter().filter(|m| m.via != super::Via::Adjective);
    let pick = |it: &mut dyn Iterator<Item = &super::Mention>| {
        it.map(|m| &doc.text[doc.orig_range(m.stem.clone())])
            .max_by_key(|s| s.chars().count())
            .map(Text::from)
    };
    pick(&mut names.clone())
        .or_else(|| pick(&mut f.mentions.iter()))
        .unwrap_or_default()
}
