//! From an expression's meaning to its value, against the reference date,
//! the year its context states, and the tense of its clause.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::calendars::{bengali_to_gregorian, hijri_to_gregorian};
use super::grammar::{OtherCalendar, Sem, Time, Ymd};
use crate::lexicon::dates::{Part, Unit};
use crate::model::{Calendar, DateMention, DateType, Grain, Resolved, Span, Text};
use compact_str::format_compact;

/// A resolved expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub value: Option<Text>,
    pub kind: DateType,
    pub grain: Grain,
    pub resolved: Resolved,
    pub calendar: Option<Calendar>,
    /// The one day it names, if it names one.
    pub day: Option<Date>,
    /// The day, when the text states it in full (year included).
    pub absolute_day: Option<Date>,
}

impl Resolution {
    fn new(kind: DateType, grain: Grain) -> Self {
        Resolution {
            value: None,
            kind,
            grain,
            resolved: Resolved::Unresolved,
            calendar: None,
            day: None,
            absolute_day: None,
        }
    }

    fn with(mut self, value: Text, resolved: Resolved) -> Self {
        self.value = Some(value);
        self.resolved = resolved;
        self
    }

    fn on_day(mut self, day: Date, resolved: Resolved) -> Self {
        self.value = Some(iso_day(day));
        self.resolved = resolved;
        self.day = Some(day);
        if matches!(resolved, Resolved::Absolute | Resolved::Context) {
            self.absolute_day = Some(day);
        }
        self
    }

    pub fn mention(&self, span: Span) -> DateMention {
        DateMention {
            span,
            value: self.value.clone(),
            kind: self.kind,
            grain: self.grain,
            resolved: self.resolved,
            calendar: self.calendar,
        }
    }
}

/// `YYYY-MM-DD`, as `Date`'s `Display` writes it, without the formatting
/// machinery: most dates of a text resolve to a day.
pub fn iso_day(day: Date) -> Text {
    match u16::try_from(day.year()) {
        Ok(year @ 0..=9999) => {
            let mut out = *b"0000-00-00";
            put_digits(&mut out[..4], year.into());
            put_digits(&mut out[5..7], day.month() as u32);
            put_digits(&mut out[8..], day.day() as u32);
            ascii_text(&out)
        }
        _ => format_compact!("{day}"),
    }
}

/// Write `n` into `out` as decimal digits, right-aligned, as many of its
/// last digits as `out` holds (its zeros pad a shorter number).
fn put_digits(out: &mut [u8], mut n: u32) {
    for b in out.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Text of ASCII bytes a value was written in.
fn ascii_text(bytes: &[u8]) -> Text {
    Text::from(std::str::from_utf8(bytes).expect("a value is written in ASCII"))
}

fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

fn weekday(wd: u8) -> Weekday {
    Weekday::from_monday_one_offset(wd as i8).unwrap_or(Weekday::Monday)
}

/// The year of a date written without one, and how it was found.
fn year_for(y: Option<i32>, reference: Option<Date>, context_year: Option<i32>) -> Option<(i32, Resolved)> {
    match (y, context_year, reference) {
        (Some(y), ..) => Some((y, Resolved::Absolute)),
        (None, Some(c), _) => Some((c, Resolved::Context)),
        (None, None, Some(r)) => Some((r.year() as i32, Resolved::Relative)),
        _ => None,
    }
}

/// `YYYY-MM`, written by hand for a year of four digits.
fn month_value(y: i32, m: u8) -> Text {
    match u32::try_from(y) {
        Ok(year @ 0..=9999) if m < 100 => {
            let mut out = *b"0000-00";
            put_digits(&mut out[..4], year);
            put_digits(&mut out[5..], m.into());
            ascii_text(&out)
        }
        _ => format_compact!("{y:04}-{m:02}"),
    }
}

/// `THH:MM`, written by hand for two digits each.
fn time_value(t: Time) -> Text {
    if t.h < 100 && t.m < 100 {
        let mut out = *b"T00:00";
        put_digits(&mut out[1..3], t.h.into());
        put_digits(&mut out[4..], t.m.into());
        ascii_text(&out)
    } else {
        format_compact!("T{:02}:{:02}", t.h, t.m)
    }
}

/// Resolve `sem`. `tense`: `Some(true)` when its clause is in the future.
pub fn resolve(sem: &Sem, reference: Option<Date>, context_year: Option<i32>, tense: Option<bool>) -> Resolution {
    let day = |kind| Resolution::new(kind, Grain::Day);
    match *sem {
        Sem::Day {
            ymd: Ymd { y, m, d },
            modifier,
        } => {
            let r = day(DateType::Date);
            if let (None, Some(sign), Some(re)) = (y, modifier.filter(|&s| s != 0), reference) {
                // `গত ৫ আগস্ট`: the last such day before the reference; `আগামী`: the next after.
                let this = ymd(re.year() as i32, m, d);
                let pick = match this {
                    Some(t) if sign < 0 && t < re => Some(t),
                    Some(t) if sign > 0 && t > re => Some(t),
                    _ => ymd(re.year() as i32 + sign as i32, m, d),
                };
                return pick.map_or(r.clone(), |p| r.on_day(p, Resolved::Relative));
            }
            match year_for(y, reference, context_year).and_then(|(y, how)| ymd(y, m, d).map(|dt| (dt, how))) {
                Some((dt, how)) => r.on_day(dt, how),
                None => r,
            }
        }
        Sem::Month { y, m, modifier } => {
            let r = Resolution::new(DateType::Date, Grain::Month);
            if let (None, Some(sign), Some(re)) = (y, modifier, reference) {
                let ry = re.year() as i32;
                let rm = re.month() as u8;
                let year = match sign {
                    s if s < 0 => {
                        if m < rm {
                            ry
                        } else {
                            ry - 1
                        }
                    }
                    s if s > 0 => {
                        if m > rm {
                            ry
                        } else {
                            ry + 1
                        }
                    }
                    _ => ry,
                };
                return r.with(month_value(year, m), Resolved::Relative);
            }
            match year_for(y, reference, context_year) {
                Some((y, how)) => r.with(month_value(y, m), how),
                None => r,
            }
        }
        Sem::Year(y) => {
            Resolution::new(DateType::Date, Grain::Year).with(format_compact!("{y:04}"), Resolved::Absolute)
        }
        Sem::Range(a, b) => {
            let r = Resolution::new(DateType::Interval, Grain::Day);
            let Some((y, how)) = year_for(b.y.or(a.y), reference, context_year) else {
                return r;
            };
            let start_year = if a.m > b.m { y - 1 } else { a.y.unwrap_or(y) };
            match (ymd(start_year, a.m, a.d), ymd(y, b.m, b.d)) {
                (Some(s), Some(e)) if s <= e => {
                    let mut r = r.with(format_compact!("{s}/{e}"), how);
                    if matches!(how, Resolved::Absolute | Resolved::Context) {
                        r.absolute_day = Some(e);
                    }
                    r
                }
                _ => r,
            }
        }
        Sem::Weekday { wd, modifier } => {
            let r = day(DateType::Date);
            let Some(re) = reference else { return r };
            let target = weekday(wd);
            let same = re.weekday() == target;
            let pick = match modifier {
                Some(-1) => re.nth_weekday(-1, target),
                Some(1) => re.nth_weekday(1, target),
                _ if same => Ok(re),
                // `this Friday` is the coming one unless the clause is past.
                Some(0) if tense != Some(false) => re.nth_weekday(1, target),
                _ if tense == Some(true) => re.nth_weekday(1, target),
                _ => re.nth_weekday(-1, target),
            };
            pick.map_or(r.clone(), |d| r.on_day(d, Resolved::Relative))
        }
        Sem::RelDay { offset, ambiguous } => {
            let r = day(DateType::Date);
            let Some(re) = reference else { return r };
            let n = if ambiguous && tense != Some(true) {
                -(offset as i64)
            } else {
                offset as i64
            };
            re.checked_add(n.days())
                .map_or(r.clone(), |d| r.on_day(d, Resolved::Relative))
        }
        Sem::RelUnit { modifier, unit, part } => relative_unit(reference, modifier as i64, unit, part),
        Sem::RelYearMonth { modifier, m } => {
            let r = Resolution::new(DateType::Date, Grain::Month);
            match reference {
                Some(re) => r.with(month_value(re.year() as i32 + modifier as i32, m), Resolved::Relative),
                None => r,
            }
        }
        Sem::Weekend { modifier } => weekend(reference, modifier as i64),
        Sem::Ago { n, unit, dir } => {
            let grain = unit_grain(unit);
            let r = Resolution::new(DateType::Date, if unit == Unit::Week { Grain::Day } else { grain });
            let (Some(n), Some(re)) = (n, reference) else { return r };
            let n = n as i64 * dir as i64;
            match unit {
                Unit::Day => re
                    .checked_add(n.days())
                    .map_or(r.clone(), |d| r.on_day(d, Resolved::Relative)),
                Unit::Week => re
                    .checked_add((7 * n).days())
                    .map_or(r.clone(), |d| r.on_day(d, Resolved::Relative)),
                Unit::Month => re.checked_add(n.months()).map_or(r.clone(), |d| {
                    r.with(month_value(d.year() as i32, d.month() as u8), Resolved::Relative)
                }),
                Unit::Year => r.with(format_compact!("{:04}", re.year() as i64 + n), Resolved::Relative),
                _ => r,
            }
        }
        Sem::Duration { n, unit } => {
            let r = Resolution::new(DateType::Duration, unit_grain(unit));
            match n {
                Some(n) => r.with(duration_value(n, unit), Resolved::Absolute),
                None => r,
            }
        }
        Sem::Time(t) => Resolution::new(DateType::Time, Grain::Minute).with(time_value(t), Resolved::Absolute),
        Sem::TimeRange(a, b) => Resolution::new(DateType::Interval, Grain::Minute).with(
            format_compact!("{}/{}", time_value(a), time_value(b)),
            Resolved::Absolute,
        ),
        Sem::DateTime(ref inner, t) => {
            let d = resolve(inner, reference, context_year, tense);
            let mut r = Resolution {
                kind: DateType::Datetime,
                grain: Grain::Minute,
                ..d.clone()
            };
            r.value = d.day.map(|day| format_compact!("{day}{}", time_value(t)));
            if r.value.is_none() {
                r.resolved = Resolved::Unresolved;
            }
            r
        }
        Sem::Calendar { cal, y, m, d } => {
            let mut r = day(DateType::Date);
            r.calendar = Some(match cal {
                OtherCalendar::Bengali => Calendar::Bengali,
                OtherCalendar::Hijri => Calendar::Hijri,
            });
            let (year, how) = match (y, cal, reference) {
                (Some(y), ..) => (y, Resolved::Absolute),
                // Boishakh..Poush fall in the Gregorian year Y + 593, Magh..Choitro in the next.
                (None, OtherCalendar::Bengali, Some(re)) => {
                    (re.year() as i32 - 593 - i32::from(m >= 10), Resolved::Relative)
                }
                _ => return r,
            };
            let date = match cal {
                OtherCalendar::Bengali => bengali_to_gregorian(year, m, d),
                OtherCalendar::Hijri => hijri_to_gregorian(year, m, d),
            };
            date.map_or(r.clone(), |dt| r.on_day(dt, how))
        }
    }
}

fn unit_grain(unit: Unit) -> Grain {
    match unit {
        Unit::Day => Grain::Day,
        Unit::Week => Grain::Week,
        Unit::Month => Grain::Month,
        Unit::Year | Unit::Decade => Grain::Year,
        Unit::Hour => Grain::Hour,
        Unit::Minute => Grain::Minute,
    }
}

fn duration_value(n: u32, unit: Unit) -> Text {
    match unit {
        Unit::Day => format_compact!("P{n}D"),
        Unit::Week => format_compact!("P{n}W"),
        Unit::Month => format_compact!("P{n}M"),
        Unit::Year => format_compact!("P{n}Y"),
        Unit::Decade => format_compact!("P{}Y", n * 10),
        Unit::Hour => format_compact!("PT{n}H"),
        Unit::Minute => format_compact!("PT{n}M"),
    }
}

fn iso_week(d: Date) -> Text {
    let w = d.iso_week_date();
    format_compact!("{:04}-W{:02}", w.year(), w.week())
}

fn relative_unit(reference: Option<Date>, n: i64, unit: Unit, part: Option<Part>) -> Resolution {
    let grain = unit_grain(unit);
    let r = Resolution::new(DateType::Date, grain);
    let Some(re) = reference else { return r };
    match unit {
        Unit::Day => re
            .checked_add(n.days())
            .map_or(r.clone(), |d| r.on_day(d, Resolved::Relative)),
        Unit::Week if part == Some(Part::End) => weekend(Some(re), n),
        Unit::Week => re
            .checked_add((7 * n).days())
            .map_or(r.clone(), |d| r.with(iso_week(d), Resolved::Relative)),
        Unit::Month => re.first_of_month().checked_add(n.months()).map_or(r.clone(), |d| {
            r.with(month_value(d.year() as i32, d.month() as u8), Resolved::Relative)
        }),
        Unit::Year => r.with(format_compact!("{:04}", re.year() as i64 + n), Resolved::Relative),
        _ => r,
    }
}

/// Saturday and Sunday of the reference's ISO week, `n` weeks on.
fn weekend(reference: Option<Date>, n: i64) -> Resolution {
    let r = Resolution::new(DateType::Interval, Grain::Day);
    let Some(re) = reference else { return r };
    let offset = 6 - re.weekday().to_monday_one_offset() as i64 + 7 * n;
    match (re.checked_add(offset.days()), re.checked_add((offset + 1).days())) {
        (Ok(sat), Ok(sun)) => r.with(format_compact!("{sat}/{sun}"), Resolved::Relative),
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_day_is_written_as_its_display_writes_it() {
        for (y, m, d) in [
            (2025, 3, 4),
            (1971, 12, 16),
            (999, 1, 9),
            (0, 1, 1),
            (9999, 12, 31),
            (-5, 6, 7),
        ] {
            let day = Date::new(y, m, d).unwrap();
            assert_eq!(iso_day(day), day.to_string());
        }
        assert_eq!(iso_day(Date::new(2025, 3, 4).unwrap()), "2025-03-04");
    }

    #[test]
    fn months_and_times_are_written_as_formatting_writes_them() {
        for (y, m) in [
            (2025, 3),
            (999, 12),
            (0, 1),
            (9999, 12),
            (-5, 6),
            (10_000, 1),
            (2025, 100),
        ] {
            assert_eq!(month_value(y, m), format!("{y:04}-{m:02}"), "{y} {m}");
        }
        for (h, m) in [(0, 0), (9, 5), (23, 59), (12, 30), (100, 7), (7, 100)] {
            assert_eq!(time_value(Time { h, m }), format!("T{h:02}:{m:02}"), "{h} {m}");
        }
    }

    #[test]
    fn weekdays_follow_tense_and_modifiers() {
        let re = Some(date(2025, 8, 13)); // a Wednesday
        let fri = Sem::Weekday { wd: 5, modifier: None };
        assert_eq!(resolve(&fri, re, None, Some(true)).value.unwrap(), "2025-08-15");
        assert_eq!(resolve(&fri, re, None, Some(false)).value.unwrap(), "2025-08-08");
        let tue = Sem::Weekday { wd: 2, modifier: None };
        assert_eq!(resolve(&tue, re, None, None).value.unwrap(), "2025-08-12");
        let wed = Sem::Weekday {
            wd: 3,
            modifier: Some(-1),
        };
        assert_eq!(resolve(&wed, re, None, None).value.unwrap(), "2025-08-06");
        let wed = Sem::Weekday { wd: 3, modifier: None };
        assert_eq!(resolve(&wed, re, None, Some(true)).value.unwrap(), "2025-08-13");
    }

    #[test]
    fn relative_units_and_weekends() {
        let re = Some(date(2025, 12, 21)); // a Sunday
        let month = Sem::RelUnit {
            modifier: 0,
            unit: Unit::Month,
            part: None,
        };
        assert_eq!(resolve(&month, re, None, None).value.unwrap(), "2025-12");
        let last_month = Sem::RelUnit {
            modifier: -1,
            unit: Unit::Month,
            part: None,
        };
        assert_eq!(
            resolve(&last_month, Some(date(2025, 1, 5)), None, None).value.unwrap(),
            "2024-12"
        );
        let week_end = Sem::RelUnit {
            modifier: 0,
            unit: Unit::Week,
            part: Some(Part::End),
        };
        assert_eq!(
            resolve(&week_end, Some(date(2025, 12, 17)), None, None).value.unwrap(),
            "2025-12-20/2025-12-21"
        );
        let next_week = Sem::RelUnit {
            modifier: 1,
            unit: Unit::Week,
            part: None,
        };
        assert_eq!(resolve(&next_week, re, None, None).value.unwrap(), "2025-W52");
    }

    #[test]
    fn years_come_from_the_text_before_the_reference() {
        let day = Sem::Day {
            ymd: Ymd { y: None, m: 6, d: 22 },
            modifier: None,
        };
        let r = resolve(&day, Some(date(2025, 7, 3)), None, None);
        assert_eq!(
            (r.value.as_deref(), r.resolved),
            (Some("2025-06-22"), Resolved::Relative)
        );
        let r = resolve(&day, Some(date(2025, 7, 3)), Some(2019), None);
        assert_eq!(
            (r.value.as_deref(), r.resolved),
            (Some("2019-06-22"), Resolved::Context)
        );
        assert_eq!(resolve(&day, None, None, None).value, None);
    }
}
