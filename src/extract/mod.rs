//! The extractor pipeline: each extractor reads the [`Document`] (and what
//! earlier extractors found) and adds to the [`Article`].

pub mod dates;
pub mod events;
pub mod headline;
pub mod names;
pub mod reference;

use std::fmt;
use std::str::FromStr;

use std::sync::Arc;

use jiff::civil::Date;

use crate::gazetteer::NameIndex;
use crate::model::Article;
use crate::text::Document;

/// What an extractor adds; `--only` selects among these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Dates,
    People,
    Places,
    Events,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Dates, Kind::People, Kind::Places, Kind::Events];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Dates => "dates",
            Kind::People => "people",
            Kind::Places => "places",
            Kind::Events => "events",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown kind '{s}' (expected dates, people, places or events)"))
    }
}

/// A set of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    pub const ALL: Kinds = Kinds(0b1111);
    pub const NONE: Kinds = Kinds(0);

    pub fn contains(self, k: Kind) -> bool {
        self.0 & (1 << k as u8) != 0
    }

    pub fn with(self, k: Kind) -> Kinds {
        Kinds(self.0 | (1 << k as u8))
    }

    pub fn of(kinds: &[Kind]) -> Kinds {
        kinds.iter().fold(Kinds::NONE, |s, &k| s.with(k))
    }
}

/// What an extractor knows about the article beyond its text, and what
/// extractors pass on to later ones.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The publication date of a JSONL record (`published` or `date`).
    pub record_date: Option<Date>,
    /// `--reference-date`.
    pub flag_date: Option<Date>,
    /// The date relative expressions resolve against, once known.
    pub reference: Option<Date>,
    /// People, places and cues, analysed once for the stages that read them.
    pub names: Option<std::sync::Arc<names::Names>>,
}

/// One stage of extraction.
pub trait Extractor: Send + Sync {
    /// A short name for messages and tests.
    fn name(&self) -> &'static str;

    /// What the stage adds; `None` for stages every run needs (headline,
    /// reference date).
    fn kind(&self) -> Option<Kind>;

    /// Kinds whose results this stage reads.
    fn needs(&self) -> Kinds {
        Kinds::NONE
    }

    fn extract(&self, doc: &Document, ctx: &mut Context, article: &mut Article);
}

/// Extractors run in order over each document.
pub struct Pipeline {
    stages: Vec<Box<dyn Extractor>>,
    /// The kinds reported.
    report: Kinds,
    /// The kinds run: those reported and those they need.
    run: Kinds,
}

impl Pipeline {
    /// A pipeline of `stages` (in running order) that reports `report`.
    pub fn new(stages: Vec<Box<dyn Extractor>>, report: Kinds) -> Self {
        let mut run = report;
        // Dependencies point backwards in the stage order, so one reverse pass closes them.
        for stage in stages.iter().rev() {
            if stage.kind().is_some_and(|k| run.contains(k)) {
                run = Kinds(run.0 | stage.needs().0);
            }
        }
        Pipeline { stages, report, run }
    }

    /// The standard pipeline: headline and reference date, then every
    /// extractor this build has, reporting `report`.
    /// `index` (else the built-in one) is built only when a name stage runs:
    /// a dates-only scan starts at once.
    /// `model`: whether the tagger adds the names the rules miss.
    pub fn standard(report: Kinds, index: Option<Arc<NameIndex>>, model: bool) -> Self {
        let mut stages: Vec<Box<dyn Extractor>> = vec![
            Box::new(headline::Headline),
            Box::new(dates::Dates),
            Box::new(reference::ReferenceDate),
        ];
        if [Kind::People, Kind::Places, Kind::Events]
            .iter()
            .any(|&k| report.contains(k))
        {
            // Building the name index is most of start-up: the other
            // vocabularies load on a second thread meanwhile.
            let (index, tagger) = std::thread::scope(|s| {
                let tagger = s.spawn(|| {
                    crate::lexicon::abbreviations();
                    crate::lexicon::dates::date_lexicon();
                    if report.contains(Kind::Events) {
                        crate::lexicon::events::event_lexicon();
                    }
                    model.then(crate::tagger::Taggers::builtin)
                });
                let index = index.unwrap_or_else(NameIndex::builtin);
                (index, tagger.join().unwrap_or_default())
            });
            let setup = names::NameSetup { index, tagger };
            stages.push(Box::new(names::People { setup: setup.clone() }));
            stages.push(Box::new(names::Places { setup: setup.clone() }));
            stages.push(Box::new(events::Events { setup }));
        }
        Pipeline::new(stages, report)
    }

    /// Names of the stages that run.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages
            .iter()
            .filter(|s| s.kind().is_none_or(|k| self.run.contains(k)))
            .map(|s| s.name())
            .collect()
    }

    pub fn run(&self, doc: &Document, ctx: &mut Context, article: &mut Article) {
        article.lang = doc.lang;
        article.bytes = doc.text.len();
        for stage in &self.stages {
            if stage.kind().is_none_or(|k| self.run.contains(k)) {
                stage.extract(doc, ctx, article);
            }
        }
        // Kinds that ran only because another needed them are not reported.
        if !self.report.contains(Kind::Dates) {
            article.dates.clear();
        }
        if !self.report.contains(Kind::People) {
            article.people.clear();
        }
        if !self.report.contains(Kind::Places) {
            article.places.clear();
        }
        if !self.report.contains(Kind::Events) {
            article.events.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateMention, DateType, Grain, Person, Resolved, Source};

    /// Marks every occurrence of "2025" as a year.
    struct Years;

    impl Extractor for Years {
        fn name(&self) -> &'static str {
            "years"
        }
        fn kind(&self) -> Option<Kind> {
            Some(Kind::Dates)
        }
        fn extract(&self, doc: &Document, _: &mut Context, article: &mut Article) {
            for (i, _) in doc.norm_text().match_indices("2025") {
                article.dates.push(DateMention {
                    span: doc.span(i..i + 4),
                    value: Some("2025".into()),
                    kind: DateType::Date,
                    grain: Grain::Year,
                    resolved: Resolved::Absolute,
                    calendar: None,
                });
            }
        }
    }

    /// A person for each date found before it: proves order and dependencies.
    struct PeopleFromDates;

    impl Extractor for PeopleFromDates {
        fn name(&self) -> &'static str {
            "people-from-dates"
        }
        fn kind(&self) -> Option<Kind> {
            Some(Kind::People)
        }
        fn needs(&self) -> Kinds {
            Kinds::of(&[Kind::Dates])
        }
        fn extract(&self, _: &Document, _: &mut Context, article: &mut Article) {
            for d in &article.dates {
                article.people.push(Person {
                    name: compact_str::format_compact!("Born {}", d.value.as_deref().unwrap_or("?")),
                    id: "local:test".into(),
                    native: d.span.text.clone(),
                    mentions: vec![d.span.clone()],
                    source: Source::Pattern,
                    role: None,
                });
            }
        }
    }

    fn pipeline(report: Kinds) -> Pipeline {
        Pipeline::new(vec![Box::new(Years), Box::new(PeopleFromDates)], report)
    }

    fn run(p: &Pipeline, text: &str) -> Article {
        let doc = Document::new(text.to_string());
        let mut article = Article::new("t.txt");
        p.run(&doc, &mut Context::default(), &mut article);
        article
    }

    #[test]
    fn stages_run_in_order_and_see_earlier_results() {
        let a = run(&pipeline(Kinds::ALL), "২০২৫ সালে, 2025 में");
        assert_eq!(a.dates.len(), 2);
        assert_eq!(a.dates[0].span.text, "২০২৫");
        assert_eq!((a.dates[0].span.start, a.dates[0].span.end), (0, 4));
        assert_eq!(a.people.len(), 2);
        assert_eq!(a.people[1].name, "Born 2025");
        assert_eq!(a.lang, crate::text::Lang::Bn);
    }

    #[test]
    fn only_runs_what_is_asked_and_its_needs() {
        let p = pipeline(Kinds::of(&[Kind::People]));
        assert_eq!(p.stage_names(), vec!["years", "people-from-dates"]);
        let a = run(&p, "in 2025");
        assert!(a.dates.is_empty(), "dates ran for people but are not reported");
        assert_eq!(a.people.len(), 1);

        let p = pipeline(Kinds::of(&[Kind::Dates]));
        assert_eq!(p.stage_names(), vec!["years"]);
        let a = run(&p, "in 2025");
        assert_eq!(a.dates.len(), 1);
        assert!(a.people.is_empty());
    }

    #[test]
    fn kinds_parse() {
        assert_eq!("places".parse::<Kind>(), Ok(Kind::Places));
        assert!("names".parse::<Kind>().is_err());
    }
}
