"""Where a mention sits: inside a quotation or not, its clause, and the verb it is subject of.

Scoped to the clause, not the sentence: in "Blinken said on Monday that the 2024 deal had failed"
the year belongs to the clause about the deal, and the mention's clause is "Blinken said on
Monday". Plain regular expressions over one sentence: the reader runs only for mentions that
could be flagged, and a parser would cost more than the whole check (docs/reading-model.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import msgspec

from bot.engine.reading.cues import Lexicon, VerbClass

_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[\w][\w'’\-]*")
_CLOSING = "”"
# clause ends: strong punctuation, dashes, and a comma before a conjunction that starts a new
# clause ("... in 2023, and the Biden administration said on Monday ...")
_BOUNDARY_PUNCT = re.compile(r"[;:—–]|--|\s-\s|,\s+(?:and|but|or|so|yet)\s")


class Clause(msgspec.Struct, frozen=True):
    """The clause around a mention, in document offsets."""

    start: int
    end: int


def quote_spans(paragraph: str) -> Iterator[tuple[int, int]]:
    """Every direct quotation in `paragraph`, in order, as relative spans with their marks.

    Curly quotes pair by direction (a straight quote or a double prime ″ may close a curly
    one); straight double quotes alternate; a quotation still open at
    the end of its paragraph runs to that end (news style for quotes that go on). Single quotes
    count only as a pair: an opening one before a word and a closing one after it."""
    open_at: int | None = None
    closer = ""
    i = 0
    n = len(paragraph)
    while i < n:
        c = paragraph[i]
        if open_at is None:
            if c in '“"':
                open_at, closer = i, ("”" if c == "“" else '"')
            elif c in "‘'" and _opens_single(paragraph, i):
                end = _closing_single(paragraph, i + 1)
                if end is not None:
                    yield i, end + 1
                    i = end + 1
                    continue
        elif c == closer or c in _ALSO_CLOSES[closer]:
            yield open_at, i + 1
            open_at = None
        i += 1
    if open_at is not None:
        yield open_at, n + 1  # no closing mark: to the end, as if one stood after it


def quote_around(paragraph: str, offset: int) -> tuple[int, int] | None:
    """The direct quotation (relative span in `paragraph`) that holds `offset`, if any."""
    for lo, hi in _quotes_of(paragraph):
        if lo >= offset:
            return None
        if offset < hi - 1:
            return lo, min(hi, len(paragraph))
    return None


@functools.lru_cache(maxsize=64)
def _quotes_of(paragraph: str) -> tuple[tuple[int, int], ...]:
    """The quotations of a paragraph, found once for all the mentions in it."""
    return tuple(quote_spans(paragraph))


@functools.lru_cache(maxsize=64)
def unquoted(paragraph: str) -> str:
    """`paragraph` with every direct quotation blanked out (offsets kept): the paper's own
    words around a quotation, whose cues the quoted words must not lend."""
    chars = list(paragraph)
    for lo, hi in _quotes_of(paragraph):
        stop = min(hi, len(chars))
        chars[lo:stop] = " " * (stop - lo)
    return "".join(chars)


# closing marks copy mixes in: a straight quote after a curly one, and the double prime (″)
# some publishing systems put for a closing quote
_ALSO_CLOSES = {"”": '"″', '"': "”″"}
# every mark that may close a quotation quote_around finds
QUOTE_MARKS = "”\"″’'"


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and (after.isalnum() or after in "[")


def _closing_single(text: str, start: int) -> int | None:
    for m in re.finditer(r"['’]", text[start:]):
        j = start + m.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        before = text[j - 1]
        if (before.isalnum() or before in ".,!?") and not after.isalnum():
            return j
    return None


def clause_around(text: str, start: int, end: int, lo: int, hi: int, lexicon: Lexicon) -> Clause:
    """The clause of `text[lo:hi]` (a sentence) that holds `start:end`: bounded by strong
    punctuation, a comma and a conjunction, and words that open a clause ("that", "who")."""
    left = lo
    for m in _BOUNDARY_PUNCT.finditer(text, lo, start):
        left = m.end()
    for m in _WORD.finditer(text, left, start):
        if _opens_clause(text, m, lexicon) and m.start() > left:
            left = m.start()
    right = hi
    boundary = _BOUNDARY_PUNCT.search(text, end, hi)
    if boundary is not None:
        right = boundary.start()
    for m in _WORD.finditer(text, end, right):
        if _opens_clause(text, m, lexicon):
            right = m.start()
            break
    return Clause(left, right)


def _opens_clause(text: str, word: re.Match[str], lexicon: Lexicon) -> bool:
    """Does the word open a clause? "that" does only before a clause ("said that the ..."), not
    as a determiner ("that program")."""
    w = word.group(0).lower()
    if w not in lexicon.clause_openers:
        return False
    if w != "that":
        return True
    following = _WORD.match(text, word.end() + 1)
    if following is None:
        return True
    after = following.group(0)
    return (
        after[:1].isupper()
        or after.lower() in _CLAUSE_STARTERS
        or after[:1].isdigit()
        or is_verb(after, lexicon)  # "a weather office that contradicted ..."
        or after.lower().endswith("ing")  # "warned him that framing the race ..."
    )


# words that begin a clause after "that" (a determiner "that" is followed by a noun instead)
_CLAUSE_STARTERS = frozenset(
    "the a an his her its their our my your this these those he she it they we i you there "
    "some many most no not all any every each one two even only just also still never ever "
    "already once if when while as so".split()
)


def words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


def verb_class(word: str, lexicon: Lexicon) -> VerbClass | None:
    """What kind of finite verb `word` is when it stands in a verb's place, if it is one."""
    w = word.lower().replace("’", "'")
    if w in lexicon.present_forms or w in lexicon.plural_present_verbs:
        return VerbClass.PRESENT
    if w in lexicon.not_verbs or (not w.isalpha() and "'" not in w):
        return None
    base = _reporting_base(w, lexicon)
    if base is not None:
        return VerbClass.REPORTING
    if w in lexicon.irregular_past or w in lexicon.past_auxiliaries:
        return VerbClass.PAST
    if w in _NON_FINITE:
        return None  # "be", "been", "being" alone date nothing
    if w in lexicon.auxiliaries or w in lexicon.modals:
        return VerbClass.PRESENT
    if len(w) > 3 and w.endswith("ed") and not w.endswith("eed"):
        return VerbClass.PAST
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "ics")):
        return VerbClass.PRESENT
    return None


def is_verb(word: str, lexicon: Lexicon) -> bool:
    """Could `word` be a finite verb (used to tell whether a mention comes before its verb)?"""
    w = word.lower().replace("’", "'")
    if w in lexicon.auxiliaries or w in lexicon.modals or w in lexicon.present_forms:
        return True
    if w in lexicon.irregular_past:
        return True
    if w not in lexicon.reporting_verbs and _reporting_base(w, lexicon) is not None:
        return not w.endswith("s")  # "said", "told", "saying"; "calls", "charge" may be nouns
    return len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and w.isalpha()


def verbs_in(text: str, start: int, end: int, lexicon: Lexicon) -> list[re.Match[str]]:
    """The words of `text[start:end]` that are verbs: sure verb forms, and a present-tense -s
    form right after a relative pronoun or a personal one ("who leads", "he says")."""
    found = []
    previous = ""
    for m in _WORD.finditer(text, start, end):
        word = m.group(0)
        adjective = previous in _BEFORE_ADJECTIVES and word.lower().endswith("ed")
        if not adjective and (
            is_verb(word, lexicon)
            or (previous in _PRONOUNS and verb_class(word, lexicon) is VerbClass.PRESENT)
        ):
            found.append(m)
        if word.lower() not in lexicon.skippable or previous not in _PRONOUNS:
            previous = word.lower()  # "that now heads": an adverb keeps the pronoun's place
    return found


# after these an -ed word describes a noun ("of registered voters", "the elected officials")
_BEFORE_ADJECTIVES = frozenset(
    "of the a an his her their its our these those some many most all few several".split()
)


_NON_FINITE = frozenset({"be", "been", "being", "having"})
_PRONOUNS = frozenset("who which that he she it they we i you".split())


def takes_a_clause(word: str, lexicon: Lexicon) -> bool:
    """A verb whose object is a clause ("think", "means", "showed"), in any of its forms."""
    w = word.lower()
    verbs = lexicon.complement_verbs
    if w in verbs or w in _IRREGULAR_COMPLEMENT:
        return True
    for suffix, add in (("s", ""), ("es", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and w[: -len(suffix)] + add in verbs:
            return True
    return False


_IRREGULAR_COMPLEMENT = frozenset(
    "thought knew meant showed shown felt found saw heard learned learnt understood".split()
)


def _reporting_base(w: str, lexicon: Lexicon) -> str | None:
    verbs = lexicon.reporting_verbs
    if w in verbs:
        return w
    for suffix, add in (
        ("s", ""),
        ("es", ""),
        ("ed", ""),
        ("d", ""),
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if w.endswith(suffix) and w[: -len(suffix)] + add in verbs:
            return w[: -len(suffix)] + add
    if w.endswith("ed") and len(w) > 4 and w[-3] == w[-4] and w[:-3] in verbs:
        return w[:-3]  # "vetted" -> "vet"
    return {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak"}.get(w)


_NP_TAIL = re.compile(
    r"(?:\s*\([^()]{1,40}\)"  # "(R-Ky.)"
    r"|,\s+[DRI]-[A-Z][\w.]*(?:,\s*[A-Z][\w.]*)?,"  # ", D-Calif.,"
    r"|,?\s+(?:Jr|Sr)\.?"
    r"|\s+(?:and|or)\s+(?:[A-Z][\w.'’-]*(?:\s+|(?=,))){1,5}"  # "and Representative Ann Roe"
    r"|,\s+(?:who|which|whose)\b[^,;]{1,120},"  # ", who succeeded Truss in October,"
    r"|,\s+(?:the|a|an|his|her|its)\s[^,;]{1,80},"  # ", the German chancellor,"
    r"|,\s+(?:by|after|before|while|when|in|despite|without)\s+\w+ing\b[^,;]{0,100},"
    # ", by responding to the attacks with airstrikes,"
    r"|,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s+(?:said|says|added|adds|noted|notes|wrote),"
    r"|,\s+(?:at least|so far|for now|in turn|however|meanwhile|too|though|in fact|of course)"
    r"(?:\s+(?:so far|for now))?,)"  # ", Zhao added,", ", at least so far,"
)
_VERBS_IN_LY = frozenset(
    "reply replies apply applies rely relies supply supplies comply complies "
    "imply implies multiply fly flies ally allies rally rallies tally".split()
)
_POSSESSIVE = re.compile(r"['’]s\s+")
_COORDINATED = re.compile(r"\s+(?:and|or)\s+")


_POSSESSED_WORDS = 4
_APPOSITIVE = re.compile(r",\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s+")


def verb_after(text: str, end: int, limit: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """The verb group that follows a subject ending at `end`: skips a possessive noun phrase
    ("Biden's spokesman"), a party tag ("(R-Ky.)"), an appositive or relative clause between
    commas, and adverbs ("also", "on Tuesday"). Returns the offset and the text from the verb."""
    pos = end
    for _ in range(3):
        m = _NP_TAIL.match(text, pos, limit)
        if m is None:
            break
        pos = m.end()
    coordinated = _COORDINATED.match(text, pos, limit)
    if coordinated is not None:
        # "Paul Ryan and several state attorneys general have said": the verb of the pair
        for word in list(_WORD.finditer(text, coordinated.end(), limit))[:8]:
            if any(c in text[pos : word.start()] for c in ",;:.!?"):
                break
            if is_verb(word.group(0), lexicon) or word.group(0) in lexicon.plural_present_verbs:
                return word.start(), text[word.start() : limit]
    tokens = list(_WORD.finditer(text, pos, limit))
    i = 0
    possessive = _POSSESSIVE.match(text, pos, limit)
    if possessive is not None:
        # "President Obama's job approval numbers are surging": the possessed noun phrase is the
        # subject; its verb is the first word that can only be a verb
        tokens = list(_WORD.finditer(text, possessive.end(), limit))
        while i < min(_POSSESSED_WORDS, len(tokens)) and not is_verb(tokens[i].group(0), lexicon):
            following = (
                text[tokens[i].end() : tokens[i + 1].start()] if i + 1 < len(tokens) else "."
            )
            if any(c in following for c in ",;:.!?"):
                # "Obama's nominee, William Barr, is assuring": a name set off by commas
                appositive = _APPOSITIVE.match(text, tokens[i].end(), limit)
                if appositive is None or tokens[i].group(0).lower() not in lexicon.role_nouns:
                    return None  # the noun phrase ends before any verb
                tokens = list(_WORD.finditer(text, appositive.end(), limit))
                i = 0
                continue
            i += 1
    while i < min(2, len(tokens)) and tokens[i].group(0).lower() in lexicon.role_nouns:
        i += 1  # "Biden administration officials said": the mention premodifies the subject
    skipped = 0
    while i < len(tokens) and skipped < 4:
        w = tokens[i].group(0).lower()
        if (w in lexicon.skippable and w not in {"has", "have", "had"}) or (
            w.endswith("ly") and w not in _VERBS_IN_LY
        ):
            i, skipped = i + 1, skipped + 1  # "also said", "regularly says"
            continue
        if (
            w in {"on", "late", "early", "last", "this"}
            and i + 1 < len(tokens)
            and tokens[i + 1].group(0).endswith("day")
        ):
            i, skipped = i + 2, skipped + 1
            continue
        if tokens[i].group(0)[:1].isupper() and tokens[i].group(0).endswith("day"):
            i, skipped = i + 1, skipped + 1  # "Biden Tuesday said"
            continue
        break
    if i >= len(tokens):
        return None
    token = tokens[i]
    gap = text[pos : token.start()] if possessive is None else ""
    if gap.strip() == "," and is_verb(token.group(0), lexicon):
        gap = ""  # "Olaf Scholz, the German chancellor, said": the appositive's closing comma
    if any(c in gap for c in ",;:.!?"):
        return None  # the subject's clause ended before any verb
    if verb_class(token.group(0), lexicon) is None:
        return None
    if possessive is not None and not is_verb(token.group(0), lexicon):
        return None  # "Bush's decisions to send U.S. troops": no sure verb after the phrase
    return token.start(), text[token.start() : limit]


def first_verb(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """The first word of `text[start:end]` that could be a finite verb."""
    for m in _WORD.finditer(text, start, end):
        if verb_class(m.group(0), lexicon) is not None and is_verb(m.group(0), lexicon):
            return m.start(), text[m.start() : end]
    return None


def opens_with_closing_quote(text: str) -> bool:
    return text.startswith(_CLOSING)
