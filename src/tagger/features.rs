//! What the tagger sees of a word: its form, stem and case ending, its first
//! and last graphemes, its script and shape, what the lexicons say of it,
//! what the rules found there (a gazetteer name, a title before it, a
//! reporting word after it), and the same of its neighbours. Every feature
//! is a 64-bit hash of a template number and a value, so nothing is
//! allocated per word and a model is a flat table of weights.

use std::ops::Range;

use super::{LABELS, Label};
use crate::extract::names::{CueMatch, Found, Via, Who};
use crate::gazetteer::NameIndex;
use crate::lexicon::entities::{Cue, EntityLexicon};
use crate::lexicon::events::{EventCue, EventWord};
use crate::lexicon::word::WordLists;
use crate::text::bytes::has_ascii_digit;
use crate::text::{Document, Script, is_letter, is_sign, script_of};

/// A word's features that do not depend on the labels before it.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    word: u64,
    stem: u64,
    ending: u64,
    prefix: [u64; 3],
    suffix: [u64; 3],
    shape: u8,
    flags: u16,
    /// What the rules found here: see [`hint_of`].
    hint: u8,
    /// The cue printed right before and right after the word.
    cue_before: u8,
    cue_after: u8,
}

// Lexicon flags of a word.
const COMMON: u16 = 1;
const COMMON_STEM: u16 = 1 << 1;
const NOT_NAME: u16 = 1 << 2;
const NAME_WORD: u16 = 1 << 3;
const LOCATIVE: u16 = 1 << 4;
const PLACE_CUE: u16 = 1 << 5;
const PLACE_ENDING: u16 = 1 << 6;
const DIGIT: u16 = 1 << 7;
const CAPITAL: u16 = 1 << 8;
const FINITE_VERB: u16 = 1 << 9;
const PERSON_TOKEN: u16 = 1 << 10;
const TRIGGER: u16 = 1 << 11;
const CLASSIFIER: u16 = 1 << 12;
const DATE: u16 = 1 << 13;
const UNNAMED: u16 = 1 << 14;
const FLAGS: u32 = 15;

/// What [`ContextRows::rows`] reads of a word's own features (the
/// rest is summed in its weights per role): small, to be remembered.
#[derive(Debug, Clone, Copy)]
pub struct WordCore {
    word: u64,
    stem: u64,
    flags: u16,
    shape: u8,
}

impl From<WordCore> for WordInfo {
    fn from(c: WordCore) -> WordInfo {
        WordInfo {
            word: c.word,
            stem: c.stem,
            flags: c.flags,
            shape: c.shape,
            ..WordInfo::default()
        }
    }
}

impl WordInfo {
    pub fn core(&self) -> WordCore {
        WordCore {
            word: self.word,
            stem: self.stem,
            flags: self.flags,
            shape: self.shape,
        }
    }

    /// A word that is never part of a name (`ने`, `2025`), or that the
    /// labelled news never put in one (`unnamed_words.txt`: `এবং`): labelled
    /// outside without a look at the weights, in training as in use.
    pub fn outside(&self) -> bool {
        self.flags & (NOT_NAME | DIGIT | UNNAMED) != 0
    }
}

/// Stands for the words before the first and after the last of a sentence.
const EDGE: WordInfo = WordInfo {
    word: 0x5EED_0000_0000_0001,
    stem: 0x5EED_0000_0000_0002,
    ending: 0,
    prefix: [0; 3],
    suffix: [0x5EED_0000_0000_0003; 3],
    shape: 255,
    flags: 0,
    hint: 255,
    cue_before: 0,
    cue_after: 0,
};

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a over the bytes, then a finaliser that spreads every bit.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    mix(s.bytes().fold(FNV_START, fnv))
}

/// The same over the bytes from last to first: the hash of an ending.
#[inline]
pub fn hash_rev(s: &str) -> u64 {
    mix(s.bytes().rev().fold(FNV_START, fnv))
}

/// The splitmix64 finaliser.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn feature(template: u8, value: u64) -> u64 {
    mix(value ^ u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// What belongs to the letter before it in a grapheme: a sign
/// ([`is_sign`]) or a joiner.
fn is_mark(c: char) -> bool {
    is_sign(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// The hashes of a word's forms, in one pass each way over its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Forms {
    word: u64,
    /// `word[..stem_len]`
    stem: u64,
    /// `word[stem_len..]`, by [`hash_rev`].
    ending: u64,
    /// The first one, two and three graphemes (a letter with its signs);
    /// the whole word where it has fewer.
    prefix: [u64; 3],
    /// The last one, two and three graphemes, by [`hash_rev`].
    suffix: [u64; 3],
}

/// Whether the character starting at byte `i` of `b` is a mark ([`is_mark`]),
/// read off its UTF-8 bytes (all marks take three).
#[inline]
fn mark_at(b: &[u8], i: usize) -> bool {
    match (b[i], b.get(i + 1), b.get(i + 2)) {
        // U+0900..U+09FF: E0 A4..A7 xx.
        (0xE0, Some(&b1), Some(&b2)) if (0xA4..=0xA7).contains(&b1) => {
            char::from_u32(u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F)).is_some_and(is_mark)
        }
        (0xE2, Some(0x80), Some(0x8C | 0x8D)) => true,
        _ => false,
    }
}

#[inline]
fn char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

fn forms(word: &str, stem_len: usize) -> Forms {
    let b = word.as_bytes();
    let mut h = FNV_START;
    let mut prefix = [0u64; 3];
    let mut n = 0;
    let mut stem = None;
    for (i, &byte) in b.iter().enumerate() {
        if char_start(byte) {
            if i > 0 && n < 3 && !mark_at(b, i) {
                prefix[n] = mix(h);
                n += 1;
            }
            if i == stem_len {
                stem = Some(mix(h));
            }
        }
        h = fnv(h, byte);
    }
    let whole = mix(h);
    prefix[n..].fill(whole);
    let mut h = FNV_START;
    let mut suffix = [0u64; 3];
    let mut n = 0;
    let mut ending = (stem_len >= b.len()).then(|| mix(FNV_START));
    for i in (0..b.len()).rev() {
        h = fnv(h, b[i]);
        if char_start(b[i]) {
            if i > 0 && n < 3 && !mark_at(b, i) {
                suffix[n] = mix(h);
                n += 1;
            }
            if i == stem_len {
                ending = Some(mix(h));
            }
        }
    }
    let whole_rev = mix(h);
    suffix[n..].fill(whole_rev);
    Forms {
        word: whole,
        stem: stem.unwrap_or(whole),
        ending: ending.unwrap_or(whole_rev),
        prefix,
        suffix,
    }
}

/// The script, length and ending of a word, as one small number.
fn shape(word: &str, stem_len: usize) -> u8 {
    let script = match word.chars().next().map(script_of) {
        Some(Script::Bengali) => 1,
        Some(Script::Devanagari) => 2,
        Some(Script::Latin) => 3,
        _ => 0,
    };
    let letters = word.chars().filter(|&c| is_letter(c)).take(9).count();
    let length = match letters {
        0..=3 => letters as u8,
        4..=5 => 4,
        6..=8 => 5,
        _ => 6,
    };
    script | length << 2 | u8::from(stem_len < word.len()) << 5
}

/// What the rules found at a word, for the tagger to weigh: the kind of
/// mention it is in (a listed person, another person, a listed place, a
/// nationality, another place) times two, plus one inside a name.
fn hint_of(f: &Found, via: Via, inside: bool) -> u8 {
    let kind = match (f.person, &f.who, via) {
        (true, Who::Entry(_), _) => 1,
        (true, _, _) => 2,
        (false, _, Via::Adjective) => 4,
        (false, Who::Entry(_), _) => 3,
        (false, _, _) => 5,
    };
    kind * 2 + u8::from(inside)
}

fn cue_code(cue: Cue) -> u8 {
    match cue {
        Cue::Title { role: true } => 1,
        Cue::Title { role: false } => 2,
        Cue::Speech(_) => 3,
        Cue::Credit => 4,
        Cue::Block => 5,
    }
}

/// What the rules found in a document, for the tagger to weigh.
pub struct Evidence<'a> {
    pub found: &'a [Found],
    pub cues: &'a [CueMatch],
    /// The event vocabulary's cues: a trigger (`বৈঠক`, `कुशल विनिमय`) is no name.
    pub events: &'a [EventCue],
    /// The dates found (`রাতভর`, `सोमवार`), sorted.
    pub dates: &'a [Range<usize>],
}

/// What the tagger reads of `word` alone: its forms, shape and lexicon
/// flags (not what the rules found around it), given the words of the
/// people the gazetteer lists (`index`).
pub fn word_info(word: &str, index: &NameIndex, lex: &EntityLexicon) -> WordInfo {
    word_info_with(word, WordLists::of(lex, word), index)
}

/// [`word_info`], given what the word lists say of the word.
pub fn word_info_with(word: &str, lists: WordLists, index: &NameIndex) -> WordInfo {
    let events = crate::lexicon::events::event_lexicon();
    let stem = &word[..lists.stem as usize];
    let facts = lists.facts;
    let forms = forms(word, stem.len());
    let flags = [
        (COMMON, facts.common),
        (COMMON_STEM, facts.common_stem),
        (NOT_NAME, facts.not_name),
        (NAME_WORD, facts.name_word),
        (UNNAMED, facts.unnamed),
        (LOCATIVE, facts.locative),
        (PLACE_CUE, facts.place_cue),
        (PLACE_ENDING, facts.place_ending),
        (DIGIT, has_ascii_digit(word.as_bytes())),
        (CAPITAL, word.chars().next().is_some_and(char::is_uppercase)),
        (FINITE_VERB, lists.finite_verb),
        // A classifier or plural (`শিশুটিকে`, `नेताओं`) marks a common noun.
        (CLASSIFIER, events.has_trigger_ending(word)),
        (
            PERSON_TOKEN,
            index.latin_token(word).is_some() || index.latin_token(stem).is_some(),
        ),
    ]
    .into_iter()
    .fold(0, |acc, (bit, on)| if on { acc | bit } else { acc });
    WordInfo {
        word: forms.word,
        stem: forms.stem,
        ending: forms.ending,
        prefix: forms.prefix,
        suffix: forms.suffix,
        shape: shape(word, stem.len()),
        flags,
        ..WordInfo::default()
    }
}

/// The features of every word of a document (`words`, in order), given
/// what the rules found and the words of the people the gazetteer lists
/// (`index`).
pub fn word_infos(doc: &Document, index: &NameIndex, lex: &EntityLexicon, evidence: &Evidence) -> Vec<WordInfo> {
    let text = doc.norm_text();
    let mut infos: Vec<WordInfo> = doc
        .words()
        .iter()
        .map(|w| word_info(&text[w.clone()], index, lex))
        .collect();
    mark_evidence(doc, evidence, &mut infos);
    infos
}

/// Set on each word's features (`infos`, one per word of `words`) what the
/// rules found there and around it.
pub fn mark_evidence(doc: &Document, evidence: &Evidence, infos: &mut [WordInfo]) {
    let (text, words) = (doc.norm_text(), doc.words());
    for f in evidence.found {
        for m in &f.mentions {
            let within = words_overlapping(doc, &m.range);
            let first = within.start;
            for k in within {
                infos[k].hint = hint_of(f, m.via, k > first);
            }
        }
    }
    let triggers = evidence
        .events
        .iter()
        .filter(|e| matches!(e.word, EventWord::Trigger(_)))
        .map(|e| (e.start..e.end, TRIGGER));
    for (r, flag) in triggers.chain(evidence.dates.iter().map(|d| (d.clone(), DATE))) {
        for k in words_overlapping(doc, &r) {
            infos[k].flags |= flag;
        }
    }
    for c in evidence.cues {
        let code = cue_code(c.cue);
        // The words before and after a cue: either side of those it touches.
        let Range {
            start: before,
            end: next,
        } = words_overlapping(doc, &c.range);
        if let Some(w) = words.get(next)
            && text[c.range.end..w.start].bytes().all(|b| b == b' ')
        {
            infos[next].cue_before = code;
        }
        if let Some(k) = before.checked_sub(1)
            && text[words[k].end..c.range.start].bytes().all(|b| b == b' ')
        {
            infos[k].cue_after = code;
        }
    }
}

/// Where in the words of `doc` the words that overlap `r` are: a mention
/// or a date spans a word or a few, so they are counted on from the first,
/// not searched for.
fn words_overlapping(doc: &Document, r: &Range<usize>) -> Range<usize> {
    let from = doc.first_word_ending_after(r.start);
    let to = from + doc.words()[from..].iter().take_while(|w| w.start < r.end).count();
    from..to
}

/// The features of one word, refilled for each word without allocating.
#[derive(Debug, Default)]
pub struct FeatureBuf {
    features: Vec<u64>,
}

impl FeatureBuf {
    pub fn features(&self) -> &[u64] {
        &self.features
    }

    /// The features of word `i` of a sentence, given the two labels before it.
    pub fn fill(&mut self, words: &[WordInfo], i: usize, prev: Label, prev2: Label) {
        let at = |k| around(words, i, k);
        let w = at(0);
        let (p, n, p2, n2) = (at(-1), at(1), at(-2), at(2));
        let f = &mut self.features;
        f.clear();
        push_forms(f, w);
        push_flags(f, 12, w.flags);
        f.push(feature(30, u64::from(w.hint)));
        f.push(feature(31, u64::from(w.cue_before)));
        f.push(feature(32, u64::from(w.cue_after)));
        f.push(feature(33, u64::from(w.hint) << 8 | u64::from(w.shape)));
        f.push(feature(40, p.word));
        f.push(feature(41, n.word));
        f.push(feature(42, p2.word));
        f.push(feature(43, n2.word));
        f.push(feature(44, p.stem));
        f.push(feature(45, n.stem));
        f.push(feature(48, u64::from(p.hint)));
        f.push(feature(49, u64::from(n.hint)));
        f.push(feature(50, u64::from(p.shape)));
        f.push(feature(51, u64::from(n.shape)));
        f.push(feature(52, u64::from(p.cue_before)));
        f.push(feature(53, u64::from(n.cue_after)));
        for bit in 0..FLAGS {
            if n.flags & (1 << bit) != 0 {
                f.push(feature(54, u64::from(bit)));
            }
            if p.flags & (1 << bit) != 0 {
                f.push(feature(55, u64::from(bit)));
            }
        }
        f.extend(pair_features(words, i));
        f.push(feature(70, prev as u64));
        f.push(feature(71, (prev2 as u64) << 8 | prev as u64));
    }
}

/// The features of word `i` of a sentence paired with the words beside it.
pub fn pair_features(words: &[WordInfo], i: usize) -> [u64; 2] {
    let (w, p, n) = (around(words, i, 0), around(words, i, -1), around(words, i, 1));
    [
        feature(60, p.word ^ w.word.rotate_left(17)),
        feature(61, w.stem ^ n.word.rotate_left(17)),
    ]
}

/// Where a word stands to the word being labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Own,
    Prev,
    Next,
    Prev2,
    Next2,
}

/// How many roles a word plays around the words near it.
pub const ROLES: usize = 5;

impl Role {
    pub const ALL: [Role; ROLES] = [Role::Own, Role::Prev, Role::Next, Role::Prev2, Role::Next2];
}

/// Word `i + k` of a sentence, or the edge beyond its ends. Before the
/// first word the index wraps past any sentence's length: one test finds
/// either edge.
#[inline]
fn around(words: &[WordInfo], i: usize, k: isize) -> &WordInfo {
    words.get(i.wrapping_add_signed(k)).unwrap_or(&EDGE)
}

/// The features of a word's forms and shape, and a constant.
fn push_forms(f: &mut Vec<u64>, w: &WordInfo) {
    f.push(feature(1, 0));
    f.push(feature(2, w.word));
    f.push(feature(3, w.stem));
    f.push(feature(4, w.ending));
    for k in 0..3 {
        f.push(feature(5 + k as u8, w.prefix[k]));
        f.push(feature(8 + k as u8, w.suffix[k]));
    }
    f.push(feature(11, u64::from(w.shape)));
}

/// A feature of `template` for each flag set in `flags`, lowest first.
fn push_flags(f: &mut Vec<u64>, template: u8, flags: u16) {
    // The set bits, lowest first, without testing the others.
    let mut rest = flags & ((1u32 << FLAGS) - 1) as u16;
    while rest != 0 {
        f.push(feature(template, u64::from(rest.trailing_zeros())));
        rest &= rest - 1;
    }
}

/// Flags that come from what the rules found, not from the word.
const EVIDENCE_FLAGS: u16 = TRIGGER | DATE;

/// What stands for the words before the first and after the last of a
/// sentence, for its weights in each role.
pub fn edge() -> &'static WordInfo {
    &EDGE
}

/// The features of [`FeatureBuf::fill`] that depend on one word alone, as
/// that word in `role`: a word's weights in each role can then be summed
/// once and remembered ([`ContextRows`] gives the rest).
pub fn word_features(w: &WordInfo, role: Role, f: &mut Vec<u64>) {
    f.clear();
    let own_flags = w.flags & !EVIDENCE_FLAGS;
    match role {
        Role::Own => {
            push_forms(f, w);
            push_flags(f, 12, own_flags);
        }
        Role::Prev => {
            f.push(feature(40, w.word));
            f.push(feature(44, w.stem));
            f.push(feature(50, u64::from(w.shape)));
            push_flags(f, 55, own_flags);
        }
        Role::Next => {
            f.push(feature(41, w.word));
            f.push(feature(45, w.stem));
            f.push(feature(51, u64::from(w.shape)));
            push_flags(f, 54, own_flags);
        }
        Role::Prev2 => f.push(feature(42, w.word)),
        Role::Next2 => f.push(feature(43, w.word)),
    }
}

/// The rest of [`FeatureBuf::fill`]'s features, that [`word_features`]
/// leaves out (what the rules found at and around the word, the pairs of
/// words, the labels before it), as rows of weights. Those whose values
/// are few (the hints and cues of a word and its neighbours, the
/// evidence flags, the labels before it), by value: built once a model,
/// they are looked up for every word tagged, not hashed; so is the shape
/// with the hint, for the hints and shapes a word of a sentence has. The
/// rest (the pairs of words, an edge's shape) are hashed as they come.
#[derive(Debug, Clone)]
pub struct ContextRows<R = u32> {
    /// By value: the word's hint, cue before and cue after; the previous
    /// word's hint and cue before; the next word's hint and cue after.
    small: [[R; 256]; 7],
    /// By flag: the word's, the next word's and the previous word's.
    flags: [[R; FLAGS as usize]; 3],
    /// By the label before, and by the two before.
    prev: [R; LABELS],
    prevs: [[R; LABELS]; LABELS],
    /// By the word's hint and shape, each below the bound of
    /// [`HINTS_SHAPES`] ([`hint_of`] and [`shape`] give no more).
    hint_shape: [[R; HINTS_SHAPES.1]; HINTS_SHAPES.0],
}

/// The hints and the shapes a word of a sentence has: [`hint_of`] gives
/// at most 11, [`shape`] six bits.
const HINTS_SHAPES: (usize, usize) = (16, 64);

/// What [`ContextRows::rows`] hands the rows of a word's context to.
pub trait TakeRows<R> {
    /// Whether the table the rows come from is [`ContextRows::folded`]:
    /// the entries of the value 0 and of the label before are then not
    /// handed over (they are in the folded table's base row and its rows
    /// of the two labels before).
    const FOLDED: bool = false;
    /// A feature of few values: its entry in the table.
    fn by_value(&mut self, entry: &R);
    /// Any other: its row in the model's weights.
    fn hashed(&mut self, row: usize);
}

/// The templates of [`ContextRows::small`] and [`ContextRows::flags`], in
/// their order there.
const SMALL_TEMPLATES: [u8; 7] = [30, 31, 32, 48, 52, 49, 53];
const FLAG_TEMPLATES: [u8; 3] = [12, 54, 55];

impl ContextRows {
    /// The table of a model whose row for a feature is `row(feature)`.
    pub fn new(row: impl Fn(u64) -> usize) -> Box<ContextRows> {
        let row = |template: u8, value: u64| row(feature(template, value)) as u32;
        Box::new(ContextRows {
            small: SMALL_TEMPLATES.map(|t| std::array::from_fn(|v| row(t, v as u64))),
            flags: FLAG_TEMPLATES.map(|t| std::array::from_fn(|bit| row(t, bit as u64))),
            prev: std::array::from_fn(|p| row(70, p as u64)),
            prevs: std::array::from_fn(|p2| std::array::from_fn(|p| row(71, (p2 as u64) << 8 | p as u64))),
            hint_shape: std::array::from_fn(|h| std::array::from_fn(|s| row(33, (h as u64) << 8 | s as u64))),
        })
    }

    /// The same table with each row number replaced by `f` of it: the rows
    /// themselves, widened once, so that scoring a word adds them without
    /// looking them up in the weights or widening them again.
    pub fn map<R>(&self, f: impl Fn(u32) -> R) -> Box<ContextRows<R>> {
        Box::new(ContextRows {
            small: std::array::from_fn(|t| std::array::from_fn(|v| f(self.small[t][v]))),
            flags: std::array::from_fn(|t| std::array::from_fn(|bit| f(self.flags[t][bit]))),
            prev: std::array::from_fn(|p| f(self.prev[p])),
            prevs: std::array::from_fn(|p2| std::array::from_fn(|p| f(self.prevs[p2][p]))),
            hint_shape: std::array::from_fn(|h| std::array::from_fn(|s| f(self.hint_shape[h][s]))),
        })
    }
}

impl<R> ContextRows<R> {
    /// Hand `to` the entry of each of these features of word `i` after the
    /// labels `[prev, prev2]` that take few values, and the row of each of
    /// the rest, given the rows of its [`pair_features`] (the order aside:
    /// the rows are summed); `row` is the model's row of a hashed feature.
    #[inline]
    pub fn rows<T: TakeRows<R>>(
        &self,
        words: &[WordInfo],
        i: usize,
        [prev, prev2]: [Label; 2],
        pairs: [usize; 2],
        row: impl Fn(u64) -> usize,
        to: &mut T,
    ) {
        let (w, p, n) = (around(words, i, 0), around(words, i, -1), around(words, i, 1));
        let values = [
            w.hint,
            w.cue_before,
            w.cue_after,
            p.hint,
            p.cue_before,
            n.hint,
            n.cue_after,
        ];
        for (rows, value) in self.small.iter().zip(values) {
            if value != 0 || !T::FOLDED {
                to.by_value(&rows[usize::from(value)]);
            }
        }
        for (rows, flags) in self.flags.iter().zip([w.flags, n.flags, p.flags]) {
            let mut rest = flags & EVIDENCE_FLAGS;
            while rest != 0 {
                to.by_value(&rows[rest.trailing_zeros() as usize]);
                rest &= rest - 1;
            }
        }
        let (hint, shape) = (usize::from(w.hint), usize::from(w.shape));
        match self.hint_shape.get(hint).and_then(|by_shape| by_shape.get(shape)) {
            Some(entry) => to.by_value(entry),
            None => to.hashed(row(feature(33, u64::from(w.hint) << 8 | u64::from(w.shape)))),
        }
        for row in pairs {
            to.hashed(row);
        }
        if !T::FOLDED {
            to.by_value(&self.prev[prev as usize]);
        }
        to.by_value(&self.prevs[prev2 as usize][prev as usize]);
    }
}

/// A folded table ([`ContextRows::folded`]): its base row, and the rows.
pub type FoldedRows = ([i32; 8], Box<ContextRows<[i32; 8]>>);

impl ContextRows<[i32; 8]> {
    /// The same sums from fewer rows, for a word's features that mostly
    /// take the value 0 (no hint, no cue): the rows of the value 0 of each
    /// template summed into one base row, which every word adds, and each
    /// template's other rows less its row of 0; the row of the label before
    /// added into those of the two before. The base row, and the table,
    /// read by a [`TakeRows`] that is [`TakeRows::FOLDED`].
    pub fn folded(&self) -> FoldedRows {
        let mut base = [0; 8];
        let mut table = Box::new(self.clone());
        for rows in table.small.iter_mut() {
            let zero = rows[0];
            for row in rows.iter_mut() {
                for (w, z) in row.iter_mut().zip(zero) {
                    *w -= z;
                }
            }
            for (b, z) in base.iter_mut().zip(zero) {
                *b += z;
            }
        }
        for by_prev in table.prevs.iter_mut() {
            for (row, prev) in by_prev.iter_mut().zip(&self.prev) {
                for (w, p) in row.iter_mut().zip(prev) {
                    *w += p;
                }
            }
        }
        (base, table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphemes_keep_their_signs() {
        // কি + শো + র: the first grapheme is কি, not ক.
        let f = forms("কিশোরের", "কিশোর".len());
        assert_eq!(f.word, hash_str("কিশোরের"));
        assert_eq!(f.stem, hash_str("কিশোর"));
        assert_eq!(f.ending, hash_rev("ের"));
        assert_eq!(f.prefix, [hash_str("কি"), hash_str("কিশো"), hash_str("কিশোরে")]);
        assert_eq!(f.suffix, [hash_rev("র"), hash_rev("রের"), hash_rev("শোরের")]);
        // A word shorter than three graphemes repeats itself; no ending hashes as empty.
        let f = forms("রা", "রা".len());
        assert_eq!(f.prefix, [hash_str("রা"); 3]);
        assert_eq!(f.suffix, [hash_rev("রা"); 3]);
        assert_eq!(f.ending, hash_rev(""));
    }

    #[test]
    fn marks_read_off_the_bytes() {
        for c in [
            '\u{0900}', 'া', 'ি', '্', '়', 'ং', 'ा', '्', '़', '\u{200C}', '\u{200D}', 'ক', 'क', 'a', 'ৎ', '।',
        ] {
            let s = c.to_string();
            assert_eq!(mark_at(s.as_bytes(), 0), is_mark(c), "{c:?}");
        }
    }

    #[test]
    fn words_never_in_a_name_are_outside_without_a_look() {
        let (index, lex) = (&*NameIndex::builtin(), crate::lexicon::entities::entity_lexicon());
        // "and", "said", "to do", a number: never scored.
        for word in ["এবং", "বলেন", "करने", "2025"] {
            assert!(word_info(word, index, lex).outside(), "{word}");
        }
        // A surname, a place, a name no list holds: scored.
        for word in ["হোসেন", "ঢাকা", "सिंह", "নয়াপল্টনে"] {
            assert!(!word_info(word, index, lex).outside(), "{word}");
        }
    }

    #[test]
    fn shapes_tell_script_length_and_ending() {
        assert_eq!(shape("ঢাকা", 9) & 3, 1);
        assert_eq!(shape("दिल्ली", 18) & 3, 2);
        assert_eq!(shape("Delhi", 5) & 3, 3);
        assert_ne!(shape("ঢাকার", 12), shape("ঢাকার", 15));
    }

    #[test]
    fn hashes_are_stable() {
        // Shipped models depend on these values: a change needs retraining
        // (and a new `file::FEATURES`).
        assert_eq!(hash_str("ঢাকা"), HASH_DHAKA);
        assert_ne!(hash_str("ab"), hash_rev("ab"));
        assert_ne!(feature(2, hash_str("ঢাকা")), feature(3, hash_str("ঢাকা")));
    }

    const HASH_DHAKA: u64 = 4_601_779_080_284_827_710;

    /// The rows' numbers, as they are handed over.
    struct RowNumbers<'a>(&'a mut Vec<usize>);

    impl TakeRows<u32> for RowNumbers<'_> {
        fn by_value(&mut self, &row: &u32) {
            self.0.push(row as usize);
        }
        fn hashed(&mut self, row: usize) {
            self.0.push(row);
        }
    }

    #[test]
    fn own_and_context_rows_are_the_rows_of_the_full_features() {
        let row = |f: u64| (f >> 44) as usize;
        let table = ContextRows::new(row);
        // Words of many hints, cues, shapes and flags, from a fixed seed.
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            seed = mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
            seed
        };
        // Some of the hints and shapes a sentence's words have (their rows
        // looked up by value), the rest of any value (hashed, as an
        // edge's 255 is).
        let words: Vec<WordInfo> = (0..40)
            .map(|k| WordInfo {
                word: next(),
                stem: next(),
                shape: next() as u8 % if k % 2 == 0 { 64 } else { 255 },
                flags: next() as u16,
                hint: next() as u8 % if k % 3 == 0 { 16 } else { 255 },
                cue_before: next() as u8,
                cue_after: next() as u8,
                ..WordInfo::default()
            })
            .collect();
        let mut buf = FeatureBuf::default();
        let mut own = Vec::new();
        for i in 0..words.len() {
            for (prev, prev2) in [
                (Label::O, Label::O),
                (Label::BPer, Label::O),
                (Label::IPer, Label::BPer),
            ] {
                // The full features are each word's own in its role around
                // word `i`, and the context rows.
                buf.fill(&words, i, prev, prev2);
                let mut want: Vec<usize> = buf.features().iter().map(|&f| row(f)).collect();
                let mut got = Vec::new();
                for (role, k) in Role::ALL.into_iter().zip([0, -1, 1, -2, 2]) {
                    word_features(around(&words, i, k), role, &mut own);
                    got.extend(own.iter().map(|&f| row(f)));
                }
                let pairs = pair_features(&words, i).map(row);
                table.rows(&words, i, [prev, prev2], pairs, row, &mut RowNumbers(&mut got));
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "word {i}");
            }
        }
    }
}
