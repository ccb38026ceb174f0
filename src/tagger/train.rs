//! `corpus train`: the models rebuilt from the public labelled data, the
//! same bytes every run, and measured on sentences they never saw.
//!
//! The labelled sentences are read as `corpus scan` reads an article: twenty
//! to a document, through the rules, so that the tagger learns on the very
//! features it meets in use (the gazetteer names and cues the rules find
//! included). Each word of the document takes the label of the first token
//! it overlaps.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::features::{Evidence, FeatureBuf, WordInfo, word_infos};
use super::{LABELS, Label, Model, NameKind, Taggers, best, file};
use crate::extract::dates::Dates;
use crate::extract::names::{analyse, rule_mentions};
use crate::extract::{Context, Extractor};
use crate::gazetteer::NameIndex;
use crate::lexicon::entities::entity_lexicon;
use crate::lexicon::events::event_lexicon;
use crate::model::Article;
use crate::text::{Document, Script, indices_starting_within};

/// Sentences to a document, as `scripts/eval_heldout.py` groups them.
const GROUP: usize = 20;

/// Every fifth sentence of the Bengali file is held out (the sentences the
/// word-list generators leave out too).
const BN_HELD_OUT_EVERY: usize = 5;

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub data: PathBuf,
    pub out: PathBuf,
    pub epochs: usize,
    pub bits: u32,
    /// Measure on every tenth training sentence instead, trained on the
    /// rest, and write nothing: for choosing features without looking at
    /// the held-out data.
    pub tune: bool,
}

/// The name a token is part of, and whether it begins it.
type TokenLabel = Option<(NameKind, bool)>;

/// One labelled token.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    label: TokenLabel,
}

/// A sentence's words as the tagger sees them, and their true labels.
#[derive(Debug, Clone)]
pub struct Example {
    words: Vec<WordInfo>,
    gold: Vec<Label>,
}

/// Sentences of a labelled file: one `token TAB tag` a line, a blank line
/// between sentences. A bare `-` tag is `O` and `-X` is `B-X` (stray tags
/// of the Hindi files); a leading byte-order mark is skipped.
fn read_sentences(path: &Path) -> anyhow::Result<Vec<Vec<Token>>> {
    let text = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    let mut sentence = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                out.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(token), Some(tag), None) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        sentence.push(Token {
            text: token.to_string(),
            label: label_of(tag.trim()),
        });
    }
    if !sentence.is_empty() {
        out.push(sentence);
    }
    Ok(out)
}

/// The name a tag marks: `B-PER`/`I-NEP` people, `LOC`/`NEL` places,
/// `ORG`/`NEO` organisations; every other tag (times, numbers) is outside.
fn label_of(tag: &str) -> TokenLabel {
    let tag = tag.strip_prefix('-').map_or(tag.to_string(), |t| format!("B-{t}"));
    let (begin, kind) = match tag.split_once('-') {
        Some(("B", k)) => (true, k),
        Some(("I", k)) => (false, k),
        _ => return None,
    };
    let kind = match kind {
        "PER" | "NEP" => NameKind::Person,
        "LOC" | "NEL" => NameKind::Place,
        "ORG" | "NEO" => NameKind::Organisation,
        _ => return None,
    };
    Some((kind, begin))
}

/// A document of labelled sentences, as `corpus scan` reads it.
struct Labelled {
    doc: Document,
    /// Each token's range in the text and its label.
    tokens: Vec<(Range<usize>, TokenLabel)>,
    /// The dates found, as normalised byte ranges.
    dates: Vec<Range<usize>>,
}

/// Documents of [`GROUP`] sentences, one line each.
fn documents(sentences: &[Vec<Token>]) -> Vec<Labelled> {
    sentences
        .chunks(GROUP)
        .map(|group| {
            let mut text = String::new();
            let mut tokens: Vec<(Range<usize>, TokenLabel)> = Vec::new();
            for sentence in group {
                for t in sentence {
                    tokens.push((text.len()..text.len() + t.text.len(), t.label));
                    text.push_str(&t.text);
                    text.push(' ');
                }
                text.pop();
                text.push('\n');
            }
            let doc = Document::new(text);
            let mut article = Article::new("train");
            Dates.extract(&doc, &mut Context::default(), &mut article);
            let dates = article.dates.iter().map(|d| d.span.norm.clone()).collect();
            Labelled { doc, tokens, dates }
        })
        .collect()
}

/// The examples of labelled documents: their words run through the rules,
/// cut into sentences.
fn examples(docs: &[Labelled], index: &NameIndex) -> Vec<Example> {
    let lex = entity_lexicon();
    let mut out = Vec::new();
    for Labelled { doc, tokens, dates } in docs {
        let names = rule_mentions(doc, index, lex);
        let events = event_lexicon().find(doc.norm_text(), doc.words(), doc.word_numbers(), lex);
        let evidence = Evidence {
            found: &names.found,
            cues: &names.cues,
            events: &events,
            dates,
        };
        let infos = word_infos(doc, index, lex, &evidence);
        let gold = word_labels(doc, tokens);
        for s in &doc.sentences {
            let range = indices_starting_within(doc.words(), |w| w.start, s.clone());
            if !range.is_empty() {
                out.push(Example {
                    words: infos[range.clone()].to_vec(),
                    gold: gold[range].to_vec(),
                });
            }
        }
    }
    out
}

/// The least margin of every word of a name the tagger adds, person or
/// place: a quarter of its strongest weight (`i16::MAX`). Chosen on the news
/// of the fixture articles, where a lower one adds more wrong names than
/// right ones; the labelled sentences, which are not news, would choose
/// lower and differently at each retraining (a tenth of them holds too few
/// names to choose from).
const MIN_MARGIN: i32 = i16::MAX as i32 / 4;

/// People and places of the whole analysis (rules, tagger, joins) against
/// the labelled names of `docs`, counted by overlap and exactly, in bytes of
/// the text.
fn analysis_counts(model: &Model, script: Script, docs: &[Labelled], index: &NameIndex) -> [Counts; 2] {
    let mut taggers = Taggers::default();
    taggers.set(script, model.clone());
    let lex = entity_lexicon();
    let mut counts = [Counts::default(); 2];
    for Labelled { doc, tokens, dates } in docs {
        let names = analyse(doc, index, lex, Some(&taggers), dates);
        for (c, kind) in counts.iter_mut().zip([NameKind::Person, NameKind::Place]) {
            let gold = gold_names(tokens, kind);
            let pred: Vec<Range<usize>> = names
                .found
                .iter()
                .filter(|f| f.person == (kind == NameKind::Person))
                .flat_map(|f| f.mentions.iter().map(|m| doc.orig_range(m.range.clone())))
                .collect();
            c.add(&gold, &pred);
        }
    }
    counts
}

/// The labelled names of one kind, as byte ranges of the text.
fn gold_names(tokens: &[(Range<usize>, TokenLabel)], kind: NameKind) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for (r, label) in tokens {
        match label {
            Some((k, begin)) if *k == kind => {
                match out.last_mut() {
                    Some(last) if open && !begin => last.end = r.end,
                    _ => out.push(r.clone()),
                }
                open = true;
            }
            _ => open = false,
        }
    }
    out
}

/// Each word's label: that of the first token it overlaps; a word that
/// continues the token or name of the word before it is inside the name.
fn word_labels(doc: &Document, tokens: &[(Range<usize>, TokenLabel)]) -> Vec<Label> {
    let mut labels = Vec::with_capacity(doc.words().len());
    let mut prev_token = usize::MAX;
    for w in doc.words() {
        let orig = doc.orig_range(w.clone());
        let t = tokens.partition_point(|(r, _)| r.end <= orig.start);
        let label = match tokens.get(t).filter(|(r, _)| r.start < orig.end) {
            Some((_, Some((kind, begin)))) => {
                let prev = labels.last().copied().unwrap_or(Label::O);
                let continues = prev.kind() == Some(*kind) && (t == prev_token || !begin);
                Label::of(*kind, !continues)
            }
            _ => Label::O,
        };
        prev_token = t;
        labels.push(label);
    }
    labels
}

/// An averaged perceptron over hashed features.
struct Trainer {
    bits: u32,
    weights: Vec<f32>,
    /// Sum of each weight over all updates so far, up to `stamps`.
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    fn new(bits: u32) -> Self {
        let n = (1usize << bits) * LABELS;
        Trainer {
            bits,
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            stamps: vec![0; n],
            step: 0,
        }
    }

    fn row(&self, f: u64) -> usize {
        (f >> (64 - self.bits)) as usize * LABELS
    }

    fn scores(&self, features: &[u64]) -> [f32; LABELS] {
        let mut s = [0.0; LABELS];
        for &f in features {
            let r = self.row(f);
            for (k, v) in s.iter_mut().enumerate() {
                *v += self.weights[r + k];
            }
        }
        s
    }

    fn nudge(&mut self, at: usize, by: f32) {
        self.totals[at] += f64::from(self.step - self.stamps[at]) * f64::from(self.weights[at]);
        self.stamps[at] = self.step;
        self.weights[at] += by;
    }

    fn update(&mut self, features: &[u64], truth: Label, guess: Label) {
        for &f in features {
            let r = self.row(f);
            self.nudge(r + truth as usize, 1.0);
            self.nudge(r + guess as usize, -1.0);
        }
    }

    /// The averaged weights, scaled to `i16`.
    fn finish(mut self) -> Vec<i16> {
        for at in 0..self.weights.len() {
            self.nudge(at, 0.0);
        }
        let steps = f64::from(self.step.max(1));
        let avg: Vec<f64> = self.totals.iter().map(|t| t / steps).collect();
        let top = avg.iter().fold(0.0f64, |m, w| m.max(w.abs()));
        let scale = if top > 0.0 { f64::from(i16::MAX) / top } else { 1.0 };
        avg.iter().map(|w| (w * scale).round() as i16).collect()
    }
}

/// A small deterministic generator for the order of sentences each pass.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Train a model on `examples`: each pass in a fixed shuffled order, each
/// sentence decoded as in use (on the labels the model gave so far), the
/// weights moved where the label was wrong.
pub fn train(examples: &[Example], epochs: usize, bits: u32) -> Vec<i16> {
    let mut t = Trainer::new(bits);
    let mut buf = FeatureBuf::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut labels: Vec<Label> = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = &examples[e];
            labels.clear();
            for i in 0..ex.words.len() {
                if ex.words[i].outside() {
                    labels.push(Label::O);
                    continue;
                }
                let prev = labels.last().copied().unwrap_or(Label::O);
                let prev2 = if i >= 2 { labels[i - 2] } else { Label::O };
                buf.fill(&ex.words, i, prev, prev2);
                let guess = best(&t.scores(buf.features()), prev);
                // After a wrong outside label, the right move is to begin the name.
                let truth = match ex.gold[i] {
                    g if g.may_follow(prev) => g,
                    g => g.kind().map_or(Label::O, |k| Label::of(k, true)),
                };
                t.step += 1;
                if guess != truth {
                    t.update(buf.features(), truth, guess);
                }
                labels.push(guess);
            }
        }
    }
    t.finish()
}

/// Names as (kind, word range) in a sentence's labels.
fn spans(labels: &[Label]) -> Vec<(NameKind, Range<usize>)> {
    let mut out: Vec<(NameKind, Range<usize>)> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        match (l.kind(), out.last_mut()) {
            (Some(k), Some((last, r))) if !l.begins() && *last == k && r.end == i => r.end = i + 1,
            (Some(k), _) => out.push((k, i..i + 1)),
            (None, _) => {}
        }
    }
    out
}

/// Precision, recall and F1 of names of one kind, counted exactly and by overlap.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub exact: usize,
    /// Gold names overlapped by a prediction, and predictions overlapping a gold name.
    pub found: usize,
    pub right: usize,
}

fn prf(hit_p: usize, predicted: usize, hit_r: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted > 0 {
        hit_p as f64 / predicted as f64
    } else {
        0.0
    };
    let r = if gold > 0 { hit_r as f64 / gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

impl Counts {
    /// Count the names `pred` found of `gold` (any ranges, in one unit).
    fn add(&mut self, gold: &[Range<usize>], pred: &[Range<usize>]) {
        let meets = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        self.gold += gold.len();
        self.predicted += pred.len();
        self.exact += pred.iter().filter(|r| gold.contains(r)).count();
        self.found += gold.iter().filter(|a| pred.iter().any(|b| meets(a, b))).count();
        self.right += pred.iter().filter(|a| gold.iter().any(|b| meets(a, b))).count();
    }

    pub fn exact(&self) -> (f64, f64, f64) {
        prf(self.exact, self.predicted, self.exact, self.gold)
    }

    pub fn overlap(&self) -> (f64, f64, f64) {
        prf(self.right, self.predicted, self.found, self.gold)
    }
}

/// How the model labels the held-out examples: counts for people and places.
pub fn evaluate(model: &Model, examples: &[Example]) -> [Counts; 2] {
    let mut counts = [Counts::default(); 2];
    let mut buf = FeatureBuf::default();
    let mut labels = Vec::new();
    for ex in examples {
        model.tag(&ex.words, &mut buf, &mut labels);
        let gold = spans(&ex.gold);
        let pred = spans(&labels);
        for (c, kind) in counts.iter_mut().zip([NameKind::Person, NameKind::Place]) {
            let of_kind = |names: &[(NameKind, Range<usize>)]| -> Vec<Range<usize>> {
                names
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, r)| r.clone())
                    .collect()
            };
            c.add(&of_kind(&gold), &of_kind(&pred));
        }
    }
    counts
}

/// One language's data: the sentences it trains on and those held out, the
/// script, the model's file name.
struct Corpus {
    name: &'static str,
    script: Script,
    train: Vec<Vec<Token>>,
    held_out: Vec<Vec<Token>>,
}

fn corpora(data: &Path) -> anyhow::Result<Vec<Corpus>> {
    let bn = read_sentences(&data.join("bn-rifat1493-train.txt"))?;
    let (mut bn_train, mut bn_held) = (Vec::new(), Vec::new());
    for (i, s) in bn.into_iter().enumerate() {
        if i % BN_HELD_OUT_EVERY == 0 {
            bn_held.push(s);
        } else {
            bn_train.push(s);
        }
    }
    Ok(vec![
        Corpus {
            name: "bn",
            script: Script::Bengali,
            train: bn_train,
            held_out: bn_held,
        },
        Corpus {
            name: "hi",
            script: Script::Devanagari,
            train: read_sentences(&data.join("hi-ilner-train.txt"))?,
            held_out: read_sentences(&data.join("hi-ilner-dev.txt"))?,
        },
    ])
}

/// The quantised model trained on `docs`, with least margins `margins`.
fn model_of(docs: &[Labelled], index: &NameIndex, opts: &TrainOptions, script: Script, margins: [i32; 2]) -> Vec<u8> {
    let weights = train(&examples(docs, index), opts.epochs, opts.bits);
    file::write(script, opts.bits, margins, &weights)
}

fn read_model(bytes: &[u8]) -> anyhow::Result<Model> {
    Ok(file::read(bytes).map_err(anyhow::Error::msg)?.1)
}

/// Figures of the tagger alone and of the whole analysis, as lines.
fn figures(report: &mut String, alone: [Counts; 2], whole: [Counts; 2]) -> std::fmt::Result {
    for (what, counts) in [("tagger alone", alone), ("rules + tagger", whole)] {
        for (kind, k) in ["people", "places"].iter().zip(counts) {
            let (ep, er, ef) = k.exact();
            let (op, or, of) = k.overlap();
            writeln!(
                report,
                "  {what:14} {kind:6} exact P {ep:.3} R {er:.3} F1 {ef:.3} | overlap P {op:.3} R {or:.3} F1 {of:.3} \
                 (gold {}, found {})",
                k.gold, k.predicted
            )?;
        }
    }
    Ok(())
}

/// Train every language's model on its training sentences and write it to
/// `opts.out`; report to `log` how it does on the held-out sentences, alone
/// and in the whole analysis. With `opts.tune`, train on nine tenths of the
/// training sentences, report on the tenth left, and write nothing.
pub fn train_all(opts: &TrainOptions, log: &mut impl Write) -> anyhow::Result<()> {
    anyhow::ensure!((8..=24).contains(&opts.bits), "--bits must be 8 to 24");
    let index = NameIndex::builtin();
    if !opts.tune {
        fs::create_dir_all(&opts.out).with_context(|| format!("cannot create {}", opts.out.display()))?;
    }
    for c in corpora(&opts.data)? {
        let started = std::time::Instant::now();
        let (mut fit, mut tenth) = (Vec::new(), Vec::new());
        for (i, s) in c.train.iter().enumerate() {
            if i % 10 == 9 {
                tenth.push(s.clone());
            } else {
                fit.push(s.clone());
            }
        }
        let margins = [MIN_MARGIN; 2];
        let mut report = String::new();
        if opts.tune {
            let tenth = documents(&tenth);
            let first = read_model(&model_of(&documents(&fit), &index, opts, c.script, margins))?;
            writeln!(
                report,
                "{}: trained on {} sentences, measured on {} (a tenth of the training data); \
                 nothing written ({:.1} s)",
                c.name,
                fit.len(),
                c.train.len() - fit.len(),
                started.elapsed().as_secs_f64()
            )?;
            let alone = evaluate(&first, &examples(&tenth, &index));
            figures(&mut report, alone, analysis_counts(&first, c.script, &tenth, &index))?;
        } else {
            let bytes = model_of(&documents(&c.train), &index, opts, c.script, margins);
            let path = opts.out.join(format!("{}.tagger", c.name));
            fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            let model = read_model(&bytes)?;
            let held = documents(&c.held_out);
            writeln!(
                report,
                "{}: trained on {} sentences, measured on {} held out; {} written ({:.1} s)",
                c.name,
                c.train.len(),
                c.held_out.len(),
                path.display(),
                started.elapsed().as_secs_f64()
            )?;
            let alone = evaluate(&model, &examples(&held, &index));
            figures(&mut report, alone, analysis_counts(&model, c.script, &held, &index))?;
        }
        log.write_all(report.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_both_datasets() {
        assert_eq!(label_of("B-PER"), Some((NameKind::Person, true)));
        assert_eq!(label_of("I-NEL"), Some((NameKind::Place, false)));
        assert_eq!(label_of("-NEO"), Some((NameKind::Organisation, true)));
        assert_eq!(label_of("B-NETI"), None);
        assert_eq!(label_of("TIM"), None);
        assert_eq!(label_of("O"), None);
    }

    #[test]
    fn gold_names_from_token_labels() {
        let per = |b| Some((NameKind::Person, b));
        let loc = Some((NameKind::Place, true));
        let tokens = vec![
            (0..3, per(true)),
            (4..7, per(false)),
            (8..9, None),
            (10..12, per(false)),
            (13..15, loc),
        ];
        assert_eq!(gold_names(&tokens, NameKind::Person), vec![0..7, 10..12]);
        assert_eq!(gold_names(&tokens, NameKind::Place), vec![13..15]);
    }

    #[test]
    fn names_from_labels() {
        use Label::*;
        let s = spans(&[BPer, IPer, O, BLoc, BLoc, ILoc, IPer]);
        assert_eq!(
            s,
            vec![
                (NameKind::Person, 0..2),
                (NameKind::Place, 3..4),
                (NameKind::Place, 4..6),
                (NameKind::Person, 6..7)
            ]
        );
    }

    #[test]
    fn words_take_their_tokens_labels() {
        // A token our words split in two (`আল-আমিন`) stays one name.
        let parts = [
            ("আল-আমিন", Some((NameKind::Person, true))),
            ("ঢাকায়", Some((NameKind::Place, true))),
            ("যান", None),
        ];
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (t, l) in parts {
            tokens.push((text.len()..text.len() + t.len(), l));
            text.push_str(t);
            text.push(' ');
        }
        let doc = Document::new(text);
        let labels = word_labels(&doc, &tokens);
        assert_eq!(labels, vec![Label::BPer, Label::IPer, Label::BLoc, Label::O]);
    }

    #[test]
    fn training_learns_and_is_deterministic() {
        let index = NameIndex::builtin();
        let tok = |t: &str, l: Option<(NameKind, bool)>| Token {
            text: t.into(),
            label: l,
        };
        let per = Some((NameKind::Person, true));
        let per_in = Some((NameKind::Person, false));
        let loc = Some((NameKind::Place, true));
        let mut sentences = Vec::new();
        for (first, last, town) in [
            ("রহিম", "উদ্দিন", "কালিগঞ্জ"),
            ("করিম", "মিয়া", "শিবপুর"),
            ("সালমা", "খাতুন", "রামপুর"),
        ] {
            sentences.push(vec![
                tok(first, per),
                tok(last, per_in),
                tok(town, loc),
                tok("গ্রামে", None),
                tok("থাকেন", None),
                tok("।", None),
            ]);
        }
        let ex = examples(&documents(&sentences), &index);
        let a = train(&ex, 5, 12);
        assert_eq!(a, train(&ex, 5, 12), "the same data trains the same weights");
        let (_, model) = file::read(file::write(Script::Bengali, 12, [0; 2], &a)).unwrap();
        let [people, places] = evaluate(&model, &ex);
        assert_eq!((people.gold, people.exact), (3, 3));
        assert_eq!((places.gold, places.exact), (3, 3));
    }
}
