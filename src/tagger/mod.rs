//! A compact statistical tagger for the person and place names no list holds:
//! an averaged perceptron over hashed word features ([`features`]), decoded
//! greedily left to right, one model per script, trained by `corpus train`
//! ([`train`]) from public labelled data and shipped in `data/model/`.

pub mod features;
pub mod file;
pub mod memo;
pub mod pages;
pub mod train;

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use smallvec::SmallVec;

use crate::text::Script;
use features::{ContextRows, FeatureBuf, FoldedRows, ROLES, Role, TakeRows, WordInfo, word_features};

/// Labels the tagger gives a word: outside any name, or the beginning or
/// inside of a person, place or organisation name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Label {
    O,
    BPer,
    IPer,
    BLoc,
    ILoc,
    BOrg,
    IOrg,
}

/// How many labels there are.
pub const LABELS: usize = 7;

/// What a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    Person,
    Place,
    Organisation,
}

impl Label {
    pub const ALL: [Label; LABELS] = [
        Label::O,
        Label::BPer,
        Label::IPer,
        Label::BLoc,
        Label::ILoc,
        Label::BOrg,
        Label::IOrg,
    ];

    pub fn kind(self) -> Option<NameKind> {
        match self {
            Label::O => None,
            Label::BPer | Label::IPer => Some(NameKind::Person),
            Label::BLoc | Label::ILoc => Some(NameKind::Place),
            Label::BOrg | Label::IOrg => Some(NameKind::Organisation),
        }
    }

    pub fn begins(self) -> bool {
        matches!(self, Label::BPer | Label::BLoc | Label::BOrg)
    }

    /// The label that begins (or continues) a name of `kind`.
    pub fn of(kind: NameKind, begin: bool) -> Label {
        match (kind, begin) {
            (NameKind::Person, true) => Label::BPer,
            (NameKind::Person, false) => Label::IPer,
            (NameKind::Place, true) => Label::BLoc,
            (NameKind::Place, false) => Label::ILoc,
            (NameKind::Organisation, true) => Label::BOrg,
            (NameKind::Organisation, false) => Label::IOrg,
        }
    }

    /// Whether this label may follow `prev`: an inside label only continues
    /// a name of its own kind.
    pub fn may_follow(self, prev: Label) -> bool {
        self.begins() || self == Label::O || (prev != Label::O && prev.kind() == self.kind())
    }
}

/// One script's weights: a row of `LABELS` weights (padded to eight, one
/// vector load) per hashed feature bucket, `1 << bits` buckets.
#[derive(Debug, Clone)]
pub struct Model {
    bits: u32,
    /// How much surer than `O` the model must be of every word of a person
    /// and of a place it adds: chosen by `corpus train` on sentences the
    /// model was not fit on.
    margins: [i32; 2],
    /// Read in place from the binary for a built-in model ([`file`]).
    weights: Cow<'static, [file::Row]>,
    /// A built-in model's weights copied into large pages ([`pages`]),
    /// once it has tagged [`SENTENCES_IN_PLACE`] sentences: a short run
    /// (one article at start-up) does not pay for the copy.
    large: OnceLock<&'static [file::Row]>,
    /// The sentences tagged from the weights where they lie.
    in_place: Count,
    /// Tells this model's weights from any other's, for what is remembered
    /// of them ([`memo`]).
    id: u64,
    /// The weights of the edge of a sentence in each role.
    edge: OnceLock<Partials>,
    /// The rows of the context features of few values, widened and
    /// folded ([`ContextRows::folded`]): the base row and the table.
    context: OnceLock<FoldedRows>,
}

/// A count the threads tagging with one model share; a clone of the model
/// starts from where the count stood.
#[derive(Debug, Default)]
struct Count(AtomicUsize);

impl Clone for Count {
    fn clone(&self) -> Self {
        Count(AtomicUsize::new(self.0.load(Ordering::Relaxed)))
    }
}

/// How many sentences a built-in model tags from the weights where the
/// binary holds them before it copies them into large pages: the copy, a
/// model's 4 MiB written to fresh memory, took some 2 ms of a 40 ms
/// start-up, and reading from large pages saves its cost only over some
/// hundreds of kilobytes of text.
const SENTENCES_IN_PLACE: usize = 2048;

/// The weights of one word's own features ([`word_features`]) in each role,
/// summed: one row per [`Role`].
pub type Partials = [[i32; 8]; ROLES];

/// Where [`Model::tag_partials`] reads each word's [`Partials`].
pub trait PartialsOf {
    /// Those of word `i` of the sentence, `None` past its end.
    fn get(&self, i: usize) -> Option<&Partials>;
}

impl PartialsOf for [Partials] {
    #[inline]
    fn get(&self, i: usize) -> Option<&Partials> {
        <[Partials]>::get(self, i)
    }
}

impl Model {
    pub fn new(bits: u32, margins: [i32; 2], weights: Cow<'static, [file::Row]>) -> Model {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Model {
            bits,
            margins,
            weights,
            large: OnceLock::new(),
            in_place: Count::default(),
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            edge: OnceLock::new(),
            context: OnceLock::new(),
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// The least margin of every word of a name of `kind` the tagger adds
    /// (organisations are never added).
    pub fn min_margin(&self, kind: NameKind) -> i32 {
        match kind {
            NameKind::Person => self.margins[0],
            NameKind::Place => self.margins[1],
            NameKind::Organisation => i32::MAX,
        }
    }

    /// The same model with other least margins.
    pub fn with_margins(mut self, margins: [i32; 2]) -> Model {
        self.margins = margins;
        self
    }

    /// The weights as the tagger reads them: from large pages once a
    /// built-in model's are copied there, else where they lie.
    #[inline]
    fn rows(&self) -> &[file::Row] {
        match &self.weights {
            Cow::Borrowed(rows) => self.large.get().copied().unwrap_or(rows),
            Cow::Owned(rows) => rows,
        }
    }

    /// Count a sentence about to be tagged, and copy a built-in model's
    /// weights into large pages once [`SENTENCES_IN_PLACE`] have been.
    #[inline]
    fn count_sentence(&self) {
        if let Cow::Borrowed(rows) = &self.weights
            && self.large.get().is_none()
            && self.in_place.0.fetch_add(1, Ordering::Relaxed) >= SENTENCES_IN_PLACE
        {
            self.large.get_or_init(|| pages::in_large_pages(rows).unwrap_or(rows));
        }
    }

    /// The bucket of a feature hash.
    #[inline]
    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Add the weights of `features` to `scores`.
    #[inline]
    fn add(&self, features: &[u64], scores: &mut [i32; LABELS]) {
        let mut sum = [0i32; 8];
        self.add_rows(features, &mut sum);
        for (s, add) in scores.iter_mut().zip(sum) {
            *s += add;
        }
    }

    /// Add the rows of weights of `features` to `sum`.
    #[inline]
    fn add_rows(&self, features: &[u64], sum: &mut [i32; 8]) {
        let rows = self.rows();
        for &f in features {
            add_weights(sum, &rows[self.bucket(f)]);
        }
    }

    /// The summed weights of a word's own features in each role.
    pub fn partials(&self, w: &WordInfo, buf: &mut Vec<u64>) -> Partials {
        let mut out = [[0; 8]; ROLES];
        for (role, sum) in Role::ALL.into_iter().zip(&mut out) {
            word_features(w, role, buf);
            self.add_rows(buf, sum);
        }
        out
    }

    fn edge(&self) -> &Partials {
        self.edge
            .get_or_init(|| self.partials(features::edge(), &mut Vec::new()))
    }

    /// Label a sentence's words, left to right, each label seeing the two
    /// before it.
    pub fn tag(&self, words: &[WordInfo], buf: &mut FeatureBuf, out: &mut Vec<Label>) {
        self.tag_with_margins(words, buf, out, &mut Vec::new());
    }

    /// [`Model::tag`], and for each word how far its label's score is
    /// above that of `O` (how sure the model is that a name is there).
    pub fn tag_with_margins(
        &self,
        words: &[WordInfo],
        buf: &mut FeatureBuf,
        out: &mut Vec<Label>,
        margins: &mut Vec<i32>,
    ) {
        decode(words, out, margins, |i, prev, prev2| {
            buf.fill(words, i, prev, prev2);
            let mut scores = [0i32; LABELS];
            self.add(buf.features(), &mut scores);
            scores
        });
    }
}

impl Model {
    /// [`Model::tag_with_margins`] with each word's own weights summed
    /// beforehand (`partials`, from [`Model::partials`]; words recur, so
    /// they are remembered): the same labels and margins, read off a few
    /// rows instead of fifty.
    pub fn tag_partials(
        &self,
        words: &[WordInfo],
        partials: &(impl PartialsOf + ?Sized),
        out: &mut Vec<Label>,
        margins: &mut Vec<i32>,
    ) {
        self.count_sentence();
        let weights = self.rows();
        let edge = self.edge();
        let (base, context) = self.context.get_or_init(|| {
            ContextRows::new(|f| self.bucket(f))
                .map(|row| weights[row as usize].map(i32::from))
                .folded()
        });
        let mut pairs = PairRows {
            words,
            bucket: |f: u64| self.bucket(f),
            kept: [(usize::MAX, [0; 2]); 2 * AHEAD],
        };
        // Each word's weights, found once, between two edges a side: a
        // word's are read by the five words around it.
        let mut rows: SmallVec<[&Partials; 64]> = SmallVec::with_capacity(words.len() + 4);
        rows.extend([edge, edge]);
        rows.extend((0..words.len()).map(|i| partials.get(i).unwrap_or(edge)));
        rows.extend([edge, edge]);
        decode(words, out, margins, |i, prev, prev2| {
            // Word `i` is `rows[i + 2]`.
            let around = &rows[i..i + 5];
            let mut sum = around[2][Role::Own as usize];
            add_sums(&mut sum, base);
            for (k, role) in [(1, Role::Prev), (3, Role::Next), (0, Role::Prev2), (4, Role::Next2)] {
                add_sums(&mut sum, &around[k][role as usize]);
            }
            // The rows of a word's pairs with its neighbours lie anywhere in
            // the weights, so each is a cache miss: those of the words
            // ahead are fetched while this one is scored. Two words are
            // asked for, as a word never part of a name is skipped without
            // a look and fetches nothing (nor are its rows worked out).
            for (k, _) in words
                .iter()
                .enumerate()
                .skip(i + AHEAD)
                .take(AHEAD)
                .filter(|(_, w)| !w.outside())
            {
                for row in pairs.of(k) {
                    prefetch(&weights[row]);
                }
            }
            let own_pairs = pairs.of(i);
            let mut to = Sum { sum: &mut sum, weights };
            context.rows(words, i, [prev, prev2], own_pairs, pairs.bucket, &mut to);
            let mut scores = [0i32; LABELS];
            scores.copy_from_slice(&sum[..LABELS]);
            scores
        });
    }
}

/// A word's scores as [`ContextRows::rows`] hands over its rows: those of
/// few values widened and folded already (the base row is in the sums
/// before), the rest read from the weights.
struct Sum<'a> {
    sum: &'a mut [i32; 8],
    weights: &'a [[i16; 8]],
}

impl TakeRows<[i32; 8]> for Sum<'_> {
    const FOLDED: bool = true;

    #[inline(always)]
    fn by_value(&mut self, row: &[i32; 8]) {
        add_sums(self.sum, row);
    }

    #[inline(always)]
    fn hashed(&mut self, row: usize) {
        add_weights(self.sum, &self.weights[row]);
    }
}

/// Add a row of weights to a word's sums, each widened.
#[inline(always)]
fn add_weights(sum: &mut [i32; 8], row: &[i16; 8]) {
    for (s, &w) in sum.iter_mut().zip(row) {
        *s += i32::from(w);
    }
}

/// Add a row of sums (weights already widened and summed) to a word's.
#[inline(always)]
fn add_sums(sum: &mut [i32; 8], row: &[i32; 8]) {
    for (s, &w) in sum.iter_mut().zip(row) {
        *s += w;
    }
}

/// How many words ahead [`Model::tag_partials`] fetches rows of weights.
const AHEAD: usize = 2;

/// The rows of the pair features of the words of a sentence
/// ([`features::pair_features`]), each worked out once though asked for
/// when fetched ahead and when scored: the last few are kept.
struct PairRows<'w, B> {
    words: &'w [WordInfo],
    bucket: B,
    /// (word, its rows) by word modulo the length: a word is scored before
    /// the one as many words on is asked for.
    kept: [(usize, [usize; 2]); 2 * AHEAD],
}

impl<B: Fn(u64) -> usize> PairRows<'_, B> {
    #[inline]
    fn of(&mut self, k: usize) -> [usize; 2] {
        let slot = &mut self.kept[k % (2 * AHEAD)];
        if slot.0 != k {
            *slot = (k, features::pair_features(self.words, k).map(&self.bucket));
        }
        slot.1
    }
}

/// Ask the processor to bring `value` into the cache, without waiting.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that reads nothing and cannot fault, and
    // `value` is a live reference; SSE is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Label `words` left to right, each from its `scores` given the two
/// labels before it, and note how far each label's score is above `O`'s.
/// A word that is never part of a name is `O` without a look.
fn decode(
    words: &[WordInfo],
    out: &mut Vec<Label>,
    margins: &mut Vec<i32>,
    mut scores: impl FnMut(usize, Label, Label) -> [i32; LABELS],
) {
    // Sized once: every word is `O` at a margin of 0 until scored.
    out.clear();
    out.resize(words.len(), Label::O);
    margins.clear();
    margins.resize(words.len(), 0);
    let (mut prev, mut prev2) = (Label::O, Label::O);
    for (i, w) in words.iter().enumerate() {
        let label = if w.outside() {
            Label::O
        } else {
            let scores = scores(i, prev, prev2);
            let label = best(&scores, prev);
            out[i] = label;
            margins[i] = scores[label as usize] - scores[Label::O as usize];
            label
        };
        (prev2, prev) = (prev, label);
    }
}

/// The highest-scoring label that may follow `prev` (the first on a tie).
pub fn best<T: PartialOrd + Copy>(scores: &[T; LABELS], prev: Label) -> Label {
    let mut best = Label::O;
    let mut top = scores[0];
    for l in Label::ALL.into_iter().skip(1) {
        if l.may_follow(prev) && scores[l as usize] > top {
            best = l;
            top = scores[l as usize];
        }
    }
    best
}

/// The shipped models, one per script, built into the binary.
#[derive(Debug, Default)]
pub struct Taggers {
    bengali: Option<Model>,
    devanagari: Option<Model>,
}

include!(concat!(env!("OUT_DIR"), "/model_files.rs"));

impl Taggers {
    /// The models of `data/model/`, read on first use. They are built in
    /// and tested, so a bad one is a build defect.
    pub fn builtin() -> &'static Taggers {
        static T: OnceLock<Taggers> = OnceLock::new();
        T.get_or_init(|| Taggers::load_builtin().unwrap_or_else(|e| panic!("{e}")))
    }

    /// Read the built-in models afresh.
    pub fn load_builtin() -> Result<Taggers, String> {
        let mut t = Taggers::default();
        for (name, bytes) in MODEL_FILES {
            let (script, model) = file::read_static(bytes).map_err(|e| format!("bad built-in model {name}: {e}"))?;
            t.set(script, model);
        }
        Ok(t)
    }

    pub fn set(&mut self, script: Script, model: Model) {
        match script {
            Script::Bengali => self.bengali = Some(model),
            Script::Devanagari => self.devanagari = Some(model),
            _ => {}
        }
    }

    /// The model for text in `script`, if one was trained.
    pub fn for_script(&self, script: Script) -> Option<&Model> {
        match script {
            Script::Bengali => self.bengali.as_ref(),
            Script::Devanagari => self.devanagari.as_ref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_model_reads_its_weights_in_place_for_a_while_then_from_a_copy() {
        // 4 MiB of weights, as a shipped model's, held as the binary holds them.
        let rows: &'static [file::Row] = Vec::leak(
            (0..1 << 18)
                .map(|i: i32| std::array::from_fn(|k| (i as i16).wrapping_add(k as i16)))
                .collect(),
        );
        let model = Model::new(18, [0, 0], Cow::Borrowed(rows));
        for _ in 0..SENTENCES_IN_PLACE {
            model.count_sentence();
            assert_eq!(model.rows().as_ptr(), rows.as_ptr());
        }
        model.count_sentence();
        let copy = model.rows();
        assert_eq!(copy, rows);
        #[cfg(target_os = "linux")]
        assert_ne!(copy.as_ptr(), rows.as_ptr());
        // A model trained in this run owns its weights: never copied.
        let owned = Model::new(18, [0, 0], Cow::Owned(rows.to_vec()));
        for _ in 0..=SENTENCES_IN_PLACE {
            owned.count_sentence();
        }
        assert!(owned.large.get().is_none());
    }

    #[test]
    fn the_built_in_models_load() {
        let t = Taggers::load_builtin().unwrap();
        assert!(t.for_script(Script::Bengali).is_some());
        assert!(t.for_script(Script::Devanagari).is_some());
        assert!(t.for_script(Script::Latin).is_none());
        // Their weights are read where the binary holds them, not decoded
        // (copied into large pages only once a model has tagged a while).
        for script in [Script::Bengali, Script::Devanagari] {
            let model = t.for_script(script).unwrap();
            assert_eq!(
                matches!(model.weights, Cow::Borrowed(_)),
                cfg!(target_endian = "little"),
                "{script:?}"
            );
        }
    }

    #[test]
    fn inside_labels_continue_their_own_kind() {
        assert!(Label::IPer.may_follow(Label::BPer));
        assert!(Label::IPer.may_follow(Label::IPer));
        assert!(!Label::IPer.may_follow(Label::O));
        assert!(!Label::IPer.may_follow(Label::BLoc));
        assert!(Label::BLoc.may_follow(Label::O));
        // An inside label that may not follow is never chosen, however high.
        let scores = [0, 1, 9, 2, 0, 0, 0];
        assert_eq!(best(&scores, Label::O), Label::BLoc);
        assert_eq!(best(&scores, Label::BPer), Label::IPer);
    }
}
