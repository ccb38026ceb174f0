//! What a whole run saw, built one article at a time so memory grows with the
//! number of distinct entities, not of articles.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Article, Text};

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
    /// Events by type, then by status.
    pub events_by_type: BTreeMap<String, BTreeMap<String, usize>>,
    /// Dated events in date order (at most [`TIMELINE`]), one per event of an
    /// article: its mentions with the same type, date and place merged.
    pub timeline: Vec<Dated>,
    /// The people most often named in one article together.
    pub people_pairs: Vec<Pair>,
    /// The people and places most often named in one article together.
    pub person_place_pairs: Vec<Pair>,
}

/// An event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dated {
    pub date: Text,
    #[serde(rename = "type")]
    pub kind: String,
    pub participants: Vec<Text>,
    pub place: Option<Text>,
    pub status: String,
    pub article: String,
}

/// Two entities and the number of articles that name both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub articles: usize,
}

/// Accumulates a [`Summary`].
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    summary: Summary,
    people: HashMap<String, Ranked>,
    places: HashMap<String, Ranked>,
    people_pairs: HashMap<(String, String), usize>,
    person_place_pairs: HashMap<(String, String), usize>,
}

/// The most timeline entries kept: the earliest by date.
pub const TIMELINE: usize = 500;

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
        for e in &a.events {
            *s.events_by_type
                .entry(e.kind.as_str().to_string())
                .or_default()
                .entry(e.status.as_str().to_string())
                .or_default() += 1;
        }
        add_to_timeline(&mut s.timeline, a);
        let people: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
        for (i, x) in people.iter().enumerate() {
            for y in &people[i + 1..] {
                let (x, y) = if x <= y { (x, y) } else { (y, x) };
                *self.people_pairs.entry((x.to_string(), y.to_string())).or_default() += 1;
            }
            for place in &a.places {
                *self
                    .person_place_pairs
                    .entry((x.to_string(), place.name.to_string()))
                    .or_default() += 1;
            }
        }
        let entities = a
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str(), p.mentions.len()));
        tally(&mut self.people, entities);
        tally(
            &mut self.places,
            a.places
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str(), p.mentions.len())),
        );
    }

    pub fn unread(&mut self, n: usize) {
        self.summary.unread += n;
    }

    pub fn finish(mut self) -> Summary {
        self.summary.top_people = top(self.people);
        self.summary.top_places = top(self.places);
        self.summary.people_pairs = top_pairs(self.people_pairs);
        self.summary.person_place_pairs = top_pairs(self.person_place_pairs);
        self.summary
    }
}

fn tally<'a>(into: &mut HashMap<String, Ranked>, entities: impl Iterator<Item = (&'a str, &'a str, usize)>) {
    for (id, name, mentions) in entities {
        let r = into.entry(id.to_string()).or_insert_with(|| Ranked {
            name: name.to_string(),
            id: id.to_string(),
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

/// One timeline entry per event of the article (mentions with the same
/// type, date and place merge), kept in date order and bounded.
fn add_to_timeline(timeline: &mut Vec<Dated>, a: &Article) {
    let mut own: Vec<Dated> = Vec::new();
    for e in &a.events {
        let Some(date) = &e.date else { continue };
        let kind = e.kind.as_str().to_string();
        match own
            .iter_mut()
            .find(|d| d.kind == kind && d.date == *date && d.place == e.place)
        {
            Some(d) => {
                for p in &e.participants {
                    if !d.participants.contains(p) {
                        d.participants.push(p.clone());
                    }
                }
            }
            None => own.push(Dated {
                date: date.clone(),
                kind,
                participants: e.participants.clone(),
                place: e.place.clone(),
                status: e.status.as_str().to_string(),
                article: a.path.clone(),
            }),
        }
    }
    timeline.extend(own);
    timeline.sort_by(|x, y| x.date.cmp(&y.date).then(x.article.cmp(&y.article)));
    timeline.truncate(TIMELINE);
}

fn top_pairs(map: HashMap<(String, String), usize>) -> Vec<Pair> {
    let mut v: Vec<Pair> = map
        .into_iter()
        .map(|((a, b), articles)| Pair { a, b, articles })
        .collect();
    v.sort_by(|x, y| y.articles.cmp(&x.articles).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    v.truncate(TOP);
    v
}
