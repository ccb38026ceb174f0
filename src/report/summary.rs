//! What a whole run saw, built one article at a time so memory grows with the
//! number of distinct entities, not of articles.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::Article;

/// An entity ranked by the articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    pub name: String,
    pub id: String,
    pub articles: usize,
    pub mentions: usize,
}

/// Counts over the run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub articles: usize,
    pub bytes: u64,
    /// Inputs that could not be read.
    pub unread: usize,
    pub languages: BTreeMap<String, usize>,
    pub dates: usize,
    pub people: usize,
    pub places: usize,
    pub events: usize,
    pub top_people: Vec<Ranked>,
    pub top_places: Vec<Ranked>,
}

/// Accumulates a [`Summary`].
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    summary: Summary,
    people: HashMap<String, Ranked>,
    places: HashMap<String, Ranked>,
}

/// How many entities the ranked lists keep.
pub const TOP: usize = 10;

impl SummaryBuilder {
    pub fn add(&mut self, a: &Article) {
        let s = &mut self.summary;
        s.articles += 1;
        s.bytes += a.bytes as u64;
        *s.languages.entry(a.lang.code().to_string()).or_default() += 1;
        s.dates += a.dates.len();
        s.people += a.people.len();
        s.places += a.places.len();
        s.events += a.events.len();
        let entities = a.people.iter().map(|p| (&p.id, &p.name, p.mentions.len()));
        tally(&mut self.people, entities);
        tally(
            &mut self.places,
            a.places.iter().map(|p| (&p.id, &p.name, p.mentions.len())),
        );
    }

    pub fn unread(&mut self, n: usize) {
        self.summary.unread += n;
    }

    pub fn finish(mut self) -> Summary {
        self.summary.top_people = top(self.people);
        self.summary.top_places = top(self.places);
        self.summary
    }
}

fn tally<'a>(into: &mut HashMap<String, Ranked>, entities: impl Iterator<Item = (&'a String, &'a String, usize)>) {
    for (id, name, mentions) in entities {
        let r = into.entry(id.clone()).or_insert_with(|| Ranked {
            name: name.clone(),
            id: id.clone(),
            articles: 0,
            mentions: 0,
        });
        r.articles += 1;
        r.mentions += mentions;
    }
}

fn top(map: HashMap<String, Ranked>) -> Vec<Ranked> {
    let mut v: Vec<Ranked> = map.into_values().collect();
    v.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    v.truncate(TOP);
    v
}
