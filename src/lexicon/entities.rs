//! The vocabulary around names (`data/lang/*/entities.tsv`): case endings a
//! name may carry, titles and reporting words that announce a person, photo
//! credit words, list joiners, words that are never names, and phrases that
//! contain a name but name something else. Plus each language's common words
//! (`common_words.txt`) and romanisation table (`romanize.tsv`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::OnceLock;

use super::memo::WordMemo;
use super::{Endings, Row, data_lines, files_named, rows};
use crate::text::{INDIC_BLOCK_LEN, Script, indic_block_index, normalize_str, script_of, script_of_span};

/// Where a reporting word stands relative to the speaker's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechSide {
    After,
    Before,
    Both,
}

impl SpeechSide {
    pub fn after(self) -> bool {
        matches!(self, SpeechSide::After | SpeechSide::Both)
    }

    pub fn before(self) -> bool {
        matches!(self, SpeechSide::Before | SpeechSide::Both)
    }
}

/// A context phrase the name matcher looks for alongside names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A title or role before a name; `role` when it says what the person does.
    Title {
        role: bool,
    },
    Speech(SpeechSide),
    Credit,
    /// An organisation or title of a work that contains a name: not a mention.
    Block,
}

/// The vocabulary of every language, merged: a name written in one script is
/// read by that script's rules, whatever the article's language.
#[derive(Debug, Default)]
pub struct EntityLexicon {
    /// (normalised surface, cue), for the name index.
    pub cues: Vec<(String, Cue)>,
    /// Case endings per script, longest first.
    suffixes: HashMap<ScriptKey, Suffixes>,
    /// Endings that make a word a place (`ে`, `তে`): they end a person's
    /// name without being part of it.
    locatives: HashSet<String>,
    joins: HashSet<String>,
    /// Never part of a name: `not_name` entries, joins, cue words.
    not_name: HashSet<String>,
    /// Common words (`common_words.txt`): part of a name only where context
    /// says a name stands there, and never its last word.
    common: HashSet<String>,
    /// Words right after a place's name that say what it is (`উপজেলা`, `जिले`).
    place_cues: HashSet<String>,
    /// How place names end (`পুর`, `गंज`).
    place_suffixes: Endings,
    /// Words of people's names (`name_words.txt`: `হোসেন`, `सिंह`).
    name_words: HashSet<String>,
    /// Words labelled news uses often and never inside a name of any kind
    /// (`unnamed_words.txt`: `এবং`, `করে`, `करने`).
    unnamed: HashSet<String>,
    /// Lower-cased Latin `not_name` entries (sentence-initial capitals).
    not_name_latin: HashSet<String>,
    romanize: HashMap<ScriptKey, Romanizer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ScriptKey {
    Bengali,
    Devanagari,
    Latin,
}

fn script_key(s: Script) -> Option<ScriptKey> {
    match s {
        Script::Bengali => Some(ScriptKey::Bengali),
        Script::Devanagari => Some(ScriptKey::Devanagari),
        Script::Latin => Some(ScriptKey::Latin),
        Script::Other => None,
    }
}

/// The case endings of one script, longest first, and for each last
/// character the endings that end in it (most words need one lookup).
#[derive(Debug, Default)]
struct Suffixes {
    all: Vec<(String, Attach)>,
    /// Letters in each ending ([`letters`]).
    letters: Vec<usize>,
    by_last: HashMap<char, Vec<usize>>,
}

/// What the word lists say of one word ([`EntityLexicon::word_facts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFacts {
    pub common: bool,
    /// The stem, without its case ending, is a common word.
    pub common_stem: bool,
    pub not_name: bool,
    pub name_word: bool,
    /// The word itself (not its stem) is on the unnamed list: the tagger
    /// labels it outside any name without scoring it.
    pub unnamed: bool,
    pub locative: bool,
    pub place_cue: bool,
    pub place_ending: bool,
}

/// Which stems a case ending follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach {
    Any,
    /// A stem ending in a consonant letter (`ট্রাম্প` + `ের`).
    AfterConsonant,
    /// A stem ending in a vowel, or a nasal sign (`ঢাকা` + `য়`, not `চাদ` + `র`).
    AfterVowel,
}

impl Attach {
    fn fits(self, stem_last: char) -> bool {
        match self {
            Attach::Any => true,
            Attach::AfterConsonant => is_consonant(stem_last),
            Attach::AfterVowel => !is_consonant(stem_last),
        }
    }
}

/// Characters of `s` that are not a nukta: `য়` is one letter.
fn letters(s: &str) -> usize {
    s.chars().filter(|c| !matches!(c, '\u{09BC}' | '\u{093C}')).count()
}

/// A Bengali or Devanagari consonant letter (or its nukta).
fn is_consonant(c: char) -> bool {
    matches!(c,
        '\u{0995}'..='\u{09B9}' | '\u{09BC}' | '\u{09CE}' | '\u{09DC}'..='\u{09DF}'
        | '\u{0915}'..='\u{0939}' | '\u{093C}' | '\u{0958}'..='\u{095F}')
}

/// How a grapheme of a romanisation table behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// Carries the inherent vowel unless a sign or virama follows.
    Consonant,
    /// An independent vowel.
    Vowel,
    /// A dependent vowel sign: replaces the inherent vowel.
    Sign,
    /// Kills the inherent vowel.
    Virama,
    /// A phala sign joined to the consonant before it; the cluster keeps its
    /// inherent vowel.
    Medial,
    /// Anusvara, visarga and the like: sound after the inherent vowel.
    Mark,
}

/// A grapheme-to-Latin table for one script.
#[derive(Debug, Default)]
pub struct Romanizer {
    pub table: HashMap<String, (String, Glyph)>,
    /// The longest grapheme, in chars.
    pub longest: usize,
    /// The table's graphemes by their first character, for those of the
    /// Bengali and Devanagari blocks ([`indic_block_index`]): read without
    /// hashing a prefix of each length.
    by_first: Vec<FirstChar>,
    pub inherent: String,
    /// Whole words with a conventional spelling (`মো.` Md., `सिंह` Singh).
    pub words: HashMap<String, String>,
}

/// The graphemes that start with one character.
#[derive(Debug, Default, Clone)]
struct FirstChar {
    /// The character alone.
    one: Option<(String, Glyph)>,
    /// Those of more characters (`্য`, `क्ष`), longest first.
    longer: Vec<(String, (String, Glyph))>,
}

impl Romanizer {
    /// The longest grapheme of the table at the start of `s`: its byte
    /// length and entry, or the first character's length and `None`.
    pub fn grapheme_at(&self, s: &str) -> (usize, Option<&(String, Glyph)>) {
        let Some(c) = s.chars().next() else {
            return (0, None);
        };
        let first = c.len_utf8();
        if let Some(k) = indic_block_index(c) {
            let Some(at) = self.by_first.get(k) else {
                return (first, None);
            };
            return match at.longer.iter().find(|(g, _)| s.starts_with(g.as_str())) {
                Some((g, entry)) => (g.len(), Some(entry)),
                None => (first, at.one.as_ref()),
            };
        }
        // Each of the first `longest` characters' ends, the last that the
        // table holds winning.
        let mut found = None;
        for (i, c) in s.char_indices().take(self.longest) {
            let end = i + c.len_utf8();
            if let Some(entry) = self.table.get(&s[..end]) {
                found = Some((end, entry));
            }
        }
        found.map_or((first, None), |(end, entry)| (end, Some(entry)))
    }

    /// Index the table's graphemes of the blocks by first character.
    fn index_by_first(&mut self) {
        self.by_first = vec![FirstChar::default(); INDIC_BLOCK_LEN];
        for (g, entry) in &self.table {
            let mut chars = g.chars();
            let Some(k) = chars.next().and_then(indic_block_index) else {
                continue;
            };
            let at = &mut self.by_first[k];
            match chars.next() {
                None => at.one = Some(entry.clone()),
                Some(_) => at.longer.push((g.clone(), entry.clone())),
            }
        }
        for at in &mut self.by_first {
            at.longer
                .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
    }
}

impl EntityLexicon {
    /// Case endings of the script `word` is written in that could end it.
    fn endings_of<'s>(&'s self, word: &str) -> impl Iterator<Item = &'s (String, Attach)> + 's {
        self.ending_ids(word)
            .into_iter()
            .flat_map(|(set, ids)| ids.iter().map(|&i| &set.all[i]))
    }

    /// The endings of `word`'s script that end in its last character.
    fn ending_ids(&self, word: &str) -> Option<(&Suffixes, &[usize])> {
        let script = word.chars().map(script_of).find(|s| *s != Script::Other)?;
        let set = self.suffixes.get(&script_key(script)?)?;
        let ids = set.by_last.get(&word.chars().next_back()?)?;
        Some((set, ids))
    }

    /// Case endings, of any script, that `word` ends in and is longer than.
    pub fn endings_within<'s>(&'s self, word: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let last = word.chars().next_back();
        self.suffixes
            .values()
            .filter_map(move |set| last.and_then(|c| set.by_last.get(&c)).map(|ids| (set, ids)))
            .flat_map(|(set, ids)| ids.iter().map(|&i| set.all[i].0.as_str()))
            .filter(move |s| s.len() < word.len() && word.ends_with(s))
    }

    /// Whether `rest` (the part of a word after the name `stem`) is an
    /// ending that name may carry.
    pub fn is_suffix(&self, stem: &str, rest: &str) -> bool {
        if rest.is_empty() {
            return true;
        }
        let Some(last) = stem.chars().next_back() else {
            return false;
        };
        self.endings_of(rest).any(|(s, attach)| s == rest && attach.fits(last))
    }

    /// The word without its longest case ending of at least `min_chars`
    /// letters (a nukta is not one), leaving a stem of at least three
    /// characters (`সারা` is not `সা` + `রা`).
    pub fn strip_suffix<'a>(&self, word: &'a str, min_chars: usize) -> &'a str {
        match min_chars {
            1 | 2 => self.stems(word)[min_chars - 1],
            _ => match self.stem_candidates(word) {
                Some((set, ids)) => Self::stem_of(word, set, ids, min_chars),
                None => word,
            },
        }
    }

    /// [`EntityLexicon::strip_suffix`] of `word` by one letter and by two,
    /// from one look-up: a new word's traits ask for both, and more than once.
    pub fn stems<'a>(&self, word: &'a str) -> [&'a str; 2] {
        match self.stem_candidates(word) {
            Some((set, ids)) => self.stem_lens(word, set, ids).map(|len| &word[..len as usize]),
            None => [word; 2],
        }
    }

    /// The endings `word` may lose, when it is long enough to lose one.
    fn stem_candidates(&self, word: &str) -> Option<(&Suffixes, &[usize])> {
        // A stem keeps three characters and an ending has one.
        word.chars().nth(3)?;
        self.ending_ids(word)
    }

    /// The stem of `word` without its longest ending of `min_chars`
    /// letters or more among `ids` of `set`.
    fn stem_of<'a>(word: &'a str, set: &Suffixes, ids: &[usize], min_chars: usize) -> &'a str {
        for &i in ids {
            let (s, attach) = &set.all[i];
            if set.letters[i] >= min_chars
                && let Some(stem) = word.strip_suffix(s.as_str())
                && stem.chars().nth(2).is_some()
                && stem.chars().next_back().is_some_and(|c| attach.fits(c))
            {
                return stem;
            }
        }
        word
    }

    /// The lengths of the stems of `word` without an ending of one letter
    /// or more and of two or more. Every stage asks this of most words, so
    /// each thread remembers the answers across the articles it reads.
    fn stem_lens(&self, word: &str, set: &Suffixes, ids: &[usize]) -> [u32; 2] {
        thread_local! {
            // About 1 MB.
            static MEMO: RefCell<WordMemo<usize, [u32; 2]>> = const { RefCell::new(WordMemo::new(14_000)) };
        }
        MEMO.with_borrow_mut(|memo| {
            memo.with(
                self as *const Self as usize,
                word,
                || [1, 2].map(|min| Self::stem_of(word, set, ids, min).len() as u32),
                |&lens| lens,
            )
        })
    }

    /// Whether `word` ends in a locative ending (`হাইকোর্টে`).
    pub fn is_locative(&self, word: &str) -> bool {
        let stem = self.strip_suffix(word, 1);
        stem.len() < word.len() && self.locatives.contains(&word[stem.len()..])
    }

    pub fn is_join(&self, word: &str) -> bool {
        self.joins.contains(word)
    }

    /// Whether `word` (or its stem) says that the word before it is a place.
    pub fn is_place_cue(&self, word: &str) -> bool {
        self.place_cues.contains(word) || self.place_cues.contains(self.strip_suffix(word, 1))
    }

    /// Whether `stem` ends the way place names end, and is more than that ending.
    pub fn has_place_ending(&self, stem: &str) -> bool {
        self.place_suffixes.ends(stem, 3)
    }

    /// Whether `word`, or its stem, is a word of people's names.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.name_words.contains(word) || self.name_words.contains(self.strip_suffix(word, 1))
    }

    /// What the lists say of `word`, given its stem (`strip_suffix(word, 1)`),
    /// each list looked up once: for the tagger's features.
    pub fn word_facts(&self, word: &str, stem: &str) -> WordFacts {
        let stripped = stem.len() < word.len();
        let ending = &word[stem.len()..];
        WordFacts {
            common: self.common.contains(word),
            common_stem: stripped && self.common.contains(stem),
            not_name: self.is_not_name(word) || (stripped && self.is_not_name(stem)),
            name_word: self.name_words.contains(word) || (stripped && self.name_words.contains(stem)),
            unnamed: self.unnamed.contains(word),
            locative: stripped && self.locatives.contains(ending),
            place_cue: self.place_cues.contains(word) || (stripped && self.place_cues.contains(stem)),
            place_ending: self.has_place_ending(stem),
        }
    }

    /// Whether `word` is a common word of its language.
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(word)
    }

    /// Whether `word` can never be (part of) a person's name.
    pub fn is_not_name(&self, word: &str) -> bool {
        if self.not_name.contains(word) {
            return true;
        }
        if word.is_ascii() && word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.not_name_latin.contains(&word.to_ascii_lowercase());
        }
        false
    }

    pub fn romanizer(&self, script: Script) -> Option<&Romanizer> {
        script_key(script).and_then(|k| self.romanize.get(&k))
    }

    /// Parse every language's files.
    fn load() -> Result<Self, String> {
        let mut lex = EntityLexicon::default();
        for (lang, contents) in files_named("entities.tsv") {
            lex.add_entities(lang, contents)?;
        }
        for (_, contents) in files_named("common_words.txt") {
            lex.common
                .extend(data_lines(contents).map(|(_, l)| normalize_str(l.trim())));
        }
        for (_, contents) in files_named("name_words.txt") {
            lex.name_words
                .extend(data_lines(contents).map(|(_, l)| normalize_str(l.trim())));
        }
        for (_, contents) in files_named("unnamed_words.txt") {
            lex.unnamed
                .extend(data_lines(contents).map(|(_, l)| normalize_str(l.trim())));
        }
        for (lang, contents) in files_named("romanize.tsv") {
            lex.add_romanizer(lang, contents)?;
        }
        for set in lex.suffixes.values_mut() {
            set.all.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
            set.all.dedup();
            set.letters = set.all.iter().map(|(s, _)| letters(s)).collect();
            for (i, (s, _)) in set.all.iter().enumerate() {
                if let Some(c) = s.chars().next_back() {
                    set.by_last.entry(c).or_default().push(i);
                }
            }
        }
        Ok(lex)
    }

    fn add_entities(&mut self, lang: &str, contents: &str) -> Result<(), String> {
        for row in rows(lang, "entities.tsv", contents) {
            let Row {
                at,
                kind,
                surface,
                value,
            } = row?;
            match kind {
                "suffix" | "locative" => {
                    let key = script_key(script_of_span(&surface)).ok_or_else(|| format!("{}: no script", at))?;
                    let attach = match value {
                        "" => Attach::Any,
                        "after_consonant" => Attach::AfterConsonant,
                        "after_vowel" => Attach::AfterVowel,
                        v => {
                            return Err(format!(
                                "{}: suffix value '{v}' (expected after_consonant or after_vowel)",
                                at
                            ));
                        }
                    };
                    if kind == "locative" {
                        self.locatives.insert(surface.clone());
                    }
                    self.suffixes.entry(key).or_default().all.push((surface, attach));
                }
                "title" => {
                    let role = match value {
                        "role" => true,
                        "honorific" => false,
                        v => return Err(format!("{}: title value '{v}' (expected role or honorific)", at)),
                    };
                    // An honorific may also be part of a name (`নাসিমা বেগম`).
                    if role {
                        self.add_cue_word(&surface);
                    }
                    self.cues.push((surface, Cue::Title { role }));
                }
                "speech" => {
                    let side = match value {
                        "after" => SpeechSide::After,
                        "before" => SpeechSide::Before,
                        "both" => SpeechSide::Both,
                        v => return Err(format!("{}: speech value '{v}' (expected after, before or both)", at)),
                    };
                    self.add_cue_word(&surface);
                    self.cues.push((surface, Cue::Speech(side)));
                }
                "credit" => {
                    self.add_cue_word(&surface);
                    self.cues.push((surface, Cue::Credit));
                }
                "block" => self.cues.push((surface, Cue::Block)),
                "join" => {
                    self.not_name.insert(surface.clone());
                    self.joins.insert(surface);
                }
                "not_name" => self.add_cue_word(&surface),
                "place_cue" => {
                    self.add_cue_word(&surface);
                    self.place_cues.insert(surface);
                }
                "place_suffix" => self.place_suffixes.push(surface),
                k => return Err(format!("{}: unknown kind '{k}'", at)),
            }
        }
        Ok(())
    }

    /// A one-word cue is never part of a name.
    fn add_cue_word(&mut self, surface: &str) {
        let word = surface.trim_end_matches('.');
        if word.contains(' ') {
            return;
        }
        if word.is_ascii() {
            self.not_name_latin.insert(word.to_ascii_lowercase());
        } else {
            self.not_name.insert(word.to_string());
        }
    }

    fn add_romanizer(&mut self, lang: &str, contents: &str) -> Result<(), String> {
        let mut rom = Romanizer::default();
        let mut script = None;
        for (line, text) in data_lines(contents) {
            let at = || format!("data/lang/{lang}/romanize.tsv line {line}");
            let mut cols = text.split('\t');
            let kind = cols.next().unwrap_or("").trim();
            let grapheme = normalize_str(cols.next().unwrap_or("").trim());
            let latin = cols.next().unwrap_or("").trim().to_string();
            let glyph = match kind {
                "inherent" => {
                    rom.inherent = latin;
                    continue;
                }
                "word" => {
                    rom.words.insert(grapheme, latin);
                    continue;
                }
                "consonant" => Glyph::Consonant,
                "vowel" => Glyph::Vowel,
                "sign" => Glyph::Sign,
                "virama" => Glyph::Virama,
                "medial" => Glyph::Medial,
                "mark" => Glyph::Mark,
                k => return Err(format!("{}: unknown kind '{k}'", at())),
            };
            if grapheme.is_empty() {
                return Err(format!("{}: empty grapheme", at()));
            }
            script = script.or(script_key(script_of_span(&grapheme)));
            rom.longest = rom.longest.max(grapheme.chars().count());
            rom.table.insert(grapheme, (latin, glyph));
        }
        rom.index_by_first();
        let key = script.ok_or_else(|| format!("data/lang/{lang}/romanize.tsv: no graphemes"))?;
        self.romanize.insert(key, rom);
        Ok(())
    }
}

/// The lexicon, parsed on first use. The data is compiled in and checked by
/// tests, so a parse error is a build defect.
pub fn entity_lexicon() -> &'static EntityLexicon {
    static LEX: OnceLock<EntityLexicon> = OnceLock::new();
    LEX.get_or_init(|| EntityLexicon::load().unwrap_or_else(|e| panic!("bad built-in entity data: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_parses() {
        EntityLexicon::load().unwrap();
    }

    #[test]
    fn graphemes_read_by_first_character_are_the_longest_the_table_has() {
        let lex = entity_lexicon();
        // Each character of the blocks and a few others, alone and in
        // pairs, and each grapheme of the table followed by more: the
        // longest prefix the table holds, found by hashing each.
        let chars: Vec<char> = (0x900u32..0xB00)
            .chain([0x61, 0x200C, 0x200D])
            .filter_map(char::from_u32)
            .collect();
        for script in [Script::Bengali, Script::Devanagari] {
            let rom = lex.romanizer(script).unwrap();
            let longest = |s: &str| {
                let first = s.chars().next().map_or(0, char::len_utf8);
                let ends = s.char_indices().take(rom.longest).map(|(i, c)| i + c.len_utf8());
                ends.filter_map(|end| rom.table.get(&s[..end]).map(|e| (end, Some(e))))
                    .last()
                    .unwrap_or((first, None))
            };
            let mut texts: Vec<String> = Vec::new();
            for &a in &chars {
                texts.push(format!("{a}"));
                for &b in &chars {
                    texts.push(format!("{a}{b}"));
                }
            }
            for g in rom.table.keys() {
                texts.push(format!("{g}ক"));
                texts.push(format!("{g}्य"));
            }
            for s in &texts {
                assert_eq!(rom.grapheme_at(s), longest(s), "{s:?}");
            }
            let (len, entry) = rom.grapheme_at(if script == Script::Bengali { "কা" } else { "का" });
            assert_eq!(
                (len, entry.map(|(latin, glyph)| (latin.as_str(), *glyph))),
                (3, Some(("k", Glyph::Consonant)))
            );
        }
    }

    #[test]
    fn both_stems_are_those_worked_out_afresh() {
        let lex = entity_lexicon();
        for word in ["পুতিনের", "ঢাকায়", "রহমানের", "সারা", "पुतिन", "नेताओं", "Putin's", "কে"]
        {
            let word = normalize_str(word);
            // Worked out afresh, without the thread's memo.
            let stem = |min| {
                lex.stem_candidates(&word)
                    .map_or(word.as_str(), |(set, ids)| EntityLexicon::stem_of(&word, set, ids, min))
            };
            assert_eq!(lex.stems(&word), [stem(1), stem(2)], "{word}");
        }
        assert_eq!(lex.stems(&normalize_str("পুতিনের"))[1], normalize_str("পুতিন"));
    }

    #[test]
    fn bengali_case_endings() {
        let lex = entity_lexicon();
        assert!(lex.is_suffix("পুতিন", "ের"));
        assert!(lex.is_suffix("পুতিন", "কে"));
        assert!(lex.is_suffix("ঢাকা", "য়"));
        assert!(!lex.is_suffix("রুশ", "ো"));
        // চাদর is a bed sheet, not Chad's.
        assert!(!lex.is_suffix("চাদ", "র"));
        assert_eq!(lex.strip_suffix("পুতিনের", 2), "পুতিন");
    }

    #[test]
    fn word_facts_agree_with_the_single_lookups() {
        let lex = entity_lexicon();
        for word in [
            "হাইকোর্টে",
            "উপজেলার",
            "হোসেন",
            "বলেন",
            "শিবগঞ্জে",
            "जिले",
            "सिंह",
            "The",
            "ঢাকার",
        ] {
            let stem = lex.strip_suffix(word, 1);
            let f = lex.word_facts(word, stem);
            assert_eq!(f.common, lex.is_common(word), "{word}");
            assert_eq!(f.not_name, lex.is_not_name(word) || lex.is_not_name(stem), "{word}");
            assert_eq!(f.name_word, lex.is_name_word(word), "{word}");
            assert_eq!(f.locative, lex.is_locative(word), "{word}");
            assert_eq!(f.place_cue, lex.is_place_cue(word), "{word}");
            assert_eq!(f.place_ending, lex.has_place_ending(stem), "{word}");
            assert_eq!(f.unnamed, lex.unnamed.contains(word), "{word}");
        }
        assert!(lex.word_facts("হাইকোর্টে", lex.strip_suffix("হাইকোর্টে", 1)).locative);
        assert!(lex.word_facts("সিংহ", "সিংহ") != lex.word_facts("বলেন", "বলেন"));
    }

    #[test]
    fn only_words_never_seen_in_a_name_are_unnamed() {
        let lex = entity_lexicon();
        let unnamed = |w: &str| lex.word_facts(w, lex.strip_suffix(w, 1)).unnamed;
        // "and", "doing", "said"; "to do".
        for word in ["এবং", "করে", "বলেন", "करने"] {
            assert!(unnamed(word), "{word}");
        }
        // Dhaka, a surname, "government" (inside organisations' names),
        // Singh, Delhi; and a Latin word, which the lists leave to the rules.
        for word in ["ঢাকা", "হোসেন", "সরকার", "सिंह", "दिल्ली", "The"]
        {
            assert!(!unnamed(word), "{word}");
        }
    }

    #[test]
    fn cue_words_are_not_names() {
        let lex = entity_lexicon();
        assert!(lex.is_not_name("বলেন"));
        assert!(lex.is_not_name("The"));
        assert!(lex.is_join("ও"));
    }
}
