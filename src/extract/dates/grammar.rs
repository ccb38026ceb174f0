//! The date grammar: patterns over items (see `items`), checked with the gaps
//! between them, producing expressions with their meaning still unresolved.

use super::items::{Item, ItemKind};
use crate::lexicon::dates::{DateLexicon, DayPeriod, Era, Part, Unit, Word, kind};

/// A day of a month, with its year when the text gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub y: Option<i32>,
    pub m: u8,
    pub d: u8,
}

/// A clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub h: u8,
    pub m: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherCalendar {
    Bengali,
    Hijri,
}

/// What an expression means, before resolution against a reference date.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    Day {
        ymd: Ymd,
        modifier: Option<i8>,
    },
    Month {
        y: Option<i32>,
        m: u8,
        modifier: Option<i8>,
    },
    Year(i32),
    Range(Ymd, Ymd),
    Weekday {
        wd: u8,
        modifier: Option<i8>,
    },
    RelDay {
        offset: i8,
        ambiguous: bool,
    },
    RelUnit {
        modifier: i8,
        unit: Unit,
        part: Option<Part>,
    },
    /// A month of a relative year: `চলতি বছরের এপ্রিলে`.
    RelYearMonth {
        modifier: i8,
        m: u8,
    },
    Ago {
        n: Option<u32>,
        unit: Unit,
        dir: i8,
    },
    Duration {
        n: Option<u32>,
        unit: Unit,
    },
    Weekend {
        modifier: i8,
    },
    Time(Time),
    TimeRange(Time, Time),
    DateTime(Box<Sem>, Time),
    Calendar {
        cal: OtherCalendar,
        y: Option<i32>,
        m: u8,
        d: u8,
    },
}

impl Sem {
    /// Whether the expression names one day (and so can take a time).
    fn is_day(&self) -> bool {
        matches!(
            self,
            Sem::Day { .. } | Sem::Weekday { .. } | Sem::RelDay { .. } | Sem::Calendar { .. }
        )
    }
}

/// A parsed expression: normalised byte range and meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
}

pub struct Grammar<'a> {
    text: &'a str,
    items: &'a [Item<'a>],
    lex: &'a DateLexicon,
}

/// Parse every expression, leftmost first, longest at each place.
pub fn parse(text: &str, items: &[Item], lex: &DateLexicon) -> Vec<Expr> {
    let g = Grammar { text, items, lex };
    // An expression takes an item or more: room for one in two.
    let mut out = Vec::with_capacity(items.len() / 2);
    let mut i = 0;
    while i < items.len() {
        if !g.may_begin(i) {
            i += 1;
            continue;
        }
        match g.expr(i) {
            Some((sem, next)) => {
                out.push(Expr {
                    start: items[i].start,
                    end: items[next - 1].end,
                    sem,
                });
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// `g` without the spaces and no-break spaces (`C2 A0`) at either end.
fn trim_spaces(mut g: &[u8]) -> &[u8] {
    loop {
        g = match g {
            [b' ', rest @ ..] | [0xC2, 0xA0, rest @ ..] => rest,
            [rest @ .., b' '] | [rest @ .., 0xC2, 0xA0] => rest,
            _ => return g,
        }
    }
}

impl<'a> Grammar<'a> {
    fn item(&self, i: usize) -> Option<&'a Item<'a>> {
        self.items.get(i)
    }

    /// Whether an expression may begin at item `i`: a number, or a word
    /// that may begin one ([`Word::may_begin`]), told by its kinds.
    fn may_begin(&self, i: usize) -> bool {
        let item = &self.items[i];
        match item.kind {
            ItemKind::Num { .. } => true,
            ItemKind::Lex { .. } => item.kinds & !kind::NEVER_BEGIN != 0,
        }
    }

    /// Whether one of the two words before item `i` is an anchor.
    fn anchored(&self, i: usize) -> bool {
        let Some(item) = self.item(i) else { return false };
        let before = &self.text[..item.start];
        let base = (before.len().saturating_sub(120)..=before.len())
            .find(|&b| before.is_char_boundary(b))
            .unwrap_or(before.len());
        let near = &before[base..];
        let words: Vec<_> = crate::text::Words::new(near).collect();
        words.iter().rev().take(2).any(|r| self.lex.is_anchor(&near[r.clone()]))
    }

    /// The text between items `i` and `i + 1`, as bytes: items start and
    /// end between characters, so the gap needs no test that it does.
    fn gap(&self, i: usize) -> Option<&'a [u8]> {
        let (a, b) = (self.items.get(i)?, self.items.get(i + 1)?);
        self.text.as_bytes().get(a.end..b.start)
    }

    /// Items `i` and `i + 1` are separated by a little plain space.
    fn sp(&self, i: usize) -> bool {
        // Read as bytes: text of spaces (`20`) and no-break spaces (`C2 A0`)
        // alone is made of those bytes alone, and no other text is.
        self.gap(i)
            .is_some_and(|g| !g.is_empty() && g.len() <= 3 && g.iter().all(|b| matches!(b, b' ' | 0xC2 | 0xA0)))
    }

    /// The gap after item `i`, trimmed, when it stays on one line and is short.
    fn gap_is(&self, i: usize, allowed: &[&str]) -> bool {
        self.gap(i).is_some_and(|g| {
            g.len() <= 6 && !g.contains(&b'\n') && {
                let g = trim_spaces(g);
                allowed.iter().any(|a| a.as_bytes() == g)
            }
        })
    }

    /// The first answer `f` gives of the words of item `i`, asked only of
    /// an item with a word of `kinds` ([`Word::kind`]): `f` answers no
    /// word of another kind.
    fn find<T>(&self, i: usize, kinds: u32, f: impl Fn(&Word) -> Option<T>) -> Option<T> {
        let item = self.item(i)?;
        debug_assert!(item.words.iter().all(|w| w.kind() & kinds != 0 || f(w).is_none()));
        if item.kinds & kinds == 0 {
            return None;
        }
        item.words.iter().find_map(f)
    }

    fn num(&self, i: usize) -> Option<(u32, u8, bool, bool)> {
        match self.item(i)?.kind {
            ItemKind::Num {
                value,
                digits,
                ordinal,
                hour,
                ..
            } => Some((value, digits, ordinal, hour)),
            _ => None,
        }
    }

    fn counter(&self, i: usize) -> bool {
        matches!(
            self.item(i).map(|it| it.kind),
            Some(ItemKind::Num { counter: true, .. })
        )
    }

    /// `মাসে` after a month name: `মে মাসে`, `ডিসেম্বর মাসে`.
    fn month_word_after(&self, next: usize) -> usize {
        if next < self.items.len() && self.sp(next - 1) && self.unit(next) == Some(Unit::Month) {
            next + 1
        } else {
            next
        }
    }

    fn capitalized_or_native(&self, i: usize) -> bool {
        match self.item(i).map(|it| it.kind) {
            Some(ItemKind::Lex { latin, capitalized, .. }) => !latin || capitalized,
            _ => false,
        }
    }

    fn month(&self, i: usize) -> Option<u8> {
        if !self.capitalized_or_native(i) {
            return None; // `may`, `march` are verbs
        }
        self.find(i, kind::MONTH, |w| if let Word::Month(m) = w { Some(*m) } else { None })
    }

    fn modifier(&self, i: usize) -> Option<i8> {
        self.find(i, kind::MODIFIER, |w| {
            if let Word::Modifier(m) = w { Some(*m) } else { None }
        })
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        self.find(i, kind::UNIT, |w| if let Word::Unit(u) = w { Some(*u) } else { None })
    }

    fn part(&self, i: usize) -> Option<Part> {
        self.find(i, kind::PART, |w| if let Word::Part(p) = w { Some(*p) } else { None })
    }

    /// Whether `f` holds of a word of item `i`, asked as [`Grammar::find`]
    /// asks: `f` holds of no word but of `kinds`.
    fn has(&self, i: usize, kinds: u32, f: impl Fn(&Word) -> bool) -> bool {
        self.find(i, kinds, |w| f(w).then_some(())).is_some()
    }

    /// A day of the month: `21`, `১৪ ই`, `২২শে`, `5th`, `সাত`.
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        let d = match self.num(i) {
            Some((v, digits, _, false)) if digits <= 2 && (1..=31).contains(&v) => v as u8,
            Some(_) => return None,
            None => {
                let n = self.find(
                    i,
                    kind::NUMBER,
                    |w| if let Word::Number(n) = w { Some(*n) } else { None },
                )?;
                if !(1..=31).contains(&n) {
                    return None;
                }
                n as u8
            }
        };
        if self.sp(i)
            && self.has(i + 1, kind::ORDINAL_SUFFIX, |w| {
                matches!(w, Word::OrdinalSuffix { separate: true, .. })
            })
        {
            return Some((d, i + 2));
        }
        Some((d, i + 1))
    }

    /// A four-digit year, with a marker after it (`সালের`) or an era.
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let (v, digits, ord, hour) = self.num(i)?;
        if digits != 4 || ord || hour || !(1000..=2199).contains(&v) {
            return None;
        }
        let mut next = i + 1;
        if self.sp(i)
            && self.has(i + 1, kind::YEAR_MARKER | kind::ERA, |w| {
                matches!(w, Word::YearMarker { before: false } | Word::Era(Era::Gregorian))
            })
        {
            next += 1;
        }
        Some((v as i32, next))
    }

    /// A year that stands alone only with its marker: `২০২১ সালের`, `साल 2024`,
    /// `in 2023` (span from the number), `2024 में`.
    fn marked_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.has(i, kind::YEAR_MARKER, |w| matches!(w, Word::YearMarker { before: true })) && self.sp(i) {
            let (y, next) = self.year(i + 1)?;
            return Some((y, next));
        }
        let (y, next) = self.year(i)?;
        if next > i + 1 {
            return Some((y, next));
        }
        let prep_before = i > 0
            && self.sp(i - 1)
            && self.has(i - 1, kind::YEAR_PREP, |w| matches!(w, Word::YearPrep { before: true }));
        let prep_after = self.sp(i)
            && self.has(i + 1, kind::YEAR_PREP, |w| {
                matches!(w, Word::YearPrep { before: false })
            });
        (prep_before || prep_after).then_some((y, next))
    }

    fn expr(&self, i: usize) -> Option<(Sem, usize)> {
        // A time first, perhaps with its day after it: `১২:৩৭ পিএম, ২১ ডিসেম্বর ২০২৫`.
        if let Some((t, next)) = self.time(i) {
            if let Some((t2, next2)) = self.time_range_end(next) {
                return Some((Sem::TimeRange(t, t2), next2));
            }
            if next < self.items.len()
                && self.gap_is(next - 1, &["", ",", "on", "at"])
                && let Some((mut day, mut after)) = self.day_expr(next).filter(|(s, _)| s.is_day())
            {
                // `০৩:১০ পিএম, বুধবার, ২৯ অক্টোবর ২০২৫`: the weekday's date follows.
                if matches!(day, Sem::Weekday { modifier: None, .. })
                    && self.gap_is(after - 1, &["", ","])
                    && let Some((date @ Sem::Day { modifier: None, .. }, end)) =
                        self.day_month(after).or_else(|| self.month_day(after))
                {
                    (day, after) = (date, end);
                }
                return Some((Sem::DateTime(Box::new(day), t), after));
            }
            return Some((Sem::Time(t), next));
        }
        let (sem, next) = self.day_expr(i).or_else(|| self.other_expr(i))?;
        // A day, then its time: `২১ ডিসেম্বর বিকেল ৪টায়`, `Sept. 6, 2025 4:15 pm`.
        if sem.is_day()
            && next < self.items.len()
            && self.gap_is(next - 1, &["", ",", "at", "on"])
            && let Some((t, after)) = self.time(next)
        {
            return Some((Sem::DateTime(Box::new(sem), t), after));
        }
        Some((sem, next))
    }

    /// `to 4:30 p.m.` after a time.
    fn time_range_end(&self, next: usize) -> Option<(Time, usize)> {
        if next >= self.items.len() {
            return None;
        }
        if self.gap_is(next - 1, &["-", "–", "—"]) {
            return self.time(next);
        }
        if self.sp(next - 1)
            && self.has(next, kind::RANGE_TO | kind::RANGE_FROM, |w| {
                matches!(w, Word::RangeTo | Word::RangeFrom)
            })
            && self.sp(next)
        {
            let (t, mut after) = self.time(next + 1)?;
            // `সকাল ৭টা থেকে বিকেল ৪টা পর্যন্ত`
            if after < self.items.len()
                && self.sp(after - 1)
                && self.has(after, kind::RANGE_TO, |w| matches!(w, Word::RangeTo))
            {
                after += 1;
            }
            return Some((t, after));
        }
        None
    }

    /// Expressions that name a day (or a range or month of days).
    fn day_expr(&self, i: usize) -> Option<(Sem, usize)> {
        if let Some(r) = self.numeric_date(i) {
            return Some(r);
        }
        // `from Aug 31 to Sept 1`
        if self.has(i, kind::RANGE_FROM, |w| matches!(w, Word::RangeFrom))
            && self.sp(i)
            && let Some((Sem::Day { ymd: a, modifier: None }, j)) =
                self.day_month(i + 1).or_else(|| self.month_day(i + 1))
            && j + 1 < self.items.len()
            && self.sp(j - 1)
            && self.has(j, kind::RANGE_TO, |w| matches!(w, Word::RangeTo))
            && self.sp(j)
            && let Some((Sem::Day { ymd: b, modifier: None }, k)) =
                self.day_month(j + 1).or_else(|| self.month_day(j + 1))
        {
            let a = Ymd { y: a.y.or(b.y), ..a };
            return Some((Sem::Range(a, b), k));
        }
        // `গত ৫ আগস্টের`, `আগামী ১৮ নভেম্বর`
        if let Some(m) = self.modifier(i).filter(|_| self.sp(i))
            && let Some((Sem::Day { ymd, .. }, next)) = self.day_month(i + 1)
        {
            return Some((Sem::Day { ymd, modifier: Some(m) }, next));
        }
        if let Some(r) = self.day_month(i) {
            return Some(r);
        }
        if let Some(r) = self.month_day(i) {
            return Some(r);
        }
        if let Some(r) = self.year_first(i) {
            return Some(r);
        }
        if let Some(r) = self.weekday(i) {
            return Some(r);
        }
        if let Some((offset, ambiguous)) = self.find(i, kind::RELATIVE_DAY, |w| {
            if let Word::RelativeDay { offset, ambiguous } = w {
                Some((*offset, *ambiguous))
            } else {
                None
            }
        }) {
            // `कल-कारखाने`: a compound, not `yesterday`.
            if self.text[self.items[i].end..].starts_with('-') {
                return None;
            }
            return Some((Sem::RelDay { offset, ambiguous }, i + 1));
        }
        None
    }

    /// `২০২৫-১২-২১`, `05/10/2023`, `5-10-2023`, `21.12.2024`: day first.
    fn numeric_date(&self, i: usize) -> Option<(Sem, usize)> {
        let (a, ad, ..) = self.num(i)?;
        let sep = self.gap(i)?;
        if !matches!(sep, b"-" | b"/" | b".") || self.gap(i + 1)? != sep {
            return None;
        }
        let (b, bd, ..) = self.num(i + 1)?;
        let (c, cd, ..) = self.num(i + 2)?;
        let (y, m, d) = if ad == 4 && bd <= 2 && cd <= 2 {
            (a, b, c)
        } else if ad <= 2 && bd <= 2 && cd == 4 {
            if b > 12 && a <= 12 { (c, a, b) } else { (c, b, a) }
        } else {
            return None;
        };
        jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
        let ymd = Ymd {
            y: Some(y as i32),
            m: m as u8,
            d: d as u8,
        };
        Some((Sem::Day { ymd, modifier: None }, i + 3))
    }

    /// `২১ ডিসেম্বর ২০২৫`, `২–৩ ডিসেম্বর`, `সাত ও আট নভেম্বর`,
    /// `31 अगस्त से 1 सितंबर तक`, `২০ কার্তিক ১৪৩২`.
    fn day_month(&self, i: usize) -> Option<(Sem, usize)> {
        let (d1, mut j) = self.day(i)?;
        // A second day: `২–৩`, `19-21`, `সাত ও আট`, `चार से छह`.
        let mut d2 = None;
        if j < self.items.len() {
            if self.gap_is(j - 1, &["-", "–", "—"]) {
                if let Some((d, k)) = self.day(j) {
                    d2 = Some(d);
                    j = k;
                }
            } else if self.sp(j - 1)
                && self.has(j, kind::AND | kind::RANGE_FROM | kind::RANGE_TO, |w| {
                    matches!(w, Word::And | Word::RangeFrom | Word::RangeTo)
                })
                && self.sp(j)
                && let Some((d, k)) = self.day(j + 1)
                && (self.month(k).is_some() || self.has(k, kind::MONTH, |w| matches!(w, Word::Month(_))))
            {
                d2 = Some(d);
                j = k;
            }
        }
        if !self.sp(j - 1) {
            return None;
        }
        if let Some(r) = self.other_calendar(d1, j) {
            return if d2.is_none() { Some(r) } else { None };
        }
        let m = self.month(j)?;
        let mut next = j + 1;
        let mut y = None;
        if next < self.items.len()
            && self.gap_is(next - 1, &["", ","])
            && let Some((yy, n)) = self.year(next)
        {
            y = Some(yy);
            next = n;
        }
        let start = Ymd { y, m, d: d1 };
        if let Some(d2) = d2 {
            if next < self.items.len()
                && self.sp(next - 1)
                && self.has(next, kind::RANGE_TO, |w| matches!(w, Word::RangeTo))
            {
                next += 1;
            }
            return Some((Sem::Range(start, Ymd { y, m, d: d2 }), next));
        }
        // `31 अगस्त से 1 सितंबर तक`, `চার সেপ্টেম্বর থেকে ছয় সেপ্টেম্বর`
        if next < self.items.len()
            && self.has(next, kind::RANGE_FROM, |w| matches!(w, Word::RangeFrom))
            && self.sp(next - 1)
            && self.sp(next)
            && let Some((
                Sem::Day {
                    ymd: end,
                    modifier: None,
                },
                after,
            )) = self.day_month(next + 1)
        {
            let mut after = after;
            if after < self.items.len()
                && self.sp(after - 1)
                && self.has(after, kind::RANGE_TO, |w| matches!(w, Word::RangeTo))
            {
                after += 1;
            }
            let start = Ymd {
                y: start.y.or(end.y),
                ..start
            };
            return Some((Sem::Range(start, end), after));
        }
        Some((
            Sem::Day {
                ymd: start,
                modifier: None,
            },
            next,
        ))
    }

    /// `২০ কার্তিক ১৪৩২ বঙ্গাব্দ`, `২৯ জমাদিউস সানি ১৪৪৭ হিজরি`.
    fn other_calendar(&self, d: u8, j: usize) -> Option<(Sem, usize)> {
        let (cal, m) = self.find(j, kind::BENGALI_MONTH | kind::HIJRI_MONTH, |w| match w {
            Word::BengaliMonth(m) => Some((OtherCalendar::Bengali, *m)),
            Word::HijriMonth(m) => Some((OtherCalendar::Hijri, *m)),
            _ => None,
        })?;
        let mut next = j + 1;
        let mut y = None;
        if self.sp(j)
            && let Some((v, 4, false, false)) = self.num(j + 1)
        {
            y = Some(v as i32);
            next = j + 2;
        }
        let era_matches = |w: &Word| {
            matches!(
                (w, cal),
                (Word::Era(Era::Bengali), OtherCalendar::Bengali) | (Word::Era(Era::Hijri), OtherCalendar::Hijri)
            )
        };
        let mut has_era = false;
        if next < self.items.len() && self.sp(next - 1) && self.has(next, kind::ERA, era_matches) {
            next += 1;
            has_era = true;
        }
        // A Hijri month name (`সফর`) is also a common word: it needs a year or an era.
        if cal == OtherCalendar::Hijri && y.is_none() && !has_era {
            return None;
        }
        Some((Sem::Calendar { cal, y, m, d }, next))
    }

    /// `ফেব্রুয়ারি 28, 2025`, `Sept. 6, 2025`, `Aug 19-21`, `June 4th`;
    /// else a month alone (`ডিসেম্বরের শুরুতে`, `September 2024`).
    fn month_day(&self, i: usize) -> Option<(Sem, usize)> {
        // `early December`, `end of December`
        if self.part(i).is_some() {
            let mut j = i + 1;
            if self.sp(i) && self.has(j, kind::LINK, |w| matches!(w, Word::Link)) && self.sp(j) {
                j += 1;
            }
            let hyphened = self.gap(i) == Some(b"") && self.text[..self.items[i].end].ends_with('-');
            if (j == i + 1 && (self.sp(i) || hyphened) || j > i + 1)
                && let Some(m) = self.month(j)
            {
                let (y, next) = self.year_after(j + 1);
                return Some((Sem::Month { y, m, modifier: None }, next));
            }
        }
        let m = self.month(i)?;
        if self.sp(i)
            && let Some((d, mut next)) = self.day(i + 1).filter(|_| self.num(i + 1).is_some())
        {
            let mut d2 = None;
            if next < self.items.len()
                && self.gap_is(next - 1, &["-", "–"])
                && let Some((dd, n)) = self.day(next)
            {
                d2 = Some(dd);
                next = n;
            }
            let mut y = None;
            if next < self.items.len()
                && self.gap_is(next - 1, &[",", ""])
                && let Some((yy, n)) = self.year(next)
            {
                y = Some(yy);
                next = n;
            }
            let start = Ymd { y, m, d };
            let sem = match d2 {
                Some(d2) => Sem::Range(start, Ymd { d: d2, ..start }),
                None => Sem::Day {
                    ymd: start,
                    modifier: None,
                },
            };
            return Some((sem, next));
        }
        self.month_alone(i)
    }

    /// A month with perhaps its year and a part: `September 2024`,
    /// `ডিসেম্বরের শুরুতে`, `जून के आखिर में`.
    fn month_alone(&self, i: usize) -> Option<(Sem, usize)> {
        let m = self.month(i)?;
        let (y, next) = self.year_after(i + 1);
        let with_unit = self.month_word_after(next);
        if y.is_none() && with_unit == next && !self.lone_month_ok(i) {
            return None;
        }
        Some((Sem::Month { y, m, modifier: None }, self.part_after(with_unit)))
    }

    /// A year right after a month (`September 2024`, `দিসম্বর 2025`), and
    /// where the expression goes on.
    fn year_after(&self, next: usize) -> (Option<i32>, usize) {
        if next < self.items.len()
            && self.gap_is(next - 1, &["", ","])
            && let Some((y, n)) = self.year(next)
        {
            return (Some(y), self.part_after(n));
        }
        (None, self.part_after(next))
    }

    /// A bare month word is also a common word (`মার্চ` a march, `মে`, `may`),
    /// so alone it is a date only with a sign of one: a glued case ending
    /// (`জুনে`), a postposition or part after it (`जून में`, `June end`), or a
    /// preposition before an English one (`in July`). Short names (`মে`) need
    /// more than an ending.
    fn lone_month_ok(&self, i: usize) -> bool {
        let Some(ItemKind::Lex {
            pattern,
            latin,
            suffixed,
            ..
        }) = self.item(i).map(|it| it.kind)
        else {
            return false;
        };
        let followed = self.sp(i)
            && self.has(i + 1, kind::LINK | kind::YEAR_PREP | kind::PART, |w| {
                matches!(w, Word::Link | Word::YearPrep { before: false } | Word::Part(_))
            });
        if latin {
            let preceded = i > 0
                && self.sp(i - 1)
                && self.has(i - 1, kind::YEAR_PREP, |w| matches!(w, Word::YearPrep { before: true }));
            return preceded || followed;
        }
        let short = self.lex.chars[pattern] <= 2;
        followed || (suffixed && !short)
    }

    /// After an expression ending before item `next`: a part (`শুরুতে`, `के
    /// आखिर में`) joins it.
    fn part_after(&self, next: usize) -> usize {
        if next >= self.items.len() {
            return next;
        }
        let end = if self.sp(next - 1) && self.part(next).is_some() {
            next + 1
        } else if self.sp(next - 1)
            && self.has(next, kind::LINK, |w| matches!(w, Word::Link))
            && self.sp(next)
            && self.part(next + 1).is_some()
        {
            next + 2
        } else {
            return next;
        };
        // `के आखिर में`: the postposition after the part belongs to it.
        if end < self.items.len() && self.sp(end - 1) && self.has(end, kind::LINK, |w| matches!(w, Word::Link)) {
            end + 1
        } else {
            end
        }
    }

    /// `২০২৫ সালের ৩ জুলাই`, `2016 के जनवरी 12`, `২০২২ সালের ফেব্রুয়ারিতে`.
    fn year_first(&self, i: usize) -> Option<(Sem, usize)> {
        let (y, mut j) = self.year(i)?;
        if !self.sp(j - 1) {
            return None;
        }
        if self.has(j, kind::LINK, |w| matches!(w, Word::Link)) && self.sp(j) {
            j += 1;
        }
        if let Some((d, k)) = self.day(j)
            && self.sp(k - 1)
            && let Some(m) = self.month(k)
        {
            return Some((
                Sem::Day {
                    ymd: Ymd { y: Some(y), m, d },
                    modifier: None,
                },
                k + 1,
            ));
        }
        let m = self.month(j)?;
        if self.sp(j)
            && let Some((d, k)) = self.day(j + 1).filter(|_| self.num(j + 1).is_some())
        {
            return Some((
                Sem::Day {
                    ymd: Ymd { y: Some(y), m, d },
                    modifier: None,
                },
                k,
            ));
        }
        Some((
            Sem::Month {
                y: Some(y),
                m,
                modifier: None,
            },
            self.part_after(self.month_word_after(j + 1)),
        ))
    }

    /// `গত শনিবার`, `मंगलवार`, `next Monday`.
    fn weekday(&self, i: usize) -> Option<(Sem, usize)> {
        let wd_at = |j: usize| {
            if !self.capitalized_or_native(j) {
                return None;
            }
            self.find(
                j,
                kind::WEEKDAY,
                |w| if let Word::Weekday(d) = w { Some(*d) } else { None },
            )
        };
        if let Some(m) = self.modifier(i).filter(|_| self.sp(i))
            && let Some(wd) = wd_at(i + 1)
        {
            return Some((Sem::Weekday { wd, modifier: Some(m) }, i + 2));
        }
        let wd = wd_at(i)?;
        Some((Sem::Weekday { wd, modifier: None }, i + 1))
    }

    /// Relative and vague expressions, durations, years alone.
    fn other_expr(&self, i: usize) -> Option<(Sem, usize)> {
        if let Some((y, next)) = self.marked_year(i) {
            return Some((Sem::Year(y), self.part_after(next)));
        }
        // `2024 के आखिर में`
        if let Some((y, next)) = self.year(i) {
            let end = self.part_after(next);
            if end > next {
                return Some((Sem::Year(y), end));
            }
        }
        // `early next month`
        if let Some(part) = self.part(i).filter(|_| self.sp(i))
            && let (Some(m), Some(unit)) = (self.modifier(i + 1), self.unit(i + 2))
            && self.sp(i + 1)
        {
            return Some((
                Sem::RelUnit {
                    modifier: m,
                    unit,
                    part: Some(part),
                },
                i + 3,
            ));
        }
        if let Some(m) = self.modifier(i).filter(|_| self.sp(i)) {
            if let Some(unit) = self.unit(i + 1) {
                // `চলতি বছরের এপ্রিলে`
                if unit == Unit::Year
                    && self.sp(i + 1)
                    && let Some(month) = self.month(i + 2)
                {
                    let next = self.part_after(self.month_word_after(i + 3));
                    return Some((Sem::RelYearMonth { modifier: m, m: month }, next));
                }
                let next = self.part_after(i + 2);
                let part = (i + 2..next).find_map(|k| self.part(k));
                return Some((
                    Sem::RelUnit {
                        modifier: m,
                        unit,
                        part,
                    },
                    next,
                ));
            }
            if self.has(i + 1, kind::WEEKEND, |w| matches!(w, Word::Weekend)) {
                return Some((Sem::Weekend { modifier: m }, i + 2));
            }
            if let Some(month) = self.month(i + 1) {
                return Some((
                    Sem::Month {
                        y: None,
                        m: month,
                        modifier: Some(m),
                    },
                    self.part_after(i + 2),
                ));
            }
        }
        if self.has(i, kind::WEEKEND, |w| matches!(w, Word::Weekend)) {
            return Some((Sem::Weekend { modifier: 0 }, i + 1));
        }
        // `তিন দিন আগে`, `three days ago`, `कुछ हफ्तों`, `16 दिनों`
        let count = match self.num(i) {
            Some((v, digits, false, false)) if digits <= 3 => Some(Some(v)),
            Some(_) => None,
            None if self.has(i, kind::FEW, |w| matches!(w, Word::Few)) => Some(None),
            None => self.find(i, kind::NUMBER, |w| {
                if let Word::Number(n) = w { Some(Some(*n)) } else { None }
            }),
        };
        if let Some(n) = count
            && self.sp(i)
            && let Some(unit) = self.unit(i + 1)
        {
            if self.sp(i + 1)
                && let Some(dir) = self.find(i + 2, kind::AGO, |w| if let Word::Ago(d) = w { Some(*d) } else { None })
            {
                // `বৈঠকের (মাত্র) তিন দিন আগে` counts back from the meeting, not today.
                let n = if self.anchored(i) { None } else { n };
                return Some((Sem::Ago { n, unit, dir }, i + 3));
            }
            if self.sp(i + 1) && self.has(i + 2, kind::AGE, |w| matches!(w, Word::Age)) {
                return None; // `৪৫ বছর বয়সী`: an age
            }
            return Some((Sem::Duration { n, unit }, i + 2));
        }
        None
    }

    /// A clock time: `১২:৩৭ পিএম`, `বিকেল ৪টায়`, `सुबह 11:30 बजे`, `4 p.m.`,
    /// `০৪:২৭:০০ অপরাহ্ন`, `अपराह्न 3 बजे`.
    fn time(&self, i: usize) -> Option<(Time, usize)> {
        let mut j = i;
        let mut period = None;
        let mut pm = None;
        if let Some(p) = self.find(j, kind::DAY_PERIOD, |w| {
            if let Word::DayPeriod(p) = w { Some(*p) } else { None }
        }) {
            if !self.sp(j) {
                return None;
            }
            period = Some(p);
            j += 1;
        }
        // `রাত প্রায় ৯টা`, `रात करीब 11:40 बजे`
        if period.is_some() && self.has(j, kind::APPROX, |w| matches!(w, Word::Approx)) && self.sp(j) {
            j += 1;
        }
        if let Some(p) = self.find(
            j,
            kind::AM_PM,
            |w| if let Word::AmPm { pm } = w { Some(*pm) } else { None },
        ) && self.sp(j)
            && self.num(j + 1).is_some()
        {
            pm = Some(p);
            j += 1;
        }
        // `সাড়ে ৪টায়` half past four, `पौने पांच बजे` a quarter to five.
        let quarter = self
            .find(
                j,
                kind::QUARTER,
                |w| if let Word::Quarter(q) = w { Some(*q) } else { None },
            )
            .filter(|_| self.sp(j));
        if quarter.is_some() {
            j += 1;
        }
        let (h, hd, ord, glued_hour) = match self.num(j) {
            Some(n) => n,
            // A number word is an hour only with its marker: `आठ बजे`.
            None => {
                let n = self.find(
                    j,
                    kind::NUMBER,
                    |w| if let Word::Number(n) = w { Some(*n) } else { None },
                )?;
                let marker = self.sp(j)
                    && self.has(j + 1, kind::HOUR_MARKER, |w| {
                        matches!(w, Word::HourMarker { attached: false, .. })
                    });
                if !marker || !(1..=12).contains(&n) {
                    return None;
                }
                (n, 1, false, false)
            }
        };
        if ord || hd > 2 || h > 24 {
            return None;
        }
        let mut next = j + 1;
        let mut minute = None;
        let mut marked = glued_hour;
        if !glued_hour
            && let Some(b":" | b".") = self.gap(j)
            && let Some((mm, 2, false, glued)) = self.num(j + 1)
            && mm < 60
        {
            minute = Some(mm as u8);
            next = j + 2;
            marked = glued;
            // seconds
            if self.gap(j + 1) == Some(b":")
                && let Some((ss, 2, false, _)) = self.num(j + 2)
                && ss < 60
            {
                next = j + 3;
            }
        }
        if next < self.items.len()
            && self.gap_is(next - 1, &[""])
            && let Some(p) = self.find(next, kind::AM_PM, |w| {
                if let Word::AmPm { pm } = w { Some(*pm) } else { None }
            })
        {
            pm = Some(p);
            next += 1;
        }
        if next < self.items.len()
            && self.sp(next - 1)
            && self.has(next, kind::HOUR_MARKER, |w| {
                matches!(w, Word::HourMarker { attached: false, .. })
            })
        {
            marked = true;
            next += 1;
        }
        // A colon time needs two-digit minutes after it; a bare hour needs a marker or am/pm.
        // `১০টা ৩০ মিনিটে`
        if glued_hour
            && minute.is_none()
            && next + 1 < self.items.len()
            && self.sp(next - 1)
            && self.sp(next)
            && let (Some((mm, _, false, false)), Some(Unit::Minute)) = (self.num(next), self.unit(next + 1))
            && mm < 60
        {
            minute = Some(mm as u8);
            next += 2;
        }
        // `৩টা গাড়ি`: a counting word, a time only with a part of the day.
        if glued_hour && self.counter(j) && period.is_none() && pm.is_none() {
            return None;
        }
        let colon_time = minute.is_some() && self.gap(j) == Some(b":");
        if !(colon_time || marked || pm.is_some()) {
            return None;
        }
        let mut hour = h as u8;
        match quarter {
            Some(q) if minute.is_none() && q < 0 => {
                hour = if hour <= 1 { hour + 11 } else { hour - 1 };
                minute = Some((60 + i16::from(q)) as u8);
            }
            Some(q) if minute.is_none() => minute = Some(q as u8),
            _ => {}
        }
        match pm {
            Some(true) if hour < 12 => hour += 12,
            Some(false) if hour == 12 => hour = 0,
            Some(_) => {}
            None => match period {
                Some(DayPeriod::Afternoon | DayPeriod::Evening) if hour < 12 => hour += 12,
                Some(DayPeriod::Noon) if hour <= 5 => hour += 12,
                Some(DayPeriod::Night) if (6..12).contains(&hour) => hour += 12,
                Some(DayPeriod::Night) if hour == 12 => hour = 0,
                _ => {}
            },
        }
        if hour > 23 {
            return None;
        }
        Some((
            Time {
                h: hour,
                m: minute.unwrap_or(0),
            },
            next,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::items;
    use crate::lexicon::dates::date_lexicon;
    use crate::text::Document;

    #[test]
    fn a_gap_is_trimmed_of_spaces_and_no_break_spaces_at_its_ends_only() {
        assert_eq!(trim_spaces(" ,\u{a0}".as_bytes()), b",");
        assert_eq!(trim_spaces("\u{a0} at  ".as_bytes()), b"at");
        assert_eq!(trim_spaces(" \u{a0} ".as_bytes()), b"");
        assert_eq!(trim_spaces(b""), b"");
        assert_eq!(trim_spaces(" o n ".as_bytes()), b"o n");
        // A byte `A0` that ends another character is not a space.
        assert_eq!(trim_spaces("\u{8a0}".as_bytes()), "\u{8a0}".as_bytes());
    }

    /// The texts of every language's date examples and of the fixture
    /// articles.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for lang in ["bn", "hi", "en"] {
            let examples = std::fs::read_to_string(root.join(format!("data/lang/{lang}/dates.examples.tsv"))).unwrap();
            out.extend(
                examples
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split('\t').nth(1))
                    .map(str::to_string),
            );
        }
        for entry in std::fs::read_dir(root.join("fixtures/articles")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                out.push(std::fs::read_to_string(path).unwrap());
            }
        }
        out
    }

    #[test]
    fn no_expression_begins_at_an_item_passed_over() {
        let lex = date_lexicon();
        let (mut passed_over, mut parsed) = (0, 0);
        for text in texts() {
            let doc = Document::new(text);
            let text = doc.norm_text();
            let items = items::scan(text, doc.words(), doc.word_numbers(), lex);
            let g = Grammar {
                text,
                items: &items,
                lex,
            };
            for (i, item) in items.iter().enumerate() {
                if g.may_begin(i) {
                    parsed += usize::from(g.expr(i).is_some());
                } else {
                    passed_over += 1;
                    assert_eq!(g.expr(i), None, "{:?} in {text:?}", &text[item.start..item.end]);
                }
            }
        }
        // Both kinds are well represented: the check is no empty one.
        assert!(
            passed_over > 500 && parsed > 500,
            "{passed_over} passed over, {parsed} parsed"
        );
    }
}
