"""Classifying free text (C module ``classify``).

:func:`classify` reads one message and suggests what it is: a complaint, a
comment, a compliment, a request for service, or ``other`` with a route of its
own (``foi``, ``subject-access``, ``councillor-conduct``...). Every answer
carries its :class:`Evidence`: each cue phrase found, where it is in the text,
its category and permanent ID, and whether a negation covered it.

    >>> from ukcomplaints import classify
    >>> c = classify("The bins were not collected again and nobody called back.")
    >>> c.kind
    <FeedbackKind.COMPLAINT: 'complaint'>

The library reports byte offsets into the UTF-8 text; :attr:`Evidence.span`
gives them as indices of the Python ``str`` that was classified, so
``text[slice(*ev.span)] == ev.text`` whatever the text holds (emoji, Welsh
diacritics...). Classification is deterministic and thread-safe.
"""

from __future__ import annotations

import bisect
import ctypes
import json
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from . import _lib
from ._enums import NAMES
# The C structs come from the generated layer (tools/gen-layout.py); evidence
# and contributions are size-prefixed records handed out one at a time.
from ._layout import CClassifyOptions, CContribution, CEvidence
from ._types import cstr, named_enum, text
from .errors import ClosedError, Status, fail, make
from .ids import Id, as_id, id_code

__all__ = ["classify", "Classification", "Contribution", "Evidence", "FeedbackKind",
           "CLASSIFY_MAX_LENGTH"]

#: The longest text the library classifies, in UTF-8 bytes (``UKC_CLASSIFY_MAX_LENGTH``).
CLASSIFY_MAX_LENGTH = 1 << 20

_vp = ctypes.c_void_p
_int = ctypes.c_int
_size = ctypes.c_size_t
_str = ctypes.c_char_p
_byref = ctypes.byref

FeedbackKind = named_enum(
    "FeedbackKind", NAMES["ukc_feedback_kind"],
    "What a piece of feedback is (``ukc_feedback_kind``): ``\"complaint\"``, ``\"comment\"``, "
    "``\"compliment\"``, ``\"request\"`` or ``\"other\"``; compares equal to its name.",
    __name__)


_OPTIONS_VERSION = 1
_options_init = _lib.bind("ukc_classify_options_init", _int,
                          [ctypes.POINTER(CClassifyOptions), ctypes.c_uint])
_classify = _lib.bind("ukc_classify_text", _int,
                      [_vp, _size, ctypes.POINTER(CClassifyOptions), ctypes.POINTER(_vp)])
_kind = _lib.bind("ukc_classification_kind", _int, [_vp])
_route = _lib.bind("ukc_classification_route", _str, [_vp])
_reason = _lib.bind("ukc_classification_reason", _int, [_vp])
_score = _lib.bind("ukc_classification_score", ctypes.c_double, [_vp, _int])
_rule_kind = _lib.bind("ukc_classification_rule_kind", _int, [_vp])
_rule_route = _lib.bind("ukc_classification_rule_route", _str, [_vp])
_probability = _lib.bind("ukc_classification_probability", ctypes.c_double, [_vp, _int])
_runner_up = _lib.bind("ukc_classification_runner_up", _int, [_vp])
_uncertain = _lib.bind("ukc_classification_uncertain", ctypes.c_bool, [_vp])
_contribution_count = _lib.bind("ukc_classification_contribution_count", _size, [_vp])
_contribution = _lib.bind("ukc_classification_contribution", ctypes.POINTER(CContribution),
                          [_vp, _size])
_word_count = _lib.bind("ukc_classification_word_count", _size, [_vp])
_word = _lib.bind("ukc_classification_word", ctypes.POINTER(CEvidence), [_vp, _size])
_evidence_count = _lib.bind("ukc_classification_evidence_count", _size, [_vp])
_evidence = _lib.bind("ukc_classification_evidence", ctypes.POINTER(CEvidence), [_vp, _size])
_area_count = _lib.bind("ukc_classification_area_count", _size, [_vp])
_area = _lib.bind("ukc_classification_area", _str, [_vp, _size])
_sentence_count = _lib.bind("ukc_classification_sentence_count", _size, [_vp])
_to_json = _lib.bind("ukc_classification_to_json", _int, [_vp, ctypes.POINTER(_vp)])
_free = _lib.bind("ukc_classification_free", None, [_vp])
_kind_from_name = _lib.bind("ukc_feedback_kind_from_name", _int, [_str, ctypes.POINTER(_int)])
_ukc_free = _lib.bind("ukc_free", None, [_vp])


@dataclass(frozen=True)
class Evidence:
    """One cue found in the text (``ukc_evidence``).

    Attributes:
        id: what the cue shows, an :class:`~ukcomplaints.Id` such as ``Id.C004_PRAISE``.
        code: the ID's code, e.g. ``"UKC-C004"``.
        category: the ID's slug, e.g. ``"praise"`` or ``"route-foi"``.
        detail: the route (``"foi"``) or service area (``"housing"``), or "".
        span: (start, end) indices of the cue in the classified ``str``:
            ``text[span[0]:span[1]] == self.text``.
        byte_span: (start, end) byte offsets of the cue in the UTF-8 text, as the
            library reports them.
        text: the cue as it stands in the text.
        sentence: 0-based index of its sentence.
        negated: whether a negation's scope covers it.
        negation_span: when negated, the negation's (start, end) ``str`` indices; else None.
        negation_byte_span: the same in bytes; else None.
        weight: the lexicon's weight for the cue.
        counted: whether it added its weight to a kind's score.
        counts_for: that :class:`FeedbackKind` (``other`` for routes).
        pattern: the lexicon pattern that matched, e.g. ``"been? waiting"``.
        lexicon_line: its line in lib/data/lexicon.tsv.
    """

    id: Union[Id, int]  # type: ignore[valid-type]
    code: str
    category: str
    detail: str
    span: Tuple[int, int]
    byte_span: Tuple[int, int]
    text: str
    sentence: int
    negated: bool
    negation_span: Optional[Tuple[int, int]]
    negation_byte_span: Optional[Tuple[int, int]]
    weight: float
    counted: bool
    counts_for: FeedbackKind  # type: ignore[valid-type]
    pattern: str
    lexicon_line: int

    @property
    def slice(self) -> slice:
        """:attr:`span` as a :class:`slice`: ``text[ev.slice] == ev.text``."""
        return slice(*self.span)

    def __str__(self) -> str:
        neg = " (negated)" if self.negated else ""
        return f"{self.code} {self.category}: {self.text!r}{neg}"


@dataclass(frozen=True)
class Contribution:
    """One input of the model that weighed for the chosen kind against the runner-up
    (``ukc_contribution``).

    Attributes:
        group: ``"word"``, ``"pair"`` (two adjacent words), ``"chars"`` (a character
            2- to 5-gram inside a word, ``<`` and ``>`` marking its ends) or
            ``"feature"`` (a cue feature such as ``"dissatisfaction"``).
        feature: the n-gram as the model read it (``"keeps crashing"``, ``"<rubb"``),
            or the feature's name.
        span: (start, end) ``str`` indices of its word (or pair), or None for a feature.
        byte_span: the same in UTF-8 bytes, or None.
        text: the words as they stand in the text ("" for a feature).
        value: its value in this message.
        weight: its weight for the chosen kind.
        runner_up_weight: its weight for the runner-up kind.
        contribution: ``value * (weight - runner_up_weight)``.
    """

    group: str
    feature: str
    span: Optional[Tuple[int, int]]
    byte_span: Optional[Tuple[int, int]]
    text: str
    value: float
    weight: float
    runner_up_weight: float
    contribution: float

    def __str__(self) -> str:
        where = f" {self.text!r}" if self.span else ""
        return f"{self.group} {self.feature!r}{where}: {self.contribution:+.3f}"


class _Offsets:
    """Byte offsets of a UTF-8 text to indices of its ``str``."""

    __slots__ = ("_raw", "_known", "_chars")

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._known: List[int] = [0]   # byte offsets, sorted...
        self._chars: List[int] = [0]   # ...and the str index of each

    def char(self, b: int) -> int:
        i = bisect.bisect_right(self._known, b) - 1
        base_b, base_c = self._known[i], self._chars[i]
        if base_b == b:
            return base_c
        c = base_c + len(self._raw[base_b:b].decode("utf-8", "replace"))
        self._known.insert(i + 1, b)
        self._chars.insert(i + 1, c)
        return c


def _copy_evidence(e: CEvidence, offsets: _Offsets) -> Evidence:
    span = (offsets.char(e.start), offsets.char(e.end))
    neg_b = (e.negation_start, e.negation_end) if e.negated else None
    neg = (offsets.char(neg_b[0]), offsets.char(neg_b[1])) if neg_b else None
    return Evidence(
        id=as_id(e.id), code=text(e.code), category=text(e.category), detail=text(e.detail),
        span=span, byte_span=(e.start, e.end), text=text(e.text), sentence=e.sentence,
        negated=bool(e.negated), negation_span=neg, negation_byte_span=neg_b,
        weight=e.weight, counted=bool(e.counted), counts_for=FeedbackKind.from_code(e.counts_for),
        pattern=text(e.pattern), lexicon_line=e.lexicon_line)


def _copy_contribution(o: CContribution, offsets: _Offsets) -> Contribution:
    b = (o.start, o.end) if o.has_span else None
    return Contribution(
        group=text(o.group), feature=text(o.feature),
        span=(offsets.char(o.start), offsets.char(o.end)) if b else None, byte_span=b,
        text=text(o.text), value=o.value, weight=o.weight, runner_up_weight=o.runner_up_weight,
        contribution=o.contribution)


class Classification:
    """What :func:`classify` found (``ukc_classification``).

    Attributes:
        kind: the suggested :class:`FeedbackKind` (a ``str``: ``"complaint"``...).
        route: the suggested route when the kind is ``other`` because of a route
            cue (``"foi"``, ``"appeal"``...), else None.
        reason: why the kind was chosen, an :class:`~ukcomplaints.Id` from
            ``Id.C021_DECIDED_COMPLAINT`` onwards.
        scores: the score of each kind, ``{"complaint": 2.0, ...}``.
        rule_kind: the :class:`FeedbackKind` the cue rule chose before the model
            looked; differs from ``kind`` only when ``reason`` is
            ``Id.C058_DECIDED_WEIGHED``.
        rule_route: the cue rule's route, or None.
        probabilities: the model's calibrated probability of each kind it could
            choose (``other`` only with a route cue), ``{"complaint": 0.97,
            "request": 0.03, ...}``; all 0 when the text has no words.
        runner_up: the :class:`FeedbackKind` with the second highest probability.
        uncertain: True when the top two probabilities differ by less than 0.2: a
            message to send to a person.
        contributions: the :class:`Contribution` of the n-grams and cue features
            that weighed most for ``kind`` against ``runner_up``, largest first.
        words: the words or pairs of adjacent words that weighed most for ``kind``
            against ``runner_up``, as :class:`Evidence` with
            ``Id.C059_WEIGHED_WORD`` (``weight`` is the contribution).
        areas: the service areas found, in order of first mention.
        evidence: the :class:`Evidence` found, in order of position.
        sentences: the number of sentences the text was split into.
        text: the text classified.

    The data is copied when the classification is made and stays readable
    after :meth:`close`; only :meth:`to_json` needs the C handle, which is
    released by :meth:`close`, by leaving a ``with`` block, or when the object
    is garbage-collected (or, for a routing's classification, with the routing).
    """

    __slots__ = ("_ptr", "_h", "kind", "route", "reason", "scores", "rule_kind", "rule_route",
                 "probabilities", "runner_up", "uncertain", "contributions", "words", "areas",
                 "evidence", "sentences", "text", "__weakref__")

    kind: FeedbackKind  # type: ignore[valid-type]
    route: Optional[str]
    reason: Union[Id, int]  # type: ignore[valid-type]
    scores: Dict[str, float]
    rule_kind: FeedbackKind  # type: ignore[valid-type]
    rule_route: Optional[str]
    probabilities: Dict[str, float]
    runner_up: FeedbackKind  # type: ignore[valid-type]
    uncertain: bool
    contributions: Tuple[Contribution, ...]
    words: Tuple[Evidence, ...]
    areas: Tuple[str, ...]
    evidence: Tuple[Evidence, ...]
    sentences: int
    text: str

    def __init__(self) -> None:
        raise TypeError("Classification objects are made by ukcomplaints.classify()")

    @classmethod
    def _make(cls, ptr: int, handle: Any, raw: bytes, source: Optional[str]) -> "Classification":
        self = object.__new__(cls)
        self._ptr = ptr
        self._h = handle
        self.kind = FeedbackKind.from_code(_kind(ptr))
        r = _route(ptr)
        self.route = text(r) if r else None
        self.reason = as_id(_reason(ptr))
        self.scores = {str(k): _score(ptr, k.code) for k in FeedbackKind}
        self.rule_kind = FeedbackKind.from_code(_rule_kind(ptr))
        rr = _rule_route(ptr)
        self.rule_route = text(rr) if rr else None
        self.probabilities = {str(k): _probability(ptr, k.code) for k in FeedbackKind}
        self.areas = tuple(text(_area(ptr, i)) for i in range(_area_count(ptr)))
        offsets = _Offsets(raw)
        self.evidence = tuple(_copy_evidence(_evidence(ptr, i).contents, offsets)
                              for i in range(_evidence_count(ptr)))
        self.words = tuple(_copy_evidence(_word(ptr, i).contents, offsets)
                           for i in range(_word_count(ptr)))
        self.runner_up = FeedbackKind.from_code(_runner_up(ptr))
        self.uncertain = bool(_uncertain(ptr))
        self.contributions = tuple(_copy_contribution(_contribution(ptr, i).contents, offsets)
                                   for i in range(_contribution_count(ptr)))
        self.sentences = int(_sentence_count(ptr))
        self.text = source if source is not None else raw.decode("utf-8")
        return self

    def to_json(self) -> str:
        """The classification as a JSON object (``ukc_classification_to_json``).

        Its ``start`` and ``end`` are byte offsets, as the library gives them.
        Needs the classification open.
        """
        ptr = self._ptr
        if ptr is None:
            raise ClosedError("the classification is closed")
        out = _vp()
        st = _to_json(ptr, _byref(out))
        if st:
            fail(st)
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            _ukc_free(out)

    def as_dict(self) -> Dict[str, Any]:
        """:meth:`to_json`, parsed."""
        return json.loads(self.to_json())  # type: ignore[no-any-return]

    def close(self) -> None:
        """Release the C handle now. Safe to call more than once."""
        h, self._h, self._ptr = self._h, None, None
        if isinstance(h, _OwnHandle):   # a routing's classification goes with the routing
            h.close()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has released the handle."""
        return self._ptr is None

    def __enter__(self) -> "Classification":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Evidence]:
        return iter(self.evidence)

    def __len__(self) -> int:
        return len(self.evidence)

    def __repr__(self) -> str:
        route = f" route={self.route!r}" if self.route else ""
        return (f"<Classification {self.kind}{route} reason={id_code(self.reason)} "
                f"evidence={len(self.evidence)}>")


class _OwnHandle(_lib.Handle):
    """The handle of a classification that :func:`classify` made (not a routing's)."""

    __slots__ = ()


def _options(max_length: Optional[int], route_threshold: Optional[float],
             no_routes: bool) -> Optional[CClassifyOptions]:
    if max_length is None and route_threshold is None and not no_routes:
        return None
    opts = CClassifyOptions()
    st = _options_init(_byref(opts), _OPTIONS_VERSION)
    if st:
        fail(st)
    if max_length is not None:
        if not isinstance(max_length, int) or max_length <= 0:
            raise make(Status.INVALID_ARGUMENT, "max_length must be a positive int")
        opts.max_length = max_length
    if route_threshold is not None:
        opts.route_threshold = float(route_threshold)
    opts.no_routes = bool(no_routes)
    return opts


def _utf8(source: Union[str, bytes, bytearray, memoryview], what: str) -> Tuple[bytes, Optional[str]]:
    if isinstance(source, str):
        try:
            return source.encode("utf-8"), source
        except UnicodeEncodeError as exc:
            raise make(Status.INVALID_UTF8, f"{what} is not valid Unicode text "
                       f"(a lone surrogate at index {exc.start})",
                   offset=len(source[:exc.start].encode("utf-8", "surrogatepass"))) from None
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    raise TypeError(f"{what} must be a str or bytes, not {type(source).__name__}")


def classify(text: Union[str, bytes], *, max_length: Optional[int] = None,
             route_threshold: Optional[float] = None, no_routes: bool = False) -> Classification:
    """Classify one message (``ukc_classify_text``).

    ``text`` is a ``str`` or UTF-8 ``bytes`` (for bytes, spans index the
    decoded text). ``max_length`` refuses longer text (in UTF-8 bytes, at most
    :data:`CLASSIFY_MAX_LENGTH`); ``route_threshold`` is the route score at
    which the cue rule makes a message ``other`` (default 2.0; the weighing
    model may choose ``other`` from three quarters of it); ``no_routes=True`` classifies
    among the four other kinds only.

    Raises :class:`~ukcomplaints.InvalidUtf8Error` for bytes that are not
    UTF-8, a NUL character or a lone surrogate (``offset`` says where),
    :class:`~ukcomplaints.TooLongError` past the maximum, and
    :class:`~ukcomplaints.InvalidArgumentError` for a bad option. Any number of
    threads may classify at once.
    """
    raw, source = _utf8(text, "the text")
    opts = _options(max_length, route_threshold, no_routes)
    out = _vp()
    st = _classify(raw, len(raw), _byref(opts) if opts is not None else None, _byref(out))
    if st:
        fail(st)
    ptr: int = out.value  # type: ignore[assignment]
    handle = _OwnHandle(ptr, _free)
    try:
        return Classification._make(ptr, handle, raw, source)
    except BaseException:
        handle.close()
        raise


def feedback_kind(name: Union[str, Any]) -> Any:
    """The :class:`FeedbackKind` of a name (``ukc_feedback_kind_from_name``);
    :class:`~ukcomplaints.NotFoundError` for an unknown name."""
    if isinstance(name, FeedbackKind):
        return name
    out = _int()
    st = _kind_from_name(cstr(name, "feedback kind"), _byref(out))
    if st:
        fail(st)
    return FeedbackKind.from_code(out.value)


def _borrowed(ptr: int, handle: _lib.Handle, raw: bytes,
              source: Optional[str]) -> Classification:
    """A classification owned by a routing; it keeps the routing's handle."""
    return Classification._make(ptr, handle, raw, source)

