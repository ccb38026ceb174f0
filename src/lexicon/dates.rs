//! The date and time vocabulary of every language (`data/lang/*/dates.tsv`),
//! compiled into one trie ([`PrefixTrie`]) that gives, at a word start, the
//! longest month, weekday, number word, relative word or marker there.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::memo::{IdMemo, WordMemo};
use super::prefix::PrefixTrie;
use super::{Endings, data_lines, files_named};
use crate::text::{Document, normalize_str};

/// What a vocabulary entry is, with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Month(u8),
    Weekday(u8),
    Number(u32),
    OrdinalSuffix {
        attached: bool,
        separate: bool,
    },
    YearMarker {
        before: bool,
    },
    /// A day offset; `ambiguous` when the tense chooses its sign.
    RelativeDay {
        offset: i8,
        ambiguous: bool,
    },
    Modifier(i8),
    Unit(Unit),
    Ago(i8),
    Few,
    Part(Part),
    DayPeriod(DayPeriod),
    AmPm {
        pm: bool,
    },
    /// `counter`: glued, but also a counting word (`৩টা গাড়ি`).
    HourMarker {
        attached: bool,
        counter: bool,
    },
    /// Minutes a word adds to the hour after it: `সাড়ে` +30, `पौने` -15.
    Quarter(i8),
    /// A hedge between a day period and its hour: `করীব`, `প্রায়`, `around`.
    Approx,
    RangeFrom,
    RangeTo,
    BengaliMonth(u8),
    HijriMonth(u8),
    Era(Era),
    PublishedLabel,
    Weekend,
    /// After `N years`: an age (`বয়সী`, `old`).
    Age,
    /// Joins two day numbers into a range (`ও`, `और`, `and`).
    And,
    /// May stand inside one expression (`के`, `of`).
    Link,
    /// Makes a bare four-digit number a year: `in 2023`, `2024 में`.
    YearPrep {
        before: bool,
    },
}

/// One bit for each kind of [`Word`] (its variant), so that the kinds of an
/// entry's words are one number: the date grammar asks an item whether it
/// holds a word of a kind, and most items hold none of the kind asked.
pub mod kind {
    pub const MONTH: u32 = 1 << 0;
    pub const WEEKDAY: u32 = 1 << 1;
    pub const NUMBER: u32 = 1 << 2;
    pub const ORDINAL_SUFFIX: u32 = 1 << 3;
    pub const YEAR_MARKER: u32 = 1 << 4;
    pub const RELATIVE_DAY: u32 = 1 << 5;
    pub const MODIFIER: u32 = 1 << 6;
    pub const UNIT: u32 = 1 << 7;
    pub const AGO: u32 = 1 << 8;
    pub const FEW: u32 = 1 << 9;
    pub const PART: u32 = 1 << 10;
    pub const DAY_PERIOD: u32 = 1 << 11;
    pub const AM_PM: u32 = 1 << 12;
    pub const HOUR_MARKER: u32 = 1 << 13;
    pub const QUARTER: u32 = 1 << 14;
    pub const APPROX: u32 = 1 << 15;
    pub const RANGE_FROM: u32 = 1 << 16;
    pub const RANGE_TO: u32 = 1 << 17;
    pub const BENGALI_MONTH: u32 = 1 << 18;
    pub const HIJRI_MONTH: u32 = 1 << 19;
    pub const ERA: u32 = 1 << 20;
    pub const PUBLISHED_LABEL: u32 = 1 << 21;
    pub const WEEKEND: u32 = 1 << 22;
    pub const AGE: u32 = 1 << 23;
    pub const AND: u32 = 1 << 24;
    pub const LINK: u32 = 1 << 25;
    pub const YEAR_PREP: u32 = 1 << 26;

    /// The kinds no expression begins with ([`super::Word::may_begin`]).
    pub const NEVER_BEGIN: u32 = LINK | AND | YEAR_PREP | RANGE_TO | AGO | UNIT | APPROX | PUBLISHED_LABEL | AGE;
}

impl Word {
    /// This word's bit of [`kind`].
    pub const fn kind(&self) -> u32 {
        match self {
            Word::Month(_) => kind::MONTH,
            Word::Weekday(_) => kind::WEEKDAY,
            Word::Number(_) => kind::NUMBER,
            Word::OrdinalSuffix { .. } => kind::ORDINAL_SUFFIX,
            Word::YearMarker { .. } => kind::YEAR_MARKER,
            Word::RelativeDay { .. } => kind::RELATIVE_DAY,
            Word::Modifier(_) => kind::MODIFIER,
            Word::Unit(_) => kind::UNIT,
            Word::Ago(_) => kind::AGO,
            Word::Few => kind::FEW,
            Word::Part(_) => kind::PART,
            Word::DayPeriod(_) => kind::DAY_PERIOD,
            Word::AmPm { .. } => kind::AM_PM,
            Word::HourMarker { .. } => kind::HOUR_MARKER,
            Word::Quarter(_) => kind::QUARTER,
            Word::Approx => kind::APPROX,
            Word::RangeFrom => kind::RANGE_FROM,
            Word::RangeTo => kind::RANGE_TO,
            Word::BengaliMonth(_) => kind::BENGALI_MONTH,
            Word::HijriMonth(_) => kind::HIJRI_MONTH,
            Word::Era(_) => kind::ERA,
            Word::PublishedLabel => kind::PUBLISHED_LABEL,
            Word::Weekend => kind::WEEKEND,
            Word::Age => kind::AGE,
            Word::And => kind::AND,
            Word::Link => kind::LINK,
            Word::YearPrep { .. } => kind::YEAR_PREP,
        }
    }

    /// Whether an expression may begin with this word. The words that
    /// join, follow or qualify what comes before them never do: every rule
    /// of the grammar reads them after its first item. They are the most
    /// common of the vocabulary (`के`, `और`, `में`, `of`, `in`), so an item
    /// of such words alone is passed over without trying each rule.
    pub fn may_begin(&self) -> bool {
        self.kind() & kind::NEVER_BEGIN == 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Hour,
    Minute,
    Decade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Start,
    Mid,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPeriod {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Bengali,
    Hijri,
    Gregorian,
}

/// The compiled vocabulary.
pub struct DateLexicon {
    /// Every surface, normalised and lower-cased, looked up at word starts.
    pub vocabulary: PrefixTrie,
    /// The entries of each surface (a surface may have several).
    pub entries: Vec<Vec<Word>>,
    /// The [`Word::kind`]s of each surface's entries, together.
    pub kinds: Vec<u32>,
    /// Whether each pattern is written in Latin letters.
    pub latin: Vec<bool>,
    /// Length of each pattern in characters.
    pub chars: Vec<usize>,
    /// Case endings that may follow a word glued to it.
    pub suffixes: HashSet<String>,
    pub future: HashSet<String>,
    pub past: HashSet<String>,
    pub future_endings: Endings,
    pub past_endings: Endings,
    /// Tense endings of four characters or more: long enough that no name ends in one.
    pub long_endings: Endings,
    /// Two-word phrases that make a clause future (`scheduled to`).
    pub future_phrases: HashSet<(String, String)>,
    /// Words that end like a verb but are not one (`তবে`, `মেগা`).
    pub not_verbs: HashSet<String>,
    /// Before `N days ago`, make it `N days before` something else
    /// (`বৈঠকের তিন দিন আগে`, `बैठक से तीन दिन पहले`): a word, or a word ending.
    pub anchors: HashSet<String>,
    pub anchor_endings: Endings,
}

/// A line of a `dates.tsv` that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

fn parse_word(kind: &str, value: &str) -> Result<Option<Word>, String> {
    let int = |v: &str| {
        v.trim_start_matches('+')
            .parse::<i64>()
            .map_err(|_| format!("`{v}` is not a number"))
    };
    let ranged = |v: &str, lo: i64, hi: i64| {
        let n = int(v)?;
        if (lo..=hi).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{kind} value {n} is not in {lo}..={hi}"))
        }
    };
    let side = |v: &str| match v {
        "attached" => Ok((true, false)),
        "separate" => Ok((false, true)),
        "both" => Ok((true, true)),
        _ => Err(format!("`{v}` is not attached, separate or both")),
    };
    Ok(Some(match kind {
        "month" => Word::Month(ranged(value, 1, 12)? as u8),
        "weekday" => Word::Weekday(ranged(value, 1, 7)? as u8),
        "number" => Word::Number(ranged(value, 0, 1_000_000_000)? as u32),
        "ordinal_suffix" => {
            let (attached, separate) = side(value)?;
            Word::OrdinalSuffix { attached, separate }
        }
        "year_marker" => Word::YearMarker {
            before: match value {
                "before" => true,
                "after" => false,
                _ => return Err(format!("`{value}` is not before or after")),
            },
        },
        "relative_day" => {
            let ambiguous = value.starts_with('±');
            let n = ranged(value.trim_start_matches('±'), -7, 7)?;
            Word::RelativeDay {
                offset: n as i8,
                ambiguous,
            }
        }
        "modifier" => Word::Modifier(ranged(value, -1, 1)? as i8),
        "ago" => Word::Ago(ranged(value, -1, 1)? as i8),
        "unit" => Word::Unit(match value {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            "hour" => Unit::Hour,
            "minute" => Unit::Minute,
            "decade" => Unit::Decade,
            _ => return Err(format!("`{value}` is not a unit")),
        }),
        "few" => Word::Few,
        "part" => Word::Part(match value {
            "start" => Part::Start,
            "mid" => Part::Mid,
            "end" => Part::End,
            _ => return Err(format!("`{value}` is not start, mid or end")),
        }),
        "day_period" => Word::DayPeriod(match value {
            "dawn" => DayPeriod::Dawn,
            "morning" => DayPeriod::Morning,
            "noon" => DayPeriod::Noon,
            "afternoon" => DayPeriod::Afternoon,
            "evening" => DayPeriod::Evening,
            "night" => DayPeriod::Night,
            _ => return Err(format!("`{value}` is not a day period")),
        }),
        "ampm" => Word::AmPm {
            pm: match value {
                "am" => false,
                "pm" => true,
                _ => return Err(format!("`{value}` is not am or pm")),
            },
        },
        "hour_marker" => match value {
            "counter" => Word::HourMarker {
                attached: true,
                counter: true,
            },
            _ => Word::HourMarker {
                attached: side(value)?.0,
                counter: false,
            },
        },
        "quarter" => Word::Quarter(ranged(value, -45, 45)? as i8),
        "approx" => Word::Approx,
        "range_from" => Word::RangeFrom,
        "range_to" => Word::RangeTo,
        "bengali_month" => Word::BengaliMonth(ranged(value, 1, 12)? as u8),
        "hijri_month" => Word::HijriMonth(ranged(value, 1, 12)? as u8),
        "era" => Word::Era(match value {
            "bengali" => Era::Bengali,
            "hijri" => Era::Hijri,
            "gregorian" => Era::Gregorian,
            _ => return Err(format!("`{value}` is not an era")),
        }),
        "published_label" => Word::PublishedLabel,
        "weekend" => Word::Weekend,
        "and" => Word::And,
        "age" => Word::Age,
        "link" => Word::Link,
        "year_prep" => Word::YearPrep {
            before: match value {
                "before" => true,
                "after" => false,
                _ => return Err(format!("`{value}` is not before or after")),
            },
        },
        "suffix" | "future" | "past" | "future_ending" | "past_ending" | "future_phrase" | "not_verb" | "anchor"
        | "anchor_ending" => {
            return Ok(None);
        }
        _ => return Err(format!("unknown kind `{kind}`")),
    }))
}

/// Lower-case Latin letters; other scripts have no case.
pub fn fold_case(s: &str) -> String {
    s.to_lowercase()
}

impl DateLexicon {
    /// Build from `(file name, contents)` pairs.
    pub fn build<'a>(files: impl IntoIterator<Item = (String, &'a str)>) -> Result<DateLexicon, LexiconError> {
        let mut surfaces: HashMap<String, Vec<Word>> = HashMap::default();
        let mut lex = DateLexicon {
            vocabulary: PrefixTrie::default(),
            entries: Vec::new(),
            kinds: Vec::new(),
            latin: Vec::new(),
            chars: Vec::new(),
            suffixes: HashSet::default(),
            future: HashSet::default(),
            past: HashSet::default(),
            future_endings: Endings::default(),
            future_phrases: HashSet::default(),
            past_endings: Endings::default(),
            long_endings: Endings::default(),
            not_verbs: HashSet::default(),
            anchors: HashSet::default(),
            anchor_endings: Endings::default(),
        };
        for (file, contents) in files {
            for (line, text) in data_lines(contents) {
                let err = |message: String| LexiconError {
                    file: file.clone(),
                    line,
                    message,
                };
                let mut cols = text.split('\t');
                let kind = cols.next().unwrap_or("").trim();
                let surface = cols.next().map(str::trim).filter(|s| !s.is_empty());
                let value = cols.next().unwrap_or("").trim();
                let Some(surface) = surface else {
                    return Err(err("no surface".into()));
                };
                let norm = fold_case(&normalize_str(surface));
                match kind {
                    "suffix" => {
                        lex.suffixes.insert(norm);
                    }
                    "future" => {
                        lex.future.insert(norm);
                    }
                    "past" => {
                        lex.past.insert(norm);
                    }
                    "future_ending" => lex.future_endings.push(norm),
                    "future_phrase" => {
                        let mut words = norm.split(' ').filter(|w| !w.is_empty());
                        match (words.next(), words.next(), words.next()) {
                            (Some(a), Some(b), None) => {
                                lex.future_phrases.insert((a.to_string(), b.to_string()));
                            }
                            _ => return Err(err(format!("future_phrase `{norm}` is not two words"))),
                        }
                    }
                    "past_ending" => lex.past_endings.push(norm),
                    "not_verb" => {
                        lex.not_verbs.insert(norm);
                    }
                    "anchor" => {
                        lex.anchors.insert(norm);
                    }
                    "anchor_ending" => lex.anchor_endings.push(norm),
                    _ => {
                        if let Some(word) = parse_word(kind, value).map_err(err)? {
                            // Vocabulary is looked for at word starts only.
                            if !norm.starts_with(crate::text::is_word_char) {
                                return Err(err(format!("'{norm}' must start with a letter or digit")));
                            }
                            let e = surfaces.entry(norm).or_default();
                            if !e.contains(&word) {
                                e.push(word);
                            }
                        }
                    }
                }
            }
        }
        let mut patterns: Vec<(String, Vec<Word>)> = surfaces.into_iter().collect();
        patterns.sort_by(|a, b| a.0.cmp(&b.0));
        lex.chars = patterns.iter().map(|(s, _)| s.chars().count()).collect();
        lex.latin = patterns
            .iter()
            .map(|(s, _)| s.bytes().any(|b| b.is_ascii_alphabetic()))
            .collect();
        lex.vocabulary = PrefixTrie::new(patterns.iter().map(|(s, _)| s));
        lex.entries = patterns.into_iter().map(|(_, w)| w).collect();
        lex.kinds = lex
            .entries
            .iter()
            .map(|ws| ws.iter().fold(0, |k, w| k | w.kind()))
            .collect();
        lex.long_endings = (lex.future_endings.iter().chain(lex.past_endings.iter()))
            .filter(|e| e.chars().count() >= 4)
            .map(str::to_string)
            .collect();
        Ok(lex)
    }

    /// Whether `a b` is a phrase that makes its clause future.
    pub fn is_future_phrase(&self, a: &str, b: &str) -> bool {
        !self.future_phrases.is_empty()
            && self
                .future_phrases
                .iter()
                .any(|(x, y)| x.eq_ignore_ascii_case(a) && y.eq_ignore_ascii_case(b))
    }

    /// Tense of a word: `Some(true)` future, `Some(false)` past. Each
    /// thread works it out once per word: events and dates read the verbs
    /// of a sentence once for every date and trigger in it.
    pub fn tense_of(&self, word: &str) -> Option<bool> {
        thread_local! {
            static MEMO: std::cell::RefCell<WordMemo<usize, Option<bool>>> =
                const { std::cell::RefCell::new(WordMemo::new(14_000)) };
        }
        let owner = self as *const DateLexicon as usize;
        MEMO.with_borrow_mut(|memo| memo.with(owner, word, || self.work_out_tense(word), |&t| t))
    }

    /// [`DateLexicon::tense_of`] of `word` with any ASCII capitals read as
    /// small (`Will`).
    pub fn folded_tense_of(&self, word: &str) -> Option<bool> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.tense_of(&word.to_ascii_lowercase())
        } else {
            self.tense_of(word)
        }
    }

    /// [`DateLexicon::tense_of`] of word `i` of `doc`, any ASCII capitals
    /// read as small (`Will`): by the word's number, each thread working
    /// out each word once.
    pub fn tense_of_word(&self, doc: &Document, i: usize) -> Option<bool> {
        thread_local! {
            static FOLDED: std::cell::RefCell<IdMemo<usize, Option<bool>>> =
                const { std::cell::RefCell::new(IdMemo::new()) };
        }
        let numbers = doc.word_numbers();
        FOLDED.with_borrow_mut(|memo| {
            memo.serve(self as *const DateLexicon as usize, numbers.numbering());
            memo.read(
                numbers.index(i),
                || self.folded_tense_of(&doc.norm_text()[doc.words()[i].clone()]),
                |&t| t,
            )
        })
    }

    /// The tense ([`DateLexicon::tense_of`]) of the first word of `doc`
    /// between `from` and `to` that has one, a word either end cuts read as
    /// what lies within: whole words are looked up by number, the thread's
    /// memo checked once for them all.
    pub fn first_tense_between(&self, doc: &Document, from: usize, to: usize) -> Option<bool> {
        thread_local! {
            static BY_NUMBER: std::cell::RefCell<IdMemo<usize, Option<bool>>> =
                const { std::cell::RefCell::new(IdMemo::new()) };
        }
        let owner = self as *const DateLexicon as usize;
        BY_NUMBER.with_borrow_mut(|memo| {
            memo.answers_between(owner, doc, (from, to), |w| self.work_out_tense(w), |w| self.tense_of(w))
                .find_map(|t| t)
        })
    }

    fn work_out_tense(&self, word: &str) -> Option<bool> {
        if self.future.contains(word) {
            return Some(true);
        }
        if self.past.contains(word) {
            return Some(false);
        }
        if self.not_verbs.contains(word) || word.chars().count() < 3 {
            return None;
        }
        if self.future_endings.ends(word, 0) {
            Some(true)
        } else if self.past_endings.ends(word, 0) {
            Some(false)
        } else {
            None
        }
    }
}

impl DateLexicon {
    /// Whether `word` ties a following `N days ago` to something else.
    pub fn is_anchor(&self, word: &str) -> bool {
        self.anchors.contains(word) || self.anchor_endings.ends(word, 0)
    }

    /// Whether `word` is surely a finite verb: a listed verb form, or one
    /// with a tense ending of four characters or more (`দিয়েছিলেন`). Shorter
    /// endings also end names (`অ্যালেন`), so they do not count.
    pub fn is_finite_verb(&self, word: &str) -> bool {
        if self.future.contains(word) || self.past.contains(word) {
            return true;
        }
        if self.not_verbs.contains(word) {
            return false;
        }
        self.long_endings.ends(word, 0)
    }
}

/// The built-in vocabulary. Its data is tested, so a failure here is a bug
/// in a shipped file.
pub fn date_lexicon() -> &'static DateLexicon {
    static LEX: OnceLock<DateLexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let files = files_named("dates.tsv").map(|(lang, c)| (format!("data/lang/{lang}/dates.tsv"), c));
        DateLexicon::build(files).unwrap_or_else(|e| panic!("built-in date vocabulary: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_word_has_a_bit_of_its_own() {
        let one_of_each = [
            Word::Month(1),
            Word::Weekday(1),
            Word::Number(1),
            Word::OrdinalSuffix {
                attached: true,
                separate: false,
            },
            Word::YearMarker { before: true },
            Word::RelativeDay {
                offset: 1,
                ambiguous: false,
            },
            Word::Modifier(1),
            Word::Unit(Unit::Day),
            Word::Ago(-1),
            Word::Few,
            Word::Part(Part::Start),
            Word::DayPeriod(DayPeriod::Morning),
            Word::AmPm { pm: true },
            Word::HourMarker {
                attached: true,
                counter: false,
            },
            Word::Quarter(30),
            Word::Approx,
            Word::RangeFrom,
            Word::RangeTo,
            Word::BengaliMonth(1),
            Word::HijriMonth(1),
            Word::Era(Era::Hijri),
            Word::PublishedLabel,
            Word::Weekend,
            Word::Age,
            Word::And,
            Word::Link,
            Word::YearPrep { before: false },
        ];
        let all = one_of_each.iter().fold(0u32, |seen, w| {
            assert_eq!(w.kind().count_ones(), 1, "{w:?}");
            assert_eq!(seen & w.kind(), 0, "{w:?} shares a bit");
            seen | w.kind()
        });
        assert_eq!(all.count_ones(), 27);
        // A variant's values share its bit.
        assert_eq!(Word::Month(1).kind(), Word::Month(12).kind());
        assert_eq!(Word::Month(3).kind(), kind::MONTH);
        assert_eq!(Word::YearPrep { before: true }.kind(), kind::YEAR_PREP);
        // The lexicon keeps each surface's kinds: those of its entries.
        let lex = date_lexicon();
        assert_eq!(lex.kinds.len(), lex.entries.len());
        for (ws, &k) in lex.entries.iter().zip(&lex.kinds) {
            assert!(ws.iter().all(|w| k & w.kind() != 0), "{ws:?}");
            assert_eq!(
                k.count_ones() as usize,
                ws.iter().map(Word::kind).fold(0, |a, b| a | b).count_ones() as usize
            );
        }
        assert!(lex.kinds.iter().any(|&k| k & kind::MONTH != 0));
        // The words that join or follow begin nothing; the rest may.
        let never: Vec<Word> = one_of_each.into_iter().filter(|w| !w.may_begin()).collect();
        assert_eq!(
            never,
            [
                Word::Unit(Unit::Day),
                Word::Ago(-1),
                Word::Approx,
                Word::RangeTo,
                Word::PublishedLabel,
                Word::Age,
                Word::And,
                Word::Link,
                Word::YearPrep { before: false },
            ]
        );
    }

    #[test]
    fn builtin_vocabulary_loads() {
        let lex = date_lexicon();
        assert!(lex.entries.len() > 500);
        assert!(lex.suffixes.contains("ের"));
        assert_eq!(lex.tense_of("করবেন"), Some(true));
        assert_eq!(lex.tense_of("होगी"), Some(true));
        assert_eq!(lex.tense_of("will"), Some(true));
        assert_eq!(lex.tense_of("করেছেন"), Some(false));
    }

    #[test]
    fn the_first_tense_between_is_that_of_the_words_there() {
        let lex = date_lexicon();
        for text in [
            "তিনি কাল ঢাকায় যাবেন, পরে করেছেন।",
            "वह कल दिल्ली जाएंगे और बैठक हुई।",
            "He will go; they met.",
        ] {
            let doc = Document::new(text.to_string());
            let n = doc.norm_text();
            // Twice: worked out, then remembered by number.
            for _ in 0..2 {
                for (from, to) in crate::text::char_ranges(n) {
                    let want = doc.words_between(from, to).find_map(|r| lex.tense_of(&n[r]));
                    assert_eq!(lex.first_tense_between(&doc, from, to), want, "{text} {from}..{to}");
                }
            }
            assert!(lex.first_tense_between(&doc, 0, n.len()).is_some(), "{text}");
        }
        let doc = Document::new("তিনি কাল ঢাকায় যাবেন".to_string());
        assert_eq!(lex.first_tense_between(&doc, 0, doc.norm_text().len()), Some(true));
    }

    #[test]
    fn a_word_by_number_has_the_tense_of_its_small_letters() {
        let lex = date_lexicon();
        let doc = Document::new("He WILL go, Will said; তিনি যাবেন, करेंगे और हुई. Met MET".to_string());
        let n = doc.norm_text();
        let tenses: Vec<Option<bool>> = (0..doc.words().len()).map(|i| lex.tense_of_word(&doc, i)).collect();
        // Twice: worked out, then remembered by number.
        for (i, w) in doc.words().iter().enumerate() {
            let want = lex.tense_of(&n[w.clone()].to_ascii_lowercase());
            assert_eq!(tenses[i], want, "{}", &n[w.clone()]);
            assert_eq!(lex.tense_of_word(&doc, i), want, "{}", &n[w.clone()]);
        }
        let words: Vec<&str> = doc.words().iter().map(|w| &n[w.clone()]).collect();
        let of = |word: &str| tenses[words.iter().position(|&w| w == word).unwrap()];
        assert_eq!(of("WILL"), Some(true));
        assert_eq!(of("Will"), Some(true));
        assert_eq!(of("যাবেন"), Some(true));
        assert_eq!(of("said"), Some(false));
        assert_eq!(of("MET"), Some(false));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = DateLexicon::build([("x.tsv".to_string(), "month\tজুন\t13\n")])
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "x.tsv:1: month value 13 is not in 1..=12");
        let e = DateLexicon::build([("x.tsv".to_string(), "# c\nmonthly\tজুন\t6\n")])
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "x.tsv:2: unknown kind `monthly`");
    }
}
