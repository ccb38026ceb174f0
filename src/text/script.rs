//! Scripts of characters and spans, and the article language from script counts.

use serde::{Deserialize, Serialize};

/// The writing systems `corpus` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Bengali,
    Devanagari,
    Latin,
    Other,
}

/// The script of one character; digits, spaces and punctuation are `Other`.
#[inline]
pub fn script_of(c: char) -> Script {
    match c {
        '\u{0980}'..='\u{09FF}' => Script::Bengali,
        '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{097F}' => Script::Devanagari,
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Script::Latin,
        _ => Script::Other,
    }
}

/// The script of the character at byte `i` of `bytes` when it is Bengali
/// or Devanagari ([`script_of`]), read off its UTF-8 bytes: for passes over
/// every word that ask only that, without decoding or slicing a `str`.
#[inline]
pub fn indic_script_at(bytes: &[u8], i: usize) -> Option<Script> {
    match bytes.get(i..i + 3)? {
        [0xE0, 0xA6 | 0xA7, _] => Some(Script::Bengali),
        // U+0964 and U+0965, the dandas, are punctuation of both scripts.
        [0xE0, 0xA5, 0xA4 | 0xA5] => None,
        [0xE0, 0xA4 | 0xA5, _] => Some(Script::Devanagari),
        _ => None,
    }
}

/// How many characters the Devanagari and Bengali blocks hold
/// (U+0900..U+0AFF): most of what `corpus` reads, so what is asked of
/// their characters is read from tables of their own.
pub const INDIC_BLOCK_LEN: usize = 0x200;

/// The first code point of the Devanagari and Bengali blocks.
pub const INDIC_BLOCK_START: u32 = 0x900;

/// The index of `c` within the Devanagari and Bengali blocks, if it is
/// one of theirs.
#[inline]
pub fn indic_block_index(c: char) -> Option<usize> {
    let k = (c as u32).wrapping_sub(INDIC_BLOCK_START) as usize;
    (k < INDIC_BLOCK_LEN).then_some(k)
}

/// A yes or no for each character of the two blocks, a bit each.
struct BlockBits([u64; INDIC_BLOCK_LEN / 64]);

impl BlockBits {
    /// `f` of each character of the blocks.
    fn of(f: impl Fn(char) -> bool) -> BlockBits {
        let mut bits = [0u64; INDIC_BLOCK_LEN / 64];
        for k in 0..INDIC_BLOCK_LEN {
            if char::from_u32(INDIC_BLOCK_START + k as u32).is_some_and(&f) {
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        BlockBits(bits)
    }

    /// The bit of the character of index `k` ([`indic_block_index`]).
    #[inline]
    fn has(&self, k: usize) -> bool {
        self.0[k / 64] >> (k % 64) & 1 != 0
    }
}

/// A Bengali or Devanagari sign that belongs to the letter before it: a
/// vowel sign, virama, nukta or nasal mark.
///
/// Read from a bitmap of the two blocks: a new word's features and shape
/// ask it of each of its characters.
#[inline]
pub fn is_sign(c: char) -> bool {
    indic_block_index(c).is_some_and(|k| SIGNS.has(k))
}

/// The signs, by code point.
const fn is_sign_code(c: u32) -> bool {
    matches!(c,
        0x0900..=0x0903
        | 0x093A..=0x094F
        | 0x0951..=0x0957
        | 0x0962..=0x0963
        | 0x0981..=0x0983
        | 0x09BC
        | 0x09BE..=0x09CD
        | 0x09D7
        | 0x09E2..=0x09E3)
}

/// [`is_sign_code`] of each character of the blocks, built at compile
/// time ([`BlockBits::of`] cannot be: it calls a closure).
const SIGNS: BlockBits = {
    let mut bits = [0u64; INDIC_BLOCK_LEN / 64];
    let mut k = 0;
    while k < INDIC_BLOCK_LEN {
        if is_sign_code(INDIC_BLOCK_START + k as u32) {
            bits[k / 64] |= 1 << (k % 64);
        }
        k += 1;
    }
    BlockBits(bits)
};

/// [`char::is_alphabetic`], read from a table for the Devanagari and
/// Bengali blocks: the standard library finds their letters by a search
/// of some hundreds of steps, and they are most of the text.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    static TABLE: std::sync::OnceLock<BlockBits> = std::sync::OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match indic_block_index(c) {
        Some(k) => TABLE.get_or_init(|| BlockBits::of(char::is_alphabetic)).has(k),
        None => c.is_alphabetic(),
    }
}

/// Whether `c` is a letter ([`is_letter_by_ranges`]), read from a bitmap
/// for the Devanagari and Bengali blocks: a new word's shape counts its
/// letters.
#[inline]
pub fn is_letter(c: char) -> bool {
    static LETTERS: std::sync::OnceLock<BlockBits> = std::sync::OnceLock::new();
    match indic_block_index(c) {
        Some(k) => LETTERS.get_or_init(|| BlockBits::of(is_letter_by_ranges)).has(k),
        None => is_letter_by_ranges(c),
    }
}

/// Whether `c` is a letter, with a fast path for the scripts `corpus` reads:
/// Bengali and Devanagari signs ([`is_sign`]) are not letters.
fn is_letter_by_ranges(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        c if is_sign(c) => false,
        '\u{0904}'..='\u{0939}'
        | '\u{0958}'..='\u{0961}'
        | '\u{0985}'..='\u{09B9}'
        | '\u{09CE}'
        | '\u{09DC}'..='\u{09E1}' => true,
        c if c.is_ascii() => false,
        c => is_alphabetic(c),
    }
}

/// The main script of a span: the script most of its letters are written in.
pub fn script_of_span(s: &str) -> Script {
    let counts = ScriptCounts::of(s);
    counts.main().unwrap_or(Script::Other)
}

/// An article's language as the record reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Bn,
    Hi,
    En,
    #[default]
    Und,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Bn => "bn",
            Lang::Hi => "hi",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }

    /// The languages whose data is loaded.
    pub const KNOWN: [Lang; 3] = [Lang::Bn, Lang::Hi, Lang::En];

    pub fn of_script(s: Script) -> Lang {
        match s {
            Script::Bengali => Lang::Bn,
            Script::Devanagari => Lang::Hi,
            Script::Latin => Lang::En,
            Script::Other => Lang::Und,
        }
    }
}

/// Letter counts per script.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    pub bengali: usize,
    pub devanagari: usize,
    pub latin: usize,
}

impl ScriptCounts {
    /// The letters of `s` by script ([`script_of`]), digits aside. An
    /// article's are counted as it is normalised ([`super::Normalized`]);
    /// this counts spans and the clusters normalisation rewrites.
    pub fn of(s: &str) -> Self {
        let mut c = ScriptCounts {
            latin: s.bytes().filter(u8::is_ascii_alphabetic).count(),
            ..Default::default()
        };
        for ch in s
            .chars()
            .filter(|&c| !c.is_ascii() && super::normalize::fold_digit(c).is_none())
        {
            match script_of(ch) {
                Script::Bengali => c.bengali += 1,
                Script::Devanagari => c.devanagari += 1,
                Script::Latin => c.latin += 1,
                Script::Other => {}
            }
        }
        c
    }

    /// Add the letters of `s`.
    pub fn add_letters_of(&mut self, s: &str) {
        let c = ScriptCounts::of(s);
        self.bengali += c.bengali;
        self.devanagari += c.devanagari;
        self.latin += c.latin;
    }

    pub fn total(&self) -> usize {
        self.bengali + self.devanagari + self.latin
    }

    /// The script with most letters, if any letter at all.
    pub fn main(&self) -> Option<Script> {
        let all = [
            (self.bengali, Script::Bengali),
            (self.devanagari, Script::Devanagari),
            (self.latin, Script::Latin),
        ];
        all.iter()
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)
            .map(|&(_, s)| s)
    }

    /// The language of a text from its letters: `und` when there are too few
    /// letters to tell, or no script holds at least 40% of them.
    pub fn lang(&self) -> Lang {
        let total = self.total();
        match self.main() {
            Some(s) if total >= 3 => {
                let n = match s {
                    Script::Bengali => self.bengali,
                    Script::Devanagari => self.devanagari,
                    _ => self.latin,
                };
                if n * 5 >= total * 2 {
                    Lang::of_script(s)
                } else {
                    Lang::Und
                }
            }
            _ => Lang::Und,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_read_from_the_bitmap_are_those_of_the_ranges() {
        for code in 0..0x1_1000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_letter(c), is_letter_by_ranges(c), "{c:?}");
            }
        }
        assert!(is_letter('ক') && is_letter('क') && is_letter('a') && is_letter('é'));
        assert!(!is_letter('া') && !is_letter('্') && !is_letter('১') && !is_letter('।') && !is_letter('7'));
    }

    #[test]
    fn signs_read_from_the_bitmap_are_the_listed_ones() {
        for code in 0..0x1_1000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_sign(c), is_sign_code(code), "{c:?}");
            }
        }
        assert!(is_sign('া') && is_sign('्') && is_sign('ঁ'));
        assert!(!is_sign('ক') && !is_sign('क') && !is_sign('a') && !is_sign('\u{0A3C}'));
    }

    #[test]
    fn indic_script_read_off_the_bytes_is_the_characters() {
        for code in (0..0x1100).chain([0x1F600, 0x10FFFF]) {
            let Some(c) = char::from_u32(code) else { continue };
            let text = format!("{c}");
            let want = Some(script_of(c)).filter(|s| matches!(s, Script::Bengali | Script::Devanagari));
            assert_eq!(indic_script_at(text.as_bytes(), 0), want, "U+{code:04X}");
            // At a later byte, and cut short.
            let text = format!("a{c}");
            assert_eq!(indic_script_at(text.as_bytes(), 1), want, "U+{code:04X}");
            assert_eq!(indic_script_at(&text.as_bytes()[..text.len() - 1], 1), None);
        }
        assert_eq!(indic_script_at(b"", 0), None);
        assert_eq!(indic_script_at(b"ab", 5), None);
    }

    #[test]
    fn the_table_of_letters_agrees_with_the_standard_library() {
        // The blocks the table holds and well beyond them.
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{:#x}", c as u32);
        }
    }

    #[test]
    fn scripts_of_characters() {
        assert_eq!(script_of('প'), Script::Bengali);
        assert_eq!(script_of('প'), Script::Bengali);
        assert_eq!(script_of('प'), Script::Devanagari);
        assert_eq!(script_of('।'), Script::Other);
        assert_eq!(script_of('P'), Script::Latin);
        assert_eq!(script_of('é'), Script::Latin);
        assert_eq!(script_of('5'), Script::Other);
    }

    #[test]
    fn language_from_counts() {
        assert_eq!(ScriptCounts::of("পুতিন ও কিমের ফোনালাপ").lang(), Lang::Bn);
        assert_eq!(ScriptCounts::of("मियामी में होगी अहम बैठक").lang(), Lang::Hi);
        assert_eq!(ScriptCounts::of("Putin and Kim spoke by phone").lang(), Lang::En);
        assert_eq!(ScriptCounts::of("১২৩ ...").lang(), Lang::Und);
        // A Bengali article with an English headline is still Bengali.
        let mixed = "US–Russia Talks Fail\nমস্কোতে যুক্তরাষ্ট্র–রাশিয়া শান্তি–আলোচনা গঠনমূলক বলা হলেও কোনো চূড়ান্ত চুক্তি হয়নি";
        assert_eq!(ScriptCounts::of(mixed).lang(), Lang::Bn);
    }

    #[test]
    fn counts_are_the_letters_of_each_script() {
        let text: String = (0..0x1100u32)
            .chain([0x1F600, 0x10000, 0xFFFD])
            .filter_map(char::from_u32)
            .collect();
        let by_chars = text
            .chars()
            .filter(|c| super::super::normalize::fold_digit(*c).is_none());
        let (mut bn, mut hi, mut la) = (0, 0, 0);
        for ch in by_chars {
            match script_of(ch) {
                Script::Bengali => bn += 1,
                Script::Devanagari => hi += 1,
                Script::Latin => la += 1,
                Script::Other => {}
            }
        }
        let c = ScriptCounts::of(&text);
        assert_eq!((c.bengali, c.devanagari, c.latin), (bn, hi, la));
        assert!(bn > 100 && hi > 100 && la > 300);
    }

    #[test]
    fn script_of_a_span() {
        assert_eq!(script_of_span("পুতিনের"), Script::Bengali);
        assert_eq!(script_of_span("ट्रंप"), Script::Devanagari);
        assert_eq!(script_of_span("Putin's"), Script::Latin);
    }
}
