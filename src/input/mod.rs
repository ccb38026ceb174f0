//! From paths to articles: walking folders, reading and decoding files,
//! splitting JSONL into records. Everything arrives in input order as
//! [`Item`]s; a bad input becomes a [`Notice`] and the rest go on.

pub mod decode;
pub mod jsonl;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use jiff::civil::Date;
use walkdir::WalkDir;

pub use decode::{DecodeError, Decoded, decode};

/// How standard input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdinFormat {
    /// JSONL when the first non-blank byte is `{`, else one text article.
    #[default]
    Auto,
    Text,
    Jsonl,
}

/// What to read and how.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// File name endings (without the dot) taken from folders.
    pub extensions: Vec<String>,
    /// The JSONL field that holds the text.
    pub text_field: String,
    /// Largest article read, in bytes (a text file, or one JSONL line).
    pub max_bytes: u64,
    pub stdin_format: StdinFormat,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            extensions: ["txt", "md", "text", "jsonl"].map(String::from).to_vec(),
            text_field: "text".into(),
            max_bytes: 16 * 1024 * 1024,
            stdin_format: StdinFormat::Auto,
        }
    }
}

/// One article to process.
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The file as walked, or `FILE#LINE` for a JSONL record.
    pub path: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The JSONL record's publication date.
    pub record_date: Option<Date>,
    pub text: String,
    /// What was repaired or ignored while reading.
    pub warnings: Vec<String>,
}

/// Something to tell the user about an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The path, `FILE:LINE` for a JSONL line.
    pub path: String,
    pub message: String,
    /// The input was not read (exit status 1); otherwise it was read with a warning.
    pub unread: bool,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// An input item, in input order.
#[derive(Debug)]
pub enum Item {
    Job(Job),
    Notice(Notice),
}

/// Read every article under `paths` (`-` is standard input), calling `emit`
/// with each item in order until it says stop.
pub fn read_paths(paths: &[String], opts: &InputOptions, emit: &mut dyn FnMut(Item) -> ControlFlow<()>) {
    for arg in paths {
        let flow = if arg == "-" {
            read_stdin(opts, emit)
        } else {
            read_path(arg, opts, emit)
        };
        if flow.is_break() {
            return;
        }
    }
}

fn notice(path: impl Into<String>, message: impl Into<String>, unread: bool) -> Item {
    Item::Notice(Notice {
        path: path.into(),
        message: message.into(),
        unread,
    })
}

fn read_path(arg: &str, opts: &InputOptions, emit: &mut dyn FnMut(Item) -> ControlFlow<()>) -> ControlFlow<()> {
    let root = Path::new(arg);
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => return emit(notice(arg, io_message(&e), true)),
    };
    if !meta.is_dir() {
        // A file named on the command line is read whatever its ending.
        return read_file(root, arg.to_string(), opts, emit);
    }
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by(|a, b| file_name(a.path()).cmp(file_name(b.path())))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| arg.to_string(), |p| p.display().to_string());
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop, skipped".to_string()
                } else {
                    e.io_error().map_or_else(|| e.to_string(), io_message)
                };
                emit(notice(path, message, true))?;
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let path = entry.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !opts.extensions.iter().any(|e| e.eq_ignore_ascii_case(&ext)) {
            continue;
        }
        if !kind.is_file() {
            // A pipe, socket or device: opening it could wait for ever.
            emit(notice(path.display().to_string(), "not a regular file, skipped", true))?;
            continue;
        }
        let display = path.display().to_string();
        if path.to_str().is_none() {
            emit(notice(
                &display,
                "file name is not valid UTF-8; shown with U+FFFD",
                false,
            ))?;
        }
        read_file(path, display, opts, emit)?;
    }
    ControlFlow::Continue(())
}

/// The last part of the path of a walked entry, as its file name sorts: a
/// directory of many files is sorted by some 16 comparisons a file, and
/// `Path::file_name` parses the path's components each time.
#[cfg(unix)]
fn file_name(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    // A walked entry's path is its directory's joined with a name that
    // holds no `/` and does not end in one.
    let bytes = path.as_os_str().as_bytes();
    memchr::memrchr(b'/', bytes).map_or(bytes, |i| &bytes[i + 1..])
}

#[cfg(not(unix))]
fn file_name(path: &Path) -> &std::ffi::OsStr {
    path.file_name().unwrap_or(path.as_os_str())
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// The buffer a JSONL file or standard input is read through: large
/// pieces, as a record is some kilobytes.
const STREAM_BUFFER: usize = 1 << 16;

fn read_file(
    path: &Path,
    display: String,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return emit(notice(display, io_message(&e), true)),
    };
    if is_jsonl(path) {
        return read_jsonl(BufReader::with_capacity(STREAM_BUFFER, file), &display, opts, emit);
    }
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > opts.max_bytes {
        return emit(notice(
            display,
            format!("{size} bytes is over --max-bytes {}, skipped", opts.max_bytes),
            true,
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read one byte past the limit: a file may grow between stat and read.
    if let Err(e) = file.take(opts.max_bytes + 1).read_to_end(&mut bytes) {
        return emit(notice(display, io_message(&e), true));
    }
    if bytes.len() as u64 > opts.max_bytes {
        return emit(notice(
            display,
            format!("over --max-bytes {}, skipped", opts.max_bytes),
            true,
        ));
    }
    text_job(bytes, display, emit)
}

fn text_job(bytes: Vec<u8>, display: String, emit: &mut dyn FnMut(Item) -> ControlFlow<()>) -> ControlFlow<()> {
    match decode(&bytes) {
        Err(e) => emit(notice(display, e.to_string(), true)),
        Ok(Decoded { text, warning }) => {
            let mut warnings = Vec::new();
            if let Some(w) = warning {
                emit(notice(&display, &w, false))?;
                warnings.push(w);
            }
            if text.trim().is_empty() {
                let w = "no text (the file is empty or blank)".to_string();
                emit(notice(&display, &w, false))?;
                warnings.push(w);
            }
            emit(Item::Job(Job {
                path: display,
                text,
                warnings,
                ..Job::default()
            }))
        }
    }
}

/// Read JSONL records line by line, so a file of any size streams.
pub fn read_jsonl(
    mut reader: impl BufRead,
    display: &str,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let where_ = || format!("{display}:{number}");
        // Read at most max_bytes + 1 of a line, then skip the rest of an over-long one.
        let n = match read_line_capped(&mut reader, opts.max_bytes.saturating_add(1), &mut line) {
            Ok(0) => return ControlFlow::Continue(()),
            Ok(n) => n,
            Err(e) => return emit(notice(where_(), io_message(&e), true)),
        };
        if n as u64 > opts.max_bytes && line.last() != Some(&b'\n') {
            if let Err(e) = skip_line(&mut reader) {
                return emit(notice(where_(), io_message(&e), true));
            }
            emit(notice(
                where_(),
                format!("line is over --max-bytes {}, skipped", opts.max_bytes),
                true,
            ))?;
            continue;
        }
        // Checked with SIMD: a line is most of the reader's work.
        let (text, bad_utf8) = match simdutf8::basic::from_utf8(&line) {
            Ok(s) => (std::borrow::Cow::Borrowed(s), false),
            Err(_) => (String::from_utf8_lossy(&line), true),
        };
        let text = text.trim_start_matches('\u{FEFF}');
        if text.trim().is_empty() {
            continue;
        }
        match jsonl::parse_record(text, &opts.text_field) {
            Err(message) => emit(notice(where_(), message, true))?,
            Ok(record) => {
                let mut warnings = record.warnings;
                if bad_utf8 {
                    warnings.insert(0, "invalid UTF-8 in the line, replaced with U+FFFD".into());
                }
                if record.text.trim().is_empty() {
                    warnings.push(format!("no text (field `{}` is empty)", opts.text_field));
                }
                for w in &warnings {
                    emit(notice(where_(), w, false))?;
                }
                emit(Item::Job(Job {
                    path: format!("{display}#{number}"),
                    id: record.id,
                    url: record.url,
                    title: record.title,
                    record_date: record.date,
                    text: record.text,
                    warnings,
                }))?;
            }
        }
    }
}

/// Append one line of `reader` to `line`, newline included, but no more
/// than `limit` bytes of it; the count appended, 0 at the end of the input.
/// What `take(limit).read_until(b'\n', line)` does, with the newline looked
/// for by the `memchr` crate's vector search rather than the standard
/// library's word-at-a-time one: on JSONL input, the search was a sixth of
/// the reader's work.
fn read_line_capped(reader: &mut impl BufRead, limit: u64, line: &mut Vec<u8>) -> io::Result<usize> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut n = 0;
    while n < limit {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let window = &buf[..buf.len().min(limit - n)];
        let (used, ends) = match memchr::memchr(b'\n', window) {
            Some(i) => (i + 1, true),
            None => (window.len(), false),
        };
        line.extend_from_slice(&window[..used]);
        reader.consume(used);
        n += used;
        if ends {
            break;
        }
    }
    Ok(n)
}

fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = memchr::memchr(b'\n', buf) {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

fn read_stdin(opts: &InputOptions, emit: &mut dyn FnMut(Item) -> ControlFlow<()>) -> ControlFlow<()> {
    let stdin = io::stdin();
    let mut reader = BufReader::with_capacity(STREAM_BUFFER, stdin.lock());
    let jsonl = match opts.stdin_format {
        StdinFormat::Jsonl => true,
        StdinFormat::Text => false,
        StdinFormat::Auto => match first_non_blank(&mut reader) {
            Ok(b) => b == Some(b'{'),
            Err(e) => return emit(notice("-", io_message(&e), true)),
        },
    };
    if jsonl {
        return read_jsonl(reader, "-", opts, emit);
    }
    let mut bytes = Vec::new();
    if let Err(e) = (&mut reader).take(opts.max_bytes + 1).read_to_end(&mut bytes) {
        return emit(notice("-", io_message(&e), true));
    }
    if bytes.len() as u64 > opts.max_bytes {
        return emit(notice(
            "-",
            format!("over --max-bytes {}, skipped", opts.max_bytes),
            true,
        ));
    }
    text_job(bytes, "-".into(), emit)
}

/// The first byte that is not white space (or a BOM), without consuming it.
fn first_non_blank(reader: &mut impl BufRead) -> io::Result<Option<u8>> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if skip < buf.len() {
            let rest = &buf[skip..];
            if rest.starts_with(&[0xEF, 0xBB, 0xBF]) {
                reader.consume(skip + 3);
                continue;
            }
            return Ok(Some(rest[0]));
        }
        reader.consume(skip);
    }
}

/// An I/O error as a short lower-case message, without the OS error number.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(paths: &[String], opts: &InputOptions) -> Vec<Item> {
        let mut items = Vec::new();
        read_paths(paths, opts, &mut |i| {
            items.push(i);
            ControlFlow::Continue(())
        });
        items
    }

    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Job(j) => format!("job {} {}", j.path, j.text.len()),
                Item::Notice(n) => format!("{} {}", if n.unread { "error" } else { "warning" }, n),
            })
            .collect()
    }

    #[test]
    fn folders_walk_sorted_skipping_hidden_and_other_endings() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("b.txt"), "bb").unwrap();
        std::fs::write(d.join("a.md"), "a").unwrap();
        std::fs::write(d.join(".hidden.txt"), "h").unwrap();
        std::fs::write(d.join("c.pdf"), "pdf").unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/z.text"), "zzz").unwrap();
        std::fs::create_dir(d.join(".git")).unwrap();
        std::fs::write(d.join(".git/x.txt"), "x").unwrap();
        let root = d.display().to_string();
        let got = summary(&collect(std::slice::from_ref(&root), &InputOptions::default()));
        assert_eq!(
            got,
            vec![
                format!("job {root}/a.md 1"),
                format!("job {root}/b.txt 2"),
                format!("job {root}/sub/z.text 3")
            ]
        );
        let only_md = InputOptions {
            extensions: vec!["md".into()],
            ..Default::default()
        };
        assert_eq!(
            summary(&collect(std::slice::from_ref(&root), &only_md)),
            vec![format!("job {root}/a.md 1")]
        );
    }

    #[test]
    fn a_folder_is_read_in_the_order_of_its_file_names() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let names = [
            "b.txt",
            "B.txt",
            "a.txt",
            "a b.txt",
            "a0.txt",
            "ab.txt",
            "ঢাকা.txt",
            "z.txt",
        ];
        for name in names {
            std::fs::write(d.join(name), name).unwrap();
        }
        std::fs::create_dir(d.join("a")).unwrap();
        std::fs::write(d.join("a/m.txt"), "m").unwrap();
        // The order walkdir's own sort by file name gives.
        let expected: Vec<String> = WalkDir::new(d)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.is_file())
            .map(|p| format!("job {}", p.display()))
            .collect();
        assert_eq!(expected.len(), names.len() + 1);
        let root = d.display().to_string();
        let got: Vec<String> = summary(&collect(std::slice::from_ref(&root), &InputOptions::default()))
            .into_iter()
            .map(|line| line.rsplit_once(' ').unwrap().0.to_string())
            .collect();
        assert_eq!(got, expected);
        for p in ["a/b.txt", "/x/y/z", "name", "dir/ঢাকা.txt"] {
            let p = Path::new(p);
            assert_eq!(file_name(p), file_name_by_components(p), "{}", p.display());
        }
    }

    #[cfg(unix)]
    fn file_name_by_components(p: &Path) -> &[u8] {
        use std::os::unix::ffi::OsStrExt;
        p.file_name().unwrap().as_bytes()
    }

    #[cfg(not(unix))]
    fn file_name_by_components(p: &Path) -> &std::ffi::OsStr {
        p.file_name().unwrap()
    }

    #[test]
    fn a_file_that_vanishes_during_the_walk_is_named_and_the_rest_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(d.join(name), name).unwrap();
        }
        let root = d.display().to_string();
        let mut items = Vec::new();
        read_paths(std::slice::from_ref(&root), &InputOptions::default(), &mut |i| {
            // The folder is listed by now: take `b.txt` away before it is read.
            if matches!(&i, Item::Job(j) if j.path.ends_with("a.txt")) {
                std::fs::remove_file(d.join("b.txt")).unwrap();
            }
            items.push(i);
            ControlFlow::Continue(())
        });
        assert_eq!(
            summary(&items),
            vec![
                format!("job {root}/a.txt 5"),
                format!("error {root}/b.txt: no such file or directory"),
                format!("job {root}/c.txt 5"),
            ]
        );
    }

    #[test]
    fn jsonl_lines_become_records_and_bad_lines_notices() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.jsonl");
        std::fs::write(
            &p,
            "{\"text\": \"one\", \"id\": \"a\"}\n\nnot json\n{\"text\": 5}\n{\"text\": \"four\"}\n",
        )
        .unwrap();
        let f = p.display().to_string();
        let items = collect(std::slice::from_ref(&f), &InputOptions::default());
        let got = summary(&items);
        assert_eq!(got[0], format!("job {f}#1 3"));
        assert!(
            got[1].starts_with(&format!("error {f}:3: not a JSON object")),
            "{}",
            got[1]
        );
        assert_eq!(got[2], format!("error {f}:4: field `text` is a number, not a string"));
        assert_eq!(got[3], format!("job {f}#5 4"));
        match &items[0] {
            Item::Job(j) => assert_eq!(j.id.as_deref(), Some("a")),
            _ => unreachable!(),
        }
    }

    #[test]
    fn missing_binary_and_oversized_inputs_are_notices() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("bin.txt"), [b'a', 0, 0xFF, 3, 0x10, 0x80]).unwrap();
        std::fs::write(d.join("big.txt"), "x".repeat(100)).unwrap();
        std::fs::write(d.join("ok.txt"), "ok").unwrap();
        let missing = d.join("missing.txt").display().to_string();
        let opts = InputOptions {
            max_bytes: 50,
            ..Default::default()
        };
        let got = summary(&collect(&[missing.clone(), d.display().to_string()], &opts));
        let root = d.display();
        assert_eq!(
            got,
            vec![
                format!("error {missing}: no such file or directory"),
                format!("error {root}/big.txt: 100 bytes is over --max-bytes 50, skipped"),
                format!("error {root}/bin.txt: binary file (NUL byte at offset 1), skipped"),
                format!("job {root}/ok.txt 2"),
            ]
        );
    }

    #[test]
    fn a_capped_line_is_what_take_and_read_until_give() {
        // Lines that end at, inside and past a buffer's end, an empty one,
        // one with no newline at the end of the input; caps below, at and
        // above each line's length; buffers of 1 to 7 bytes, so that lines
        // span refills.
        let input = "ab\n\nবাংলা লেখা\nhello world, a longer line\nno newline".as_bytes();
        for capacity in 1..8 {
            for limit in [1u64, 2, 3, 5, 12, 40, u64::MAX] {
                let mut ours = BufReader::with_capacity(capacity, input);
                let mut std = BufReader::with_capacity(capacity, input);
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let got = read_line_capped(&mut ours, limit, &mut a).unwrap();
                    let want = (&mut std).take(limit).read_until(b'\n', &mut b).unwrap();
                    assert_eq!((got, &a), (want, &b), "capacity {capacity}, limit {limit}");
                    if want == 0 {
                        break;
                    }
                }
            }
        }
    }

    #[test]
    fn over_long_jsonl_line_is_skipped_and_the_next_read() {
        let opts = InputOptions {
            max_bytes: 40,
            ..Default::default()
        };
        let data = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n", "x".repeat(100));
        let mut items = Vec::new();
        let _ = read_jsonl(data.as_bytes(), "s.jsonl", &opts, &mut |i| {
            items.push(i);
            ControlFlow::Continue(())
        });
        assert_eq!(
            summary(&items),
            vec![
                "error s.jsonl:1: line is over --max-bytes 40, skipped",
                "job s.jsonl#2 5"
            ]
        );
    }
}
