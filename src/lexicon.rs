//! Lexicons: plain UTF-8 text files, one concept a file, compiled into the binary
//! and extendable at run time.
//!
//! Format: one entry a line, fields separated by TAB, `#` starts a comment line,
//! blank lines are ignored. Each stage embeds its own files (`include_str!`) and
//! documents their columns in its module docs; it reads them through
//! [`Lexicons::rows`], which appends the rows of a user file of the same name found
//! in `--lexicon-dir` (users add entries; they do not copy ours).
//!
//! ```
//! use aussage::lexicon::Lexicons;
//! let mut lex = Lexicons::default();
//! lex.add("colours.tsv", "# name\tcode\ngrün\tG\n");
//! let rows = lex.rows("colours.tsv", "rot\tR\n");
//! let names: Vec<_> = rows.iter().map(|r| r.fields[0]).collect();
//! assert_eq!(names, ["rot", "grün"]);
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Error;

/// One data row of a lexicon file.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// Where the row comes from (file name or path), for error messages.
    pub source: &'a str,
    /// 1-based line number in that source.
    pub line: usize,
    /// The TAB-separated fields, trimmed.
    pub fields: Vec<&'a str>,
}

impl Row<'_> {
    /// The field at `i`, or "" when the row is shorter.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// A lexicon error at this row.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::Lexicon {
            file: self.source.to_string(),
            line: self.line,
            message: message.into(),
        }
    }
}

/// User additions to the built-in lexicons (from `--lexicon-dir`).
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    /// file name → list of (source label, content)
    extra: BTreeMap<String, Vec<(String, String)>>,
}

impl Lexicons {
    /// Every `*.tsv` / `*.txt` file in `dir`, to be appended to the built-in file of
    /// the same name; the files of a stage's folder go by their relative name
    /// (`DIR/entities/persons.tsv` adds to `entities/persons.tsv`).
    pub fn from_dir(dir: &Path) -> Result<Self, Error> {
        let mut lex = Self::default();
        lex.read_dir(dir, "")?;
        Ok(lex)
    }

    /// The lexicon files in `dir` (named `prefix` + file name) and, from the top
    /// folder, in its sub-folders one level down (named `sub/file`).
    fn read_dir(&mut self, dir: &Path, prefix: &str) -> Result<(), Error> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if path.is_dir() && prefix.is_empty() && !name.starts_with('.') {
                self.read_dir(&path, &format!("{name}/"))?;
                continue;
            }
            if !(name.ends_with(".tsv") || name.ends_with(".txt")) || !path.is_file() {
                continue;
            }
            let content = std::fs::read_to_string(&path).map_err(|e| Error::Lexicon {
                file: path.display().to_string(),
                line: 0,
                message: e.to_string(),
            })?;
            self.extra
                .entry(format!("{prefix}{name}"))
                .or_default()
                .push((path.display().to_string(), content));
        }
        Ok(())
    }

    /// Whether the user added to the built-in file `name`.
    pub fn adds_to(&self, name: &str) -> bool {
        self.extra.contains_key(name)
    }

    /// Adds a file's content under `name` (as a file in `--lexicon-dir` would).
    pub fn add(&mut self, name: &str, content: &str) {
        self.extra
            .entry(name.to_string())
            .or_default()
            .push((format!("(added) {name}"), content.to_string()));
    }

    /// The data rows of the built-in file `name` (its content `builtin`), followed by
    /// the rows of user files of the same name.
    pub fn rows<'a>(&'a self, name: &str, builtin: &'a str) -> Vec<Row<'a>> {
        let mut rows = Vec::new();
        push_rows(&mut rows, "built-in lexicon", builtin);
        for (label, content) in self.extra.get(name).into_iter().flatten() {
            push_rows(&mut rows, label, content);
        }
        rows
    }
}

fn push_rows<'a>(rows: &mut Vec<Row<'a>>, source: &'a str, content: &'a str) {
    for (i, line) in content.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Room for the widest built-in file's columns at once (collecting
        // grows from four and copies; every row is read at every start), and
        // the tabs found by a plain byte loop: lines are short, so this beats
        // the general char searcher of `split`.
        let mut fields = Vec::with_capacity(8);
        let mut rest = line;
        while let Some(tab) = rest.bytes().position(|b| b == b'\t') {
            fields.push(rest[..tab].trim());
            rest = &rest[tab + 1..];
        }
        fields.push(rest.trim());
        rows.push(Row {
            source,
            line: i + 1,
            fields,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::Lexicons;

    #[test]
    fn fields_split_at_every_tab_and_are_trimmed() {
        let content = "a\tb\n\tx \t\n c \t\t d\t\nnur\n#kommentar\tx\nä\t€\t😀\n";
        let lex = Lexicons::default();
        let rows = lex.rows("none.tsv", content);
        let got: Vec<Vec<&str>> = rows.iter().map(|r| r.fields.clone()).collect();
        let want: Vec<Vec<&str>> = content
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#'))
            .map(|l| l.split('\t').map(str::trim).collect())
            .collect();
        assert_eq!(got, want);
        assert_eq!(got[1], ["", "x", ""]);
    }

    #[test]
    fn a_folder_adds_its_files_and_its_stage_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("entities")).unwrap();
        std::fs::write(dir.path().join("months.tsv"), "Lenz\t3\n").unwrap();
        std::fs::write(
            dir.path().join("entities/persons.tsv"),
            "Ida Quendler\tQ1\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("entities/notes.md"), "no lexicon").unwrap();
        let lex = Lexicons::from_dir(dir.path()).unwrap();
        assert!(lex.adds_to("months.tsv") && lex.adds_to("entities/persons.tsv"));
        assert!(!lex.adds_to("persons.tsv") && !lex.adds_to("entities/notes.md"));
        let rows = lex.rows("entities/persons.tsv", "Olaf Scholz\tQ61053\n");
        let names: Vec<&str> = rows.iter().map(|r| r.get(0)).collect();
        assert_eq!(names, ["Olaf Scholz", "Ida Quendler"]);
    }
}
