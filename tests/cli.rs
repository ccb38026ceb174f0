//! The `corpus` command as a user runs it.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn corpus() -> Command {
    let mut c = Command::cargo_bin("corpus").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = corpus().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn records(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The text a record's path points at, as read (BOM dropped), as code points.
fn article_chars(path: &str) -> Vec<char> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (file, line) = match path.rsplit_once('#') {
        Some((f, l)) => (f, Some(l.parse::<usize>().unwrap())),
        None => (path, None),
    };
    let raw = std::fs::read_to_string(root.join(file)).unwrap();
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw).to_string();
    let text = match line {
        Some(n) => {
            let v: Value = serde_json::from_str(raw.lines().nth(n - 1).unwrap()).unwrap();
            v["text"].as_str().unwrap().to_string()
        }
        None => raw,
    };
    text.chars().collect()
}

/// Every span of a record satisfies text == article[start..end].
fn check_spans(record: &Value) -> usize {
    let chars = article_chars(record["path"].as_str().unwrap());
    let mut spans: Vec<&Value> = Vec::new();
    if !record["published"].is_null() {
        spans.push(&record["published"]);
    }
    spans.extend(record["dates"].as_array().unwrap());
    for k in ["people", "places"] {
        for e in record[k].as_array().unwrap() {
            spans.extend(e["mentions"].as_array().unwrap());
        }
    }
    for e in record["events"].as_array().unwrap() {
        spans.push(&e["trigger"]);
    }
    for s in &spans {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= chars.len(), "{s}");
        let got: String = chars[start..end].iter().collect();
        assert_eq!(got, s["text"].as_str().unwrap(), "span offsets in {}", record["path"]);
    }
    spans.len()
}

fn schema_validator() -> jsonschema::Validator {
    let (code, out, _) = run(&["schema"]);
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&out).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn seeds_give_five_valid_records_in_order() {
    let (code, out, err) = run(&["scan", "--format", "jsonl", "fixtures/seeds"]);
    assert_eq!(code, 0, "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    let paths: Vec<&str> = recs.iter().map(|r| r["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths[0], "fixtures/seeds/000_0fda999c2ed10a3a.txt");
    let langs: Vec<&str> = recs.iter().map(|r| r["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, vec!["bn", "bn", "hi", "bn", "bn"]);
    assert_eq!(recs[4]["title"], "ট্রাম্পের সঙ্গে বৈঠকের আগে পুতিন ও কিমের ফোনালাপ");
    let validator = schema_validator();
    for r in &recs {
        assert_eq!(r["schema"], "corpus.article/1");
        let errors: Vec<String> = validator.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", r["path"]);
        check_spans(r);
    }
}

#[test]
fn whole_fixture_set_validates_against_the_schema() {
    let (code, out, err) = run(&[
        "scan",
        "--format",
        "jsonl",
        "--reference-date",
        "2025-06-01",
        "fixtures",
    ]);
    assert_eq!(code, 0, "{err}");
    let validator = schema_validator();
    let recs = records(&out);
    assert!(recs.len() >= 20, "{}", recs.len());
    for r in &recs {
        let errors: Vec<String> = validator.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", r["path"]);
        check_spans(r);
        assert!(r["reference_date"].is_string(), "{}", r["path"]);
    }
    // JSONL records carry their id and url; a record date is the reference date.
    let wire: Vec<&Value> = recs
        .iter()
        .filter(|r| r["path"].as_str().unwrap().contains("wire.jsonl#"))
        .collect();
    assert_eq!(wire.len(), 4);
    assert_eq!(wire[0]["path"], "fixtures/articles/wire.jsonl#1");
    assert!(wire[0]["id"].is_string());
    assert!(wire[0]["url"].as_str().unwrap().starts_with("https://"));
}

#[test]
fn json_csv_and_table_formats() {
    let (code, out, _) = run(&["scan", "--format", "json", "fixtures/seeds"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 5);
    assert_eq!(doc["summary"]["articles"], 5);
    assert_eq!(doc["summary"]["languages"]["bn"], 4);
    assert_eq!(doc["summary"]["languages"]["hi"], 1);
    assert!(doc["summary"]["bytes"].as_u64().unwrap() > 10_000);

    let (code, out, _) = run(&["scan", "--format", "csv", "fixtures/seeds"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().next().unwrap(), "path,kind,text,start,end,value,id,extra");

    let (code, out, _) = run(&["scan", "fixtures/seeds/004_a949ec4f9545b5b4.txt", "--color", "never"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("━━ fixtures/seeds/004_a949ec4f9545b5b4.txt · bn"),
        "{out}"
    );
    assert!(out.contains("ট্রাম্পের সঙ্গে বৈঠকের আগে পুতিন ও কিমের ফোনালাপ"));
    assert!(out.contains("━━ 1 article, "));
    assert!(!out.contains('\x1b'), "no colour when asked for none");
    // Where each person and place comes from.
    let people = out.lines().find(|l| l.contains("Vladimir Putin")).unwrap();
    assert!(people.contains("gazetteer"), "{people}");
    assert!(out.contains("name") && out.contains("from"), "{out}");
    let (_, out, _) = run(&["scan", "fixtures/seeds/004_a949ec4f9545b5b4.txt", "--color", "always"]);
    assert!(out.contains("\x1b[1m"));
}

#[test]
fn a_missing_path_among_good_ones_gives_status_1_and_the_good_records() {
    let (code, out, err) = run(&[
        "scan",
        "--format",
        "jsonl",
        "fixtures/seeds/000_0fda999c2ed10a3a.txt",
        "no/such/file.txt",
        "fixtures/seeds/002_6644685f17639fc0.txt",
    ]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "corpus: no/such/file.txt: no such file or directory");
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["path"], "fixtures/seeds/002_6644685f17639fc0.txt");
}

#[test]
fn usage_errors_and_no_input_give_status_2() {
    let (code, _, err) = run(&["scan", "--format", "xml", "fixtures"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'xml'"), "{err}");
    let (code, _, err) = run(&["scan", "--reference-date", "2025-13-40", "fixtures"]);
    assert_eq!(code, 2);
    assert!(err.contains("'2025-13-40' is not a date"), "{err}");
    let (code, _, err) = run(&["scan", "--only", "names", "fixtures"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown kind 'names'"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["scan", empty.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no articles found"), "{err}");
}

#[test]
fn standard_input_as_text_and_as_jsonl() {
    let mut child = corpus()
        .args(["scan", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("{\"id\": \"r1\", \"published\": \"2025-09-03T08:00:00Z\", \"text\": \"আজ ঢাকায় বৈঠক।\"}\n{\"text\": \"मियामी में बैठक\"}\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["path"], "-#1");
    assert_eq!(recs[0]["id"], "r1");
    assert_eq!(recs[0]["reference_date"], "2025-09-03");
    assert_eq!(recs[0]["reference_source"], "record");
    assert_eq!(recs[1]["lang"], "hi");

    let mut child = corpus()
        .args(["scan", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Putin and Trump met in Alaska.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["path"], "-");
    assert_eq!(recs[0]["lang"], "en");
}

/// Scan `text` from standard input with `flags`; its one record.
fn scan_stdin(text: &str, flags: &[&str]) -> Value {
    let mut child = corpus()
        .args(["scan", "--format", "jsonl", "--stdin-format", "text"])
        .args(flags)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    records(&String::from_utf8(out.stdout).unwrap()).remove(0)
}

#[test]
fn the_tagger_adds_a_name_the_rules_miss_and_no_model_takes_it_away() {
    // A river no gazetteer lists, with no place word after it: only the
    // tagger reads a name here; its second mention joins it.
    let text = "चीन ब्रह्मपुत्र नदी पर बांध बना रहा है। ब्रह्मपुत्र के पानी पर भारत की नजर है।";
    let rec = scan_stdin(text, &[]);
    let places = rec["places"].as_array().unwrap();
    let names: Vec<(&str, &str)> = places
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("China", "gazetteer"), ("Brahmaputr", "model"), ("India", "gazetteer")]
    );
    assert_eq!(places[1]["native"], "ब्रह्मपुत्र");
    assert_eq!(places[1]["kind"], "locality");
    let mentions: Vec<(&str, u64, u64)> = places[1]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap(),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(mentions, [("ब्रह्मपुत्र", 4, 15), ("ब्रह्मपुत्र", 40, 51)]);
    let chars: Vec<char> = text.chars().collect();
    for (t, start, end) in mentions {
        assert_eq!(chars[start as usize..end as usize].iter().collect::<String>(), t);
    }
    let rec = scan_stdin(text, &["--no-model"]);
    let names: Vec<&str> = rec["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["China", "India"]);
}

#[test]
fn output_is_in_input_order_whatever_the_thread_count() {
    let (_, one, _) = run(&[
        "scan",
        "--format",
        "jsonl",
        "-j",
        "1",
        "--reference-date",
        "2025-01-01",
        "fixtures",
    ]);
    let (_, two, _) = run(&[
        "scan",
        "--format",
        "jsonl",
        "-j",
        "2",
        "--reference-date",
        "2025-01-01",
        "fixtures",
    ]);
    assert_eq!(one, two);
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..600 {
        std::fs::write(
            dir.path().join(format!("{i:04}.txt")),
            "মস্কোতে যুক্তরাষ্ট্র ও রাশিয়ার মধ্যে আলোচনা হবে। ".repeat(20),
        )
        .unwrap();
    }
    let mut child = corpus()
        .args(["scan", "--format", "jsonl", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe is closed after one line.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("{\"schema\":\"corpus.article/1\""));
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    let (code, out, _) = run(&[
        "scan",
        "--format",
        "jsonl",
        "-o",
        target.to_str().unwrap(),
        "fixtures/seeds",
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written.lines().count(), 5);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn an_interrupted_run_leaves_the_old_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let mut child = corpus()
        .args([
            "scan",
            "--format",
            "jsonl",
            "--stdin-format",
            "jsonl",
            "-o",
            target.to_str().unwrap(),
            "-",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..300 {
        writeln!(
            stdin,
            "{{\"id\": \"{i}\", \"text\": \"Putin met Trump in Alaska on 15 August 2025.\"}}"
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    // Stop the run once records are being written (to a temporary file).
    let written = || {
        std::fs::read_dir(dir.path()).unwrap().any(|e| {
            let e = e.unwrap();
            e.file_name().to_string_lossy().ends_with(".tmp") && e.metadata().unwrap().len() > 0
        })
    };
    let start = std::time::Instant::now();
    while !written() {
        assert!(start.elapsed().as_secs() < 60, "no record was written");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
}

#[test]
fn only_switches_kinds_off() {
    let (code, out, _) = run(&[
        "scan",
        "--format",
        "jsonl",
        "--only",
        "dates",
        "fixtures/seeds/004_a949ec4f9545b5b4.txt",
    ]);
    assert_eq!(code, 0);
    let r = &records(&out)[0];
    assert!(r["people"].as_array().unwrap().is_empty());
    assert!(r["places"].as_array().unwrap().is_empty());
    assert!(r["events"].as_array().unwrap().is_empty());
}

#[test]
fn invalid_utf8_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    let mut bytes = "মস্কো ".as_bytes().to_vec();
    bytes.push(0xFF);
    bytes.extend(" বৈঠক".as_bytes());
    std::fs::write(&p, bytes).unwrap();
    let (code, out, err) = run(&["scan", "--format", "jsonl", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("bad.txt: invalid UTF-8 at byte"), "{err}");
    let r = &records(&out)[0];
    assert_eq!(
        r["warnings"][0].as_str().unwrap(),
        "invalid UTF-8 at byte 16: 1 replacement character (U+FFFD) inserted"
    );
}

#[test]
fn people_and_places_of_a_seed_link_every_spelling() {
    let (code, out, err) = run(&["scan", "--format", "jsonl", "fixtures/seeds/004_a949ec4f9545b5b4.txt"]);
    assert_eq!(code, 0, "{err}");
    let r = &records(&out)[0];
    check_spans(r);
    let person = |name: &str| {
        r["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {}", r["people"]))
            .clone()
    };
    let putin = person("Vladimir Putin");
    assert_eq!(putin["id"], "Q7747");
    assert_eq!(putin["source"], "gazetteer");
    let texts: Vec<&str> = putin["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"পুতিন"), "{texts:?}");
    // The short form কিম joins the full name printed elsewhere.
    let kim = person("Kim Jong Un");
    let texts: Vec<&str> = kim["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"কিম জং উন") && texts.contains(&"কিমকে"), "{texts:?}");
    let places = r["places"].as_array().unwrap();
    let alaska = places.iter().find(|p| p["name"] == "Alaska").unwrap();
    assert_eq!(alaska["country"], "US");
    assert_eq!(alaska["kind"], "region");
    assert!(alaska["mentions"][0]["text"].as_str().unwrap().starts_with("আলাস্কা"));
    let russia = places.iter().find(|p| p["name"] == "Russia").unwrap();
    let texts: Vec<&str> = russia["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"রুশ"), "nationality adjective as a mention: {texts:?}");
}

#[test]
fn a_user_gazetteer_adds_names_and_a_bad_line_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = dir.path().join("mine.tsv");
    std::fs::write(
        &gaz,
        "# my people\nperson\t\tAsha Rani\tMayor of Noapara\tBD\tআশা রানী\t\nplace\t\tNoapara\tcity\tBD\t23.0\t89.3\tনোয়াপাড়া\t\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "নোয়াপাড়ায় আশা রানীর সভা হয়।").unwrap();
    let (code, out, err) = run(&[
        "scan",
        "--format",
        "jsonl",
        "--gazetteer",
        gaz.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let r = &records(&out)[0];
    assert_eq!(r["people"][0]["name"], "Asha Rani");
    assert_eq!(r["people"][0]["id"], "local:asha-rani");
    assert_eq!(r["people"][0]["mentions"][0]["text"], "আশা রানীর");
    assert_eq!(r["places"][0]["name"], "Noapara");
    assert_eq!(r["places"][0]["mentions"][0]["text"], "নোয়াপাড়ায়");

    // A malformed line: status 2, the file and line named, nothing scanned.
    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        "person\t\tAsha Rani\tMayor\tBD\tআশা রানী\t\nplace\t\tNoapara\tcity\tBD\t999\t89.3\tনোয়াপাড়া\t\nplace\tonly three\n",
    )
    .unwrap();
    let (code, out, err) = run(&["scan", "--gazetteer", bad.to_str().unwrap(), article.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad.tsv:2") && err.contains("lat '999'"), "{err}");
    assert!(err.contains("bad.tsv:3") && err.contains("expected 8 columns"), "{err}");
    assert!(out.is_empty(), "{out}");

    let (code, _, err) = run(&["scan", "--gazetteer", "no/such/file.tsv", article.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.tsv"), "{err}");
}

#[test]
fn events_of_a_seed_carry_who_where_when_and_status() {
    let (code, out, err) = run(&["scan", "--format", "jsonl", "fixtures/seeds/004_a949ec4f9545b5b4.txt"]);
    assert_eq!(code, 0, "{err}");
    let r = &records(&out)[0];
    check_spans(r);
    let events = r["events"].as_array().unwrap();
    // `শুক্রবার আলাস্কায় ওই বৈঠকে ট্রাম্প ... চেষ্টা করবেন`: the planned summit.
    let summit = events
        .iter()
        .find(|e| e["trigger"]["text"] == "বৈঠকে" && e["place"] == "Alaska")
        .unwrap_or_else(|| panic!("no Alaska meeting in {events:?}"));
    assert_eq!(summit["type"], "meeting");
    assert_eq!(summit["cameo"], "044");
    assert_eq!(summit["date"], "2025-08-15");
    assert_eq!(summit["status"], "planned");
    let people: Vec<&str> = summit["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        people.contains(&"Donald Trump") && people.contains(&"Vladimir Putin"),
        "{people:?}"
    );
    // Last year's visit to Pyongyang happened.
    let visit = events.iter().find(|e| e["type"] == "visit").unwrap();
    assert_eq!(visit["place"], "Pyongyang");
    assert_eq!(visit["status"], "occurred");
}

#[test]
fn check_reports_what_changed_and_bless_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "শনিবার মস্কোতে পুতিনের সঙ্গে বৈঠক হয়।").unwrap();
    let path = article.to_str().unwrap();
    let args = |extra: &[&'static str]| -> Vec<String> {
        let mut v: Vec<String> = ["check", "--reference-date", "2025-12-21"].map(String::from).to_vec();
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(path.to_string());
        v
    };
    let run = |v: Vec<String>| run(&v.iter().map(String::as_str).collect::<Vec<_>>());
    let (code, out, _) = run(args(&[]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("without an expected file"), "{out}");
    let (code, out, _) = run(args(&["--bless"]));
    assert_eq!(code, 0, "{out}");
    let expected = dir.path().join("a.expected.json");
    let blessed: Value = serde_json::from_str(&std::fs::read_to_string(&expected).unwrap()).unwrap();
    assert_eq!(blessed["dates"][0]["value"], "2025-12-20");
    // Where the article was read from is not part of what is checked.
    assert!(blessed.get("path").is_none(), "{blessed}");
    let (code, out, _) = run(args(&[]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 match, 0 differ"), "{out}");
    let moved = tempfile::tempdir().unwrap();
    for f in ["a.txt", "a.expected.json"] {
        std::fs::copy(dir.path().join(f), moved.path().join(f)).unwrap();
    }
    let (code, out, _) = run([
        "check",
        "--reference-date",
        "2025-12-21",
        moved.path().to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 match, 0 differ"), "{out}");

    // A changed text: the date moves, Moscow becomes Kyiv.
    std::fs::write(&article, "রবিবার কিয়েভে পুতিনের সঙ্গে বৈঠক হয়।").unwrap();
    let (code, out, _) = run(args(&[]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("missing date \"শনিবার\" at 0..6"), "{out}");
    assert!(out.contains("unexpected date \"রবিবার\""), "{out}");
    assert!(out.contains("missing place \"Moscow\""), "{out}");
    assert!(out.contains("unexpected place \"Kyiv\""), "{out}");
    assert!(out.contains("0 match, 1 differ"), "{out}");
    let (code, _, _) = run(args(&["--bless"]));
    assert_eq!(code, 0);
    let (code, out, _) = run(args(&[]));
    assert_eq!(code, 0, "{out}");

    // Only what the expected file holds is compared.
    std::fs::write(&expected, r#"{"lang": "bn", "places": [{"name": "Kyiv"}]}"#).unwrap();
    let (code, out, _) = run(args(&[]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn geojson_holds_every_place_with_coordinates() {
    let (code, out, err) = run(&["scan", "--format", "geojson", "fixtures/seeds"]);
    assert_eq!(code, 0, "{err}");
    let fc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    let (_, jsonl, _) = run(&["scan", "--format", "jsonl", "fixtures/seeds"]);
    let mut ids: Vec<String> = records(&jsonl)
        .iter()
        .flat_map(|r| r["places"].as_array().unwrap().clone())
        .filter(|p| p["lat"].is_number())
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(features.len(), ids.len());
    let alaska = features.iter().find(|f| f["properties"]["name"] == "Alaska").unwrap();
    assert_eq!(alaska["geometry"]["type"], "Point");
    // Longitude first.
    assert!(alaska["geometry"]["coordinates"][0].as_f64().unwrap() < -100.0);
    assert_eq!(alaska["properties"]["articles"], 1);
}

#[test]
fn summary_ranks_people_and_dates_events() {
    let (code, out, err) = run(&["scan", "--summary", "--format", "json", "fixtures/seeds"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["articles"].as_array().unwrap().is_empty());
    let s = &v["summary"];
    let top: Vec<&str> = s["top_people"].as_array().unwrap()[..2]
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        top.contains(&"Vladimir Putin") && top.contains(&"Donald Trump"),
        "{top:?}"
    );
    let timeline = s["timeline"].as_array().unwrap();
    let has = |date: &str, kind: &str, who: &str| {
        timeline.iter().any(|d| {
            d["date"] == date && d["type"] == kind && d["participants"].as_array().unwrap().iter().any(|p| p == who)
        })
    };
    assert!(has("2025-08-15", "meeting", "Donald Trump"), "{timeline:?}");
    assert!(has("2025-08-12", "phone_call", "Kim Jong Un"), "{timeline:?}");
    assert!(s["events_by_type"]["meeting"]["planned"].as_u64().unwrap() >= 1);
    assert!(!s["people_pairs"].as_array().unwrap().is_empty());
    let (code, table, _) = run(&["scan", "--summary", "fixtures/seeds"]);
    assert_eq!(code, 0);
    assert!(table.contains("timeline") && table.contains("top people"), "{table}");
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            out.contains("corpus") && out.contains("scan") && out.contains("reference-date"),
            "{shell}"
        );
    }
    let (code, out, _) = run(&["manpage"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH corpus 1"), "{out}");
}

/// A labelled file in the format of `../shared/train`: `token TAB tag`, a
/// blank line between sentences.
fn labelled(sentences: &[&[(&str, &str)]]) -> String {
    let mut out = String::new();
    for s in sentences {
        for (token, tag) in *s {
            out.push_str(&format!("{token}\t{tag}\n"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn train_writes_the_same_models_twice_and_names_missing_data() {
    let data = tempfile::tempdir().unwrap();
    let bn: Vec<&[(&str, &str)]> = vec![
        &[
            ("রহিম", "B-PER"),
            ("উদ্দিন", "I-PER"),
            ("কালিগঞ্জে", "B-LOC"),
            ("থাকেন", "O"),
            ("।", "O"),
        ],
        &[
            ("করিম", "B-PER"),
            ("মিয়া", "I-PER"),
            ("শিবপুরে", "B-LOC"),
            ("যান", "O"),
            ("।", "O"),
        ],
    ];
    let hi: Vec<&[(&str, &str)]> = vec![
        &[
            ("रमेश", "B-NEP"),
            ("यादव", "I-NEP"),
            ("रामपुर", "B-NEL"),
            ("गए", "O"),
            ("।", "O"),
        ],
        &[
            ("सुनीता", "B-NEP"),
            ("देवी", "I-NEP"),
            ("बस्ती", "B-NEL"),
            ("में", "O"),
            ("हैं", "O"),
        ],
    ];
    // Ten copies: every fifth Bengali sentence is held out.
    let bn: Vec<&[(&str, &str)]> = bn.iter().cycle().take(10).copied().collect();
    std::fs::write(data.path().join("bn-rifat1493-train.txt"), labelled(&bn)).unwrap();
    std::fs::write(data.path().join("hi-ilner-train.txt"), labelled(&hi)).unwrap();
    std::fs::write(data.path().join("hi-ilner-dev.txt"), labelled(&hi)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut models = Vec::new();
    for run_dir in ["a", "b"] {
        let dir = out.path().join(run_dir);
        let (code, _, err) = run(&[
            "train",
            "--data",
            data.path().to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
            "--bits",
            "10",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("bn: trained on 8 sentences, measured on 2 held out"),
            "{err}"
        );
        assert!(err.contains("rules + tagger people"), "{err}");
        let files: Vec<Vec<u8>> = ["bn.tagger", "hi.tagger"]
            .iter()
            .map(|f| std::fs::read(dir.join(f)).unwrap())
            .collect();
        assert!(files.iter().all(|f| f.starts_with(b"corpus-tagger\n")));
        models.push(files);
    }
    assert_eq!(models[0], models[1], "training is deterministic");

    std::fs::remove_file(data.path().join("hi-ilner-dev.txt")).unwrap();
    let (code, _, err) = run(&["train", "--data", data.path().to_str().unwrap(), "--tune"]);
    assert_eq!(code, 2);
    assert!(err.contains("hi-ilner-dev.txt"), "{err}");
}
