//! An article's record as JSON, written by hand: the bytes serde's derived
//! form gives (a test holds the two equal), at a fraction of the work.
//! Writing records is the whole of the writer thread's job, and with two
//! extracting threads it competes with them for the cores: serde spends
//! most of it checking each byte of the text for a character to escape,
//! which here is done eight bytes at a time.

use serde::Serialize;

use crate::model::{Article, DateMention, Event, Person, Place, Source, Span};
use crate::text::bytes::{ONES, TOPS};

/// `"name":` after `,`, or after `{` for an object's first field (`open`):
/// one copy of a constant, not four pushes.
macro_rules! key {
    ($out:expr, open $name:literal) => {
        $out.extend_from_slice(concat!("{\"", $name, "\":").as_bytes())
    };
    ($out:expr, $name:literal) => {
        $out.extend_from_slice(concat!(",\"", $name, "\":").as_bytes())
    };
}

/// Append `a`'s record to `out`.
pub fn write_article(out: &mut Vec<u8>, a: &Article) {
    key!(out, open "schema");
    string(out, &a.schema);
    key!(out, "path");
    string(out, &a.path);
    key!(out, "id");
    option(out, a.id.as_deref(), string);
    if let Some(url) = &a.url {
        key!(out, "url");
        string(out, url);
    }
    key!(out, "lang");
    variant(out, &a.lang);
    key!(out, "title");
    option(out, a.title.as_deref(), string);
    key!(out, "published");
    option(out, a.published.as_ref(), date);
    key!(out, "reference_date");
    option(out, a.reference_date.as_deref(), string);
    key!(out, "reference_source");
    option(out, a.reference_source.as_ref(), variant);
    key!(out, "dates");
    list(out, &a.dates, date);
    key!(out, "people");
    list(out, &a.people, person);
    key!(out, "places");
    list(out, &a.places, place);
    key!(out, "events");
    list(out, &a.events, event);
    if !a.warnings.is_empty() {
        key!(out, "warnings");
        list(out, &a.warnings, |out, w| string(out, w));
    }
    out.push(b'}');
}

/// The fields of a span after the `{` that opens it, left open (a date's
/// record holds them too).
fn open_span(out: &mut Vec<u8>, s: &Span) {
    key!(out, open "text");
    string(out, &s.text);
    key!(out, "start");
    number(out, s.start);
    key!(out, "end");
    number(out, s.end);
}

fn span(out: &mut Vec<u8>, s: &Span) {
    open_span(out, s);
    out.push(b'}');
}

fn date(out: &mut Vec<u8>, d: &DateMention) {
    open_span(out, &d.span);
    key!(out, "value");
    option(out, d.value.as_deref(), string);
    key!(out, "type");
    variant(out, &d.kind);
    key!(out, "grain");
    variant(out, &d.grain);
    key!(out, "resolved");
    variant(out, &d.resolved);
    if let Some(calendar) = &d.calendar {
        key!(out, "calendar");
        variant(out, calendar);
    }
    out.push(b'}');
}

fn person(out: &mut Vec<u8>, p: &Person) {
    open_entity(out, [&p.name, &p.id, &p.native], &p.mentions, &p.source);
    if let Some(role) = &p.role {
        key!(out, "role");
        string(out, role);
    }
    out.push(b'}');
}

fn place(out: &mut Vec<u8>, p: &Place) {
    open_entity(out, [&p.name, &p.id, &p.native], &p.mentions, &p.source);
    key!(out, "kind");
    string(out, &p.kind);
    key!(out, "country");
    option(out, p.country.as_deref(), string);
    key!(out, "lat");
    option(out, p.lat, float);
    key!(out, "lon");
    option(out, p.lon, float);
    out.push(b'}');
}

/// The fields a person and a place begin with, after the `{` that opens
/// them, left open: `name`, `id`, `native`, `mentions` and `source`.
fn open_entity(out: &mut Vec<u8>, [name, id, native]: [&str; 3], mentions: &[Span], source: &Source) {
    key!(out, open "name");
    string(out, name);
    key!(out, "id");
    string(out, id);
    key!(out, "native");
    string(out, native);
    key!(out, "mentions");
    list(out, mentions, span);
    key!(out, "source");
    variant(out, source);
}

fn event(out: &mut Vec<u8>, e: &Event) {
    key!(out, open "type");
    variant(out, &e.kind);
    key!(out, "cameo");
    string(out, &e.cameo);
    key!(out, "trigger");
    span(out, &e.trigger);
    key!(out, "date");
    option(out, e.date.as_deref(), string);
    key!(out, "place");
    option(out, e.place.as_deref(), string);
    key!(out, "participants");
    list(out, &e.participants, |out, p| string(out, p));
    key!(out, "actors");
    list(out, &e.actors, |out, a| string(out, a));
    key!(out, "status");
    variant(out, &e.status);
    out.push(b'}');
}

fn option<T>(out: &mut Vec<u8>, value: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(v) => write(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// An enumeration's value, by the name serde gives it: the contract's
/// spelling is kept in one place, the type's attributes.
fn variant<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    // Writing to a vector fails only for a value serde cannot write, which
    // a unit variant never is.
    serde_json::to_writer(&mut *out, value).unwrap_or_else(|e| unreachable!("an enumeration's name: {e}"));
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A float as serde_json writes one (through `zmij`, as it does): the
/// shortest form that reads back, `null` for what JSON cannot hold.
fn float(out: &mut Vec<u8>, f: f64) {
    if f.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(f).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A JSON string: `"`, `\` and control characters escaped as serde_json
/// escapes them, everything else (all of UTF-8 above them) as it is. Most
/// strings (names, dates, words of the text) need no escape: they are
/// checked whole, a few loads each, and copied in one piece.
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if may_need_escape(bytes) {
        escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// Whether any byte of `bytes` may need escaping ([`needs_escape`]): read
/// sixteen bytes at a time, the last sixteen overlapping those before; a
/// shorter string as two overlapping loads of eight or of four, or its
/// first, middle and last byte, the rest of the word a letter.
#[inline]
fn may_need_escape(bytes: &[u8]) -> bool {
    const LETTERS: u64 = 0x6161_6161_6161_6161;
    let n = bytes.len();
    let half = |i: usize| u64::from(u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or_default()));
    match n {
        0 => false,
        1..4 => {
            let three = u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16;
            needs_escape(three | (LETTERS << 24))
        }
        4..8 => needs_escape(half(0) | half(n - 4) << 32),
        8..16 => needs_escape(word_of(&bytes[..8])) || needs_escape(word_of(&bytes[n - 8..])),
        _ => {
            let (chunks, _) = bytes.as_chunks::<16>();
            chunks.iter().any(sixteen_need_escape)
                || bytes[n - 16..].first_chunk::<16>().is_some_and(sixteen_need_escape)
        }
    }
}

/// Whether any of sixteen bytes is a control character, `"` or `\`,
/// exactly: written byte by byte without a branch, which the compiler
/// turns into a few vector instructions for the sixteen.
#[inline]
fn sixteen_need_escape(chunk: &[u8; 16]) -> bool {
    chunk.iter().fold(0u8, |any, &b| {
        any | u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    }) != 0
}

/// Eight bytes as one little-endian word.
#[inline]
fn word_of(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().unwrap_or_default())
}

/// [`string`]'s content when some byte may need escaping: byte by byte
/// where a word says one may.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut done = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while none needs escaping.
        if let Some(chunk) = bytes.get(at..at + 8)
            && !needs_escape(word_of(chunk))
        {
            at += 8;
            continue;
        }
        let b = bytes[at];
        if let Some(escape) = escape(b) {
            out.extend_from_slice(&bytes[done..at]);
            out.extend_from_slice(escape.as_bytes());
            done = at + 1;
        }
        at += 1;
    }
    out.extend_from_slice(&bytes[done..]);
}

/// Whether any byte of `word` is a control character, `"` or `\`.
#[inline]
fn needs_escape(word: u64) -> bool {
    // A byte is zero after the xor exactly where it was the character; a
    // byte below 0x20 borrows when 0x20 is taken from it. Both tests may
    // flag a byte that is neither (a borrow carries), never miss one: the
    // byte-wise check that follows decides.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & TOPS;
    let control = word.wrapping_sub(ONES * 0x20) & !word & TOPS;
    (control | has_zero(word ^ (ONES * u64::from(b'"'))) | has_zero(word ^ (ONES * u64::from(b'\\')))) != 0
}

/// How serde_json writes byte `b` of a string, when not as itself.
fn escape(b: u8) -> Option<&'static str> {
    const CONTROL: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b", "\\t", "\\n",
        "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014",
        "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e",
        "\\u001f",
    ];
    match b {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..0x20 => Some(CONTROL[usize::from(b)]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Calendar, DateType, EventType, Grain, ReferenceSource, Resolved, Status};
    use crate::text::Lang;

    fn by_hand(a: &Article) -> String {
        let mut out = Vec::new();
        write_article(&mut out, a);
        String::from_utf8(out).unwrap()
    }

    fn span(text: &str, start: usize) -> Span {
        Span {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            norm: 0..0,
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut samples: Vec<String> = (0u8..0x80).map(|b| format!("a{}b", b as char)).collect();
        samples.extend(
            [
                "",
                "\"",
                "\\",
                "পুতিনের \"বৈঠক\"\n",
                "12345678\u{1}",
                "\u{7f}\u{a0}é",
                "quote at eight: 1234567\"",
            ]
            .map(String::from),
        );
        // A character to escape at each place of strings of every length
        // the whole-string check reads differently (short, overlapping,
        // sixteen bytes at a time and the last sixteen).
        for n in 1..=40 {
            for k in 0..n {
                for special in ['"', '\\', '\n', '\u{1f}', '\u{0}'] {
                    let mut s: Vec<char> = "ঢxyzwvutsrqponmlkjihgfedcbaABCDEFGHIJKLMN".chars().take(n).collect();
                    s[k] = special;
                    samples.push(s.into_iter().collect());
                }
            }
        }
        samples.extend(crate::text::random_texts(
            &["a", "\"", "\\", "\n", "\t", "\u{1f}", "\u{7f}", "ঢ", "ा", " "],
            500,
            40,
            7,
        ));
        for s in samples {
            let mut out = Vec::new();
            string(&mut out, &s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn floats_are_written_as_serde_json_writes_them() {
        let mut floats = vec![
            0.0,
            -0.0,
            55.75,
            23.8103,
            90.4125,
            -33.8688,
            151.2093,
            1e300,
            5e-324,
            0.1 + 0.2,
        ];
        floats.extend((0..1000).map(|i| f64::from(i) * 0.37 - 180.0));
        for &f in &floats {
            let mut out = Vec::new();
            float(&mut out, f);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&f).unwrap(),
                "{f}"
            );
        }
        for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut out = Vec::new();
            float(&mut out, f);
            assert_eq!(out, b"null");
        }
    }

    #[test]
    fn a_full_record_is_what_serde_writes() {
        let date = |calendar| DateMention {
            span: span("২৫ জুন", 3),
            value: Some("2025-06-25".into()),
            kind: DateType::Date,
            grain: Grain::Day,
            resolved: Resolved::Relative,
            calendar,
        };
        let mut a = Article::new("seeds/a \"quoted\".txt");
        a.id = Some("x1".into());
        a.url = Some("https://example.org/a?b=1&c=\\".into());
        a.lang = Lang::Bn;
        a.title = Some("শিরোনাম\tone".into());
        a.published = Some(date(None));
        a.reference_date = Some("2025-06-24".into());
        a.reference_source = Some(ReferenceSource::Published);
        a.dates = vec![
            date(Some(Calendar::Bengali)),
            DateMention {
                value: None,
                kind: DateType::Interval,
                grain: Grain::Quarter,
                resolved: Resolved::Unresolved,
                ..date(Some(Calendar::Hijri))
            },
        ];
        a.people = vec![Person {
            name: "Vladimir Putin".into(),
            id: "Q7747".into(),
            native: "পুতিন".into(),
            mentions: vec![span("পুতিনের", 10), span("Putin", 40)],
            source: Source::Gazetteer,
            role: Some("President of Russia".into()),
        }];
        a.places = vec![
            Place {
                name: "Moscow".into(),
                id: "Q649".into(),
                native: "মস্কো".into(),
                mentions: vec![span("মস্কোতে", 20)],
                source: Source::Pattern,
                kind: "city".into(),
                country: Some("RU".into()),
                lat: Some(55.75),
                lon: Some(37.0),
            },
            Place {
                name: "Nowhere".into(),
                id: "local:nowhere".into(),
                native: String::new().into(),
                mentions: Vec::new(),
                source: Source::Model,
                kind: String::new().into(),
                country: None,
                lat: Some(f64::NAN),
                lon: None,
            },
        ];
        a.events = EventType::ALL
            .into_iter()
            .zip(
                [Status::Occurred, Status::Planned, Status::Possible, Status::Negated]
                    .into_iter()
                    .cycle(),
            )
            .map(|(kind, status)| Event {
                kind,
                cameo: kind.cameo().into(),
                trigger: span("বৈঠক", 30),
                date: Some("2025-06-25".into()),
                place: None,
                participants: vec!["Vladimir Putin".into(), "Donald Trump".into()],
                actors: Vec::new(),
                status,
            })
            .collect();
        a.warnings = vec!["long \"text\"".into()];
        assert_eq!(by_hand(&a), serde_json::to_string(&a).unwrap());
        // Every optional field left out or empty.
        let empty = Article::new("x");
        assert_eq!(by_hand(&empty), serde_json::to_string(&empty).unwrap());
        for (lang, source) in [
            (Lang::Hi, ReferenceSource::Record),
            (Lang::En, ReferenceSource::Flag),
            (Lang::Und, ReferenceSource::Inferred),
        ] {
            a.lang = lang;
            a.reference_source = Some(source);
            assert_eq!(by_hand(&a), serde_json::to_string(&a).unwrap());
        }
    }

    #[test]
    fn the_fixture_articles_records_are_what_serde_writes() {
        let opts = crate::scan::ScanOptions::default();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let a = crate::scan::extract_text(&text, &path.display().to_string(), &opts);
            assert_eq!(by_hand(&a), serde_json::to_string(&a).unwrap(), "{}", path.display());
            checked += 1;
        }
        assert!(checked >= 10, "{checked} fixture articles");
    }
}
