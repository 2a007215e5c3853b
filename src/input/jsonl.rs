//! JSONL input: one `{"id": str, "text": str, ...}` object a line.
//!
//! Lines are read with a hard cap ([`CappedLines`]): a line longer than
//! `--max-bytes` is skipped without being held in memory and becomes a `too_large`
//! error record, so a 100 MB line costs no more memory than the cap. Blank lines
//! are skipped. Each line is parsed on a worker thread ([`parse_line`]); a line that
//! is not a JSON object, has no string `text`, or has a non-string `id` becomes a
//! `json` error record in its place. Fields other than `id` and `text` go to `meta`.

use std::io::{self, BufRead};

use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::input::Document;

/// One raw line, or the fact that it was too long.
#[derive(Debug, PartialEq)]
pub enum Line {
    /// The line's bytes, without `\n` / `\r\n`.
    Text(Vec<u8>),
    /// The line had this many bytes, more than the cap; its content was dropped.
    TooLong(u64),
}

/// Reads lines with a length cap; yields `(line number, Line)` (1-based), skipping
/// blank lines.
pub struct CappedLines<R> {
    reader: R,
    cap: u64,
    line_no: usize,
}

impl<R: BufRead> CappedLines<R> {
    /// Wraps a reader; lines over `cap` bytes are reported as [`Line::TooLong`].
    pub fn new(reader: R, cap: u64) -> Self {
        CappedLines {
            reader,
            cap,
            line_no: 0,
        }
    }

    /// Number of lines read so far (blank ones included).
    pub fn line_no(&self) -> usize {
        self.line_no
    }

    /// The next non-blank line, `None` at the end of input.
    pub fn next_line(&mut self) -> io::Result<Option<(usize, Line)>> {
        loop {
            let mut buf = Vec::new();
            let mut total: u64 = 0;
            let mut saw_any = false;
            let mut ended_with_newline = false;
            loop {
                let chunk = self.reader.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                saw_any = true;
                let (take, done) = match memchr_newline(chunk) {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), false),
                };
                total += take as u64;
                if total <= self.cap.saturating_add(2) {
                    buf.extend_from_slice(&chunk[..take]);
                } else if !buf.is_empty() {
                    buf = Vec::new();
                }
                self.reader.consume(take);
                if done {
                    ended_with_newline = true;
                    break;
                }
            }
            if !saw_any {
                return Ok(None);
            }
            self.line_no += 1;
            if ended_with_newline {
                total -= 1;
                buf.pop();
            }
            if buf.last() == Some(&b'\r') {
                buf.pop();
                total -= 1;
            }
            if total > self.cap {
                return Ok(Some((self.line_no, Line::TooLong(total))));
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Ok(Some((self.line_no, Line::Text(buf))));
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Parses one JSONL line into a document. The error side carries the id of the
/// error record: the line's own string id when it has one, else `fallback_id`.
pub fn parse_line(fallback_id: &str, line: &[u8]) -> Result<Document, (String, Error)> {
    let json_err = |id: &str, msg: String| (id.to_string(), Error::document(ErrorKind::Json, msg));
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return Err(json_err(fallback_id, format!("not valid JSON: {e}"))),
    };
    let Value::Object(mut obj) = value else {
        return Err(json_err(fallback_id, "line is not a JSON object".into()));
    };
    let id = match obj.shift_remove("id") {
        None | Some(Value::Null) => fallback_id.to_string(),
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(json_err(
                fallback_id,
                format!("\"id\" must be a string, not {}", json_type(&other)),
            ))
        }
    };
    let text = match obj.shift_remove("text") {
        Some(Value::String(s)) => s,
        None => return Err(json_err(&id, "line has no \"text\" field".into())),
        Some(other) => {
            return Err(json_err(
                &id,
                format!("\"text\" must be a string, not {}", json_type(&other)),
            ))
        }
    };
    let mut doc = Document::from_text(id, text);
    doc.bytes = line.len();
    doc.meta = obj;
    Ok(doc)
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, cap: u64) -> Vec<(usize, Line)> {
        let mut r = CappedLines::new(input.as_bytes(), cap);
        let mut out = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            out.push(l);
        }
        out
    }

    #[test]
    fn lines_are_numbered_blank_ones_skipped_long_ones_flagged() {
        let got = lines("a\r\n\n  \nbbbbbbbbbb\nc", 5);
        assert_eq!(
            got,
            vec![
                (1, Line::Text(b"a".to_vec())),
                (4, Line::TooLong(10)),
                (5, Line::Text(b"c".to_vec())),
            ]
        );
    }

    #[test]
    fn parse_cases() {
        let ok = parse_line("f:1", br#"{"id":"x","text":"Hallo","src":"dpa"}"#).unwrap();
        assert_eq!(ok.id, "x");
        assert_eq!(ok.text, "Hallo");
        assert_eq!(ok.meta["src"], "dpa");
        let no_id = parse_line("f:2", br#"{"text":"Hallo"}"#).unwrap();
        assert_eq!(no_id.id, "f:2");
        // (line, id of the error record)
        for (line, id) in [
            (&b"{not json"[..], "f:3"),
            (br#"[1,2]"#, "f:3"),
            (br#"{"id":"y"}"#, "y"),
            (br#"{"id":"y","text":5}"#, "y"),
            (br#"{"id":7,"text":"a"}"#, "f:3"),
        ] {
            let (got_id, err) = parse_line("f:3", line).unwrap_err();
            assert_eq!(got_id, id);
            assert_eq!(err.kind(), ErrorKind::Json);
        }
    }
}
