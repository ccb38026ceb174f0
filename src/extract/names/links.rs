//! Mentions that join entities already found: a surname or short form of a
//! full name printed elsewhere in the article (`রুবিও`, `मोदी`, `কিম`), and a
//! spelling no list has that sounds like a known name (`পুটিন`,
//! `ভলোডাইমির জেলেনস্কি`).

use std::cell::RefCell;

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

use super::patterns::WordTraits;
use super::{Found, Mention, Overlaps, Via, Who, covered, overlaps_any};
use crate::gazetteer::NameIndex;
use crate::gazetteer::romanize::romanize_word;
use crate::gazetteer::sound::{latin_key, sound_key};
use crate::lexicon::entities::EntityLexicon;
use crate::lexicon::memo::{IdMemo, WordMemo};
use crate::lexicon::word::WordLists;
use crate::text::bytes::has_ascii_digit;
use crate::text::{Document, Script, script_of, word_start};

/// Join a person found from context to a fuller name of the article: one
/// printed right before a known person's mention is its first part (`आमिर
/// खान` + `मुत्ताकी`), and a one-word one that is the first or last word of
/// exactly one other person's name is that person (`মোরিওকা`).
pub fn merge_partial_names(doc: &Document, found: &mut Vec<Found>) {
    // Only a person found from context is merged: without one, the index
    // of people's words is not built.
    if !found.iter().any(|f| f.person && matches!(f.who, Who::Pattern(_))) {
        return;
    }
    let text = doc.norm_text();
    let mut index = PersonWords::new(text, found);
    let mut emptied = vec![false; found.len()];
    for i in 0..found.len() {
        let (Who::Pattern(key), true) = (found[i].who.clone(), found[i].person) else {
            continue;
        };
        let mentions = std::mem::take(&mut found[i].mentions);
        for (k, m) in mentions.iter().enumerate() {
            index.remove(text, i, k, m);
        }
        let mut keep = Vec::new();
        for m in mentions {
            let mut joined = false;
            if text[m.range.end..].starts_with(' ') {
                for (g, k) in index.starting_at(m.range.end + 1) {
                    index.remove(text, g, k, &found[g].mentions[k]);
                    let known = &mut found[g].mentions[k];
                    known.range.start = m.range.start;
                    known.stem.start = m.range.start;
                    index.add(text, g, k, &found[g].mentions[k]);
                    joined = true;
                }
            }
            if !joined {
                keep.push(m);
            }
        }
        found[i].mentions = keep;
        if !key.contains(' ')
            && let [j] = index.owners(&key, i)[..]
        {
            for m in std::mem::take(&mut found[i].mentions) {
                let m = Mention {
                    via: Via::ShortForm,
                    ..m
                };
                index.add(text, j, found[j].mentions.len(), &m);
                found[j].mentions.push(m);
            }
        }
        for (k, m) in found[i].mentions.iter().enumerate() {
            index.add(text, i, k, m);
        }
        emptied[i] = found[i].mentions.is_empty();
    }
    let mut n = 0;
    found.retain(|_| {
        n += 1;
        !emptied[n - 1]
    });
}

/// People's mentions by where they start, and people by the first and the
/// last word of their names of two words or more: kept up to date as names
/// join, so that an article of many names is read in linear time.
struct PersonWords<'t> {
    person: Vec<bool>,
    /// Mention start → (entity, mention) pairs: most often one, kept in
    /// place.
    starts: HashMap<usize, SmallVec<[(usize, usize); 1]>>,
    /// Word → (entity, how many of its mentions begin (or end) with it):
    /// a word is most often one person's, so a list, not a map, and one
    /// kept in place.
    firsts: HashMap<&'t str, SmallVec<[(usize, u32); 1]>>,
    lasts: HashMap<&'t str, SmallVec<[(usize, u32); 1]>>,
}

impl<'t> PersonWords<'t> {
    fn new(text: &'t str, found: &[Found]) -> Self {
        // Sized once for every person's mention: the tables are not grown
        // (and rehashed) as they fill.
        let mentions = person_mentions(found);
        let mut index = PersonWords {
            person: found.iter().map(|f| f.person).collect(),
            starts: HashMap::with_capacity_and_hasher(mentions, Default::default()),
            firsts: HashMap::with_capacity_and_hasher(mentions, Default::default()),
            lasts: HashMap::with_capacity_and_hasher(mentions, Default::default()),
        };
        for (g, f) in found.iter().enumerate() {
            for (k, m) in f.mentions.iter().enumerate() {
                index.add(text, g, k, m);
            }
        }
        index
    }

    fn words(text: &'t str, m: &Mention) -> Option<(&'t str, &'t str)> {
        let name = &text[m.stem.clone()];
        // A space is one byte, never part of another character: the name
        // is cut at the first and the last, found as bytes.
        let first = memchr::memchr(b' ', name.as_bytes())?;
        let last = memchr::memrchr(b' ', name.as_bytes())?;
        Some((&name[..first], &name[last + 1..]))
    }

    fn add(&mut self, text: &'t str, g: usize, k: usize, m: &Mention) {
        if !self.person[g] {
            return;
        }
        self.starts.entry(m.range.start).or_default().push((g, k));
        if let Some((first, last)) = Self::words(text, m) {
            for (map, word) in [(&mut self.firsts, first), (&mut self.lasts, last)] {
                let counts = map.entry(word).or_default();
                match counts.iter_mut().find(|(e, _)| *e == g) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((g, 1)),
                }
            }
        }
    }

    fn remove(&mut self, text: &'t str, g: usize, k: usize, m: &Mention) {
        if !self.person[g] {
            return;
        }
        if let Some(at) = self.starts.get_mut(&m.range.start) {
            at.retain(|e| *e != (g, k));
        }
        if let Some((first, last)) = Self::words(text, m) {
            for (map, word) in [(&mut self.firsts, first), (&mut self.lasts, last)] {
                if let Some(counts) = map.get_mut(word)
                    && let Some(at) = counts.iter().position(|(e, _)| *e == g)
                {
                    counts[at].1 -= 1;
                    if counts[at].1 == 0 {
                        counts.swap_remove(at);
                    }
                }
            }
        }
    }

    /// The mentions that start at `at`, in entity and mention order.
    fn starting_at(&self, at: usize) -> SmallVec<[(usize, usize); 1]> {
        let mut v = self.starts.get(&at).cloned().unwrap_or_default();
        v.sort_unstable();
        v
    }

    /// The people other than `i` with a name of two words or more that
    /// begins or ends with `word`, in order.
    fn owners(&self, word: &str, i: usize) -> Vec<usize> {
        let mut v: Vec<usize> = [&self.firsts, &self.lasts]
            .iter()
            .filter_map(|map| map.get(word))
            .flat_map(|counts| counts.iter().map(|&(g, _)| g))
            .filter(|&j| j != i)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Link the article's other words to the entities already found, in one
/// pass: a surname or first word of a full name printed elsewhere (a short
/// form), else a spelling that sounds like one of their names.
pub fn join_words(doc: &Document, index: &NameIndex, lex: &EntityLexicon, traits: &WordTraits, found: &mut [Found]) {
    let text = doc.norm_text();
    let tokens = short_form_tokens(text, lex, found);
    let pattern_sounds = pattern_sounds(lex, found);
    let keys = SoundKeys::new(index, lex, found, &pattern_sounds);
    // Where the article's entities stand: again if a first name joined one.
    let mut cover = covered(found);
    if extend_first_names(doc, index, lex, found, &cover) {
        cover = covered(found);
    }
    let mut covers = Overlaps::new(&cover);
    let mut new: Vec<(usize, Mention)> = Vec::new();
    let numbers = doc.word_numbers();
    // The thread's spellings are borrowed, and checked, once for all words.
    SPELLINGS.with_borrow_mut(|spellings| {
        spellings.serve(lex as *const EntityLexicon as usize, numbers.numbering());
        let words = doc.words();
        for (i, (w, &number)) in words.iter().zip(numbers.indices(0..words.len())).enumerate() {
            if covers.any(w) {
                continue;
            }
            let hit = short_form(text, w, traits.stem_len(i), lex, &tokens, &cover).or_else(|| {
                if keys.is_empty() {
                    return None;
                }
                let sounds = |s: &Option<_>| s.as_ref().and_then(|s| sound_alike(s, &keys));
                // A new word's spellings are worked out; the rest only read.
                match spellings.get(number) {
                    Some(known) => sounds(known),
                    None => {
                        let (word, id) = (&text[w.clone()], numbers.get(i));
                        let lists = WordLists::of_number(lex, word, id);
                        spellings.read(number, || spellings_of(lex, word, lists), sounds)
                    }
                }
            });
            if let Some((entity, len, via)) = hit {
                let mention = Mention {
                    range: w.clone(),
                    stem: w.start..w.start + len,
                    via,
                };
                new.push((entity, mention));
            }
        }
    });
    for (entity, m) in new {
        found[entity].mentions.push(m);
    }
}

/// A found entity a word joins: its index among the entities, the length
/// of the name within the word, and how it was linked.
type Join = (usize, usize, Via);

/// First and last words of the article's full names → the one person each
/// can stand for, by index (`None` once two share it).
struct ShortForms<'t> {
    tokens: HashMap<&'t [u8], Option<usize>>,
    /// The tokens' [`Sketch`]: most words of an article, asked one by
    /// one, fit none and are not hashed.
    sketch: Sketch,
}

impl ShortForms<'_> {
    fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The person `s` can stand for.
    #[inline]
    fn get(&self, s: &[u8]) -> Option<usize> {
        if !self.sketch.may_hold(s) {
            return None;
        }
        self.tokens.get(s).copied().flatten()
    }
}

/// How many mentions the people of `found` have, all told.
fn person_mentions(found: &[Found]) -> usize {
    found.iter().filter(|f| f.person).map(|f| f.mentions.len()).sum()
}

/// The [`ShortForms`] of the people of `found`.
fn short_form_tokens<'t>(text: &'t str, lex: &EntityLexicon, found: &[Found]) -> ShortForms<'t> {
    // At most two tokens a person's mention: sized once, never rehashed.
    let most = 2 * person_mentions(found);
    let mut tokens: HashMap<&[u8], Option<usize>> = HashMap::with_capacity_and_hasher(most, Default::default());
    for (i, f) in found.iter().enumerate().filter(|(_, f)| f.person) {
        for m in f
            .mentions
            .iter()
            .filter(|m| matches!(m.via, Via::Gazetteer | Via::Pattern))
        {
            let name = &text[m.stem.clone()];
            let mut parts = name.split(' ').filter(|t| !t.is_empty());
            let (Some(first), Some(last)) = (parts.next(), parts.next_back()) else {
                continue;
            };
            for t in [first, last] {
                if t.chars().count() < 2 || lex.is_not_name(t) || lex.is_common(t) {
                    continue;
                }
                let slot = tokens.entry(t.as_bytes()).or_insert(Some(i));
                if *slot != Some(i) {
                    *slot = None;
                }
            }
        }
    }
    let sketch = tokens.keys().fold(Sketch::default(), |sketch, t| sketch.with(t));
    ShortForms { tokens, sketch }
}

/// The person whose surname or first word `w` is, with or without a case
/// ending; not when `w` ends another name (`ডিম্পল যাদব`).
fn short_form(
    text: &str,
    w: &std::ops::Range<usize>,
    stem_len: usize,
    lex: &EntityLexicon,
    tokens: &ShortForms,
    cover: &[std::ops::Range<usize>],
) -> Option<Join> {
    if tokens.is_empty() {
        return None;
    }
    // As bytes: the word's ends, and its stem's, fall between characters.
    let word = &text.as_bytes()[w.clone()];
    // A word with no case ending is its own stem: looked up once.
    let found = |s: &[u8]| tokens.get(s).map(|i| (i, s.len(), Via::ShortForm));
    let hit = found(word).or_else(|| (stem_len < word.len()).then(|| found(&word[..stem_len])).flatten())?;
    (!follows_unknown_name_word(text, w.start, lex, cover)).then_some(hit)
}

/// Whether the word at `start` comes right after a name-like word no entity
/// holds: then it is the end of another name (`डिंपल यादव` is not the
/// `यादव` of `अखिलेश यादव`).
fn follows_unknown_name_word(text: &str, start: usize, lex: &EntityLexicon, cover: &[std::ops::Range<usize>]) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let prev = word_start(text, before.len())..before.len();
    if prev.is_empty() || overlaps_any(cover, &prev) {
        return false;
    }
    let word = &text[prev];
    let capital_or_native = word
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(script_of(c), Script::Bengali | Script::Devanagari));
    capital_or_native && !lex.is_not_name(word) && !lex.is_common(word)
}

/// The (Latin spelling, sound key) of each name found from context, and of
/// its last word for a person: (entity index, Latin, key).
fn pattern_sounds(lex: &EntityLexicon, found: &[Found]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let Who::Pattern(name) = &f.who else { continue };
        let (latin, k) = remembered_sound(lex, name);
        out.push((i, latin, k));
        if f.person
            && let Some((_, last)) = name.rsplit_once(' ')
        {
            let (latin, k) = remembered_sound(lex, last);
            out.push((i, latin, k));
        }
    }
    out
}

/// [`sound`] of a name found from context: names recur across articles,
/// so each thread works each out once.
fn remembered_sound(lex: &EntityLexicon, name: &str) -> (String, String) {
    thread_local! {
        static MEMO: RefCell<WordMemo<usize, (String, String)>> = const { RefCell::new(WordMemo::new(1 << 14)) };
    }
    MEMO.with_borrow_mut(|memo| {
        memo.with(
            lex as *const EntityLexicon as usize,
            name,
            || sound(lex, name),
            |(latin, key)| (latin.clone(), key.clone()),
        )
    })
}

/// The Latin spelling of a name and its sound key.
fn sound(lex: &EntityLexicon, s: &str) -> (String, String) {
    let latin = latin_of(lex, s);
    let key = latin_key(&latin);
    (latin, key)
}

/// The sound keys a word of an article is looked up in: those of the
/// article's gazetteer entities, each entity by its index among the
/// entities found, and those of the names found from context.
struct SoundKeys<'a> {
    /// (gazetteer entry, index among the entities found), sorted.
    entries: Vec<(u32, usize)>,
    /// (entity index, Latin spelling, key) of the names found from context
    /// whose key is long enough to look up.
    patterns: Vec<&'a (usize, String, String)>,
    /// The [`Sketch`] of the keys of these entities: a key that does not
    /// fit it is none of theirs, without a look-up.
    sketch: Sketch,
}

/// A few bits that tell, for a set of byte strings (an article's short
/// forms, its entities' sound keys), which strings cannot be in it: each
/// string sets one bit of its length and last byte and one of its length
/// and third byte (the first letter's last in Bengali and Devanagari). A
/// string whose two bits are not both set is in no set it was made from;
/// one whose are may be, and is looked up. Lengths alone tell little:
/// words of a script have a few common lengths (a letter is three bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Sketch([u64; 2]);

impl Sketch {
    /// The bits of `s`.
    #[inline]
    fn of(s: &[u8]) -> Sketch {
        let byte = |k: Option<&u8>| k.map_or(0, |&b| usize::from(b));
        let len = s.len();
        Sketch([
            1 << ((len * 7 + byte(s.last())) % 64),
            1 << ((len * 5 + byte(s.get(2))) % 64),
        ])
    }

    /// This sketch and `s`'s bits.
    fn with(self, s: impl AsRef<[u8]>) -> Sketch {
        self.union(Sketch::of(s.as_ref()))
    }

    fn union(self, other: Sketch) -> Sketch {
        Sketch([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }

    /// Whether `s` may be one of the strings this was made of.
    #[inline]
    fn may_hold(&self, s: &[u8]) -> bool {
        self.meets(Sketch::of(s))
    }

    /// Whether some string `other` was made of may be one of those this
    /// was made of: a string [`Sketch::may_hold`] holds sets a bit of
    /// each half of both.
    #[inline]
    fn meets(&self, other: Sketch) -> bool {
        self.0[0] & other.0[0] != 0 && self.0[1] & other.0[1] != 0
    }
}

impl<'a> SoundKeys<'a> {
    /// The keys of the entities of `found`, the names of their gazetteer
    /// entries added to this thread's [`EntryKeys`] the first time.
    fn new(index: &NameIndex, lex: &EntityLexicon, found: &[Found], patterns: &'a [(usize, String, String)]) -> Self {
        let mut entries: Vec<(u32, usize)> = found
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match f.who {
                Who::Entry(e) => Some((e, i)),
                Who::Pattern(_) => None,
            })
            .collect();
        entries.sort_unstable();
        let sketch = ENTRY_KEYS.with_borrow_mut(|keys| {
            keys.serve(index);
            entries.iter().fold(Sketch::default(), |sketch, &(e, _)| {
                sketch.union(keys.add(index, e, |s| sound(lex, s)))
            })
        });
        let patterns: Vec<_> = patterns.iter().filter(|(_, _, k)| k.len() >= 3).collect();
        let sketch = patterns.iter().fold(sketch, |sketch, (_, _, k)| sketch.with(k));
        SoundKeys {
            entries,
            patterns,
            sketch,
        }
    }

    /// Whether some entity of the article may have the key `key`.
    #[inline]
    fn may_have(&self, key: &str) -> bool {
        self.sketch.may_hold(key.as_bytes())
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.patterns.is_empty()
    }

    /// The one entity that every name with the sound key `key` and a Latin
    /// spelling `near` the word's belongs to, by index (`None` when no name
    /// has them, or names of several entities do).
    fn only_entity(&self, key: &str, near: impl Fn(&str) -> bool) -> Option<usize> {
        let mut only = None;
        let mut one = |i: usize| match only {
            None => {
                only = Some(i);
                true
            }
            Some(j) => j == i,
        };
        for (i, latin, k) in &self.patterns {
            if k == key && near(latin) && !one(*i) {
                return None;
            }
        }
        let agreed = ENTRY_KEYS.with_borrow(|keys| {
            keys.named(key).all(|(e, latin)| {
                if !near(latin) {
                    return true;
                }
                let from = self.entries.partition_point(|&(x, _)| x < e);
                self.entries[from..]
                    .iter()
                    .take_while(|&&(x, _)| x == e)
                    .all(|&(_, i)| one(i))
            })
        });
        if agreed { only } else { None }
    }
}

thread_local! {
    static ENTRY_KEYS: RefCell<EntryKeys> = RefCell::new(EntryKeys::default());
}

/// One thread's sound keys of the gazetteer entries its articles have
/// named, for one name index: the same entities recur article after
/// article, so their keys are gathered once, not for each article. At most
/// every entry of the index.
#[derive(Default)]
struct EntryKeys {
    /// The [`NameIndex::id`] the keys are of.
    index: Option<u64>,
    /// The entries added, with the [`Sketch`] of their keys.
    added: rustc_hash::FxHashMap<u32, Sketch>,
    /// Sound key → (entry, the Latin spelling that has the key).
    by_key: HashMap<Box<str>, Vec<(u32, Box<str>)>>,
}

impl EntryKeys {
    /// Start over if the keys are of another index.
    fn serve(&mut self, index: &NameIndex) {
        if self.index != Some(index.id()) {
            *self = EntryKeys {
                index: Some(index.id()),
                ..EntryKeys::default()
            };
        }
    }

    /// Add the keys of the names of `entry`, the first time it is named;
    /// the [`Sketch`] of its keys.
    fn add(&mut self, index: &NameIndex, entry: u32, sound: impl Fn(&str) -> (String, String)) -> Sketch {
        if let Some(&sketch) = self.added.get(&entry) {
            return sketch;
        }
        let mut sketch = Sketch::default();
        for (key, latin) in &index.entry_sounds(entry, sound).keys {
            sketch = sketch.with(key);
            self.by_key
                .entry(key.as_str().into())
                .or_default()
                .push((entry, latin.as_str().into()));
        }
        self.added.insert(entry, sketch);
        sketch
    }

    /// (entry, Latin spelling) of each name with the sound key `key`.
    fn named(&self, key: &str) -> impl Iterator<Item = (u32, &str)> {
        self.by_key
            .get(key)
            .into_iter()
            .flatten()
            .map(|(e, latin)| (*e, &**latin))
    }
}

/// The Latin spellings and sound keys of a word worth a sound lookup
/// ([`sound_candidate`]) and of its stem: (bytes of the word they spell,
/// Latin, key), and the [`Sketch`] of the keys, which turns away most
/// words for an article without a key of theirs read. Kept as built: a
/// few spare bytes each, where shrinking them to fit cost a reallocation
/// each.
struct Spellings {
    sketch: Sketch,
    forms: Vec<(usize, String, String)>,
}

thread_local! {
    /// Each thread's [`spellings_of`] by word number: words recur, so each
    /// is worked out once.
    static SPELLINGS: RefCell<IdMemo<usize, Option<Spellings>>> = const { RefCell::new(IdMemo::new()) };
}

/// The spellings of `word`, `None` when it is not worth a sound lookup.
fn spellings_of(lex: &EntityLexicon, word: &str, lists: WordLists) -> Option<Spellings> {
    let stem = &word[..lists.stem as usize];
    sound_candidate(word, lists).then(|| {
        let mut forms: Vec<(usize, String, String)> = Vec::with_capacity(2);
        for s in [word, stem] {
            if forms.iter().all(|(len, ..)| *len != s.len()) {
                let (latin, key) = sound(lex, s);
                forms.push((s.len(), latin, key));
            }
        }
        let sketch = forms
            .iter()
            .fold(Sketch::default(), |sketch, (_, _, key)| sketch.with(key));
        Spellings { sketch, forms }
    })
}

/// The entity a word sounds like, from its spellings. Only entities the
/// article names in a known spelling (across the whole gazetteer, a
/// consonant skeleton matches common words too often), and only spellings
/// that differ in a letter or two from one of theirs (`भर्ती` is not `भारत`).
fn sound_alike(spellings: &Spellings, keys: &SoundKeys) -> Option<Join> {
    if !keys.sketch.meets(spellings.sketch) {
        return None;
    }
    for (len, latin, key) in spellings.forms.iter().filter(|(_, _, key)| keys.may_have(key)) {
        // A letter in four may differ, one at least.
        let most = (latin.chars().count() / 4).max(1);
        let near = |known: &str| within_edits(latin, known, most);
        if let Some(i) = keys.only_entity(key, near) {
            return Some((i, *len, Via::Sound));
        }
    }
    None
}

/// The lower-case Latin spelling of a name.
fn latin_of(lex: &EntityLexicon, name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    latin_into(lex, name, &mut out);
    out
}

fn latin_into(lex: &EntityLexicon, name: &str, out: &mut String) {
    for word in name.split_whitespace() {
        romanize_word(lex, word, out);
    }
    out.make_ascii_lowercase();
}

/// Whether `a` and `b` differ by at most `most` letters changed, added or
/// dropped. Spellings with one sound key are mostly ASCII of lengths that
/// differ by more than that already, and are told apart without the table.
fn within_edits(a: &str, b: &str, most: usize) -> bool {
    if a.is_ascii() && b.is_ascii() && a.len().abs_diff(b.len()) > most {
        return false;
    }
    edit_distance(a, b) <= most
}

/// Levenshtein distance of two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    // Romanised spellings are ASCII and short: their bytes are their
    // characters, and a row fits on the stack.
    const SHORT: usize = 64;
    if a.is_ascii() && b.is_ascii() && b.len() < SHORT {
        let mut row = [0usize; SHORT];
        return levenshtein(a.bytes(), b.as_bytes(), &mut row[..=b.len()]);
    }
    let b: Vec<char> = b.chars().collect();
    let mut row = vec![0; b.len() + 1];
    levenshtein(a.chars(), &b, &mut row)
}

/// Levenshtein distance of `a` and `b`, in `row` (one longer than `b`).
fn levenshtein<T: PartialEq + Copy>(a: impl Iterator<Item = T>, b: &[T], row: &mut [usize]) -> usize {
    for (j, r) in row.iter_mut().enumerate() {
        *r = j;
    }
    for (i, ca) in a.enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A word worth a sound lookup: a native-script word of three letters or
/// more, or a capitalised Latin one, that is not a common word, nor its
/// stem (`lists`: a word without an ending is its own stem).
fn sound_candidate(word: &str, lists: WordLists) -> bool {
    let Some(first) = word.chars().next() else { return false };
    let ok_script = match script_of(first) {
        Script::Latin => first.is_uppercase(),
        Script::Bengali | Script::Devanagari => true,
        Script::Other => false,
    };
    ok_script
        && word.chars().count() >= 3
        && !has_ascii_digit(word.as_bytes())
        && !lists.facts.not_name
        && !lists.facts.common
        && !lists.facts.common_stem
}

/// A first name spelled another way (`ভলোডাইমির`) right before a known
/// person's surname joins that mention; whether one did. `cover`: where
/// the entities of `found` stand ([`covered`]).
fn extend_first_names(
    doc: &Document,
    index: &NameIndex,
    lex: &EntityLexicon,
    found: &mut [Found],
    cover: &[std::ops::Range<usize>],
) -> bool {
    let text = doc.norm_text();
    let mut joined = false;
    for f in found.iter_mut() {
        let Who::Entry(i) = f.who else { continue };
        if !f.person {
            continue;
        }
        let keys = &index.entry_sounds(i, |s| sound(lex, s)).first_names;
        if keys.is_empty() {
            continue;
        }
        for m in &mut f.mentions {
            if text.as_bytes()[m.stem.clone()].contains(&b' ') {
                continue;
            }
            let Some(before) = text[..m.range.start].strip_suffix(' ') else {
                continue;
            };
            let prev = word_start(text, before.len())..before.len();
            if prev.is_empty()
                || overlaps_any(cover, &prev)
                || lex.is_not_name(&text[prev.clone()])
                || lex.is_common(&text[prev.clone()])
            {
                continue;
            }
            let key = sound_key(lex, &text[prev.clone()]);
            if keys.contains(&key) {
                m.range.start = prev.start;
                m.stem.start = prev.start;
                joined = true;
            }
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sketch_holds_what_it_was_made_of_and_turns_away_the_rest() {
        let made = ["পুতিন", "ট্রাম্প", "PTN", "TRMP"];
        let sketch = made.iter().fold(Sketch::default(), |s, w| s.with(w));
        for w in made {
            assert!(sketch.may_hold(w.as_bytes()), "{w}");
        }
        // Another length, another last or third byte: turned away.
        for w in ["পুতিনের", "মোদী", "PTNR", "MD", ""] {
            assert!(!sketch.may_hold(w.as_bytes()), "{w}");
        }
        assert!(!Sketch::default().may_hold(b"PTN"));
        // Of two sets, one holding a string the other may hold meets it.
        let words = ["পুতিনের", "PTNR", "মোদী", "ট্রাম্প"];
        for (a, b) in words.iter().zip(words.iter().skip(1)) {
            let both = Sketch::of(a.as_bytes()).with(b);
            if sketch.may_hold(a.as_bytes()) || sketch.may_hold(b.as_bytes()) {
                assert!(sketch.meets(both), "{a} {b}");
            }
        }
        assert!(sketch.meets(Sketch::of("ট্রাম্প".as_bytes()).with("মোদী")));
        assert!(!sketch.meets(Sketch::of(b"MD").with("PTNR")));
        assert_eq!(
            Sketch::default().with("PTN").union(Sketch::of(b"TRMP")),
            Sketch::of(b"PTN").with("TRMP")
        );
    }

    #[test]
    fn edit_distance_counts_letters_changed_added_or_dropped() {
        assert_eq!(edit_distance("putin", "putin"), 0);
        assert_eq!(edit_distance("putin", "puteen"), 2);
        assert_eq!(edit_distance("zelensky", "zelenskyy"), 1);
        assert_eq!(edit_distance("", "modi"), 4);
        assert_eq!(edit_distance("modi", ""), 4);
        // Other scripts count characters, not bytes.
        assert_eq!(edit_distance("পুতিন", "পুটিন"), 1);
        assert_eq!(edit_distance("putin", "पुतिन"), 5);
        assert!(within_edits("zelensky", "zelenskyy", 1));
        assert!(!within_edits("modi", "modiji", 1));
        assert!(within_edits("modi", "modiji", 2));
        assert!(!within_edits("putin", "puteen", 1));
        // Past the short row on the stack, the same answer.
        let long = "a".repeat(70);
        assert_eq!(edit_distance(&long, &"a".repeat(68)), 2);
    }
}
