//! Broken inputs: each is named on standard error with what was wrong (and
//! the line, for JSONL), the run goes on, and every good article's record is
//! exactly what a scan of that article alone gives.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

const BENGALI: &str = "ঢাকা, ১৫ আগস্ট ২০২৫। পুতিন মস্কোয় ছিলেন। ট্রাম্পের সঙ্গে বৈঠক হবে।";
const ENGLISH: &str = "Putin met Trump in Alaska on 15 August 2025, officials said.";
const HINDI: &str = "नई दिल्ली, 3 मई 2024। मोदी ढाका गए।";

struct Run {
    code: i32,
    stderr: String,
    /// Records by path, with the path left out of each.
    records: BTreeMap<String, Value>,
}

fn corpus(args: &[&str]) -> Run {
    let out = Command::cargo_bin("corpus")
        .unwrap()
        .args(["scan", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut records = BTreeMap::new();
    for line in stdout.lines() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        let path = v["path"].as_str().unwrap().to_string();
        v.as_object_mut().unwrap().remove("path");
        assert!(records.insert(path, v).is_none(), "a path twice");
    }
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8(out.stderr).unwrap(),
        records,
    }
}

/// The record of `text` scanned on its own from a file.
fn alone(text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("alone.txt");
    std::fs::write(&file, text).unwrap();
    let run = corpus(&[file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.records.into_values().next().unwrap()
}

fn p(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

/// The stderr line naming `path`.
fn line_for<'a>(stderr: &'a str, path: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.contains(path))
        .unwrap_or_else(|| panic!("nothing said of {path}:\n{stderr}"))
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[test]
fn a_folder_of_broken_files_keeps_every_good_record() {
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a_good_bn.txt"), BENGALI).unwrap();
    std::fs::write(d.join("b_good_en.txt"), ENGLISH).unwrap();
    // Invalid UTF-8 in the middle: read, with a warning, the rest intact.
    let mut bad = b"Putin met Trump \xff\xfe in Alaska on 15 August 2025.".to_vec();
    bad.extend_from_slice(b"\n");
    std::fs::write(d.join("c_bad_utf8.txt"), &bad).unwrap();
    // UTF-16 with a BOM, and little-endian without one.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ENGLISH.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("d_utf16_bom.txt"), &utf16).unwrap();
    std::fs::write(d.join("e_utf16_nobom.txt"), &utf16[2..]).unwrap();
    // Binary, empty, and too big for --max-bytes 4000.
    std::fs::write(
        d.join("f_binary.txt"),
        (0..=255u8).cycle().take(3000).collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(d.join("g_empty.txt"), "").unwrap();
    std::fs::write(d.join("h_big.txt"), "x ".repeat(2500)).unwrap();
    // A link loop, a link whose file is gone (a path that vanished), a pipe.
    std::fs::create_dir(d.join("i_loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("i_loop").join("up")).unwrap();
    std::os::unix::fs::symlink(d.join("gone.txt"), d.join("j_vanished.txt")).unwrap();
    let fifo = d.join("k_pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // A name that is not UTF-8.
    let odd = d.join(std::ffi::OsStr::from_bytes(b"l_name_\xff.txt"));
    std::fs::write(&odd, HINDI).unwrap();
    // No read permission (root reads everything, so only as another user).
    let locked = d.join("m_locked.txt");
    std::fs::write(&locked, ENGLISH).unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    std::fs::write(d.join("n_good_hi.txt"), HINDI).unwrap();

    let run = corpus(&["--max-bytes", "4000", &p(d)]);
    assert_eq!(run.code, 1, "some inputs were not read:\n{}", run.stderr);
    let err = &run.stderr;
    let rec = |name: &str| run.records.get(&p(&d.join(name))).cloned();

    // The good articles, whole.
    assert_eq!(rec("a_good_bn.txt"), Some(alone(BENGALI)));
    assert_eq!(rec("b_good_en.txt"), Some(alone(ENGLISH)));
    assert_eq!(rec("n_good_hi.txt"), Some(alone(HINDI)));

    assert!(
        line_for(err, "c_bad_utf8.txt").contains("invalid UTF-8 at byte 16"),
        "{err}"
    );
    let r = rec("c_bad_utf8.txt").unwrap();
    assert_eq!(r["dates"][0]["value"], "2025-08-15");
    assert!(r["warnings"][0].as_str().unwrap().contains("invalid UTF-8"));

    for name in ["d_utf16_bom.txt", "e_utf16_nobom.txt"] {
        let r = rec(name).unwrap_or_else(|| panic!("{name}: {err}"));
        assert_eq!(r["dates"], alone(ENGLISH)["dates"], "{name}");
        assert_eq!(r["people"], alone(ENGLISH)["people"], "{name}");
    }
    assert!(line_for(err, "f_binary.txt").contains("binary file"), "{err}");
    assert!(rec("f_binary.txt").is_none());
    assert!(line_for(err, "g_empty.txt").contains("no text"), "{err}");
    assert!(rec("g_empty.txt").unwrap()["dates"].as_array().unwrap().is_empty());
    assert!(
        line_for(err, "h_big.txt").contains("over --max-bytes 4000, skipped"),
        "{err}"
    );
    assert!(line_for(err, "i_loop").contains("symbolic link loop"), "{err}");
    assert!(line_for(err, "j_vanished.txt").contains("no such file"), "{err}");
    assert!(line_for(err, "k_pipe.txt").contains("not a regular file"), "{err}");
    let shown = p(d) + "/l_name_\u{FFFD}.txt";
    assert!(line_for(err, &shown).contains("not valid UTF-8"), "{err}");
    assert_eq!(run.records.get(&shown), Some(&alone(HINDI)));
    if is_root() {
        assert_eq!(rec("m_locked.txt"), Some(alone(ENGLISH)), "root reads it");
    } else {
        assert!(line_for(err, "m_locked.txt").contains("permission denied"), "{err}");
    }
    // Nothing else was said, and no record is there that should not be.
    let said = err.lines().count();
    assert_eq!(said, if is_root() { 8 } else { 9 }, "{err}");
    assert_eq!(
        run.records.len(),
        if is_root() { 9 } else { 8 },
        "{:?}",
        run.records.keys()
    );
}

#[test]
fn a_jsonl_file_with_broken_lines_keeps_every_good_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("records.jsonl");
    let good = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let lines = [
        good("a", ENGLISH),
        "{\"id\": \"b\", \"text\": \"unterminated".to_string(),
        "{\"id\": \"c\", \"body\": \"no text field\"}".to_string(),
        "{\"id\": \"d\", \"text\": 42}".to_string(),
        serde_json::json!({"id": "e", "text": HINDI, "published": "last Tuesday"}).to_string(),
        "[1, 2, 3]".to_string(),
        good("f", BENGALI),
    ];
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let run = corpus(&[&p(&file)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let at = |n: usize| format!("{}:{n}", p(&file));
    let err = &run.stderr;
    assert!(line_for(err, &at(2)).contains("not a JSON object"), "{err}");
    assert!(line_for(err, &at(3)).contains("no `text` field"), "{err}");
    assert!(line_for(err, &at(4)).contains("`text` is a number"), "{err}");
    assert!(
        line_for(err, &at(5)).contains("`published` \"last Tuesday\" is not a date"),
        "{err}"
    );
    assert!(line_for(err, &at(6)).contains("not a JSON object"), "{err}");
    assert_eq!(err.lines().count(), 5, "{err}");

    let rec = |n: usize| run.records.get(&format!("{}#{n}", p(&file))).cloned();
    let without_id = |mut v: Value| {
        v.as_object_mut().unwrap().remove("id");
        v
    };
    assert_eq!(rec(1).map(without_id), Some(without_id(alone(ENGLISH))));
    assert_eq!(rec(7).map(without_id), Some(without_id(alone(BENGALI))));
    // The record with a bad date is kept, its date ignored, with a warning.
    let e = rec(5).unwrap();
    assert_eq!(e["id"], "e");
    assert_eq!(e["people"], alone(HINDI)["people"]);
    assert!(e["warnings"][0].as_str().unwrap().contains("not a date"));
    assert_eq!(run.records.len(), 3);
}

#[test]
fn a_50_mb_line_is_skipped_and_the_next_record_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.jsonl");
    let huge = serde_json::json!({"id": "huge", "text": "ক".repeat(17_000_000)}).to_string();
    assert!(huge.len() > 50_000_000);
    let next = serde_json::json!({"id": "next", "text": ENGLISH}).to_string();
    std::fs::write(&file, format!("{huge}\n{next}\n")).unwrap();
    let run = corpus(&[&p(&file)]);
    assert_eq!(run.code, 1);
    assert!(
        line_for(&run.stderr, &format!("{}:1", p(&file))).contains("line is over --max-bytes 16777216, skipped"),
        "{}",
        run.stderr
    );
    let r = &run.records[&format!("{}#2", p(&file))];
    assert_eq!(r["id"], "next");
    assert_eq!(r["dates"], alone(ENGLISH)["dates"]);
    assert_eq!(run.records.len(), 1);
}

#[test]
fn bad_flags_and_gazetteers_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ENGLISH).unwrap();
    let run = corpus(&["--reference-date", "2025-13-40", &p(&article)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("'2025-13-40' is not a date"), "{}", run.stderr);
    assert!(run.records.is_empty());

    let gaz = dir.path().join("people.tsv");
    std::fs::write(
        &gaz,
        "person\t\tAsha Rani\tMayor\tBD\tআশা রানী\t\nperson\tmissing columns\n",
    )
    .unwrap();
    let run = corpus(&["--gazetteer", &p(&gaz), &p(&article)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(&format!("{}:2", p(&gaz))), "{}", run.stderr);
    assert!(run.records.is_empty());
}
