"""Routing feedback under a council's policy (C module ``route``).

:meth:`Policy.route` takes what a CRM knows of one piece of feedback, a
:class:`FeedbackRecord` or a dict of its fields, and answers five questions
under the policy: the kind of feedback, the exclusion that applies (and where
the customer goes instead), the procedure, whether the complaint was brought
in time, and the first deadlines (acknowledge, respond) with their
explanations. Every answer has a :class:`RoutingState`, a permanent ID
(``UKC-C030`` onwards), a line of English and the citation of the rule behind it.
Where the policy's documents do not decide a question the state is
``"not-decided"``; where the source sets no such rule it is ``"not-set"``.

Routing is thread-safe: any number of threads may route with one policy.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime
import json
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from . import _lib
from ._enums import NAMES
from ._types import cstr, named_enum, text
from .classify import Classification, FeedbackKind, _utf8
from .dates import DateLike, from_day_number, to_day_number
from .errors import ClosedError, fail
from .explain import Explanation
from .ids import Id, as_id
from ._layout import (CExclusion, CFeedbackDefinition, CFeedbackRecord, CProcedure,
                      CRoutingAnswer, CRoutingLimit, CRoutingObligation)
from .policy import (Citation, Exclusion, FeedbackDefinition, Obligation,
                     ObligationKind, Policy, Procedure, Route, TimeLimit, _cit)

__all__ = ["FeedbackRecord", "Routing", "RoutingAnswer", "KindAnswer", "ExclusionAnswer",
           "ProcedureAnswer", "TimeLimitAnswer", "RoutingObligation", "RoutingState",
           "Channel", "route"]

_vp = ctypes.c_void_p
_int = ctypes.c_int
_i32 = ctypes.c_int32
_size = ctypes.c_size_t
_str = ctypes.c_char_p
_byref = ctypes.byref
_P = ctypes.POINTER
_NO_DATE = -(2**31)
_RECORD_VERSION = 1

RoutingState = named_enum(
    "RoutingState", NAMES["ukc_routing_state"],
    "The state of a routing answer (``ukc_routing_state``): ``\"decided\"``, "
    "``\"not-decided\"``, ``\"not-set\"``, ``\"not-applicable\"`` or ``\"needs-input\"``.",
    __name__)
Channel = named_enum(
    "Channel", NAMES["ukc_channel"],
    "How feedback reached the council (``ukc_channel``), e.g. ``\"email\"``, "
    "``\"social-media\"``.", __name__)


_record_init = _lib.bind("ukc_feedback_record_init", _int, [_P(CFeedbackRecord), ctypes.c_uint])
_route = _lib.bind("ukc_route_feedback", _int, [_vp, _P(CFeedbackRecord), _P(_vp)])
_classification = _lib.bind("ukc_routing_classification", _vp, [_vp])
_kind = _lib.bind("ukc_routing_kind", _int, [_vp])
_kind_answer = _lib.bind("ukc_routing_kind_answer", _P(CRoutingAnswer), [_vp])
_kind_definition = _lib.bind("ukc_routing_kind_definition", _P(CFeedbackDefinition), [_vp])
_route_answer = _lib.bind("ukc_routing_route_answer", _P(CRoutingAnswer), [_vp])
_exclusion = _lib.bind("ukc_routing_exclusion", _P(CExclusion), [_vp])
_suggested = _lib.bind("ukc_routing_suggested_route", _str, [_vp])
_procedure_answer = _lib.bind("ukc_routing_procedure_answer", _P(CRoutingAnswer), [_vp])
_procedure = _lib.bind("ukc_routing_procedure", _P(CProcedure), [_vp])
_time_limit = _lib.bind("ukc_routing_time_limit", _P(CRoutingLimit), [_vp])
_obligation_count = _lib.bind("ukc_routing_obligation_count", _size, [_vp])
_obligation_at = _lib.bind("ukc_routing_obligation_at", _P(CRoutingObligation), [_vp, _size])
_to_json = _lib.bind("ukc_routing_to_json", _int, [_vp, _P(_vp)])
_free = _lib.bind("ukc_routing_free", None, [_vp])
_ukc_free = _lib.bind("ukc_free", None, [_vp])


def _date(n: int) -> Optional[datetime.date]:
    return None if n == _NO_DATE else from_day_number(n)


@dataclass
class FeedbackRecord:
    """One piece of feedback as a CRM holds it (``ukc_feedback_record``).

    Every field is optional. ``text`` is the message; ``service_area`` a service
    area as the classifier names them (``"adult-social-care"``, ``"schools"``,
    ``"parking"``...); ``channel`` a :class:`Channel` or its name; the flags say
    whether the customer is anonymous or staff, whether legal proceedings or an
    insurance claim are under way, and whether it was made on someone's behalf;
    ``events``, ``aware`` and ``received`` are dates. ``kind``, ``procedure``
    and ``exclusion`` record decisions a handler has already made: a kind name
    or one of the policy's feedback kind IDs, a procedure ID (which skips the
    automatic exclusions), an exclusion ID.
    """

    text: Optional[str] = None
    service_area: Optional[str] = None
    channel: Union[str, Any] = "unknown"
    anonymous: bool = False
    staff: bool = False
    legal_proceedings: bool = False
    insurance_claim: bool = False
    on_behalf: bool = False
    events: Optional[DateLike] = None
    aware: Optional[DateLike] = None
    received: Optional[DateLike] = None
    kind: Optional[str] = None
    procedure: Optional[str] = None
    exclusion: Optional[str] = None

    @classmethod
    def of(cls, record: Union["FeedbackRecord", Mapping[str, Any], None] = None,
           **fields: Any) -> "FeedbackRecord":
        """A record from a :class:`FeedbackRecord`, a dict of its fields, and/or keywords.

        Unknown keys raise :class:`TypeError`.
        """
        if record is None:
            data: Dict[str, Any] = {}
        elif isinstance(record, FeedbackRecord):
            data = dataclasses.asdict(record)
        elif isinstance(record, Mapping):
            data = dict(record)
        else:
            raise TypeError(f"a record is a FeedbackRecord or a dict, not {type(record).__name__}")
        data.update(fields)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise TypeError(f"unknown feedback record field(s): {', '.join(unknown)}; "
                            f"expected some of: {', '.join(sorted(known))}")
        return cls(**data)


def _opt_str(s: Optional[str], what: str) -> Optional[bytes]:
    return None if s is None or s == "" else cstr(s, what)


def _opt_date(d: Optional[DateLike]) -> int:
    return _NO_DATE if d is None else to_day_number(d)


@dataclass(frozen=True)
class RoutingAnswer:
    """One answer of a routing (``ukc_routing_answer``).

    Attributes:
        state: the :class:`RoutingState` (``"decided"``, ``"not-decided"``...).
        id: why, an :class:`~ukcomplaints.Id` such as ``Id.C043_PROCEDURE_FROM_SERVICE_AREA``.
        code: the ID's code, e.g. ``"UKC-C043"``.
        slug: the ID's slug.
        text: the answer as one line of English.
        citation: the rule's :class:`~ukcomplaints.Citation` (false when none).
    """

    state: RoutingState  # type: ignore[valid-type]
    id: Union[Id, int]  # type: ignore[valid-type]
    code: str
    slug: str
    text: str
    citation: Citation

    @property
    def decided(self) -> bool:
        """Whether the policy decides the question (state ``"decided"``)."""
        return self.state is RoutingState.DECIDED

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


def _answer_fields(a: CRoutingAnswer) -> Dict[str, Any]:
    return dict(state=RoutingState.from_code(a.state), id=as_id(a.id), code=text(a.code),
                slug=text(a.slug), text=text(a.text), citation=_cit(a.citation))


@dataclass(frozen=True)
class KindAnswer(RoutingAnswer):
    """The answer about the kind of feedback.

    Attributes:
        kind: the :class:`~ukcomplaints.FeedbackKind` (after any reclassification).
        definition: the policy's :class:`~ukcomplaints.FeedbackDefinition` of it,
            or None when the policy does not define the kind.
    """

    kind: FeedbackKind = FeedbackKind.OTHER  # type: ignore[valid-type]
    definition: Optional[FeedbackDefinition] = None


@dataclass(frozen=True)
class ExclusionAnswer(RoutingAnswer):
    """The answer about exclusions: which applies, and where the customer goes instead.

    Attributes:
        exclusion: the policy's :class:`~ukcomplaints.Exclusion`, or None when none applies.
        destination: where the customer goes instead, in plain English ("" when none).
        route: how it is handled instead (a :class:`~ukcomplaints.Route`), or None.
        suggested_route: the route the classifier suggested for the text
            (``"foi"``, ``"appeal"``...), or None.
    """

    exclusion: Optional[Exclusion] = None
    destination: str = ""
    route: Optional[Route] = None  # type: ignore[valid-type]
    suggested_route: Optional[str] = None


@dataclass(frozen=True)
class ProcedureAnswer(RoutingAnswer):
    """The answer about the procedure.

    Attributes:
        procedure: the :class:`~ukcomplaints.Procedure` that handles the
            feedback, or None when none applies or the policy does not decide.
    """

    procedure: Optional[Procedure] = None


@dataclass(frozen=True)
class TimeLimitAnswer(RoutingAnswer):
    """The time-limit check (``ukc_routing_limit``).

    Attributes:
        limit: the policy's :class:`~ukcomplaints.TimeLimit`, or None when none applies.
        start: the date its clock runs from, or None.
        last_day: the last day in time, or None.
        in_time: whether the complaint was received on or before the last day.
        exception: the exception the policy allows, or "".
        exception_citation: the exception's source (false when none).
        explanation: how the last day was found, an :class:`~ukcomplaints.Explanation`, or None.
    """

    limit: Optional[TimeLimit] = None
    start: Optional[datetime.date] = None
    last_day: Optional[datetime.date] = None
    in_time: bool = False
    exception: str = ""
    exception_citation: Citation = Citation("", "", "")
    explanation: Optional[Explanation] = None


@dataclass(frozen=True)
class RoutingObligation(RoutingAnswer):
    """One of the first obligations of a routing (``ukc_routing_obligation``).

    Attributes:
        kind: the :class:`~ukcomplaints.ObligationKind`: acknowledge or respond
            (or explain-refusal for an excluded complaint).
        obligation: the policy's :class:`~ukcomplaints.Obligation`, or None when not set.
        due: the due date (the target), or None.
        due_maximum: the maximum's due date, or None when there is none.
        explanation: how ``due`` was found, an :class:`~ukcomplaints.Explanation`, or None.
    """

    kind: ObligationKind = ObligationKind.RESPOND  # type: ignore[valid-type]
    obligation: Optional[Obligation] = None
    due: Optional[datetime.date] = None
    due_maximum: Optional[datetime.date] = None
    explanation: Optional[Explanation] = None


def _procedure_copy(policy: Policy, c: Any) -> Optional[Procedure]:
    return policy._rule(c) if c else None  # type: ignore[no-any-return]


class Routing:
    """The answers of :meth:`Policy.route` (``ukc_routing``): immutable.

    Attributes:
        kind: the :class:`KindAnswer` (``routing.kind.kind == "complaint"``).
        exclusion: the :class:`ExclusionAnswer`: the exclusion that applies, if
            any, and where the customer goes instead.
        procedure: the :class:`ProcedureAnswer`.
        time_limit: the :class:`TimeLimitAnswer`.
        obligations: the first deadlines, :class:`RoutingObligation` objects.
        classification: the :class:`~ukcomplaints.Classification` of the
            record's text, or None when it has none.
        policy: the :class:`~ukcomplaints.Policy` it was made under.
        record: the :class:`FeedbackRecord` routed.

    Everything is copied when the routing is made. Its C handle is kept by its
    explanations and classification (for their ``to_json()``) and released
    once, when the routing and all of them are closed or collected.
    """

    __slots__ = ("_h", "policy", "record", "kind", "exclusion", "procedure", "time_limit",
                 "obligations", "classification", "__weakref__")

    kind: KindAnswer
    exclusion: ExclusionAnswer
    procedure: ProcedureAnswer
    time_limit: TimeLimitAnswer
    obligations: Tuple[RoutingObligation, ...]
    classification: Optional[Classification]

    def __init__(self) -> None:
        raise TypeError("Routing objects are made by Policy.route()")

    @classmethod
    def _make(cls, policy: Policy, record: FeedbackRecord, ptr: int, handle: _lib.Handle,
              raw: Optional[bytes], source: Optional[str]) -> "Routing":
        self = object.__new__(cls)
        self._h = handle
        self.policy = policy
        self.record = record
        kdef = _kind_definition(ptr)
        self.kind = KindAnswer(**_answer_fields(_kind_answer(ptr).contents),
                               kind=FeedbackKind.from_code(_kind(ptr)),
                               definition=policy._rule(kdef) if kdef else None)
        ex = _exclusion(ptr)
        excl = policy._rule(ex) if ex else None
        sug = _suggested(ptr)
        self.exclusion = ExclusionAnswer(
            **_answer_fields(_route_answer(ptr).contents), exclusion=excl,
            destination=excl.destination if excl else "", route=excl.route if excl else None,
            suggested_route=text(sug) if sug else None)
        self.procedure = ProcedureAnswer(**_answer_fields(_procedure_answer(ptr).contents),
                                         procedure=_procedure_copy(policy, _procedure(ptr)))
        tl = _time_limit(ptr).contents
        self.time_limit = TimeLimitAnswer(
            **_answer_fields(tl.answer.contents),
            limit=policy._rule(tl.limit) if tl.limit else None,
            start=_date(tl.start), last_day=_date(tl.last_day), in_time=bool(tl.in_time),
            exception=text(tl.exception), exception_citation=_cit(tl.exception_citation),
            explanation=Explanation._borrow(tl.explanation, handle) if tl.explanation else None)
        obs = []
        for i in range(_obligation_count(ptr)):
            o = _obligation_at(ptr, i).contents
            obs.append(RoutingObligation(
                **_answer_fields(o.answer.contents), kind=ObligationKind.from_code(o.kind),
                obligation=policy._rule(o.obligation) if o.obligation else None,
                due=_date(o.due), due_maximum=_date(o.due_maximum),
                explanation=Explanation._borrow(o.explanation, handle) if o.explanation else None))
        self.obligations = tuple(obs)
        cp = _classification(ptr)
        self.classification = (Classification._make(cp, handle, raw, source)
                               if cp and raw is not None else None)
        return self

    @property
    def feedback_kind(self) -> FeedbackKind:  # type: ignore[valid-type]
        """The kind of feedback, ``kind.kind``."""
        return self.kind.kind

    def obligation(self, kind: Union[str, Any]) -> RoutingObligation:
        """The first obligation of a kind (``"acknowledge"``, ``"respond"``...);
        :class:`KeyError` if the routing has none."""
        for o in self.obligations:
            if o.kind == kind:
                return o
        raise KeyError(kind)

    def to_json(self) -> str:
        """The routing as a JSON object (``ukc_routing_to_json``): ``policy``,
        ``kind``, ``route``, ``procedure``, ``time_limit`` and ``obligations``.
        Needs the routing open."""
        h = self._h
        if h is None or h.ptr is None:
            raise ClosedError("the routing is closed")
        out = _vp()
        st = _to_json(h.ptr, _byref(out))
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
        """Let go of the C handle; it is released once nothing made from the
        routing (explanations, classification) still holds it. Safe to repeat."""
        self._h = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._h is None

    def __enter__(self) -> "Routing":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        proc = self.procedure.procedure.id if self.procedure.procedure else None
        excl = self.exclusion.exclusion.id if self.exclusion.exclusion else None
        return (f"<Routing {self.kind.kind} procedure={proc!r} exclusion={excl!r} "
                f"obligations={len(self.obligations)}>")


def route(policy: Policy, record: Union[FeedbackRecord, Mapping[str, Any], None] = None,
          **fields: Any) -> Routing:
    """Route a feedback record under ``policy`` (``ukc_route_feedback``); see
    :meth:`Policy.route`."""
    rec = FeedbackRecord.of(record, **fields)
    c = CFeedbackRecord()
    st = _record_init(_byref(c), _RECORD_VERSION)
    if st:
        fail(st)
    raw: Optional[bytes] = None
    source: Optional[str] = None
    if rec.text is not None:
        raw, source = _utf8(rec.text, "the text")
        buf = ctypes.create_string_buffer(raw, len(raw)) if raw else None
        c.text = ctypes.cast(buf, _str) if buf is not None else None
        c.text_len = len(raw)
    keep = [_opt_str(rec.service_area, "service_area"), _opt_str(rec.kind, "kind"),
            _opt_str(rec.procedure, "procedure"), _opt_str(rec.exclusion, "exclusion")]
    c.service_area, c.kind, c.procedure, c.exclusion = keep
    c.channel = Channel.coerce(rec.channel if rec.channel is not None else "unknown",
                               "channel").code
    for flag in ("anonymous", "staff", "legal_proceedings", "insurance_claim", "on_behalf"):
        setattr(c, flag, bool(getattr(rec, flag)))
    c.events, c.aware, c.received = (_opt_date(rec.events), _opt_date(rec.aware),
                                     _opt_date(rec.received))
    out = _vp()
    handle_policy = policy._h
    st = _route(policy._ptr(), _byref(c), _byref(out))
    if st:
        fail(st)
    ptr: int = out.value  # type: ignore[assignment]
    handle = _RoutingHandle(ptr, _free, handle_policy)
    return Routing._make(policy, rec, ptr, handle, raw, source)


class _RoutingHandle(_lib.Handle):
    """A routing's handle; it keeps the policy's handle, which the routing points into."""

    __slots__ = ("policy",)

    def __init__(self, ptr: int, free: Any, policy: Any) -> None:
        super().__init__(ptr, free)
        self.policy = policy
