//! The built-in gazetteer, compiled when the crate is built: the bytes
//! `build.rs` writes and the process reads in place.
//!
//! Why: building the gazetteer from the lexicon files (some 8,000 surface forms
//! generated, folded and deduplicated, then two tries) was two thirds of the
//! CLI's start-up (26 M of 40 M instructions for one short article). The
//! built-in files are fixed when the crate is compiled, so `build.rs` runs the
//! same [`Gazetteer::new`] once and stores its tables; at start-up the trie
//! nodes, patterns, surfaces and the first-word filter are used where they lie
//! in the binary (no copy, and only the pages a text touches are ever read),
//! while the referents (a few thousand) are copied out.
//!
//! When a user adds to one of the gazetteer's files (`--lexicon-dir`, see
//! [`super::gazetteer::FILES`]) the gazetteer is built at run time as before;
//! a test checks that the compiled tables equal the ones built at run time.
//!
//! Format (native byte order, which `build.rs` checks is the target's): the
//! magic [`MAGIC`], then sections, each its byte length as a `u64` and its
//! bytes, padded to a multiple of eight so every section can be read in place
//! as an array of `u32`/`u64` records.

use std::borrow::Cow;

use bytemuck::{Pod, Zeroable};

use super::gazetteer::{Entry, Gazetteer, Label, Node, Pattern, Trie, RULES};
use super::word_filter::SetsFilter;

/// The first eight bytes; the digit counts format changes.
pub const MAGIC: &[u8; 8] = b"AUSGAZ07";

/// Bytes aligned for the `u64` sections (`include_bytes!` gives no alignment).
#[repr(C, align(8))]
pub struct Aligned<T: ?Sized>(pub T);

/// A referent as numbers: its strings are ranges of one text section
/// (`NONE`: absent).
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct EntryRecord {
    label: u32,
    /// Index into [`RULES`].
    rule: u32,
    name: [u32; 2],
    kb: [u32; 2],
    role: [u32; 2],
}

const NONE: [u32; 2] = [u32::MAX, u32::MAX];

fn label_code(l: Label) -> u32 {
    match l {
        Label::Per => 0,
        Label::Org => 1,
        Label::Loc => 2,
        Label::Misc => 3,
    }
}

fn label_of(code: u32) -> Option<Label> {
    [Label::Per, Label::Org, Label::Loc, Label::Misc]
        .get(code as usize)
        .copied()
}

/// The gazetteer's tables as bytes; `None` when an entry's rule is not one of
/// `RULES` or a table outgrows 32-bit offsets (then nothing is compiled and
/// the gazetteer is built at run time).
pub fn encode(g: &Gazetteer) -> Option<Vec<u8>> {
    let mut texts = String::new();
    let mut range = |s: Option<&str>| -> Option<[u32; 2]> {
        let Some(s) = s else {
            return Some(NONE);
        };
        let start = u32::try_from(texts.len()).ok()?;
        texts.push_str(s);
        Some([start, u32::try_from(texts.len()).ok()?])
    };
    let mut records = Vec::with_capacity(g.entries.len());
    for e in &g.entries {
        records.push(EntryRecord {
            label: label_code(e.label),
            rule: RULES.iter().position(|&r| r == e.rule)? as u32,
            name: range(Some(&e.name))?,
            kb: range(e.kb.as_deref())?,
            role: range(e.role.as_deref())?,
        });
    }
    let mut w = Writer(MAGIC.to_vec());
    w.items(&records);
    w.section(texts.as_bytes());
    w.items(&g.patterns);
    w.section(g.surfaces.as_bytes());
    for t in [&g.trie, &g.lower_trie] {
        w.items(&[u32::try_from(t.nclasses).ok()?]);
        w.section(&t.class[..]);
        w.items(&t.pairs);
        w.items(&t.nodes);
        w.items(&t.dense);
    }
    w.items(g.first_words.blocks());
    Some(w.0)
}

/// The gazetteer of [`encode`]'s bytes, its big tables borrowed from `data`;
/// `None` when the bytes are not such tables (a different format, or cut short).
pub fn decode(data: &'static [u8]) -> Option<Gazetteer> {
    let mut r = Reader {
        data: data.strip_prefix(MAGIC)?,
        at: 0,
    };
    let records: &[EntryRecord] = r.items()?;
    let texts = r.text()?;
    let text = |[a, b]: [u32; 2]| -> Option<Option<String>> {
        if [a, b] == NONE {
            return Some(None);
        }
        Some(Some(texts.get(a as usize..b as usize)?.to_string()))
    };
    let mut entries = Vec::with_capacity(records.len());
    for e in records {
        entries.push(Entry {
            label: label_of(e.label)?,
            name: text(e.name)??,
            kb: text(e.kb)?,
            role: text(e.role)?,
            rule: RULES.get(e.rule as usize)?,
        });
    }
    let patterns: &[Pattern] = r.items()?;
    let surfaces = r.text()?;
    // Every pattern names a referent and a range of the surfaces, so the
    // look-ups of a search need no further checks.
    if !patterns
        .iter()
        .all(|p| p.entry() < entries.len() && surfaces.get(p.surface_range()).is_some())
    {
        return None;
    }
    let mut trie = || -> Option<Trie> {
        let nclasses = *r.items::<u32>()?.first()? as usize;
        let class: [u8; 256] = r.section()?.try_into().ok()?;
        Some(Trie {
            class: Box::new(class),
            nclasses,
            pairs: Cow::Borrowed(r.items()?),
            nodes: Cow::Borrowed(r.items::<Node>()?),
            dense: Cow::Borrowed(r.items()?),
        })
    };
    let (trie, lower_trie) = (trie()?, trie()?);
    let first_words = SetsFilter::from_blocks(r.items()?)?;
    Some(Gazetteer {
        entries,
        patterns: Cow::Borrowed(patterns),
        surfaces: Cow::Borrowed(surfaces),
        trie,
        lower_trie,
        first_words,
    })
}

/// Appends sections (see the module docs).
struct Writer(Vec<u8>);

impl Writer {
    fn section(&mut self, bytes: &[u8]) {
        self.0
            .extend_from_slice(&(bytes.len() as u64).to_ne_bytes());
        self.0.extend_from_slice(bytes);
        self.0.resize(self.0.len().next_multiple_of(8), 0);
    }

    fn items<T: Pod>(&mut self, items: &[T]) {
        self.section(bytemuck::cast_slice(items));
    }
}

/// Reads sections in order; every read checks bounds and alignment.
struct Reader {
    data: &'static [u8],
    at: usize,
}

impl Reader {
    fn section(&mut self) -> Option<&'static [u8]> {
        let len: [u8; 8] = self
            .data
            .get(self.at..self.at.checked_add(8)?)?
            .try_into()
            .ok()?;
        let len = usize::try_from(u64::from_ne_bytes(len)).ok()?;
        let start = self.at + 8;
        let end = start.checked_add(len)?;
        let bytes = self.data.get(start..end)?;
        self.at = end.checked_next_multiple_of(8)?;
        Some(bytes)
    }

    fn items<T: Pod>(&mut self) -> Option<&'static [T]> {
        bytemuck::try_cast_slice(self.section()?).ok()
    }

    fn text(&mut self) -> Option<&'static str> {
        std::str::from_utf8(self.section()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn built() -> Gazetteer {
        let lex = Lexicons::default();
        Gazetteer::new(&lex, &crate::entities::gazetteer::not_names(&lex)).unwrap()
    }

    /// Bytes with the alignment of the binary's copy.
    fn leak_aligned(bytes: Vec<u8>) -> &'static [u8] {
        let words: Vec<u64> = bytes
            .chunks(8)
            .map(|c| {
                let mut w = [0u8; 8];
                w[..c.len()].copy_from_slice(c);
                u64::from_ne_bytes(w)
            })
            .collect();
        let all: &'static [u8] = bytemuck::cast_slice(Vec::leak(words));
        &all[..bytes.len()]
    }

    #[test]
    fn the_compiled_tables_are_the_ones_built_at_run_time() {
        let compiled = crate::entities::built_in_gazetteer()
            .expect("help: build.rs wrote no gazetteer tables the library can read");
        assert!(
            compiled == built(),
            "help: the gazetteer compiled by build.rs differs from Gazetteer::new on \
             the same lexicons (is build.rs reading other files?)"
        );
    }

    #[test]
    fn encode_then_decode_gives_the_same_gazetteer() {
        let g = built();
        let bytes = leak_aligned(encode(&g).unwrap());
        assert!(decode(bytes).unwrap() == g);
    }

    #[test]
    fn damaged_bytes_are_refused_not_read() {
        let bytes = encode(&built()).unwrap();
        // Cut short anywhere, or with another magic: no gazetteer, no panic.
        for cut in [0, 7, 8, 15, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                decode(leak_aligned(bytes[..cut].to_vec())).is_none(),
                "cut {cut}"
            );
        }
        let mut other = bytes.clone();
        other[7] = b'9';
        assert!(decode(leak_aligned(other)).is_none());
        // A section length past the end.
        let mut long = bytes;
        long[8..16].copy_from_slice(&u64::MAX.to_ne_bytes());
        assert!(decode(leak_aligned(long)).is_none());
    }
}
