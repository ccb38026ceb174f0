//! The article record (`corpus.article/1`, see `docs/output.md` in the shared
//! reference): what extractors fill in and reporters print.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// A string of the record: most are short (a word, an id, a date), and
/// these are kept inline, not allocated.
pub type Text = compact_str::CompactString;

pub const SCHEMA: &str = "corpus.article/1";

/// A piece of the article text: `start`/`end` are code point offsets into the
/// text as read, half-open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    pub text: Text,
    pub start: usize,
    pub end: usize,
    /// Byte range in the normalised text, for extractors that read earlier
    /// extractors' results; never printed.
    #[serde(skip)]
    pub norm: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateType {
    Date,
    Time,
    Datetime,
    Interval,
    Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Year,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolved {
    Absolute,
    Context,
    Relative,
    Unresolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Bengali,
    Hijri,
}

/// A date or time expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    #[serde(flatten)]
    pub span: Span,
    pub value: Option<Text>,
    #[serde(rename = "type")]
    pub kind: DateType,
    pub grain: Grain,
    pub resolved: Resolved,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub calendar: Option<Calendar>,
}

/// How an entity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Gazetteer,
    Pattern,
    Model,
}

/// A distinct person, with every mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: Text,
    pub id: Text,
    pub native: Text,
    pub mentions: Vec<Span>,
    pub source: Source,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<Text>,
}

/// A distinct place, with every mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: Text,
    pub id: Text,
    pub native: Text,
    pub mentions: Vec<Span>,
    pub source: Source,
    pub kind: Text,
    pub country: Option<Text>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Meeting,
    Talks,
    PhoneCall,
    Visit,
    Speech,
    Appeal,
    Agreement,
    Ceasefire,
    Sanction,
    Deployment,
    Attack,
    Protest,
    Election,
}

impl EventType {
    pub const ALL: [EventType; 13] = [
        EventType::Meeting,
        EventType::Talks,
        EventType::PhoneCall,
        EventType::Visit,
        EventType::Speech,
        EventType::Appeal,
        EventType::Agreement,
        EventType::Ceasefire,
        EventType::Sanction,
        EventType::Deployment,
        EventType::Attack,
        EventType::Protest,
        EventType::Election,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::Talks => "talks",
            EventType::PhoneCall => "phone_call",
            EventType::Visit => "visit",
            EventType::Speech => "speech",
            EventType::Appeal => "appeal",
            EventType::Agreement => "agreement",
            EventType::Ceasefire => "ceasefire",
            EventType::Sanction => "sanction",
            EventType::Deployment => "deployment",
            EventType::Attack => "attack",
            EventType::Protest => "protest",
            EventType::Election => "election",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The CAMEO code the contract gives the type (`docs/output.md`); an
    /// election has none.
    pub fn cameo(self) -> &'static str {
        match self {
            EventType::Meeting => "044",
            EventType::Talks => "046",
            EventType::PhoneCall => "041",
            EventType::Visit => "042",
            EventType::Speech => "010",
            EventType::Appeal => "020",
            EventType::Agreement => "057",
            EventType::Ceasefire => "0871",
            EventType::Sanction => "163",
            EventType::Deployment => "154",
            EventType::Attack => "190",
            EventType::Protest => "140",
            EventType::Election => "",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occurred,
    Planned,
    Possible,
    Negated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
            Status::Possible => "possible",
            Status::Negated => "negated",
        }
    }
}

/// An event mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub cameo: Text,
    pub trigger: Span,
    pub date: Option<Text>,
    pub place: Option<Text>,
    pub participants: Vec<Text>,
    pub actors: Vec<Text>,
    pub status: Status,
}

/// Where the reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReferenceSource {
    Published,
    Record,
    Flag,
    Inferred,
}

/// One article's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub schema: String,
    pub path: String,
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    pub lang: Lang,
    pub title: Option<String>,
    pub published: Option<DateMention>,
    pub reference_date: Option<String>,
    pub reference_source: Option<ReferenceSource>,
    pub dates: Vec<DateMention>,
    pub people: Vec<Person>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
    /// Size of the text in bytes, for the corpus summary; never printed.
    #[serde(skip)]
    pub bytes: usize,
}

impl Article {
    /// Every span of the record: publication date, dates, mentions of
    /// people and places, event triggers.
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        let people = self.people.iter().flat_map(|p| &p.mentions);
        let places = self.places.iter().flat_map(|p| &p.mentions);
        (self.published.iter().map(|d| &d.span))
            .chain(self.dates.iter().map(|d| &d.span))
            .chain(people)
            .chain(places)
            .chain(self.events.iter().map(|e| &e.trigger))
    }

    /// What is wrong with the record's spans for `text`, the article as
    /// extracted from: each must be non-empty, lie inside the text, and
    /// hold the code points `start..end` of it.
    pub fn span_problems(&self, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        self.spans()
            .filter_map(|s| {
                if s.start >= s.end || s.end > chars.len() {
                    return Some(format!(
                        "{}..{} outside 0..{} ({:?})",
                        s.start,
                        s.end,
                        chars.len(),
                        s.text
                    ));
                }
                let got: String = chars[s.start..s.end].iter().collect();
                (got != s.text).then(|| format!("{}..{} is {got:?}, not {:?}", s.start, s.end, s.text))
            })
            .collect()
    }

    /// An empty record for the article at `path`.
    pub fn new(path: impl Into<String>) -> Self {
        Article {
            schema: SCHEMA.to_string(),
            path: path.into(),
            id: None,
            url: None,
            lang: Lang::Und,
            title: None,
            published: None,
            reference_date: None,
            reference_source: None,
            dates: Vec::new(),
            people: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
            bytes: 0,
        }
    }
}
