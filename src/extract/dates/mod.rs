//! Dates: every date and time expression, resolved to calendar values, and
//! the article's own publication stamp and reference date.

pub mod calendars;
pub mod grammar;
pub mod items;
mod resolve;

use jiff::civil::Date;

use super::reference::{given_reference, set_reference};
use super::{Context, Extractor, Kind};
use crate::lexicon::dates::{DateLexicon, Word, date_lexicon};
use crate::model::{Article, DateMention, ReferenceSource};
use crate::text::{Document, Lang, Words};
use grammar::{Expr, Sem};
pub use resolve::{Resolution, iso_day, resolve};

pub struct Dates;

impl Extractor for Dates {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn kind(&self) -> Option<Kind> {
        Some(Kind::Dates)
    }

    fn extract(&self, doc: &Document, ctx: &mut Context, article: &mut Article) {
        let lex = date_lexicon();
        let text = doc.norm_text();
        let items = items::scan(text, doc.words(), doc.word_numbers(), lex);
        let exprs = grammar::parse(text, &items, lex);
        let years = YearsBefore::new(&exprs);
        let stamp = find_stamp(doc, &items, &exprs);
        // The stamp's own year, if it lacks one: the record's or flag's, else the article's latest.
        let latest_year = exprs.iter().filter_map(explicit_year).max();
        let fallback_year = ctx
            .record_date
            .or(ctx.flag_date)
            .map(|d| d.year() as i32)
            .or(latest_year);
        let mut published = None;
        if let Some(k) = stamp {
            let r = resolve(&exprs[k].sem, None, fallback_year, None);
            if let Some(day) = r.day {
                set_reference(ctx, article, day, ReferenceSource::Published);
            }
            published = Some(k);
        }
        if ctx.reference.is_none()
            && !given_reference(ctx, article)
            && let Some(d) = infer_reference(doc, &exprs, &years)
        {
            set_reference(ctx, article, d, ReferenceSource::Inferred);
        }
        let mut mentions: Vec<DateMention> = Vec::with_capacity(exprs.len());
        for (k, e) in exprs.iter().enumerate() {
            let context_year = if Some(k) == published {
                fallback_year
            } else {
                context_year(doc, &exprs, &years, k, ctx.reference.is_some())
            };
            let tense = if needs_tense(&e.sem) {
                tense_at(doc, lex, e.start, e.end)
            } else {
                None
            };
            let mut r = resolve(&e.sem, ctx.reference, context_year, tense);
            // A weekday next to an explicit date takes that date: `বৃহস্পতিবার (২৪ এপ্রিল)`.
            if matches!(e.sem, Sem::Weekday { .. })
                && let Some(adopted) = neighbour_day(doc, &exprs, k, ctx.reference, context_year)
            {
                r = adopted;
            }
            mentions.push(r.mention(doc.span(e.start..e.end)));
        }
        if let Some(k) = published {
            article.published = Some(mentions[k].clone());
        }
        article.dates = mentions;
    }
}

/// Whether resolving `sem` depends on the tense of its sentence.
fn needs_tense(sem: &Sem) -> bool {
    match sem {
        Sem::Weekday {
            modifier: None | Some(0),
            ..
        }
        | Sem::RelDay { ambiguous: true, .. } => true,
        Sem::DateTime(inner, _) => needs_tense(inner),
        _ => false,
    }
}

/// The year an expression states outright.
fn explicit_year(e: &Expr) -> Option<i32> {
    match &e.sem {
        Sem::Day { ymd, .. } => ymd.y,
        Sem::Month { y, .. } => *y,
        Sem::Year(y) => Some(*y),
        Sem::Range(a, b) => b.y.or(a.y),
        Sem::DateTime(inner, _) => explicit_year(&Expr {
            start: e.start,
            end: e.end,
            sem: (**inner).clone(),
        }),
        _ => None,
    }
}

/// The year a year-less expression takes from its text: one stated earlier
/// in its paragraph; when there is no reference date, the nearest one stated
/// earlier in the article (`২০২৫ সালের ডিসেম্বরের শুরুতে ... ২–৩ ডিসেম্বর`).
fn context_year(doc: &Document, exprs: &[Expr], years: &YearsBefore, k: usize, have_reference: bool) -> Option<i32> {
    let j = years.0[k]?;
    // The same paragraph only when there is a reference: further back, a
    // year is history, not context.
    let para = doc.line_start(exprs[k].start);
    (!have_reference || exprs[j].start >= para)
        .then(|| explicit_year(&exprs[j]))
        .flatten()
}

/// For each expression, the last one before it that states a year: found
/// once, so that an article of many dates is read in linear time.
struct YearsBefore(Vec<Option<usize>>);

impl YearsBefore {
    fn new(exprs: &[Expr]) -> Self {
        let mut last = None;
        let mut out = Vec::with_capacity(exprs.len());
        for (k, e) in exprs.iter().enumerate() {
            out.push(last);
            if explicit_year(e).is_some() {
                last = Some(k);
            }
        }
        YearsBefore(out)
    }
}

/// The latest day the article states, in full or with the year from its
/// context: the reference date when nothing else gives one.
fn infer_reference(doc: &Document, exprs: &[Expr], years: &YearsBefore) -> Option<Date> {
    (0..exprs.len())
        .filter_map(|k| {
            let r = resolve(&exprs[k].sem, None, context_year(doc, exprs, years, k, false), None);
            r.absolute_day
        })
        .max()
}

/// A day-grain expression right before or after expression `k` (only space,
/// a comma or a bracket between): a weekday beside it names the same day.
fn neighbour_day(
    doc: &Document,
    exprs: &[Expr],
    k: usize,
    reference: Option<Date>,
    year: Option<i32>,
) -> Option<Resolution> {
    let text = doc.norm_text();
    let close = |gap: &str| gap.len() <= 4 && gap.chars().all(|c| matches!(c, ' ' | ',' | '(' | ')'));
    let is_date = |e: &Expr| matches!(e.sem, Sem::Day { .. } | Sem::Calendar { .. });
    let candidates = [
        k.checked_sub(1).filter(|&j| close(&text[exprs[j].end..exprs[k].start])),
        Some(k + 1).filter(|&j| j < exprs.len() && close(&text[exprs[k].end..exprs[j].start])),
    ];
    candidates
        .into_iter()
        .flatten()
        .filter(|&j| is_date(&exprs[j]))
        .find_map(|j| {
            let r = resolve(&exprs[j].sem, reference, year, None);
            r.day.map(|_| Resolution {
                kind: crate::model::DateType::Date,
                ..r
            })
        })
}

/// The article's own stamp: the expression after a publication label
/// (`প্রকাশিত:`, `Updated:`), else a dateline date at the start of a line
/// near the top (`नयी दिल्ली, 27 जून (भाषा)`, `DHAKA, Oct 2 (Reuters) -`).
fn find_stamp(doc: &Document, items: &[items::Item], exprs: &[Expr]) -> Option<usize> {
    let text = doc.norm_text();
    for it in items.iter().filter(|it| it.words.contains(&Word::PublishedLabel)) {
        let found = exprs.iter().position(|e| {
            e.start >= it.end && {
                let gap = &text[it.end..e.start];
                gap.len() <= 24
                    && !gap.contains('\n')
                    && !gap
                        .chars()
                        .any(|c| crate::text::is_alphabetic(c) && !c.is_ascii_uppercase())
            }
        });
        // `Updated Fri, 28 Mar 2025 08:30 PM`: a weekday before the stamp.
        let found = found.map(|k| match exprs.get(k + 1) {
            Some(next) if matches!(exprs[k].sem, Sem::Weekday { modifier: None, .. }) => {
                let gap = &text[exprs[k].end..next.start];
                if gap.len() <= 3 && gap.chars().all(|c| c == ',' || c == ' ') {
                    k + 1
                } else {
                    k
                }
            }
            _ => k,
        });
        if let Some(k) = found.filter(|&k| day_grain(&exprs[k].sem)) {
            return Some(k);
        }
    }
    // A stamp line: a short line near the top that starts with a full date
    // (`৪ জুন ২০২৫ ইং, ২১ জ্যৈষ্ঠ ১৪৩২ বাং`, `Tuesday, 4 November 2025`).
    const HEAD_LINES: usize = 8;
    let head_end = text.match_indices('\n').nth(HEAD_LINES).map_or(text.len(), |(p, _)| p);
    let stamp_line = exprs.iter().take_while(|e| e.start < head_end).position(|e| {
        let (line_start, line_end) = (doc.line_start(e.start), doc.line_end(e.start));
        // Over 400 bytes is over 100 characters, whatever the script.
        day_grain(&e.sem)
            && explicit_year(e).is_some()
            && line_end - line_start <= 400
            && text[line_start..e.start].trim().is_empty()
            && text[line_start..line_end].chars().count() <= 100
    });
    if stamp_line.is_some() {
        return stamp_line;
    }
    // Datelines: within the first lines of the body.
    const TOP: usize = 2000;
    exprs.iter().take_while(|e| e.start < TOP).position(|e| {
        if !day_grain(&e.sem) {
            return false;
        }
        let line_start = doc.line_start(e.start);
        let head = &text[line_start..e.start];
        let after = text[e.end..].trim_start_matches(' ');
        head.trim_end().ends_with(',')
            && head.chars().count() <= 40
            && Words::new(head).count() <= 4
            && after.starts_with(['(', ':', 'ঃ', '-', '–', '—'])
    })
}

fn day_grain(sem: &Sem) -> bool {
    matches!(sem, Sem::Day { .. } | Sem::DateTime(..) | Sem::Calendar { .. })
}

/// The tense of the clause around `start..end`: `Some(true)` future,
/// `Some(false)` past. In Bengali and Hindi the verb follows, so the first
/// tense word after the expression decides; in English the nearest one.
fn tense_at(doc: &Document, lex: &DateLexicon, start: usize, end: usize) -> Option<bool> {
    let text = doc.norm_text();
    let words = doc.words();
    let sentence = doc.sentence_at(start);
    let verb_final = matches!(
        crate::text::script_of_span(&text[start..end]),
        crate::text::Script::Bengali | crate::text::Script::Devanagari
    ) || matches!(doc.lang, Lang::Bn | Lang::Hi);
    // A whole word's tense is looked up by its number; a word the
    // expression cuts, by its letters.
    let tense = |i: usize, r: &std::ops::Range<usize>| {
        if *r == words[i] {
            lex.tense_of_word(doc, i)
        } else {
            lex.folded_tense_of(&text[r.clone()])
        }
    };
    // The first verb after the expression, or the first run of verbs: in a
    // compound (`मनाया जाएगा`, `করবেন বলে`) a future anywhere makes it future.
    let mut after: Option<(usize, Option<bool>)> = None;
    let mut last = None;
    // An expression may run past its sentence where an over-long one was cut.
    let sentence_end = sentence.end.max(end);
    // In English the verb after a comma is another clause's, most often
    // the reporting one (`..., officials said`).
    let clause_end = if verb_final {
        sentence_end
    } else {
        // Searched as bytes: an ASCII byte is never part of another character.
        memchr::memchr2(b',', b';', &text.as_bytes()[end..sentence_end]).map_or(sentence_end, |i| end + i)
    };
    for (n, i) in doc.word_indices_between(end, clause_end).enumerate() {
        let r = words[i].start.max(end)..words[i].end.min(clause_end);
        match tense(i, &r) {
            Some(t) if last.is_none_or(|l| l + 1 == n) => {
                last = Some(n);
                match after.as_mut() {
                    Some(first) => first.1 = Some(first.1 == Some(true) || t),
                    None => after = Some((n, Some(t))),
                }
            }
            _ if last.is_some() => break,
            _ => {}
        }
    }
    // The words before, each as much of it as lies before the expression.
    let before_words = doc.word_indices_between(sentence.start, start);
    let before_word = |i: usize| words[i].start.max(sentence.start)..words[i].end.min(start);
    // `is scheduled to call on Wednesday`
    let phrase_at =
        |i: usize| i + 1 < before_words.end && lex.is_future_phrase(&text[before_word(i)], &text[before_word(i + 1)]);
    let mut before = before_words.clone().rev().enumerate().find_map(|(n, i)| {
        if phrase_at(i) {
            return Some((n, true));
        }
        tense(i, &before_word(i)).map(|t| (n, t))
    });
    // A past participle after a future modal is future: `would not be held`.
    if let Some((n, false)) = before {
        let modal = before_words
            .rev()
            .skip(n + 1)
            .take(3)
            .any(|i| tense(i, &before_word(i)) == Some(true));
        if modal {
            before = Some((n, true));
        }
    }
    match (after, before) {
        (Some((_, t)), _) if verb_final => t,
        (Some((na, ta)), Some((nb, tb))) => Some(if nb < na { tb } else { ta.unwrap_or(tb) }),
        (Some((_, t)), None) => t,
        (None, Some((_, t))) => Some(t),
        (None, None) => None,
    }
}
