//! The record contract: real output of every fixture (and of error cases) is
//! valid against `schema/record.schema.json`, and spans are exact slices.

mod common;

use std::fs;

use common::{jsonl, run};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/record.schema.json")).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("help: the schema itself must be valid")
}

fn assert_valid(v: &jsonschema::Validator, rec: &Value) {
    let errors: Vec<String> = v
        .iter_errors(rec)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "record {} invalid: {errors:#?}",
        rec["id"]
    );
}

#[test]
fn every_fixture_text_gives_a_valid_record() {
    let v = validator();
    let mut n = 0;
    for entry in fs::read_dir("fixtures/texts")
        .unwrap()
        .chain(fs::read_dir("seeds").unwrap())
    {
        let path = entry.unwrap().path();
        let path_str = path.to_str().unwrap();
        let is_jsonl = path_str.ends_with(".jsonl");
        let args: Vec<&str> = if is_jsonl {
            vec!["extract", "--input", "jsonl", "--tokens", path_str]
        } else {
            vec!["extract", "--format", "jsonl", "--tokens", path_str]
        };
        let out = run(&args, b"");
        assert_eq!(out.status.code(), Some(0), "{path_str}");
        let inputs: Vec<String> = if is_jsonl {
            fs::read_to_string(&path)
                .unwrap()
                .lines()
                .map(|l| {
                    serde_json::from_str::<Value>(l).unwrap()["text"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect()
        } else {
            vec![String::from_utf8(fs::read(&path).unwrap()).unwrap()]
        };
        for (rec, text) in jsonl(&out).iter().zip(inputs) {
            assert_valid(&v, rec);
            common::check_spans(rec, &text);
            n += 1;
        }
    }
    assert!(
        n >= 5,
        "help: expected the fixtures and the seed, validated {n}"
    );
}

#[test]
fn error_records_are_valid_too() {
    let v = validator();
    let input = "kein json\n{\"id\": \"x\"}\n{\"id\": \"ok\", \"text\": \"Gut.\"}\n";
    let out = run(&["extract", "--input", "jsonl"], input.as_bytes());
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 3);
    for rec in &recs {
        assert_valid(&v, rec);
    }
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let v = validator();
    let good: Value = serde_json::from_str(
        r#"{"schema":"aussage.v1","id":"a","meta":{},"source":{"encoding":"utf-8","bytes":1,"chars":1},
            "sentences":[{"start":0,"end":1,"text":"A","heading":true}],"warnings":[]}"#,
    )
    .unwrap();
    assert!(v.is_valid(&good));
    let mut bad = good.clone();
    bad["schema"] = "aussage.v2".into();
    assert!(
        !v.is_valid(&bad),
        "help: another schema name must be rejected"
    );
    let mut bad = good.clone();
    bad["sentences"][0]["start"] = (-1).into();
    assert!(!v.is_valid(&bad), "help: negative offsets must be rejected");
    let mut bad = good;
    bad["quantities"] = serde_json::json!([{"id":"q1","start":0,"end":1,"text":"A","kind":"banana","value":1,"unit":null,"sentence":0}]);
    assert!(
        !v.is_valid(&bad),
        "help: unknown quantity kinds must be rejected"
    );
}
