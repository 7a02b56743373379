"""Cases: one piece of feedback moving through a council's procedure (C module ``case``).

A :class:`Case` is opened under a :class:`~ukcomplaints.Policy`, one procedure
of it and one feedback kind, on the day the council received the feedback.
Each event is accepted or refused with a :class:`Decision`: a permanent
reason ID (``UKC-Rnnn``), a message and the citation of the rule behind it; a
refused event changes nothing and is not an exception. At any date the case
lists its obligations (:class:`CaseObligation`) with due dates, states and,
if asked, explanations. A case saves to JSON and restores by replaying its
events.

    >>> case = Case(Policy.builtin("warwickshire"), "general", "complaint",
    ...             received=date(2024, 4, 15), channel="email")
    >>> case.apply("respond", date(2024, 5, 2), delivery="second-class-post").allowed
    True

**Threads.** A case belongs to one thread at a time: calls on one case must
not overlap (use a lock if several threads share it). Different cases, even
under the same policy, may be used by different threads at once.
"""

from __future__ import annotations

import ctypes
import datetime
import json
import weakref
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _lib
from ._enums import NAMES
from ._types import cstr, named_enum, text
from .dates import DateLike, from_day_number, to_day_number
from .errors import ClosedError, Status, fail, make
from .explain import Explanation
from .ids import Id, as_id
from ._layout import CCaseEvent, CCaseObligation, CCaseOptions, CDecision
from ._layout import CFeedbackDefinition as _CKind
from ._layout import CProcedure as _CProcedure
from ._layout import CStage as _CStage
from .policy import (Citation, Delivery, FeedbackDefinition, Policy, Procedure,
                     Stage, Unit, _cit)

__all__ = ["Case", "Event", "Decision", "CaseObligation", "EventKind", "CaseStatus",
           "Suspension", "ObligationState", "Party", "CASE_FORMAT", "CASE_MAX_EVENTS"]

#: The case save format version the library reads and writes (``UKC_CASE_FORMAT``).
CASE_FORMAT = 1
#: The most events a case holds (``UKC_CASE_MAX_EVENTS``).
CASE_MAX_EVENTS = 10000

_vp = ctypes.c_void_p
_int = ctypes.c_int
_i32 = ctypes.c_int32
_size = ctypes.c_size_t
_str = ctypes.c_char_p
_P = ctypes.POINTER
_byref = ctypes.byref
_EVENT_VERSION = 1
_OPTIONS_VERSION = 1
_EXPLAIN = 1


EventKind = named_enum("EventKind", NAMES["ukc_event_kind"],
                       "What a case event records (``ukc_event_kind``), e.g. ``\"respond\"``, "
                       "``\"request-escalation\"``.", __name__)
CaseStatus = named_enum("CaseStatus", NAMES["ukc_case_status"],
                        "Where a case stands (``ukc_case_status``), e.g. ``\"open\"``, "
                        "``\"responded\"``.", __name__)
Suspension = named_enum("Suspension", NAMES["ukc_suspension"],
                        "What suspension does to the council's clocks (``ukc_suspension``): "
                        "``\"pause\"`` (the default) or ``\"restart\"``.", __name__)
ObligationState = named_enum("ObligationState", NAMES["ukc_obligation_state"],
                             "The state of an obligation at a date (``ukc_obligation_state``): "
                             "``\"pending\"``, ``\"met\"``, ``\"missed\"``... ", __name__)
Party = named_enum("Party", NAMES["ukc_party"],
                   "Whose duty an obligation is (``ukc_party``): ``\"council\"`` or "
                   "``\"customer\"``.", __name__)


_options_init = _lib.bind("ukc_case_options_init", _int, [_P(CCaseOptions), ctypes.c_uint])
_event_init = _lib.bind("ukc_case_event_init", _int, [_P(CCaseEvent), ctypes.c_uint])
_open = _lib.bind("ukc_case_open", _int,
                  [_vp, _str, _str, _i32, _str, _P(CCaseOptions), _P(_vp)])
_free = _lib.bind("ukc_case_free", None, [_vp])
_apply = _lib.bind("ukc_case_apply", _int, [_vp, _P(CCaseEvent), _P(CDecision)])
_check = _lib.bind("ukc_case_check", _int, [_vp, _P(CCaseEvent), _P(CDecision)])
_event_count = _lib.bind("ukc_case_event_count", _size, [_vp])
_event_at = _lib.bind("ukc_case_event_at", _P(CCaseEvent), [_vp, _size])
_procedure = _lib.bind("ukc_case_procedure", _P(_CProcedure), [_vp])
_kind = _lib.bind("ukc_case_kind", _P(_CKind), [_vp])
_received = _lib.bind("ukc_case_received", _i32, [_vp])
_channel = _lib.bind("ukc_case_channel", _str, [_vp])
_stage = _lib.bind("ukc_case_stage", _P(_CStage), [_vp])
_status = _lib.bind("ukc_case_status_of", _int, [_vp])
_suspension = _lib.bind("ukc_case_suspension", _int, [_vp])
_obligations = _lib.bind("ukc_case_obligations", _int, [_vp, _i32, ctypes.c_uint, _P(_vp)])
_list_count = _lib.bind("ukc_obligations_count", _size, [_vp])
_list_at = _lib.bind("ukc_obligations_at", _P(CCaseObligation), [_vp, _size])
_list_free = _lib.bind("ukc_obligations_free", None, [_vp])
_to_json = _lib.bind("ukc_case_to_json", _int, [_vp, _P(_vp)])
_obligations_json = _lib.bind("ukc_case_obligations_to_json", _int,
                              [_vp, _i32, ctypes.c_uint, _P(_vp)])
_from_json = _lib.bind("ukc_case_from_json", _int, [_vp, _str, _size, _P(_vp)])
_ukc_free = _lib.bind("ukc_free", None, [_vp])


@dataclass(frozen=True)
class Event:
    """One event of a case (``ukc_case_event``).

    ``Event("respond", date(2024, 5, 2), delivery="second-class-post")``. Only
    the fields the kind needs are given:

    - ``delivery``: respond (required): a :class:`~ukcomplaints.Delivery` or its name;
    - ``reasons``: request-escalation (the customer's reasons),
      refuse-escalation (the council's explanation), extend (the reason),
      restrict (the behaviour);
    - ``ground``: suspend, reopen: the ID of a ground of the policy's action;
    - ``method``: contact-attempt: e.g. ``"telephone"``;
    - ``body``: refer: the ID of an external body, e.g. ``"lgsco"``;
    - ``days``: extend: the new total count of the response time (0 = the maximum);
    - ``note``: free text kept with the event.
    """

    kind: Union[str, Any]
    date: DateLike
    delivery: Optional[Union[str, Any]] = None
    reasons: Optional[str] = None
    ground: Optional[str] = None
    method: Optional[str] = None
    body: Optional[str] = None
    days: int = 0
    note: Optional[str] = None

    def __str__(self) -> str:
        extra = [f"{k}={v!r}" for k, v in (("delivery", self.delivery and str(self.delivery)),
                                            ("reasons", self.reasons), ("ground", self.ground),
                                            ("method", self.method), ("body", self.body),
                                            ("days", self.days or None), ("note", self.note))
                 if v]
        d = self.date.isoformat() if isinstance(self.date, datetime.date) else self.date
        return " ".join([str(d), str(self.kind)] + extra)


def _opt(s: Optional[str], what: str) -> Optional[bytes]:
    return None if s is None or s == "" else cstr(s, what)


def _c_event(ev: Event) -> Tuple[CCaseEvent, List[Any]]:
    c = CCaseEvent()
    st = _event_init(_byref(c), _EVENT_VERSION)
    if st:
        fail(st)
    c.kind = EventKind.coerce(ev.kind, "event kind").code
    c.date = to_day_number(ev.date)
    if ev.delivery is not None:
        c.has_delivery = True
        c.delivery = Delivery.coerce(ev.delivery, "delivery").code
    keep = [_opt(ev.reasons, "reasons"), _opt(ev.ground, "ground"), _opt(ev.method, "method"),
            _opt(ev.body, "body"), _opt(ev.note, "note")]
    c.reasons, c.ground, c.method, c.body, c.note = keep
    days = ev.days or 0
    if not isinstance(days, int) or not -(2**31) <= days < 2**31:
        raise make(Status.OUT_OF_RANGE, f"days {days!r} is not a 32-bit whole number")
    c.days = days
    return c, keep


def _copy_event(c: CCaseEvent) -> Event:
    return Event(kind=EventKind.from_code(c.kind), date=from_day_number(c.date),
                 delivery=Delivery.from_code(c.delivery) if c.has_delivery else None,
                 reasons=text(c.reasons) or None, ground=text(c.ground) or None,
                 method=text(c.method) or None, body=text(c.body) or None, days=c.days,
                 note=text(c.note) or None)


@dataclass(frozen=True)
class Decision:
    """The answer to an event (``ukc_decision``): allowed or refused, why, and the rule.

    Attributes:
        allowed: whether the event is (or would be) applied; also ``bool(decision)``.
        reason_id: for a refusal its :class:`~ukcomplaints.Id` (``Id.R007_REASONS_REQUIRED``);
            ``Id.NONE`` when allowed.
        code: the reason's code, e.g. ``"UKC-R007"``, or "".
        slug: the reason's slug, e.g. ``"reasons-required"``, or "".
        message: one line of English saying what was decided and why.
        citation: the rule that forbids (or allows) the event (false when none).
        event: the :class:`Event` decided.
    """

    allowed: bool
    reason_id: Union[Id, int]  # type: ignore[valid-type]
    code: str
    slug: str
    message: str
    citation: Citation
    event: Event

    def __bool__(self) -> bool:
        return self.allowed

    def __str__(self) -> str:
        head = "allowed" if self.allowed else f"REFUSED {self.code} {self.slug}"
        return f"{head}: {self.message}"


@dataclass(frozen=True)
class CaseObligation:
    """One obligation of a case at a date (``ukc_case_obligation``).

    Attributes:
        id: stable within the case: ``"stage-1.respond"``, ``"stage-1.respond.maximum"``,
            ``"stage-2.request"``...
        rule: the policy rule's ID (an obligation's or a time limit's).
        stage: the stage's ID, or "" for a kind's or an action's obligation.
        what: an obligation kind's name (``"respond"``) or ``"escalation-window"``.
        party: whose duty it is (a :class:`Party`).
        bound: ``"target"`` or ``"maximum"`` of the rule's timescale.
        text: the obligation in plain English.
        condition: when it applies, or "".
        unit: the :class:`~ukcomplaints.Unit` its timescale counts in.
        start: the date of the event that started its clock (day 0).
        due: the due date (the last day of a customer's window).
        state: its :class:`ObligationState` at the list's date.
        met: the day it was met (on time or late), or None.
        late_by: working days after the due date that it was met, or is still outstanding.
        extended_to: the count after an extension, or 0.
        suspended_days: units added back for suspension, or 0.
        citation: the rule's source.
        explanation: how the due date was worked out (with ``explain=True``), or None.
    """

    id: str
    rule: str
    stage: str
    what: str
    party: Party  # type: ignore[valid-type]
    bound: str
    text: str
    condition: str
    unit: Unit  # type: ignore[valid-type]
    start: datetime.date
    due: datetime.date
    state: ObligationState  # type: ignore[valid-type]
    met: Optional[datetime.date]
    late_by: int
    extended_to: int
    suspended_days: int
    citation: Citation
    explanation: Optional[Explanation]

    def __str__(self) -> str:
        s = f"{self.id} {self.party} due {self.due.isoformat()} {self.state}"
        if self.met:
            s += f" on {self.met.isoformat()}"
        if self.late_by:
            s += f" ({self.late_by} working days late)"
        return s


def _copy_obligation(o: CCaseObligation, owner: Any) -> CaseObligation:
    return CaseObligation(
        id=text(o.id), rule=text(o.rule), stage=text(o.stage), what=text(o.what),
        party=Party.from_code(o.party), bound="maximum" if o.bound == 1 else "target",
        text=text(o.text), condition=text(o.condition), unit=Unit.from_code(o.unit),
        start=from_day_number(o.start), due=from_day_number(o.due),
        state=ObligationState.from_code(o.state),
        met=from_day_number(o.met) if o.met else None, late_by=o.late_by,
        extended_to=o.extended_to, suspended_days=o.suspended_days, citation=_cit(o.citation),
        explanation=Explanation._borrow(o.explanation, owner) if o.explanation else None)


def _event_of(event: Union[Event, str, Any], date: Optional[DateLike],
              fields: Dict[str, Any]) -> Event:
    if isinstance(event, Event):
        if date is not None or fields:
            raise TypeError("give an Event, or an event kind with its date and fields, "
                            "not both")
        return event
    if date is None:
        raise TypeError(f"the event {event!r} needs a date")
    return Event(event, date, **fields)


class Case:
    """A case under a policy (``ukc_case``).

    ``Case(policy, procedure=None, kind="complaint", received=date, channel=None,
    suspension="pause")`` opens one (``ukc_case_open``): ``procedure`` None
    takes the kind's own procedure (a kind without one, a compliment say,
    gives a case without stages); ``channel`` is kept as given; ``suspension``
    is what suspension does to the council's clocks (see docs/cases.md).
    Raises :class:`~ukcomplaints.NotFoundError` for an unknown procedure and
    :class:`~ukcomplaints.NotSetError` when the policy does not define the
    kind or its source does not give the procedure's stages.

    The case keeps its policy (and the policy's memory) while it is open. Its
    C handle is released exactly once: by :meth:`close`, by leaving a
    ``with`` block, or when the object is garbage-collected.

    **A case belongs to one thread at a time**: calls on one case must not
    overlap. Different cases, even under one policy, may be used by different
    threads at once.
    """

    __slots__ = ("_ptr", "_finalizer", "_rules", "policy", "__weakref__")

    policy: Policy

    def __init__(self, policy: Policy, procedure: Optional[str] = None,
                 kind: str = "complaint", received: Optional[DateLike] = None,
                 channel: Optional[str] = None,
                 suspension: Union[str, Any] = "pause") -> None:
        if not isinstance(policy, Policy):
            raise TypeError(f"policy must be a Policy, not {type(policy).__name__}")
        if received is None:
            raise TypeError("Case() needs the date the council received the feedback "
                            "(received=)")
        opts = CCaseOptions()
        st = _options_init(_byref(opts), _OPTIONS_VERSION)
        if st:
            fail(st)
        opts.suspension = Suspension.coerce(suspension, "suspension").code
        out = _vp()
        rules = policy._share()
        st = _open(policy._ptr(), _opt(procedure, "procedure"), cstr(kind, "kind"),
                   to_day_number(received), _opt(channel, "channel"), _byref(opts),
                   _byref(out))
        if st:
            fail(st)
        self._adopt(out.value, policy, rules)  # type: ignore[arg-type]

    def _adopt(self, ptr: int, policy: Policy, rules: Policy) -> None:
        self._ptr = ptr
        self.policy = policy
        self._rules = rules      # shares the policy's handle: the case points into it
        self._finalizer = weakref.finalize(self, _lib.release, _free, ptr)

    @classmethod
    def from_json(cls, policy: Policy, source: Union[str, bytes]) -> "Case":
        """Restore a case saved by :meth:`to_json`, replaying every event under
        ``policy`` (``ukc_case_from_json``).

        An edited date, a missing field, another policy's ID or an event the
        policy refuses raises :class:`~ukcomplaints.InvalidDataError` (the
        refusal's reason ID in the message; ``path``, ``line`` and ``column``
        of the offending value).
        """
        if not isinstance(policy, Policy):
            raise TypeError(f"policy must be a Policy, not {type(policy).__name__}")
        if isinstance(source, str):
            data = cstr(source, "the case document")
        elif isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        else:
            raise TypeError(f"the case document must be a str or bytes, not "
                            f"{type(source).__name__}")
        out = _vp()
        rules = policy._share()
        st = _from_json(policy._ptr(), data, len(data), _byref(out))
        if st:
            fail(st)
        self = object.__new__(cls)
        self._adopt(out.value, policy, rules)  # type: ignore[arg-type]
        return self

    def _p(self) -> int:
        ptr = self._ptr
        if ptr is None:
            raise ClosedError("the case is closed")
        return ptr

    # -- events -----------------------------------------------------------------

    def _decide(self, fn: Any, event: Any, date: Optional[DateLike],
                fields: Dict[str, Any]) -> Decision:
        ev = _event_of(event, date, fields)
        c, _keep = _c_event(ev)
        d = CDecision()
        d.size = ctypes.sizeof(d)
        st = fn(self._p(), _byref(c), _byref(d))
        if st:
            fail(st)
        return Decision(bool(d.allowed), as_id(d.reason), text(d.code), text(d.slug),
                        d.message.decode("utf-8", "replace"), _cit(d.citation), ev)

    def apply(self, event: Union[Event, str, Any], date: Optional[DateLike] = None,
              **fields: Any) -> Decision:
        """Apply an event (``ukc_case_apply``) and return the :class:`Decision`.

        ``case.apply(Event("respond", date(2024, 5, 2), delivery="email"))`` or
        ``case.apply("request-escalation", date(2024, 5, 20), reasons="...")``.
        An allowed event is recorded and moves the case on; a refused one
        changes nothing, and is a Decision with ``allowed`` False, not an
        exception. Raises :class:`~ukcomplaints.NotFoundError` for an unknown
        event kind or delivery method, and :class:`~ukcomplaints.TooManyError`
        past :data:`CASE_MAX_EVENTS` events.
        """
        return self._decide(_apply, event, date, fields)

    def check(self, event: Union[Event, str, Any], date: Optional[DateLike] = None,
              **fields: Any) -> Decision:
        """Whether an event would be allowed, without applying it (``ukc_case_check``)."""
        return self._decide(_check, event, date, fields)

    @property
    def history(self) -> List[Event]:
        """The applied events, oldest first (``ukc_case_event_at``)."""
        p = self._p()
        return [_copy_event(_event_at(p, i).contents) for i in range(_event_count(p))]

    # -- about the case ---------------------------------------------------------

    @property
    def procedure(self) -> Optional[Procedure]:
        """The case's :class:`~ukcomplaints.Procedure`, or None for a case without one."""
        p = _procedure(self._p())
        return self._rules._rule(p) if p else None  # type: ignore[no-any-return]

    @property
    def kind(self) -> FeedbackDefinition:
        """The case's :class:`~ukcomplaints.FeedbackDefinition`."""
        return self._rules._rule(_kind(self._p()))  # type: ignore[no-any-return]

    @property
    def stage(self) -> Optional[Stage]:
        """The current :class:`~ukcomplaints.Stage`, or None for a case without stages."""
        s = _stage(self._p())
        return self._rules._rule(s) if s else None  # type: ignore[no-any-return]

    @property
    def received(self) -> datetime.date:
        """The day the council received the feedback."""
        return from_day_number(_received(self._p()))

    @property
    def channel(self) -> str:
        """The channel as given when the case was opened, or ""."""
        return text(_channel(self._p()))

    @property
    def status(self) -> CaseStatus:  # type: ignore[valid-type]
        """Where the case stands, a :class:`CaseStatus` (``"open"``, ``"responded"``...)."""
        return CaseStatus.from_code(_status(self._p()))

    @property
    def suspension(self) -> Suspension:  # type: ignore[valid-type]
        """The :class:`Suspension` option the case was opened with."""
        return Suspension.from_code(_suspension(self._p()))

    # -- obligations ------------------------------------------------------------

    def obligations(self, as_of: Optional[DateLike] = None, *,
                    explain: bool = False) -> List[CaseObligation]:
        """The case's obligations as they stand at ``as_of``, in order of due date
        (``ukc_case_obligations``).

        ``as_of`` defaults to today. Every obligation of the stages entered so
        far, of the feedback kind and of actions taken, with due dates moved by
        extensions and suspensions, and the customer's windows to ask for the
        next stage. ``explain=True`` adds each due date's
        :class:`~ukcomplaints.Explanation`.
        """
        day = to_day_number(as_of if as_of is not None else datetime.date.today())
        out = _vp()
        st = _obligations(self._p(), day, _EXPLAIN if explain else 0, _byref(out))
        if st:
            fail(st)
        handle = _lib.Handle(out.value, _list_free)  # type: ignore[arg-type]
        try:
            return [_copy_obligation(_list_at(out.value, i).contents, handle)
                    for i in range(_list_count(out.value))]
        finally:
            if not explain:
                handle.close()

    def obligations_json(self, as_of: Optional[DateLike] = None, *,
                         explain: bool = False) -> Dict[str, Any]:
        """The case's obligations at ``as_of`` as the library writes them
        (``ukc_case_obligations_to_json``), parsed: ``as_of``, ``status``,
        ``stage`` and ``obligations``, the object ``ukc case --json`` prints,
        with the same state names as :class:`ObligationState`. ``explain=True``
        adds each obligation's explanation text.
        """
        day = to_day_number(as_of if as_of is not None else datetime.date.today())
        out = _vp()
        st = _obligations_json(self._p(), day, _EXPLAIN if explain else 0, _byref(out))
        if st:
            fail(st)
        try:
            return json.loads(ctypes.string_at(out.value).decode("utf-8"))  # type: ignore
        finally:
            _ukc_free(out)

    def obligation(self, id: str, as_of: Optional[DateLike] = None, *,
                   explain: bool = False) -> CaseObligation:
        """The obligation with that ID at ``as_of``; :class:`KeyError` if none."""
        for o in self.obligations(as_of, explain=explain):
            if o.id == id:
                return o
        raise KeyError(id)

    # -- save and restore ---------------------------------------------------------

    def to_json(self) -> str:
        """The case as a JSON document (format 1) that :meth:`from_json` restores
        (``ukc_case_to_json``)."""
        out = _vp()
        st = _to_json(self._p(), _byref(out))
        if st:
            fail(st)
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            _ukc_free(out)

    def as_dict(self) -> Dict[str, Any]:
        """:meth:`to_json`, parsed."""
        return json.loads(self.to_json())  # type: ignore[no-any-return]

    # -- life cycle ---------------------------------------------------------------

    def close(self) -> None:
        """Release the C handle now. Safe to call more than once."""
        self._ptr = None
        self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has released the case."""
        return self._ptr is None

    def __enter__(self) -> "Case":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<Case (closed)>"
        stage = self.stage
        proc = self.procedure
        return (f"<Case {self._rules.id}/{proc.id if proc else '-'} "
                f"{self.kind.id} received={self.received.isoformat()} status={self.status}"
                f"{' at ' + stage.id if stage else ''} events={len(self.history)}>")
