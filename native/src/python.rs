//! The Python module `framing_native`: a `Scanner` over the keys `framing.match.Matcher` prepares.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::{match_form, Core, Form};

type Columns = (Vec<usize>, Vec<usize>, Vec<u32>, usize);

/// The compiled lexicon. `Scanner(keys, entries, wild, guarded, guard, match_form)`: `keys[k]` is a
/// prepared key (leading space included) of entry `entries[k]`, `wild[k]` whether it is a wildcard;
/// `guarded[e]` whether entry `e` has a case rule, then `guard(text, start, end, e) -> bool` decides
/// each of its hits; `match_form(text) -> (norm, offsets | None)` is the Python normaliser, used for
/// texts with characters past the compiled tables.
#[pyclass(module = "framing_native", frozen)]
struct Scanner {
    core: Core,
    guard: Py<PyAny>,
    python_form: Py<PyAny>,
}

fn python_form(py: Python<'_>, f: &Py<PyAny>, text: &Bound<'_, PyString>) -> PyResult<Form> {
    let (norm, offsets): (String, Option<Vec<i64>>) = f.bind(py).call1((text,))?.extract()?;
    Ok(Form::from_parts(&norm, offsets.as_deref()))
}

#[pymethods]
impl Scanner {
    #[new]
    fn new(
        keys: Vec<String>,
        entries: Vec<u32>,
        wild: Vec<bool>,
        guarded: Vec<bool>,
        guard: Py<PyAny>,
        match_form: Py<PyAny>,
    ) -> PyResult<Self> {
        let core = Core::new(&keys, entries, wild, guarded).map_err(PyValueError::new_err)?;
        Ok(Scanner {
            core,
            guard,
            python_form: match_form,
        })
    }

    /// `(starts, ends, entries, word_count)` of `text`, as `Matcher.scan` (offsets in code points).
    fn scan(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Columns> {
        let s = text.to_str()?;
        if s.is_empty() {
            return Ok((Vec::new(), Vec::new(), Vec::new(), 0));
        }
        let form = match match_form(s) {
            Some(form) => form,
            None => python_form(py, &self.python_form, text)?,
        };
        let words = form.words();
        let guard = self.guard.bind(py);
        let hits = self.core.hits(&form, |start, end, idx| {
            guard.call1((text, start, end, idx))?.is_truthy()
        })?;
        let mut columns = (
            Vec::with_capacity(hits.len()),
            Vec::with_capacity(hits.len()),
            Vec::with_capacity(hits.len()),
            words,
        );
        for (s, e, i) in hits {
            columns.0.push(s);
            columns.1.push(e);
            columns.2.push(i);
        }
        Ok(columns)
    }
}

/// The compiled match form of `text` (without the leading space) and, when characters were removed,
/// the original index of each character; None when the tables do not cover the text. For the tests.
#[pyfunction(name = "match_form")]
fn py_match_form(text: &str) -> Option<(String, Option<Vec<u32>>)> {
    let form = match_form(text)?;
    let norm = String::from_utf8(form.bytes[1..].to_vec()).expect("the form is UTF-8");
    let offsets = match (&form.orig, form.removed) {
        (Some(orig), true) => Some(norm.char_indices().map(|(b, _)| orig[b + 1]).collect()),
        _ => None,
    };
    Some((norm, offsets))
}

#[pymodule]
fn framing_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scanner>()?;
    m.add_function(wrap_pyfunction!(py_match_form, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
