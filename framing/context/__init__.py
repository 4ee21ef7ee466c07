"""Read each hit in context: whose voice, scare quotes, so-called, attribution verbs, negation, senses.

One pass per document (:func:`read_document`; :func:`hit_readings` and :func:`document_extra_hits`
read in it), linear in the
length of the text: the quotation marks are found by one regular-expression scan
(:mod:`framing.quotes`), and every trigger word (speech verbs, negators, so-called markers) by one
Aho-Corasick scan of a lower-cased copy (Arabic letter forms folded); each hit and each trigger
then looks only at a few words around it (bounded windows, never the whole document).
The word lists are data, one folder per language: ``framing/languages/<code>/*.tsv`` (schema in its
README.md); a document is read with the lists of its own language only (:func:`language_for`).

**Voice.** A hit inside a quotation that is speech is ``quoted``; inside the reported clause of an
attribution verb it is ``attributed``; otherwise it is the outlet's ``own``. Reported clauses:

- ``X said (that) CLAUSE`` and ``X told reporters (that) CLAUSE``: from the verb (or from "that")
  to the end of the sentence; X, the speaker, stays in the outlet's voice;
- ``CLAUSE, X said.`` and ``CLAUSE, said X.``: from the start of the sentence to the comma, when
  little follows the verb; ``..., as X said, ...``: the whole sentence;
- ``According to X, CLAUSE`` and ``CLAUSE, according to X``; Arabic ``وقال X إن CLAUSE``,
  ``بحسب X، CLAUSE``;
- naming verbs: ``X described the attack as a massacre``, ``X called them "terrorists"``; verbs
  that name only with "as": ``advocates blasted the program as illegal``.

A quotation is speech when an attribution verb introduces it (before it, after it, or its reported
clause contains it), when a colon comes before it, when it is longer than four words, spans
sentences or ends in "!" or "?", when a speech verb (of a language whose ``verbs_mark_quotes`` is
yes: English) stands a few words before it ("called
for "meaningful action"") or a verb of speaking anywhere before it in its sentence ("blamed
"religious zeal""), when a word for an utterance follows it ("his 'due process' remark"), when it
continues the quotation of the sentence before, stands alone on its line (a quoted subheading) or
follows a headline's "Name:", or when a title word comes before it (the novel "Quiet Rivers", the
headline "..."). A short quotation that is a name or a mention (all capitals; a capitalised name
followed by what it names, the "Clean River" campaign) is neither. A short quotation (one to four
words) that is none of these is a **scare quote**: its words keep the outlet's voice and get
``scare_quote``; words not in a lexicon become an extra hit. One-word names that a text keeps in
quotes ("Israel" twice or more) are scare quotes even in reported speech. How often this reading is
right in real news is measured by scripts/evaluate_real_news.py: far more often in partisan outlets'
articles than in mainstream news, where short quotations mostly repeat someone's words.

Arabic diacritics (shadda, harakat, tatweel) are part of the word they stand in and are ignored
when words are compared, as in matching.

**Attribution verbs** (speech_verbs.tsv) have a class: neutral (said, told), distancing (claimed,
insisted), endorsing (revealed, admitted). Uses that are not reported speech are left out by the
sense rules: "claimed responsibility", "admitted to hospital", "exposed to", "called for".

**So-called** and kin (so_called.tsv): "so-called", "self-styled", "alleged"/"purported" as
modifiers, "what it calls", "calls itself", Arabic "ما يسمى" and the following "المزعوم". The
target is the noun phrase the marker modifies (up to five words, or the quotation that follows).
"What Israel calls X" and "the group calls itself X" also attribute X to its speaker.

**Negation** (negation.tsv): a negator ("not", "n't", "no", "never", "no longer", "neither",
"nor", "without", Arabic "ليس", "لم", "لا", "غير") negates a hit when only bridge words ("was not
considered a"), or a determiner and at most two other words ("not a brutal regime"), stand
between them; punctuation and conjunctions end the scope; "not only", "no doubt" do not negate.
Denials count as negation: in "denied that it was an occupation" the label is used to be
rejected, so the hit is ``negated`` (and, being in the reported clause, ``attributed``).
``negated`` means "under the scope of a negator", which covers a rejected label ("not
terrorists") and a denied existence ("there were no terrorists in the town") alike: both are
reported apart from plain uses.

**Senses.** For ambiguous entries, cue words decide (sense_cues.tsv, plus the entry's
``neutral_cues``): "sanctions regime", "antibiotic resistance", "her occupation". A neutral cue
that contains the term is matched as a phrase ("claimed responsibility"); other entry cues count
within three words before the term, or after it when joined by of/for/to/against/on ("regime of
sanctions"); for Arabic, within three words on either side. When both a neutral and a loaded cue
are found the nearer wins (loaded on a tie). When no rule decides, :data:`SENSE_MODEL` is asked if
it is set; otherwise the hit is read as loaded.
"""
from __future__ import annotations

from .document import Document, Reading
from .hooks import TokenHook, register_tokenizer
from .language import ContextData, CueRule, Language, SpeechVerb, context_data, language_for, languages
from .reading import document_extra_hits, extra_hits, hit_readings, quotations, read_document, read_in_context
from .senses import use_sense_model

__all__ = ["ContextData", "CueRule", "Document", "Language", "Reading", "SpeechVerb", "TokenHook", "context_data",
           "document_extra_hits", "extra_hits", "hit_readings", "language_for", "languages", "quotations",
           "read_document", "read_in_context", "register_tokenizer", "use_sense_model"]
