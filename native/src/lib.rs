//! framing's compiled per-document core: the lexicon scanner of `framing/match.py`
//! (`Matcher.scan(text) -> (spans, word_count)`), the same rules read the same way.
//!
//! * The text is put in match form as `framing/normalize.py`'s `match_form` does (typographic
//!   punctuation blanked, lower case, Arabic letter forms folded and marks removed, every character
//!   that is not a letter or digit a space), from per-code-point tables that Python itself wrote
//!   (`gen_tables.py`). A text with a character past the tables is put in match form by the Python
//!   function, so both cores always scan the same string.
//! * The automaton is built once, from the keys the Python `Matcher` prepares (each starts with a
//!   space, Arabic keys are there once per attached prefix, the first entry to claim a key keeps it).
//! * Hits end at a space or the end of the text (a wildcard key runs to the end of its word); they
//!   are taken leftmost-longest, non-overlapping; an entry with a case rule is asked of the Python
//!   `case_allows` (through a callback) and, refused, leaves the place to a shorter hit.
//! * Words are runs of non-spaces in the match form.

mod tables;

#[cfg(feature = "python")]
mod python;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The match form of a text, with a space in front (every key starts with one):
/// `bytes` is UTF-8; `orig[b]`, when present, is the original code point index of the character
/// that byte `b` belongs to (absent: byte `b` is code point `b - 1`, an ASCII text).
pub struct Form {
    pub bytes: Vec<u8>,
    pub orig: Option<Vec<u32>>,
    /// Whether characters were removed (Arabic marks), so that the offsets are not the identity.
    pub removed: bool,
    /// Whether the form may hold Arabic letters (U+0600..U+06FF); without, keys with Arabic
    /// letters cannot match and a smaller automaton serves.
    pub arabic: bool,
}

impl Form {
    /// Original code point index of the character at byte `b` of the form.
    #[inline]
    fn original(&self, b: usize) -> usize {
        match &self.orig {
            None => b - 1,
            Some(orig) => orig[b] as usize,
        }
    }

    /// Number of words: runs of non-spaces.
    pub fn words(&self) -> usize {
        let mut words = 0;
        let mut prev = b' ';
        for &c in &self.bytes {
            if c != b' ' && prev == b' ' {
                words += 1;
            }
            prev = c;
        }
        words
    }

    /// A form from a match form made elsewhere (the Python `match_form`): `offsets[i]` is the
    /// original index of character `i` (None: the identity).
    pub fn from_parts(norm: &str, offsets: Option<&[i64]>) -> Form {
        let mut bytes = Vec::with_capacity(norm.len() + 1);
        bytes.push(b' ');
        bytes.extend_from_slice(norm.as_bytes());
        if norm.is_ascii() && offsets.is_none() {
            return Form {
                bytes,
                orig: None,
                removed: false,
                arabic: true,
            };
        }
        let mut orig = Vec::with_capacity(bytes.len());
        orig.push(0);
        for (i, ch) in norm.chars().enumerate() {
            let o = offsets.map_or(i as u32, |offs| offs[i] as u32);
            for _ in 0..ch.len_utf8() {
                orig.push(o);
            }
        }
        Form {
            bytes,
            orig: Some(orig),
            removed: offsets.is_some(),
            arabic: true,
        }
    }
}

/// What `match_form` does to each ASCII byte: letters lower-cased, digits kept, the rest a space.
const fn ascii_table() -> [u8; 128] {
    let mut t = [b' '; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_digit() || b.is_ascii_lowercase() {
            t[c] = b;
        } else if b.is_ascii_uppercase() {
            t[c] = b + 32;
        }
        c += 1;
    }
    t
}
static ASCII: [u8; 128] = ascii_table();

/// An Arabic letter or mark: the block `framing/normalize.py` reads as Arabic (U+0600..U+06FF).
#[inline]
fn is_arabic(ch: char) -> bool {
    ('\u{600}'..='\u{6FF}').contains(&ch)
}

/// The match form of `text`, or None when it holds a character the tables do not cover (then the
/// Python `match_form` is asked).
pub fn match_form(text: &str) -> Option<Form> {
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.push(b' ');
    if text.is_ascii() {
        bytes.extend(text.bytes().map(|b| ASCII[b as usize]));
        return Some(Form {
            bytes,
            orig: None,
            removed: false,
            arabic: false,
        });
    }
    let mut arabic = false;
    for ch in text.chars() {
        if ch as u32 >= tables::LIMIT {
            return None;
        }
        arabic |= is_arabic(ch);
    }
    let table = if arabic { &tables::ARABIC } else { &tables::PLAIN };
    // While every character gives one ASCII byte (typographic quotes and dashes are spaces), byte
    // b is still code point b - 1 and no offset map is kept; the first that does not starts one.
    let mut orig: Option<Vec<u32>> = None;
    let mut removed = false;
    let mut buf = [0u8; 4];
    for (i, ch) in text.chars().enumerate() {
        let v = table[ch as usize];
        if v == tables::UNSAFE {
            return None;
        }
        if v < 0x80 && orig.is_none() {
            bytes.push(v as u8);
            continue;
        }
        let map = orig.get_or_insert_with(|| {
            let mut m = Vec::with_capacity(text.len() + 1);
            m.push(0);
            m.extend(0..i as u32);
            m
        });
        if v == tables::REMOVE {
            removed = true;
            continue;
        }
        // The tables hold no surrogates, so every value is a char.
        let out = char::from_u32(v as u32)?.encode_utf8(&mut buf);
        for &b in out.as_bytes() {
            bytes.push(b);
            map.push(i as u32);
        }
    }
    Some(Form {
        bytes,
        orig,
        removed,
        arabic,
    })
}

/// The compiled lexicon: the automaton over the prepared keys and, per key, its entry and whether
/// it is a wildcard.
pub struct Core {
    automaton: Option<AhoCorasick>,
    /// The keys without Arabic letters (most texts have none; most keys are Arabic, once per
    /// prefix), and for each of its patterns the key's index.
    latin: Option<(AhoCorasick, Vec<usize>)>,
    entry: Vec<u32>,
    wild: Vec<bool>,
    guarded: Vec<bool>,
}

/// A hit: original code point offsets and the entry index.
pub type Hit = (usize, usize, u32);

impl Core {
    /// `keys[k]` (with its leading space) is a form of entry `entry[k]`; `guarded[e]`: entry `e`
    /// has a case rule, so each of its hits is asked of the guard.
    pub fn new(keys: &[String], entry: Vec<u32>, wild: Vec<bool>, guarded: Vec<bool>) -> Result<Core, String> {
        if keys.len() != entry.len() || keys.len() != wild.len() {
            return Err(format!(
                "{} keys, {} entries and {} wildcard flags: one each per key",
                keys.len(),
                entry.len(),
                wild.len()
            ));
        }
        if let Some(&e) = entry.iter().find(|&&e| e as usize >= guarded.len()) {
            return Err(format!("entry {e} has no case flag ({} flags)", guarded.len()));
        }
        let build = |keys: &[&String], kind: Option<AhoCorasickKind>| -> Result<Option<AhoCorasick>, String> {
            if keys.is_empty() {
                return Ok(None);
            }
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(keys)
                .map(Some)
                .map_err(|e| e.to_string())
        };
        let all: Vec<&String> = keys.iter().collect();
        let ids: Vec<usize> = (0..keys.len()).filter(|&k| !keys[k].chars().any(is_arabic)).collect();
        let latin_keys: Vec<&String> = ids.iter().map(|&k| &keys[k]).collect();
        let automaton = build(&all, None)?;
        // A DFA is fastest; for the few thousand keys without Arabic it stays small (a few MB).
        let kind = if latin_keys.len() <= 20_000 {
            Some(AhoCorasickKind::DFA)
        } else {
            None
        };
        let latin = build(&latin_keys, kind)?.map(|a| (a, ids));
        Ok(Core {
            automaton,
            latin,
            entry,
            wild,
            guarded,
        })
    }

    /// Hits of the form, leftmost-longest and non-overlapping, in text order; `guard(start, end,
    /// entry)` says whether a hit of a guarded entry counts.
    pub fn hits<E>(
        &self,
        form: &Form,
        mut guard: impl FnMut(usize, usize, u32) -> Result<bool, E>,
    ) -> Result<Vec<Hit>, E> {
        let (automaton, ids) = match (&self.automaton, &self.latin) {
            (None, _) => return Ok(Vec::new()),
            (Some(_), Some((latin, ids))) if !form.arabic => (latin, Some(ids)),
            (Some(_), None) if !form.arabic => return Ok(Vec::new()),
            (Some(all), _) => (all, None),
        };
        let norm = &form.bytes;
        let n = norm.len();
        // (start, end) in the form's bytes; start is after the key's leading space.
        let mut candidates: Vec<(usize, std::cmp::Reverse<usize>, u32)> = Vec::new();
        for m in automaton.find_overlapping_iter(norm.as_slice()) {
            let p = m.pattern().as_usize();
            let k = ids.map_or(p, |ids| ids[p]);
            let mut end = m.end();
            if self.wild[k] {
                while end < n && norm[end] != b' ' {
                    end += 1;
                }
            } else if end < n && norm[end] != b' ' {
                continue;
            }
            candidates.push((m.start() + 1, std::cmp::Reverse(end), self.entry[k]));
        }
        if candidates.len() > 1 {
            candidates.sort_unstable();
        }
        let mut hits = Vec::new();
        let mut last_end = 0;
        for (start, std::cmp::Reverse(end), idx) in candidates {
            if start < last_end {
                continue;
            }
            let (s, e) = (form.original(start), form.original(end - 1) + 1);
            if self.guarded[idx as usize] && !guard(s, e, idx)? {
                continue; // a shorter match at the same place may still be taken
            }
            hits.push((s, e, idx));
            last_end = end;
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(keys: &[(&str, u32, bool)], entries: usize) -> Core {
        let k: Vec<String> = keys.iter().map(|k| k.0.to_string()).collect();
        Core::new(
            &k,
            keys.iter().map(|k| k.1).collect(),
            keys.iter().map(|k| k.2).collect(),
            vec![false; entries],
        )
        .unwrap()
    }

    fn hits(core: &Core, text: &str) -> Vec<Hit> {
        core.hits::<()>(&match_form(text).unwrap(), |_, _, _| Ok(true)).unwrap()
    }

    #[test]
    fn ascii_form_and_words() {
        let f = match_form("Don't pro-Israel, 42!").unwrap();
        assert_eq!(f.bytes, b" don t pro israel  42 ");
        assert_eq!(f.words(), 5);
        assert_eq!(match_form("").unwrap().words(), 0);
    }

    #[test]
    fn whole_words_longest_first() {
        let c = core(
            &[
                (" terror", 0, false),
                (" terror attack", 1, false),
                (" attack", 2, false),
            ],
            3,
        );
        // "terrorism" is not "terror"; "terror attack" wins over "terror" and "attack".
        assert_eq!(
            hits(&c, "Terrorism. A terror attack, an attack"),
            vec![(13, 26, 1), (31, 37, 2)]
        );
    }

    #[test]
    fn wildcard_runs_to_word_end() {
        let c = core(&[(" radical", 0, true)], 1);
        assert_eq!(
            hits(&c, "the radicalised youth, radical"),
            vec![(4, 15, 0), (23, 30, 0)]
        );
    }

    #[test]
    fn arabic_marks_map_back() {
        // "الاحتلال" with a fatha after the first lam and a tatweel: the hit covers the written word.
        let c = core(&[(" للاحتلال", 0, false)], 1);
        let text = "ضد لَلاحتلـال اليوم";
        let f = match_form(text).unwrap();
        assert!(f.removed);
        assert_eq!(hits(&c, text), vec![(3, 13, 0)]);
    }

    #[test]
    fn typographic_quotes_are_spaces() {
        let c = core(&[(" regime", 0, false)], 1);
        assert_eq!(hits(&c, "the \u{201c}regime\u{201d} fell"), vec![(5, 11, 0)]);
        assert!(match_form("\u{4e2d}\u{6587}").is_none()); // past the tables: Python's match_form
    }

    #[test]
    fn guard_refusal_leaves_shorter_hit() {
        let k = vec![" orc poll".to_string(), " orc".to_string()];
        let c = Core::new(&k, vec![0, 1], vec![false, false], vec![true, false]).unwrap();
        let f = match_form("CNN ORC poll").unwrap();
        assert_eq!(c.hits::<()>(&f, |_, _, _| Ok(false)).unwrap(), vec![(4, 7, 1)]);
        assert_eq!(c.hits::<()>(&f, |_, _, _| Ok(true)).unwrap(), vec![(4, 12, 0)]);
    }
}
