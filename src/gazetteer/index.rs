//! Every name of the gazetteer, every nationality adjective and every
//! context cue (titles, reporting words, credit words, blocked phrases), in
//! each spelling variant news prints, keyed by its first word. A name starts
//! at a word start and its first word is either a whole word of the text or
//! that word less a case ending, so one pass over the words, with a hash
//! look-up or two each, finds them all: no automaton to build at start-up,
//! and no state machine stepped byte by byte through the text.

use crate::text::bytes::starts_with_bytes;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use smallvec::SmallVec;

use super::sound::{latin_key, sound_key};
use super::{EntryKind, Gazetteer};
use crate::lexicon::entities::{Cue, EntityLexicon, entity_lexicon};
use crate::lexicon::memo::IdMemo;
use crate::text::numbers::WordNumbers;
use crate::text::{Script, is_word_char, normalize_str, script_of, word_end};

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// A gazetteer entry; `adjective` for a nationality adjective.
    Entry {
        index: u32,
        adjective: bool,
    },
    Cue(Cue),
}

/// How a Latin pattern must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Any case (cues, and non-Latin patterns).
    Any,
    /// The first letter a capital: `Turkey`, not `turkey`.
    Capital,
    /// Exactly as listed: `US`, not `us`.
    Exact,
}

/// A name or cue found in the text (byte offsets into the normalised text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    /// The end of the name itself.
    pub stem_end: usize,
    /// The end of the word, case ending included.
    pub end: usize,
    pub pattern: u32,
}

/// The searchable gazetteer.
pub struct NameIndex {
    gazetteer: Gazetteer,
    /// Pattern ids by the hash of the pattern's first word ([`head_key`]),
    /// longest pattern first.
    heads: HashMap<u64, Ids>,
    patterns: Vec<String>,
    targets: Vec<Targets>,
    case: Vec<Case>,
    /// A word of a person's native name → its English spelling.
    tokens: HashMap<String, String>,
    /// Each entry's sound keys, worked out when an article first names it.
    sounds: Vec<OnceLock<EntrySounds>>,
    /// Tells this index from any other, for what is remembered of its
    /// words ([`crate::tagger::memo`]).
    id: u64,
}

/// The sound keys of one gazetteer entry's names.
#[derive(Debug, Default)]
pub struct EntrySounds {
    /// (sound key, the Latin spelling that has it) of every name, and of a
    /// person's surnames.
    pub keys: Vec<(String, String)>,
    /// Keys of a person's first names.
    pub first_names: Vec<String>,
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("entries", &self.gazetteer.entries.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

impl NameIndex {
    /// The index of `gazetteer` and the lexicon's cues.
    pub fn new(gazetteer: Gazetteer, lex: &EntityLexicon) -> Self {
        // Normalising and varying some 20,000 names is most of start-up:
        // done on every core, then added in entry order.
        let (tokens, surfaces) = rayon::join(|| people_tokens(&gazetteer, lex), || surfaces_of(&gazetteer));
        // A variant spelling never takes a surface another entry lists as
        // printed (`गाज़ा` without its nukta is Gaza Strip's `गाजा`).
        let listed: HashSet<&str> = surfaces.iter().map(|(s, _)| s.as_str()).collect();
        // Each surface's other spellings, and where each name's first word
        // lies, worked out on every core: what is left to do in order is
        // the table's look-ups.
        let others: Vec<(Option<Head>, Vec<Spelled>)> = surfaces
            .par_iter()
            .map(|(surface, _)| {
                let mut out = other_spellings(surface);
                out.retain(|v| !listed.contains(v.as_str()));
                // Datelines and headlines print names in capitals (`DHAKA, Nov 17`).
                if surface.is_ascii() && surface.bytes().any(|b| b.is_ascii_lowercase()) {
                    out.push(surface.to_ascii_uppercase());
                }
                let out = out.into_iter().map(|v| {
                    let head = Head::of(&v);
                    (v, head)
                });
                (Head::of(surface), out.collect())
            })
            .collect();
        // Sized as the built-in gazetteer needs: half as many patterns again
        // as surfaces (spellings), a few more first words than surfaces.
        let mut builder = PatternSet::with_capacity(surfaces.len() * 3 / 2, surfaces.len() * 5 / 4);
        // Each surface, then its other spellings: the strings become the
        // patterns, none copied or freed.
        for ((surface, target), (head, others)) in surfaces.into_iter().zip(others) {
            builder.insert(surface, head, target);
            for (v, head) in others {
                builder.insert(v, head, target);
            }
        }
        // Latin is matched case-sensitively (a case-insensitive automaton
        // takes several times longer to build): names as listed, cues also
        // in lower case and capitalised (`President`, `president`).
        for (surface, cue) in &lex.cues {
            builder.add(surface.clone(), Target::Cue(*cue));
            if surface.is_ascii() {
                builder.add(surface.to_ascii_lowercase(), Target::Cue(*cue));
                builder.add(capitalized(surface), Target::Cue(*cue));
            }
        }
        let case = builder
            .patterns
            .par_iter()
            .zip(&builder.targets)
            .map(|(p, t)| case_rule(p, t))
            .collect();
        let mut heads = builder.heads;
        for ids in heads.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(builder.patterns[i as usize].len()));
        }
        let sounds = (0..gazetteer.entries.len()).map(|_| OnceLock::new()).collect();
        NameIndex {
            gazetteer,
            heads,
            patterns: builder.patterns,
            targets: builder.targets,
            case,
            tokens,
            sounds,
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    /// The sound keys of entry `i`'s names (`sound` turns a name into its
    /// Latin spelling and key), computed once.
    pub fn entry_sounds(&self, i: u32, sound: impl Fn(&str) -> (String, String)) -> &EntrySounds {
        self.sounds[i as usize].get_or_init(|| {
            let entry = &self.gazetteer.entries[i as usize];
            let mut out = EntrySounds::default();
            for name in &entry.names {
                let name = normalize_str(name);
                let parts: Vec<&str> = name.split(' ').collect();
                let mut add = |s: &str| {
                    let (latin, key) = sound(s);
                    if key.len() >= 3 {
                        out.keys.push((key, latin));
                    }
                };
                add(&name);
                if entry.kind == EntryKind::Person && parts.len() >= 2 {
                    add(parts[parts.len() - 1]);
                    out.first_names.push(sound(parts[0]).1);
                }
            }
            out
        })
    }

    /// The English spelling of a word of a known person's native name.
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn latin_token(&self, native: &str) -> Option<&str> {
        self.tokens.get(native).map(String::as_str)
    }

    /// The index of the built-in gazetteer, built on first use.
    pub fn builtin() -> Arc<NameIndex> {
        static INDEX: OnceLock<Arc<NameIndex>> = OnceLock::new();
        INDEX
            .get_or_init(|| {
                let (gazetteer, lex) = rayon::join(Gazetteer::builtin, entity_lexicon);
                Arc::new(NameIndex::new(gazetteer, lex))
            })
            .clone()
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn targets(&self, pattern: u32) -> &[Target] {
        &self.targets[pattern as usize]
    }

    pub fn pattern(&self, pattern: u32) -> &str {
        &self.patterns[pattern as usize]
    }

    /// Every whole-word match in `text`, in order, not overlapping: at each
    /// word start, the longest pattern that the text continues as a name may.
    pub fn find(&self, text: &str, lex: &EntityLexicon) -> Vec<NameMatch> {
        let words: Vec<_> = crate::text::Words::new(text).collect();
        self.find_in_words(text, &words, &WordNumbers::of(text, &words), lex)
    }

    /// [`NameIndex::find`] over the words of `text` already found, and
    /// numbered.
    pub fn find_in_words(
        &self,
        text: &str,
        words: &[Range<usize>],
        numbers: &WordNumbers,
        lex: &EntityLexicon,
    ) -> Vec<NameMatch> {
        // Names and cues are a small share of the words: room for one in
        // four, seldom grown.
        let mut out = Vec::with_capacity(words.len() / 4);
        let mut candidates: Vec<u32> = Vec::new();
        let mut next = 0;
        let owner = (self.id, lex as *const EntityLexicon as usize);
        // A word's patterns, those that begin it in the text put among the
        // candidates: whether it has any.
        let take = |(ids, heads): &(Box<[u32]>, u32), w: &Range<usize>, candidates: &mut Vec<u32>| {
            if ids.is_empty() {
                return false;
            }
            let (heads, stems) = ids.split_at(*heads as usize);
            // Patterns whose first word is this word: the name itself, or
            // one of several words (`ডোনাল্ড ট্রাম্প`, `U.S.`). Compared as
            // bytes: a pattern is whole characters, so where it matches it
            // ends on a character's end.
            let rest = &text.as_bytes()[w.start..];
            candidates.extend(
                heads
                    .iter()
                    .copied()
                    .filter(|&i| starts_with_bytes(rest, self.pattern(i).as_bytes())),
            );
            // One-word patterns followed by a case ending (`পুতিন` + `ের`).
            candidates.extend_from_slice(stems);
            true
        };
        // The thread's memo is borrowed, and checked, once for all words.
        WORD_PATTERNS.with_borrow_mut(|memo| {
            memo.serve(owner, numbers.numbering());
            let ids = numbers.indices(0..words.len());
            while let (Some(w), Some(&number)) = (words.get(next).cloned(), ids.get(next)) {
                next += 1;
                candidates.clear();
                // Most words begin no name, and most were seen before: they
                // are passed at once, and only a new word's are worked out.
                let any = match memo.get(number) {
                    Some(known) => take(known, &w, &mut candidates),
                    None => memo.read(
                        number,
                        || self.word_patterns(&text[w.clone()], lex),
                        |known| take(known, &w, &mut candidates),
                    ),
                };
                if !any {
                    continue;
                }
                if candidates.len() > 1 {
                    candidates.sort_by_key(|&i| std::cmp::Reverse(self.pattern(i).len()));
                    candidates.dedup();
                }
                let found = candidates
                    .iter()
                    .find_map(|&i| self.accept(text, &w, w.start + self.pattern(i).len(), i, lex));
                if let Some(nm) = found {
                    out.push(nm);
                    // The match may span several words.
                    while words.get(next).is_some_and(|w| w.start < nm.end) {
                        next += 1;
                    }
                }
            }
        });
        out
    }

    /// The patterns whose first word is `word`, then the one-word patterns
    /// that `word` is less a case ending (longest ending first), and where
    /// the second start: each thread works them out once per word
    /// ([`WORD_PATTERNS`]).
    fn word_patterns(&self, word: &str, lex: &EntityLexicon) -> (Box<[u32]>, u32) {
        let mut out: Vec<u32> = self
            .heads
            .get(&head_key(word))
            .map(|ids| ids.to_vec())
            .unwrap_or_default();
        let heads = out.len() as u32;
        for ending in lex.endings_within(word) {
            let stem = &word[..word.len() - ending.len()];
            if let Some(ids) = self.heads.get(&head_key(stem)) {
                out.extend(ids.iter().copied().filter(|&i| self.pattern(i) == stem));
            }
        }
        (out.into_boxed_slice(), heads)
    }

    fn accept(
        &self,
        text: &str,
        word: &Range<usize>,
        end: usize,
        pattern: u32,
        lex: &EntityLexicon,
    ) -> Option<NameMatch> {
        let start = word.start;
        let found = &text[start..end];
        match self.case[pattern as usize] {
            Case::Any => {}
            Case::Capital => {
                if !found.chars().next().is_some_and(char::is_uppercase) {
                    return None;
                }
            }
            Case::Exact => {
                if found != self.patterns[pattern as usize] {
                    return None;
                }
            }
        }
        // A match within its first word leaves the rest of that word (a
        // whole run of word characters); one of several words reads on.
        let word_end = if end <= word.end { word.end } else { word_end(text, end) };
        let rest = &text[end..word_end];
        if !lex.is_suffix(found, rest) {
            return None;
        }
        // A title or reporting word with a case ending is something else
        // (`মন্ত্রীর বাসায়`, `ছবির শুটিং`); an organisation may carry one.
        let cue_only = self.targets[pattern as usize]
            .iter()
            .all(|t| matches!(t, Target::Cue(c) if *c != Cue::Block));
        if cue_only && !rest.is_empty() {
            return None;
        }
        // `তাকে` is a pronoun, not the town Tak + `ে`: a town's name with an
        // ending that makes a common word is that word.
        let whole = &text[start..word_end];
        if !rest.is_empty() && lex.is_not_name(whole) && self.only_towns(pattern) {
            return None;
        }
        Some(NameMatch {
            start,
            stem_end: end,
            end: word_end,
            pattern,
        })
    }
}

/// Each word of a person's native name that pairs with a word of the English name.
fn people_tokens(gazetteer: &Gazetteer, lex: &EntityLexicon) -> HashMap<String, String> {
    let mut tokens = HashMap::default();
    for entry in gazetteer.entries.iter().filter(|e| e.kind == EntryKind::Person) {
        add_tokens(&mut tokens, lex, &entry.name, &entry.names);
    }
    tokens
}

/// Every name and adjective of the gazetteer, normalised, with what it names.
fn surfaces_of(gazetteer: &Gazetteer) -> Vec<(String, Target)> {
    gazetteer
        .entries
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, entry)| {
            let index = i as u32;
            let names = entry.names.iter().map(move |n| (n, false));
            let adjectives = entry.adjectives.iter().map(move |a| (a, true));
            names
                .chain(adjectives)
                .map(move |(s, adjective)| (normalize_str(s.trim()), Target::Entry { index, adjective }))
        })
        .collect()
}

/// `s` with its first letter upper-cased.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Pair the words of each native name with those of the English name when
/// both have as many words: `ডোনাল্ড ট্রাম্প` gives `ডোনাল্ড` → `Donald`.
fn add_tokens(tokens: &mut HashMap<String, String>, lex: &EntityLexicon, english: &str, names: &[String]) {
    let latin: Vec<&str> = english.split_whitespace().collect();
    for name in names {
        if name.is_ascii() {
            continue;
        }
        let name = normalize_str(name);
        let native: Vec<&str> = name.split_whitespace().collect();
        if native.len() == latin.len() && native.len() > 1 {
            // Words pair up only where they sound alike: `বেন গভির` is not
            // `Itamar Ben-Gvir` word for word.
            for (n, l) in native.iter().zip(&latin) {
                if sound_key(lex, n) == latin_key(l) {
                    tokens.entry(n.to_string()).or_insert_with(|| l.to_string());
                }
            }
        }
    }
}

impl NameIndex {
    /// Whether every target of a pattern is a city's name.
    fn only_towns(&self, pattern: u32) -> bool {
        self.targets[pattern as usize].iter().all(|t| match *t {
            Target::Entry { index, adjective } => {
                !adjective && self.gazetteer.entries[index as usize].place_kind == "city"
            }
            Target::Cue(_) => false,
        })
    }
}

fn case_rule(pattern: &str, targets: &[Target]) -> Case {
    let letters = || pattern.chars().filter(|&c| crate::text::is_alphabetic(c));
    if !letters().all(|c| script_of(c) == Script::Latin) {
        return Case::Any;
    }
    if letters().count() >= 2 && letters().all(char::is_uppercase) {
        return Case::Exact;
    }
    if targets.iter().any(|t| matches!(t, Target::Entry { .. })) {
        return Case::Capital;
    }
    Case::Any
}

/// The ids of the patterns that begin with one word: seldom more than
/// four, kept inline (the index holds tens of thousands of lists, each
/// the size of a pointer and a length either way).
type Ids = SmallVec<[u32; 4]>;

/// What one pattern names: most name one entry, kept inline.
type Targets = SmallVec<[Target; 2]>;

/// Patterns with their targets, each pattern once, and their ids by first word.
#[derive(Default)]
struct PatternSet {
    patterns: Vec<String>,
    targets: Vec<Targets>,
    heads: HashMap<u64, Ids>,
}

/// Each thread's [`NameIndex::word_patterns`] by word number, for one
/// index (its id) and lexicon (its address).
type WordPatterns = IdMemo<(u64, usize), (Box<[u32]>, u32)>;

thread_local! {
    static WORD_PATTERNS: RefCell<WordPatterns> = const { RefCell::new(IdMemo::new()) };
}

/// The key of a first word in [`NameIndex`]'s table: a hash, so that
/// building the table allocates no strings (candidates are compared with
/// the text in full, so a collision costs a comparison, never a match).
#[inline]
fn head_key(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

impl PatternSet {
    fn with_capacity(patterns: usize, heads: usize) -> Self {
        PatternSet {
            patterns: Vec::with_capacity(patterns),
            targets: Vec::with_capacity(patterns),
            heads: HashMap::with_capacity_and_hasher(heads, Default::default()),
        }
    }

    fn add(&mut self, pattern: String, target: Target) {
        let head = Head::of(&pattern);
        self.insert(pattern, head, target);
    }

    /// Add `pattern`, whose [`Head`] is `head` (none: no word to find).
    fn insert(&mut self, pattern: String, head: Option<Head>, target: Target) {
        let Some(Head { start, key }) = head else {
            return;
        };
        let pattern = match start {
            0 => pattern,
            i => pattern[i..].to_string(),
        };
        let known = self
            .heads
            .get(&key)
            .and_then(|ids| ids.iter().map(|&i| i as usize).find(|&i| self.patterns[i] == pattern));
        let i = match known {
            Some(i) => i,
            None => {
                let i = self.patterns.len();
                self.heads.entry(key).or_default().push(i as u32);
                self.patterns.push(pattern);
                self.targets.push(Targets::new());
                i
            }
        };
        if !self.targets[i].contains(&target) {
            self.targets[i].push(target);
        }
    }
}

/// A spelling of a name, and its [`Head`].
type Spelled = (String, Option<Head>);

/// Where a name's pattern starts and the key of its first word.
#[derive(Clone, Copy)]
struct Head {
    start: usize,
    key: u64,
}

impl Head {
    /// `None` for a name of no word characters. Names are looked up at word
    /// starts: a leading quote or apostrophe (`‘Alāqahdārī Gēlān`) is not
    /// part of the name.
    fn of(pattern: &str) -> Option<Head> {
        let start = pattern.find(is_word_char)?;
        let name = &pattern[start..];
        Some(Head {
            start,
            key: head_key(&name[..word_end(name, 0)]),
        })
    }
}

const NUKTA: char = '\u{093C}';
const VIRAMA: char = '\u{094D}';
const ANUSVARA: char = '\u{0902}';

/// The other spellings news prints for one normalised name, besides the
/// name itself: Devanagari with and without nukta (`ज़ेलेंस्की`/`जेलेंस्की`),
/// anusvara or nasal conjunct (`ट्रंप`/`ट्रम्प`), `ॉ` or `ा`
/// (`मॉस्को`/`मास्को`); a word-final long or short i (`মোদী`/`মোদি`). For
/// most names none, and nothing allocated.
fn other_spellings(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Every transform rewrites a Devanagari or Bengali vowel sign or mark.
    if !name
        .chars()
        .any(|c| matches!(c, NUKTA | VIRAMA | ANUSVARA | 'ॉ' | 'ী' | 'ি' | 'ी' | 'ि'))
    {
        return out;
    }
    let transforms: [fn(&str) -> Option<String>; 5] = [
        |s| s.contains(NUKTA).then(|| s.replace(NUKTA, "")),
        anusvara_to_conjunct,
        conjunct_to_anusvara,
        |s| s.contains('ॉ').then(|| s.replace('ॉ', "ा")),
        swap_final_i,
    ];
    for t in transforms {
        let more: Vec<String> = std::iter::once(name)
            .chain(out.iter().map(String::as_str))
            .filter_map(t)
            .collect();
        for m in more {
            if m != name && !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out
}

/// The nasal consonant of a Devanagari consonant's class.
fn nasal_of(c: char) -> Option<char> {
    Some(match c {
        'क'..='घ' => 'ङ',
        'च'..='झ' => 'ञ',
        'ट'..='ढ' => 'ण',
        'त'..='ध' => 'न',
        'प'..='भ' => 'म',
        _ => return None,
    })
}

fn anusvara_to_conjunct(s: &str) -> Option<String> {
    // Most names (all Bengali and Latin ones) have no Devanagari anusvara.
    if !s.contains(ANUSVARA) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut changed = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let nasal = chars.peek().and_then(|&n| nasal_of(n)).filter(|_| c == ANUSVARA);
        match nasal {
            // Only न and म conjuncts are common in print.
            Some(n @ ('न' | 'म')) => {
                out.push(n);
                out.push(VIRAMA);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

fn conjunct_to_anusvara(s: &str) -> Option<String> {
    // A conjunct needs a Devanagari virama, which most names lack.
    if !s.contains(VIRAMA) {
        return None;
    }
    let chars: SmallVec<[char; 32]> = s.chars().collect();
    // A nasal, a virama and a consonant of the nasal's class, not first.
    let nasal_conjunct = |i: usize| {
        let c = chars[i];
        i > 0
            && matches!(c, 'न' | 'म' | 'ङ' | 'ञ' | 'ण')
            && chars.get(i + 1) == Some(&VIRAMA)
            && chars.get(i + 2).and_then(|&n| nasal_of(n)) == Some(c)
    };
    let first = (1..chars.len()).find(|&i| nasal_conjunct(i))?;
    let mut out: String = chars[..first].iter().collect();
    let mut i = first;
    while i < chars.len() {
        if nasal_conjunct(i) {
            out.push(ANUSVARA);
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    Some(out)
}

/// Swap a word-final long and short i (Bengali and Devanagari).
fn swap_final_i(s: &str) -> Option<String> {
    let swapped = |w: &str| match w.chars().next_back() {
        Some('ী') => Some('ি'),
        Some('ি') => Some('ী'),
        Some('ी') => Some('ि'),
        Some('ि') => Some('ी'),
        _ => None,
    };
    // Only in a word of more than two characters.
    let swaps = |w: &str| swapped(w).filter(|_| w.chars().nth(2).is_some());
    if !s.split(' ').any(|w| swaps(w).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match swaps(w) {
            Some(c) => {
                let mut stem = w.chars();
                stem.next_back();
                out.push_str(stem.as_str());
                out.push(c);
            }
            None => out.push_str(w),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every spelling a name is indexed under: itself, then the others.
    fn spelling_variants(name: &str) -> Vec<String> {
        let mut out = vec![name.to_string()];
        out.extend(other_spellings(name));
        out
    }

    #[test]
    fn devanagari_variants() {
        let v = spelling_variants(&normalize_str("ट्रंप"));
        assert!(v.contains(&normalize_str("ट्रम्प")), "{v:?}");
        let v = spelling_variants(&normalize_str("ज़ेलेंस्की"));
        assert!(v.contains(&normalize_str("जेलेंस्की")), "{v:?}");
        let v = spelling_variants(&normalize_str("मॉस्को"));
        assert!(v.contains(&normalize_str("मास्को")), "{v:?}");
        let v = spelling_variants(&normalize_str("ट्रम्प"));
        assert!(v.contains(&normalize_str("ट्रंप")), "{v:?}");
        assert_eq!(other_spellings(&normalize_str("ट्रम्प")), [normalize_str("ट्रंप")]);
        // A name with nothing to vary has no other spelling.
        assert!(other_spellings("Dhaka").is_empty() && other_spellings("ঢাকা").is_empty());
        assert_eq!(spelling_variants("Dhaka"), ["Dhaka"]);
    }

    #[test]
    fn bengali_final_vowel_variants() {
        let v = spelling_variants("মোদী");
        assert!(v.contains(&"মোদি".to_string()), "{v:?}");
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let index = NameIndex::builtin();
        let lex = entity_lexicon();
        let norm = normalize_str(text);
        index
            .find(&norm, lex)
            .into_iter()
            .map(|m| (norm[m.start..m.end].to_string(), index.pattern(m.pattern).to_string()))
            .collect()
    }

    #[test]
    fn case_endings_and_boundaries() {
        let f = found("পুতিনের সঙ্গে মস্কোতে দেখা; রুশো নয়, রুশ সেনা।");
        let words: Vec<&str> = f.iter().map(|(w, _)| w.as_str()).collect();
        assert!(words.contains(&"পুতিনের"), "{f:?}");
        assert!(words.contains(&"মস্কোতে"), "{f:?}");
        assert!(words.contains(&"রুশ"), "{f:?}");
        assert!(!words.contains(&"রুশো"), "{f:?}");
    }

    #[test]
    fn latin_case() {
        let f = found("He told us the US and Turkey would talk over a turkey dinner.");
        let words: Vec<&str> = f.iter().map(|(w, _)| w.as_str()).collect();
        assert!(words.contains(&"US") && words.contains(&"Turkey"), "{f:?}");
        assert!(!words.contains(&"us") && !words.contains(&"turkey"), "{f:?}");
    }
}
