//! The date relative expressions resolve against: the article's own stamp
//! (found by the dates extractor's stamp stage), else the JSONL record's date,
//! else `--reference-date`.

use super::{Context, Extractor, Kind};
use crate::model::{Article, ReferenceSource};
use crate::text::Document;

pub struct ReferenceDate;

impl Extractor for ReferenceDate {
    fn name(&self) -> &'static str {
        "reference-date"
    }

    fn kind(&self) -> Option<Kind> {
        None
    }

    fn extract(&self, _: &Document, ctx: &mut Context, article: &mut Article) {
        if ctx.reference.is_none() {
            given_reference(ctx, article);
        }
    }
}

/// Take the reference date from outside the text: the JSONL record's date,
/// else `--reference-date`. Returns whether there was one.
pub fn given_reference(ctx: &mut Context, article: &mut Article) -> bool {
    let (date, source) = match (ctx.record_date, ctx.flag_date) {
        (Some(d), _) => (d, ReferenceSource::Record),
        (None, Some(d)) => (d, ReferenceSource::Flag),
        (None, None) => return false,
    };
    set_reference(ctx, article, date, source);
    true
}

/// Record `date` as the article's reference date.
pub fn set_reference(ctx: &mut Context, article: &mut Article, date: jiff::civil::Date, source: ReferenceSource) {
    ctx.reference = Some(date);
    article.reference_date = Some(date.to_string());
    article.reference_source = Some(source);
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn run(ctx: &mut Context) -> Article {
        let mut a = Article::new("x");
        ReferenceDate.extract(&Document::new(String::new()), ctx, &mut a);
        a
    }

    #[test]
    fn record_date_wins_over_flag() {
        let mut ctx = Context {
            record_date: Some(date(2025, 9, 3)),
            flag_date: Some(date(2024, 1, 1)),
            ..Default::default()
        };
        let a = run(&mut ctx);
        assert_eq!(a.reference_date.as_deref(), Some("2025-09-03"));
        assert_eq!(a.reference_source, Some(ReferenceSource::Record));
        assert_eq!(ctx.reference, Some(date(2025, 9, 3)));
    }

    #[test]
    fn flag_when_nothing_else() {
        let a = run(&mut Context {
            flag_date: Some(date(2024, 1, 1)),
            ..Default::default()
        });
        assert_eq!(a.reference_date.as_deref(), Some("2024-01-01"));
        assert_eq!(a.reference_source, Some(ReferenceSource::Flag));
        assert_eq!(run(&mut Context::default()).reference_date, None);
    }
}
