//! The real binary on every input mode and every kind of bad input (made here).

mod common;

use std::fs;
use std::path::Path;

use common::{code, jsonl, run, run_in, stderr};
use serde_json::Value;

const ARTICLE: &str = "Die Regierung will helfen. „Wir stehen bereit“, sagte die Ministerin.\n";

fn ids(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn one_file_gives_one_pretty_record() {
    let out = run(&["extract", "seeds/000_4700e5317d1ffa80.txt"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("{\n"),
        "help: one text document defaults to pretty json"
    );
    let rec: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rec["schema"], "aussage.v1");
    assert_eq!(rec["id"], "seeds/000_4700e5317d1ffa80.txt");
    assert_eq!(rec["source"]["encoding"], "utf-8");
    assert!(rec["sentences"].as_array().unwrap().len() > 20);
    for key in ["entities", "quantities", "claims", "warnings"] {
        assert!(rec[key].is_array(), "help: {key} must be present");
    }
}

#[test]
fn stdin_is_one_document_with_id_dash() {
    for args in [&["extract"][..], &["extract", "-"][..]] {
        let out = run(args, ARTICLE.as_bytes());
        assert_eq!(code(&out), 0);
        let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(rec["id"], "-");
        assert_eq!(rec["sentences"].as_array().unwrap().len(), 2);
    }
}

#[test]
fn directories_are_walked_sorted_hidden_skipped_and_globbed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("in/b")).unwrap();
    fs::create_dir_all(root.join("in/.git")).unwrap();
    for p in [
        "in/z.txt",
        "in/a.txt",
        "in/b.txt",
        "in/B.txt",
        "in/b/c.txt",
        "in/b/d.md",
        "in/.hidden.txt",
        "in/.git/x.txt",
    ] {
        fs::write(root.join(p), ARTICLE).unwrap();
    }
    let out = run_in(root, &["extract", "in"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // By name, byte-wise: capitals first, a folder `b` before the file `b.txt`.
    assert_eq!(
        ids(&jsonl(&out)),
        [
            "in/B.txt",
            "in/a.txt",
            "in/b/c.txt",
            "in/b/d.md",
            "in/b.txt",
            "in/z.txt"
        ]
    );

    let out = run_in(root, &["extract", "in", "--glob", "*.txt"], b"");
    assert_eq!(
        ids(&jsonl(&out)),
        ["in/B.txt", "in/a.txt", "in/b/c.txt", "in/b.txt", "in/z.txt"]
    );

    let out = run_in(root, &["extract", "in", "--hidden", "--glob", "*.txt"], b"");
    assert_eq!(
        ids(&jsonl(&out)),
        [
            "in/.git/x.txt",
            "in/.hidden.txt",
            "in/B.txt",
            "in/a.txt",
            "in/b/c.txt",
            "in/b.txt",
            "in/z.txt"
        ]
    );
}

#[test]
fn jsonl_lines_keep_ids_order_and_meta() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Erster Text.\", \"quelle\": \"dpa\"}\n",
        "\n",
        "{\"text\": \"Ohne Id.\"}\n",
        "{\"id\": \"c\", \"text\": \"Dritter Text.\"}\n"
    );
    let out = run(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recs = jsonl(&out);
    assert_eq!(ids(&recs), ["a", "-:3", "c"]);
    assert_eq!(recs[0]["meta"]["quelle"], "dpa");

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("docs.jsonl"), input).unwrap();
    let out = run_in(
        dir.path(),
        &["extract", "--input", "jsonl", "docs.jsonl"],
        b"",
    );
    assert_eq!(ids(&jsonl(&out)), ["a", "docs.jsonl:3", "c"]);
}

#[test]
fn bad_jsonl_lines_become_error_records_in_place() {
    let input = concat!(
        "{\"id\": \"ok1\", \"text\": \"Gut.\"}\n",
        "das ist kein json\n",
        "{\"id\": \"notext\"}\n",
        "{\"id\": 5, \"text\": \"Zahl als Id.\"}\n",
        "[1, 2]\n",
        "{\"id\": \"ok2\", \"text\": \"Auch gut.\"}\n"
    );
    let out = run(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 1, "help: some documents failed → exit 1");
    let recs = jsonl(&out);
    assert_eq!(ids(&recs), ["ok1", "-:2", "notext", "-:4", "-:5", "ok2"]);
    for r in &recs[1..5] {
        assert_eq!(r["error"]["kind"], "json", "{r}");
    }
    assert!(recs[5]["sentences"].is_array());
    let err = stderr(&out);
    assert!(err.contains("-:2") && err.contains("notext"), "{err}");
}

#[test]
fn too_long_jsonl_line_is_refused_without_losing_the_next() {
    let long = format!("{{\"id\": \"big\", \"text\": \"{}\"}}\n", "a".repeat(5000));
    let input = format!("{long}{{\"id\": \"small\", \"text\": \"Klein.\"}}\n");
    let out = run(
        &["extract", "--input", "jsonl", "--max-bytes", "1000"],
        input.as_bytes(),
    );
    let recs = jsonl(&out);
    assert_eq!(recs[0]["error"]["kind"], "too_large");
    assert_eq!(recs[1]["id"], "small");
    assert_eq!(code(&out), 1);
}

/// Bad inputs made here: (file name, bytes, expected encoding or error kind).
fn nasty_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Grüße aus Köln.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut invalid_middle = "Die Bürger in München stimmten ab. ".as_bytes().to_vec();
    invalid_middle.extend_from_slice(&[0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80]);
    invalid_middle.extend_from_slice("Danach ging es weiter in Düsseldorf.".as_bytes());
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    vec![
        ("01_empty.txt", vec![], "utf-8"),
        (
            "02_space.txt",
            " \t\r\n\u{a0}\n".as_bytes().to_vec(),
            "utf-8",
        ),
        (
            "03_latin1.txt",
            b"Gr\xfc\xdfe aus K\xf6ln.".to_vec(),
            "windows-1252",
        ),
        (
            "04_cp1252.txt",
            b"\x84Ja\x93, sagte er \x96 leise.".to_vec(),
            "windows-1252",
        ),
        ("05_bom.txt", b"\xef\xbb\xbfMit BOM.".to_vec(), "utf-8"),
        ("06_utf16le.txt", utf16, "utf-16le"),
        (
            "07_crlf.txt",
            b"Zeile eins.\r\nZeile zwei.\r\n".to_vec(),
            "utf-8",
        ),
        ("08_invalid_middle.txt", invalid_middle, "utf-8-lossy"),
        ("09_binary.txt", binary, "binary"),
        (
            "10_gzip.txt",
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03".to_vec(),
            "binary",
        ),
    ]
}

#[test]
fn every_bad_input_gets_a_record_or_an_error_record_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("in")).unwrap();
    for (name, bytes, _) in nasty_files() {
        fs::write(root.join("in").join(name), bytes).unwrap();
    }
    let out = run_in(root, &["extract", "in"], b"");
    assert_eq!(
        code(&out),
        1,
        "help: binary files fail → exit 1; {}",
        stderr(&out)
    );
    let recs = jsonl(&out);
    let files = nasty_files();
    assert_eq!(
        recs.len(),
        files.len(),
        "help: one record per file, none lost"
    );
    for (rec, (name, bytes, expect)) in recs.iter().zip(&files) {
        assert_eq!(rec["id"], format!("in/{name}"));
        if *expect == "binary" {
            assert_eq!(rec["error"]["kind"], "binary", "{name}");
            assert!(
                stderr(&out).contains(name),
                "help: stderr names the failed file"
            );
        } else {
            assert_eq!(rec["source"]["encoding"], *expect, "{name}");
            assert_eq!(rec["source"]["bytes"], bytes.len(), "{name}");
            let text = match *expect {
                "windows-1252" => bytes.iter().map(|&b| cp1252(b)).collect::<String>(),
                "utf-16le" => "Grüße aus Köln.".to_string(),
                "utf-8-lossy" => String::from_utf8_lossy(bytes).into_owned(),
                _ => String::from_utf8(
                    bytes
                        .strip_prefix(b"\xef\xbb\xbf")
                        .unwrap_or(bytes)
                        .to_vec(),
                )
                .unwrap(),
            };
            common::check_spans(rec, &text);
            for s in rec["sentences"].as_array().unwrap() {
                assert!(
                    !s["text"].as_str().unwrap().contains('\r'),
                    "help: no \\r inside a sentence"
                );
            }
        }
    }
    // Encodings that were guessed say so.
    assert!(!recs[2]["warnings"].as_array().unwrap().is_empty());
}

/// Windows-1252 for the bytes used above.
fn cp1252(b: u8) -> char {
    match b {
        0x84 => '„',
        0x93 => '“',
        0x96 => '–',
        _ => b as char,
    }
}

#[test]
fn missing_path_is_an_error_record_and_exit_1() {
    let out = run(
        &[
            "extract",
            "does/not/exist.txt",
            "seeds/000_4700e5317d1ffa80.txt",
        ],
        b"",
    );
    assert_eq!(code(&out), 1);
    let recs = jsonl(&out);
    assert_eq!(recs[0]["error"]["kind"], "io");
    assert_eq!(recs[1]["id"], "seeds/000_4700e5317d1ffa80.txt");
    assert!(stderr(&out).contains("does/not/exist.txt"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_dangling_link_do_not_stop_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("in/sub")).unwrap();
    fs::write(root.join("in/a.txt"), ARTICLE).unwrap();
    fs::write(root.join("in/sub/b.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink("..", root.join("in/sub/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", root.join("in/sub/dangling.txt")).unwrap();
    let out = run_in(root, &["extract", "in"], b"");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let recs = jsonl(&out);
    let ok: Vec<_> = recs
        .iter()
        .filter(|r| r["error"].is_null())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ok, ["in/a.txt", "in/sub/b.txt"]);
    let errors: Vec<_> = recs.iter().filter(|r| !r["error"].is_null()).collect();
    assert_eq!(
        errors.len(),
        2,
        "help: the loop and the dangling link each get an error record: {recs:?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_record() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("secret.txt");
    fs::write(&p, ARTICLE).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&p).is_ok() {
        // Running as root: permissions do not stop reads. A directory passed as
        // a JSONL input is unreadable as a file for everyone.
        let out = run_in(dir.path(), &["extract", "--input", "jsonl", "."], b"");
        assert_eq!(code(&out), 1);
        assert_eq!(jsonl(&out)[0]["error"]["kind"], "io");
        return;
    }
    let out = run_in(dir.path(), &["extract", "secret.txt"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(jsonl(&out)[0]["error"]["kind"], "io");
}

#[test]
fn too_large_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), "Satz. ".repeat(100)).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "extract",
            "big.txt",
            "--max-bytes",
            "100",
            "--format",
            "jsonl",
        ],
        b"",
    );
    assert_eq!(code(&out), 1);
    assert_eq!(jsonl(&out)[0]["error"]["kind"], "too_large");
}

fn make_batch(root: &Path, n: usize) {
    fs::create_dir_all(root.join("in")).unwrap();
    for i in 0..n {
        let text = format!(
            "Meldung {i}: Der Minister sagte am {}. Mai, die Kosten lägen bei {} Millionen Euro. {}",
            i % 28 + 1,
            i * 3,
            ARTICLE.repeat(i % 7)
        );
        fs::write(root.join(format!("in/doc{i:03}.txt")), text).unwrap();
    }
    fs::write(root.join("in/doc_binary.txt"), [0u8; 64]).unwrap();
}

#[test]
fn thread_count_does_not_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 120);
    let one = run_in(dir.path(), &["extract", "in", "-j", "1"], b"");
    let two = run_in(dir.path(), &["extract", "in", "-j", "2"], b"");
    let eight = run_in(dir.path(), &["extract", "in", "-j", "8"], b"");
    assert_eq!(code(&one), 1);
    assert_eq!(jsonl(&one).len(), 121);
    assert!(one.stdout == two.stdout, "help: -j 1 and -j 2 differ");
    assert!(one.stdout == eight.stdout, "help: -j 1 and -j 8 differ");
}

#[test]
fn output_dir_gets_one_file_per_document_and_no_partial_files() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 10);
    let out = run_in(dir.path(), &["extract", "in", "-o", "out", "-j", "2"], b"");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "help: with --output nothing goes to stdout"
    );
    let mut names: Vec<String> = fs::read_dir(dir.path().join("out/in"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 11);
    assert!(names.contains(&"doc000.txt.json".to_string()));
    assert!(names.contains(&"doc_binary.txt.error.json".to_string()));
    assert!(!names.contains(&"doc_binary.txt.json".to_string()));
    assert!(
        names.iter().all(|n| !n.contains(".tmp")),
        "help: temporary files left: {names:?}"
    );
    let rec: Value =
        serde_json::from_slice(&fs::read(dir.path().join("out/in/doc003.txt.json")).unwrap())
            .unwrap();
    assert_eq!(rec["id"], "in/doc003.txt");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract", "--only", "nonsense"][..],
        &["extract", "--format", "xml"][..],
        &["frobnicate"][..],
        &["extract", "--glob", "a[", "seeds"][..],
    ] {
        let out = run(args, b"");
        assert_eq!(code(&out), 2, "help: {args:?} is a usage error");
    }
}

#[test]
fn only_sentences_leaves_other_arrays_out_and_tokens_on_request() {
    let out = run(
        &["extract", "--only", "sentences", "--tokens"],
        ARTICLE.as_bytes(),
    );
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rec["sentences"].is_array());
    for key in ["entities", "quantities", "claims"] {
        assert!(
            rec.get(key).is_none(),
            "help: {key} must be left out with --only sentences"
        );
    }
    let tokens = rec["tokens"].as_array().unwrap();
    assert_eq!(tokens[0]["text"], "Die");
    common::check_spans(&rec, ARTICLE);
}

#[test]
fn broken_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let input: String = (0..20000)
        .map(|i| format!("{{\"id\": \"d{i}\", \"text\": \"Text Nummer {i}. Noch ein Satz.\"}}\n"))
        .collect();
    let path = dir.path().join("many.jsonl");
    fs::write(&path, input).unwrap();
    let mut child = Command::new(common::bin())
        .args(["extract", "--input", "jsonl", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 100`
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "help: a closed pipe is not an error: {}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn lexicon_dir_adds_entity_names_from_its_entities_folder() {
    // A made-up mayor: in no built-in lexicon, so only the user's file can name him.
    let text = "Gestern sprach Zabelmoser in Kiel. Quirinus Zabelmoser will bleiben.\n";
    let entity = |out: &std::process::Output| -> Option<(String, Value)> {
        let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
        let e = rec["entities"]
            .as_array()?
            .iter()
            .find(|e| e["text"] == "Quirinus Zabelmoser")?
            .clone();
        Some((e["label"].as_str()?.to_string(), e["kb"].clone()))
    };
    let plain = run(&["extract", "--format", "jsonl"], text.as_bytes());
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    assert_ne!(entity(&plain).map(|e| e.1), Some(Value::from("Q123456789")));
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("entities")).unwrap();
    fs::write(
        dir.path().join("entities/persons.tsv"),
        "Quirinus Zabelmoser\tQ123456789\tBürgermeister\n",
    )
    .unwrap();
    let lexdir = dir.path().to_str().unwrap();
    let out = run(
        &["extract", "--format", "jsonl", "--lexicon-dir", lexdir],
        text.as_bytes(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        entity(&out),
        Some(("PER".to_string(), Value::from("Q123456789"))),
        "help: DIR/entities/persons.tsv adds to entities/persons.tsv"
    );
    // The surname alone now refers to him too.
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    let surname = rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Zabelmoser");
    assert_eq!(
        surname.map(|e| e["name"].clone()),
        Some(Value::from("Quirinus Zabelmoser"))
    );
}
