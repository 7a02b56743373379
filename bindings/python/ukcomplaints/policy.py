"""Council complaint policies (C module ``policy``).

A :class:`Policy` is a council's complaint policy as data: its feedback kinds,
procedures and their stages, each stage's obligations and timescales,
exclusions and where they go instead, time limits, case actions, deemed
receipt of responses and external bodies. Every rule carries the
:class:`Citation` of the council document it comes from.

    >>> from ukcomplaints import Policy
    >>> kent = Policy.builtin("kent")
    >>> [s.id for s in kent.procedure("corporate").stages]
    ['stage-1', 'stage-2']

Rules are copied into plain, immutable Python objects, so they outlive the
policy. What the policy's source does not say stays unset: asking for it
raises :class:`~ukcomplaints.NotSetError` with what the source lacks, never an
invented number.

Policies are immutable: any number of threads may use one policy at once.
"""

from __future__ import annotations

import ctypes
import datetime
import itertools
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _lib
from ._enums import NAMES
from ._types import Receipt, cstr, named_enum, text
from .calendar import Calendar
from .dates import DateLike, from_day_number, to_day_number
from .errors import ClosedError, Status, fail, make
from .explain import Explanation
from .ids import Id, as_id

__all__ = [
    "Policy",
    "Citation",
    "Timescale",
    "Obligation",
    "Stage",
    "Procedure",
    "FeedbackDefinition",
    "Exclusion",
    "TimeLimit",
    "Ground",
    "CaseAction",
    "DeemedReceipt",
    "ExternalBody",
    "WorkingDays",
    "Document",
    "PolicyProblem",
    "Unit",
    "ClockEvent",
    "ObligationKind",
    "Route",
    "LimitKind",
    "ActionKind",
    "Delivery",
    "Answer",
    "POLICY_FORMAT",
]

#: The policy file format version the library reads and writes (``UKC_POLICY_FORMAT``).
POLICY_FORMAT = 1

_vp = ctypes.c_void_p
_int = ctypes.c_int
_i32 = ctypes.c_int32
_size = ctypes.c_size_t
_str = ctypes.c_char_p
_P_vp = ctypes.POINTER(_vp)
_byref = ctypes.byref


Unit = named_enum("Unit", NAMES["ukc_unit"],
                  "The unit a timescale counts in (``ukc_unit``), e.g. ``Unit.WORKING_DAYS == "
                  "\"working-days\"``.", __name__)
ClockEvent = named_enum("ClockEvent", NAMES["ukc_clock_event"],
                        "The event that starts a timescale's clock (``ukc_clock_event``), e.g. "
                        "``\"receipt\"``, ``\"escalation-request\"``.", __name__)
ObligationKind = named_enum("ObligationKind", NAMES["ukc_obligation_kind"],
                            "What an obligation asks of the council (``ukc_obligation_kind``), "
                            "e.g. ``\"acknowledge\"``, ``\"respond\"``.", __name__)
Route = named_enum("Route", NAMES["ukc_route"],
                   "How an exclusion is handled instead (``ukc_route``), e.g. "
                   "``\"other-body\"``.", __name__)
LimitKind = named_enum("LimitKind", NAMES["ukc_limit_kind"],
                       "What a time limit limits (``ukc_limit_kind``), e.g. "
                       "``\"bring-complaint\"``.", __name__)
ActionKind = named_enum("ActionKind", NAMES["ukc_action_kind"],
                        "An action a case may take (``ukc_action_kind``), e.g. "
                        "``\"suspend\"``.", __name__)
Delivery = named_enum("Delivery", NAMES["ukc_delivery"],
                      "How a response is delivered, for deemed receipt (``ukc_delivery``), "
                      "e.g. ``\"second-class-post\"``.", __name__)
Answer = named_enum("Answer", NAMES["ukc_answer"],
                    "A yes/no that a source may leave unstated (``ukc_answer``): "
                    "``\"unstated\"``, ``\"yes\"`` or ``\"no\"``.", __name__)


# ---------------------------------------------------------------------------
# The C structures (include/ukcomplaints/policy.h)
# ---------------------------------------------------------------------------

# The structs are generated from the library's own layout (tools/gen-layout.py);
# every one is size-prefixed, and a rule's citation and timescale are pointers.
from ._layout import (CCaseAction, CDeemedReceipt, CExclusion, CExternalBody,  # noqa: E402
                      CFeedbackDefinition, CGround, CObligation, CPolicyProblem, CProcedure,
                      CStage, CTimeLimit, CTimescale)


def _P(t: Any) -> Any:
    return ctypes.POINTER(t)


_builtin = _lib.bind("ukc_policy_builtin", _int, [_str, _P_vp])
_builtin_count = _lib.bind("ukc_policy_builtin_count", _size, [])
_builtin_name = _lib.bind("ukc_policy_builtin_name", _str, [_size])
_load_json = _lib.bind("ukc_policy_load_json", _int, [_str, _size, _P_vp])
_load_file = _lib.bind("ukc_policy_load_file", _int, [_str, _P_vp])
_free = _lib.bind("ukc_policy_free", None, [_vp])
_check_json = _lib.bind("ukc_policy_check_json", _int, [_str, _size, _P_vp])
_report_count = _lib.bind("ukc_policy_report_count", _size, [_vp])
_report_problem = _lib.bind("ukc_policy_report_problem", _P(CPolicyProblem), [_vp, _size])
_report_free = _lib.bind("ukc_policy_report_free", None, [_vp])
_to_json = _lib.bind("ukc_policy_to_json", _int, [_vp, _P_vp])
_ukc_free = _lib.bind("ukc_free", None, [_vp])
_id = _lib.bind("ukc_policy_id", _str, [_vp])
_council = _lib.bind("ukc_policy_council", _str, [_vp])
_note = _lib.bind("ukc_policy_note", _str, [_vp])
_document_count = _lib.bind("ukc_policy_document_count", _size, [_vp])
_calendar = _lib.bind("ukc_policy_calendar", _int, [_vp, _P_vp])
_procedure_count = _lib.bind("ukc_policy_procedure_count", _size, [_vp])
_procedure_at = _lib.bind("ukc_policy_procedure_at", _P(CProcedure), [_vp, _size])
_procedure = _lib.bind("ukc_policy_procedure", _int, [_vp, _str, _P(_P(CProcedure))])
_stage = _lib.bind("ukc_policy_stage", _int, [_vp, _str, _str, _P(_P(CStage))])
_stage_obligation = _lib.bind("ukc_policy_stage_obligation", _int,
                              [_vp, _str, _str, _str, _P(_P(CObligation))])
_kind_count = _lib.bind("ukc_policy_feedback_kind_count", _size, [_vp])
_kind_at = _lib.bind("ukc_policy_feedback_kind_at", _P(CFeedbackDefinition), [_vp, _size])
_kind = _lib.bind("ukc_policy_feedback_kind", _int, [_vp, _str, _P(_P(CFeedbackDefinition))])
_kind_obligation = _lib.bind("ukc_policy_feedback_obligation", _int,
                             [_vp, _str, _str, _P(_P(CObligation))])
_exclusion_count = _lib.bind("ukc_policy_exclusion_count", _size, [_vp])
_exclusion_at = _lib.bind("ukc_policy_exclusion_at", _P(CExclusion), [_vp, _size])
_exclusion = _lib.bind("ukc_policy_exclusion", _int, [_vp, _str, _P(_P(CExclusion))])
_limit_count = _lib.bind("ukc_policy_time_limit_count", _size, [_vp])
_limit_at = _lib.bind("ukc_policy_time_limit_at", _P(CTimeLimit), [_vp, _size])
_limit = _lib.bind("ukc_policy_time_limit", _int, [_vp, _str, _P(_P(CTimeLimit))])
_action_count = _lib.bind("ukc_policy_case_action_count", _size, [_vp])
_action_at = _lib.bind("ukc_policy_case_action_at", _P(CCaseAction), [_vp, _size])
_action = _lib.bind("ukc_policy_case_action", _int, [_vp, _int, _str, _P(_P(CCaseAction))])
_deemed_count = _lib.bind("ukc_policy_deemed_receipt_count", _size, [_vp])
_deemed_at = _lib.bind("ukc_policy_deemed_receipt_at", _P(CDeemedReceipt), [_vp, _size])
_deemed = _lib.bind("ukc_policy_deemed_receipt", _int, [_vp, _int, _P(_P(CDeemedReceipt))])
_body_count = _lib.bind("ukc_policy_external_body_count", _size, [_vp])
_body_at = _lib.bind("ukc_policy_external_body_at", _P(CExternalBody), [_vp, _size])
_body = _lib.bind("ukc_policy_external_body", _int, [_vp, _str, _P(_P(CExternalBody))])
_due = _lib.bind("ukc_policy_due", _int, [_vp, _P(CTimescale), _int, _i32, _P(_i32)])
_explain_obligation = _lib.bind("ukc_policy_explain_obligation", _int,
                                [_vp, _P(CObligation), _int, _i32, _P_vp])
_explain_limit = _lib.bind("ukc_policy_explain_time_limit", _int,
                           [_vp, _P(CTimeLimit), _i32, _P_vp])
_explain_deemed = _lib.bind("ukc_policy_explain_deemed_receipt", _int,
                            [_vp, _int, _i32, _P_vp])

# Each policy handle has a serial number that its rules remember, so that a
# rule is only ever passed back to the policy it was read from.
_serials = itertools.count(1)


# ---------------------------------------------------------------------------
# The rules, as plain Python objects
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """Where a rule comes from (``ukc_citation``).

    Attributes:
        document: the council document's own title.
        section: the section heading the rule is under.
        quote: words of the document, quoted exactly.
        source: the kind of text quoted: ``"primary"`` (the issuing body's own),
            ``"secondary"`` (a restatement) or ``"adopter"`` (a public body's copy
            of a model procedure).

    An absent citation has three empty strings and is false.
    """

    document: str
    section: str
    quote: str
    source: str = "primary"

    def __bool__(self) -> bool:
        return bool(self.document or self.section or self.quote)

    def __str__(self) -> str:
        if not self:
            return ""
        return f'{self.document}, "{self.section}": "{self.quote}"'


def _cit(p: Any) -> Citation:
    c = p.contents
    return Citation(text(c.document), text(c.section), text(c.quote),
                    ("primary", "secondary", "adopter")[c.source] if 0 <= c.source < 3 else "")


@dataclass(frozen=True)
class Timescale:
    """A count of units from an event (``ukc_timescale``).

    Attributes:
        count: the target, or the lower end of a range.
        maximum: the maximum or the upper end of a range; None when there is none.
        range: whether ``count..maximum`` is a range ("usually between 10 and 20").
        unit: the :class:`Unit` the source states.
        from_event: the :class:`ClockEvent` that starts the clock (day 0).
        calendar: the calendar of working days.
        recurring: "every ``count`` units" (progress updates).
        unit_unclear: the source leaves the unit unclear; :attr:`note` says how it is kept.
        maximum_condition: when the maximum applies, or "".
        note: anything a reader must know about the timescale, or "".
    """

    count: int
    maximum: Optional[int]
    range: bool
    unit: Unit  # type: ignore[valid-type]
    from_event: ClockEvent  # type: ignore[valid-type]
    calendar: str
    recurring: bool
    unit_unclear: bool
    maximum_condition: str
    note: str

    def __str__(self) -> str:
        n = f"{self.count}-{self.maximum}" if self.range and self.maximum else str(self.count)
        if self.maximum and not self.range:
            n += f" (maximum {self.maximum})"
        every = "every " if self.recurring else ""
        return f"{every}{n} {self.unit} from {self.from_event}"


class _Timed:
    """The timescale's fields, read through ``.time``."""

    time: Timescale

    @property
    def count(self) -> int:
        """The timescale's target (``time.count``)."""
        return self.time.count

    @property
    def maximum(self) -> Optional[int]:
        """The timescale's maximum, or None (``time.maximum``)."""
        return self.time.maximum

    @property
    def unit(self) -> Unit:  # type: ignore[valid-type]
        """The timescale's unit (``time.unit``)."""
        return self.time.unit

    @property
    def from_event(self) -> ClockEvent:  # type: ignore[valid-type]
        """The event that starts the clock (``time.from_event``)."""
        return self.time.from_event


@dataclass(frozen=True)
class Obligation(_Timed):
    """Something the council must do, and by when (``ukc_obligation``).

    Attributes:
        id: stable within its owner, e.g. ``"respond"``.
        kind: the :class:`ObligationKind`.
        text: the obligation in plain English.
        condition: when it applies, or "" for always.
        time: the :class:`Timescale`; ``.count``, ``.maximum``, ``.unit`` and
            ``.from_event`` read it directly.
        citation: the rule's source.

    Pass it back to :meth:`Policy.explain_obligation` of the policy it came from.
    """

    id: str
    kind: ObligationKind  # type: ignore[valid-type]
    text: str
    condition: str
    time: Timescale
    citation: Citation
    _address: int = field(default=0, repr=False, compare=False)
    _serial: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True)
class Stage:
    """One stage of a procedure (``ukc_stage``).

    Attributes:
        id: stable within the procedure, e.g. ``"stage-2"``.
        number: 1, 2, 3... in the procedure's order.
        name: the source's name for it.
        handler: who handles it, or "".
        automatic: whether the customer may enter it as of right (an :class:`Answer`).
        reasons_required: whether the customer must give reasons to enter it.
        acceptance_required: whether the council must accept the request first.
        entry: the conditions to enter it, or "".
        request_limit: ID of the time limit for asking for it, or "".
        external_body: ID of the external body that handles it, or "".
        obligations: the stage's :class:`Obligation` objects.
        citation: the stage's source.
    """

    id: str
    number: int
    name: str
    handler: str
    automatic: Answer  # type: ignore[valid-type]
    reasons_required: Answer  # type: ignore[valid-type]
    acceptance_required: Answer  # type: ignore[valid-type]
    entry: str
    request_limit: str
    external_body: str
    obligations: Tuple[Obligation, ...]
    citation: Citation

    def obligation(self, id: str) -> Obligation:
        """The stage's obligation with that ID; :class:`~ukcomplaints.NotSetError` if none."""
        for o in self.obligations:
            if o.id == id:
                return o
        raise make(Status.NOT_SET, f"stage {self.id!r} sets no obligation {id!r}")


@dataclass(frozen=True)
class Procedure:
    """A procedure: an ordered list of stages for some class of complaint (``ukc_procedure``).

    Attributes:
        id: stable ID, e.g. ``"corporate"``, ``"adult-social-care"``.
        name: its name.
        scope: what it covers.
        statutory: whether it is set by statute (an :class:`Answer`).
        run_by: who runs it when not the council, or "".
        stages: the :class:`Stage` objects in order. When the source does not
            give them, reading this raises :class:`~ukcomplaints.NotSetError`
            saying what the source lacks (see :attr:`stages_known`).
        external_body: ID of the body the customer may go to after the last stage, or "".
        not_in_source: when the stages are unknown, what the source lacks; otherwise "".
        citation: the procedure's source.
    """

    id: str
    name: str
    scope: str
    statutory: Answer  # type: ignore[valid-type]
    run_by: str
    external_body: str
    not_in_source: str
    citation: Citation
    _stages: Tuple[Stage, ...] = field(default=(), repr=False)
    _council: str = field(default="", repr=False, compare=False)

    @property
    def stages_known(self) -> bool:
        """Whether the source gives the procedure's stages."""
        return bool(self._stages) or not self.not_in_source

    @property
    def stages(self) -> Tuple[Stage, ...]:
        """The stages in order; :class:`~ukcomplaints.NotSetError` when the source lacks them."""
        if not self.stages_known:
            raise make(Status.NOT_SET, f"{self._council}'s policy does not give the stages of "
                       f"procedure '{self.id}': {self.not_in_source}")
        return self._stages

    def stage(self, id: str) -> Stage:
        """The stage with that ID (:class:`~ukcomplaints.NotFoundError` if none;
        :class:`~ukcomplaints.NotSetError` when the source lacks the stages)."""
        for s in self.stages:
            if s.id == id:
                return s
        raise make(Status.NOT_FOUND, f"procedure {self.id!r} has no stage {id!r}")


@dataclass(frozen=True)
class FeedbackDefinition:
    """A kind of feedback and its definition (``ukc_feedback_definition``).

    Attributes:
        id: stable ID, e.g. ``"complaint"``, ``"compliment"``, ``"representation"``.
        name: its name.
        definition: the definition, quoted or summarised.
        procedure: ID of the procedure that handles it, or "".
        obligations: :class:`Obligation` objects that apply to every item of the kind.
        citation: the definition's source.
    """

    id: str
    name: str
    definition: str
    procedure: str
    obligations: Tuple[Obligation, ...]
    citation: Citation


@dataclass(frozen=True)
class Exclusion:
    """A subject outside the main process, and where it goes instead (``ukc_exclusion``).

    Attributes:
        id: stable ID, e.g. ``"councillor-conduct"``.
        subject: what is excluded.
        route: how it is handled instead (a :class:`Route`).
        destination: where the customer goes instead, in plain English, or "".
        procedure: ID of the procedure it goes to (``"separate-procedure"``), or "".
        external_body: ID of the external body it goes to, or "".
        feedback_kind: ID of the kind it becomes (``"reclassified"``), or "".
        citation: the rule's source.
    """

    id: str
    subject: str
    route: Route  # type: ignore[valid-type]
    destination: str
    procedure: str
    external_body: str
    feedback_kind: str
    citation: Citation


@dataclass(frozen=True)
class TimeLimit(_Timed):
    """A time limit on the customer, or on the process (``ukc_time_limit``).

    Attributes:
        id: stable ID, e.g. ``"bring-complaint"``.
        kind: what it limits (a :class:`LimitKind`).
        procedure: ID of the procedure it applies to, or "" for all.
        stage: ID of the stage it applies to, or "" for all.
        text: the limit in plain English.
        time: the :class:`Timescale` (also read as ``.count``, ``.unit``...).
        exception: its exception, or "".
        exception_citation: the exception's source (false when none).
        citation: the rule's source.
    """

    id: str
    kind: LimitKind  # type: ignore[valid-type]
    procedure: str
    stage: str
    text: str
    time: Timescale
    exception: str
    exception_citation: Citation
    citation: Citation
    _address: int = field(default=0, repr=False, compare=False)
    _serial: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True)
class Ground:
    """One ground for an action, e.g. a reason to suspend (``ukc_ground``).

    Attributes:
        id: stable within the action, e.g. ``"court-proceedings"``.
        text: the ground.
        citation: its source.
    """

    id: str
    text: str
    citation: Citation


@dataclass(frozen=True)
class CaseAction:
    """An action a case may take, and its conditions (``ukc_case_action``).

    Attributes:
        id: stable ID, e.g. ``"discontinue"``.
        kind: the :class:`ActionKind`.
        procedure: ID of the procedure it applies to, or "" for all.
        decided_by: who decides, or "".
        conditions: when it may be taken, or "".
        grounds: the :class:`Ground` objects it may be taken on.
        min_attempts: for discontinuation, the contact attempts needed first (0: unset).
        different_methods: for discontinuation, whether the attempts must use different methods.
        in_writing: whether the decision is sent in writing (an :class:`Answer`).
        appeal_to_council: whether the customer may appeal to the council (an :class:`Answer`).
        external_body: ID of the body the customer may go to about it, or "".
        obligations: the :class:`Obligation` objects it creates.
        citation: the rule's source.
    """

    id: str
    kind: ActionKind  # type: ignore[valid-type]
    procedure: str
    decided_by: str
    conditions: str
    grounds: Tuple[Ground, ...]
    min_attempts: int
    different_methods: bool
    in_writing: Answer  # type: ignore[valid-type]
    appeal_to_council: Answer  # type: ignore[valid-type]
    external_body: str
    obligations: Tuple[Obligation, ...]
    citation: Citation


@dataclass(frozen=True)
class DeemedReceipt(_Timed):
    """When a response sent by a delivery method is deemed received (``ukc_deemed_receipt``).

    Attributes:
        method: the :class:`Delivery` method.
        time: count and unit from the sending; a count of 0 is the day it is sent.
        citation: the rule's source.
    """

    method: Delivery  # type: ignore[valid-type]
    time: Timescale
    citation: Citation


@dataclass(frozen=True)
class ExternalBody:
    """A body outside the council the customer may go to (``ukc_external_body``).

    Attributes:
        id: stable ID, e.g. ``"lgsco"``.
        name: its name as the source gives it.
        when: when the customer may go there, or "".
        contact: how to reach it, or "".
        citation: the rule's source.
    """

    id: str
    name: str
    when: str
    contact: str
    citation: Citation


@dataclass(frozen=True)
class WorkingDays:
    """Which days are working days, and how a receipt on another day is treated.

    Attributes:
        calendar: the built-in calendar's name, e.g. ``"england-and-wales"``.
        calendar_stated: whether the source defines the working days (False: the library's default).
        receipt: the :class:`~ukcomplaints.Receipt` convention.
        receipt_stated: whether the source states it.
        note: why a default was chosen, or "".
        citation: the source (false when both are defaults).
    """

    calendar: str
    calendar_stated: bool
    receipt: Receipt
    receipt_stated: bool
    note: str
    citation: Citation


@dataclass(frozen=True)
class Document:
    """A source document of a policy (``ukc_document``).

    Attributes:
        title: the council's own title; citations name it.
        date: its date or version as the document gives it, or "".
        note: anything about the text, or "".
    """

    title: str
    date: str
    note: str


@dataclass(frozen=True)
class PolicyProblem:
    """One problem :meth:`Policy.check` found (``ukc_policy_problem``).

    Attributes:
        id: the policy-error :class:`~ukcomplaints.Id`, e.g. ``Id.P004_MISSING_CITATION``.
        code: its code, e.g. ``"UKC-P004"``.
        status: the :class:`~ukcomplaints.Status` a load would fail with.
        message: the message, starting with the code.
        path: the JSON path, e.g. ``$.procedures[0].stages[1]``, or "".
        line: 1-based line, or 0 when unknown.
        column: 1-based column, or 0 when unknown.
    """

    id: Union[Id, int]  # type: ignore[valid-type]
    code: str
    status: Union[Status, int]
    message: str
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line else ""
        return f"{where}{self.message}"


def _status(n: int) -> Union[Status, int]:
    try:
        return Status(n)
    except ValueError:
        return n


# ---------------------------------------------------------------------------
# The rules, read from the library's JSON
# ---------------------------------------------------------------------------
#
# A policy's rules are read from the document the library gives
# (ukc_policy_to_json: for a policy based on a model, the merged document), with
# the defaults the library itself gives a member the document leaves out
# (lib/policy_build.c): "" for a string, 0 for a number, false for a flag, the
# first name for an enumeration, the policy's calendar for a timescale's. The
# C records are only walked, with the _at functions, to know the address of
# each rule, which the library's look-ups, routings and due dates hand back.

_stage_at = _lib.bind("ukc_procedure_stage_at", _P(CStage), [_P(CProcedure), _size])
_stage_obligation_at = _lib.bind("ukc_stage_obligation_at", _P(CObligation), [_P(CStage), _size])
_kind_obligation_at = _lib.bind("ukc_feedback_definition_obligation_at", _P(CObligation),
                                [_P(CFeedbackDefinition), _size])
_action_obligation_at = _lib.bind("ukc_case_action_obligation_at", _P(CObligation),
                                  [_P(CCaseAction), _size])
_ground_at = _lib.bind("ukc_case_action_ground_at", _P(CGround), [_P(CCaseAction), _size])


def _address(ptr: Any) -> int:
    """The address of the record a C pointer points to (0 for NULL)."""
    return ctypes.cast(ptr, _vp).value or 0


def _enum(cls: Any, j: Dict[str, Any], key: str) -> Any:
    """A member's enumeration: its name, else the enumeration's first."""
    v = j.get(key)
    return cls(v) if isinstance(v, str) else cls.from_code(0)


def _jstr(j: Dict[str, Any], key: str) -> str:
    v = j.get(key)
    return v if isinstance(v, str) else ""


def _int32(j: Dict[str, Any], key: str) -> int:
    v = j.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) else 0


class _Reader:
    """Builds a policy's rules from its document, walking its C records beside it."""

    def __init__(self, ptr: int, doc: Dict[str, Any], serial: int) -> None:
        self.ptr, self.doc, self.serial = ptr, doc, serial
        self.docs = doc.get("documents") or []
        self.calendar = _jstr(doc.get("working_days") or {}, "calendar")
        self.by_address: Dict[int, Any] = {}

    def list(self, key: str, count: Any, at: Any, make_: Any) -> Tuple[Any, ...]:
        """The rules of one of the policy's lists."""
        return self.inner(self.ptr, self.doc.get(key) or [], count(self.ptr), at, make_)

    def inner(self, owner: Any, items: List[Any], count: int, at: Any,
              make_: Any) -> Tuple[Any, ...]:
        """The rules of a list: make_(member, record, index) for each of the
        document's members and the record at(owner, index) the library has for
        it, kept under the record's address."""
        if len(items) != count:
            raise make(Status.INTERNAL, f"the policy's JSON has {len(items)} rules in a list "
                       f"where its records have {count}")
        rules = []
        for i, j in enumerate(items):
            ptr = at(owner, i)
            rule = make_(j, ptr, i)
            self.by_address[_address(ptr)] = rule
            rules.append(rule)
        return tuple(rules)

    def citation(self, j: Optional[Dict[str, Any]]) -> Citation:
        """A citation; its source is its own, else its document's, else primary."""
        j = j if isinstance(j, dict) else {}
        source = j.get("source")
        if source is None:
            doc = next((d for d in self.docs if isinstance(j.get("document"), str)
                        and d.get("title") == j.get("document")), {})
            source = doc.get("source", "primary")
        return Citation(_jstr(j, "document"), _jstr(j, "section"), _jstr(j, "quote"), source)

    def timescale(self, j: Optional[Dict[str, Any]]) -> Timescale:
        j = j if isinstance(j, dict) else {}
        return Timescale(
            count=_int32(j, "count"), maximum=_int32(j, "maximum") or None,
            range=j.get("range") is True, unit=_enum(Unit, j, "unit"),
            from_event=_enum(ClockEvent, j, "from"),
            calendar=_jstr(j, "calendar") if "calendar" in j else self.calendar,
            recurring=j.get("recurring") is True, unit_unclear=j.get("unit_unclear") is True,
            maximum_condition=_jstr(j, "maximum_condition"), note=_jstr(j, "note"))

    def obligation(self, j: Dict[str, Any], ptr: Any, i: int) -> Obligation:
        return Obligation(_jstr(j, "id"), _enum(ObligationKind, j, "kind"), _jstr(j, "text"),
                          _jstr(j, "condition"), self.timescale(j.get("time")),
                          self.citation(j.get("citation")), _address(ptr), self.serial)

    def obligations(self, j: Dict[str, Any], owner: Any, at: Any) -> Tuple[Obligation, ...]:
        return self.inner(owner, j.get("obligations") or [], owner.contents.obligation_count,
                          at, self.obligation)

    def stage(self, j: Dict[str, Any], ptr: Any, i: int) -> Stage:
        return Stage(_jstr(j, "id"), i + 1, _jstr(j, "name"), _jstr(j, "handler"),
                     _enum(Answer, j, "automatic"), _enum(Answer, j, "reasons_required"),
                     _enum(Answer, j, "acceptance_required"), _jstr(j, "entry"),
                     _jstr(j, "request_limit"), _jstr(j, "external_body"),
                     self.obligations(j, ptr, _stage_obligation_at),
                     self.citation(j.get("citation")))

    def procedure(self, j: Dict[str, Any], ptr: Any, i: int) -> Procedure:
        return Procedure(
            _jstr(j, "id"), _jstr(j, "name"), _jstr(j, "scope"), _enum(Answer, j, "statutory"),
            _jstr(j, "run_by"), _jstr(j, "external_body"), _jstr(j, "not_in_source"),
            self.citation(j.get("citation")),
            self.inner(ptr, j.get("stages") or [], ptr.contents.stage_count, _stage_at,
                       self.stage),
            _jstr(self.doc, "council"))

    def feedback_kind(self, j: Dict[str, Any], ptr: Any, i: int) -> FeedbackDefinition:
        return FeedbackDefinition(_jstr(j, "id"), _jstr(j, "name"), _jstr(j, "definition"),
                                  _jstr(j, "procedure"),
                                  self.obligations(j, ptr, _kind_obligation_at),
                                  self.citation(j.get("citation")))

    def exclusion(self, j: Dict[str, Any], ptr: Any, i: int) -> Exclusion:
        return Exclusion(_jstr(j, "id"), _jstr(j, "subject"), _enum(Route, j, "route"),
                         _jstr(j, "destination"), _jstr(j, "procedure"),
                         _jstr(j, "external_body"), _jstr(j, "feedback_kind"),
                         self.citation(j.get("citation")))

    def time_limit(self, j: Dict[str, Any], ptr: Any, i: int) -> TimeLimit:
        return TimeLimit(_jstr(j, "id"), _enum(LimitKind, j, "kind"), _jstr(j, "procedure"),
                         _jstr(j, "stage"), _jstr(j, "text"), self.timescale(j.get("time")),
                         _jstr(j, "exception"), self.citation(j.get("exception_citation")),
                         self.citation(j.get("citation")), _address(ptr), self.serial)

    def ground(self, j: Dict[str, Any], ptr: Any, i: int) -> Ground:
        return Ground(_jstr(j, "id"), _jstr(j, "text"), self.citation(j.get("citation")))

    def case_action(self, j: Dict[str, Any], ptr: Any, i: int) -> CaseAction:
        grounds = self.inner(ptr, j.get("grounds") or [], ptr.contents.ground_count,
                             _ground_at, self.ground)
        return CaseAction(_jstr(j, "id"), _enum(ActionKind, j, "kind"), _jstr(j, "procedure"),
                          _jstr(j, "decided_by"), _jstr(j, "conditions"), grounds,
                          _int32(j, "min_attempts"), j.get("different_methods") is True,
                          _enum(Answer, j, "in_writing"), _enum(Answer, j, "appeal_to_council"),
                          _jstr(j, "external_body"),
                          self.obligations(j, ptr, _action_obligation_at),
                          self.citation(j.get("citation")))

    def deemed_receipt(self, j: Dict[str, Any], ptr: Any, i: int) -> DeemedReceipt:
        return DeemedReceipt(_enum(Delivery, j, "method"), self.timescale(j.get("time")),
                             self.citation(j.get("citation")))

    def external_body(self, j: Dict[str, Any], ptr: Any, i: int) -> ExternalBody:
        return ExternalBody(_jstr(j, "id"), _jstr(j, "name"), _jstr(j, "when"),
                            _jstr(j, "contact"), self.citation(j.get("citation")))

    def working_days(self) -> WorkingDays:
        w = self.doc.get("working_days") or {}
        return WorkingDays(_jstr(w, "calendar"), w.get("calendar_stated") is True,
                           _enum(Receipt, w, "receipt"), w.get("receipt_stated") is True,
                           _jstr(w, "note"), self.citation(w.get("citation")))


class _Rules:
    """Every rule of a policy, read once."""

    __slots__ = ("documents", "working_days", "procedures", "feedback_kinds", "exclusions",
                 "time_limits", "case_actions", "deemed_receipts", "external_bodies",
                 "by_address")

    def __init__(self, ptr: int, document: str, serial: int) -> None:
        r = _Reader(ptr, json.loads(document), serial)
        if len(r.docs) != _document_count(ptr):
            raise make(Status.INTERNAL, "the policy's JSON and its records differ in documents")
        self.documents = tuple(Document(_jstr(d, "title"), _jstr(d, "date"), _jstr(d, "note"))
                               for d in r.docs)
        self.working_days = r.working_days()
        self.procedures = r.list("procedures", _procedure_count, _procedure_at, r.procedure)
        self.feedback_kinds = r.list("feedback_kinds", _kind_count, _kind_at, r.feedback_kind)
        self.exclusions = r.list("exclusions", _exclusion_count, _exclusion_at, r.exclusion)
        self.time_limits = r.list("time_limits", _limit_count, _limit_at, r.time_limit)
        self.case_actions = r.list("case_actions", _action_count, _action_at, r.case_action)
        self.deemed_receipts = r.list("deemed_receipt", _deemed_count, _deemed_at,
                                      r.deemed_receipt)
        self.external_bodies = r.list("external_bodies", _body_count, _body_at,
                                      r.external_body)
        self.by_address = r.by_address


# ---------------------------------------------------------------------------
# Policy
# ---------------------------------------------------------------------------

def _closed() -> Any:
    raise ClosedError("the policy is closed")


def _doc_bytes(source: Union[str, bytes, bytearray, memoryview], what: str) -> bytes:
    if isinstance(source, str):
        try:
            return source.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise make(Status.INVALID_UTF8, f"{what} is not valid Unicode text "
                       f"(a lone surrogate at index {exc.start})",
                   offset=len(source[:exc.start].encode("utf-8", "surrogatepass"))) from None
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    raise TypeError(f"{what} must be a str or bytes, not {type(source).__name__}")


class Policy:
    """A council's complaint policy (``ukc_policy``), immutable once loaded.

    Make one with :meth:`builtin` (``"kent"``, ``"warwickshire"``, ``"derby"``,
    ``"unnamed-unitary-004"``), :meth:`load` (a format-1 JSON file, see
    docs/policy-format.md) or :meth:`from_json`. Loading validates
    everything; a bad document raises an :class:`~ukcomplaints.Error` whose
    message starts with its ``UKC-Pnnn`` code, with the JSON ``path`` and,
    where known, ``line`` and ``column``. :meth:`check` lists every problem.

    A loaded policy's C handle is released once: by :meth:`close`, by leaving
    a ``with`` block, or when the object is garbage-collected. Cases and
    routings made under a policy keep its handle, so closing the policy while
    they are open releases it only when the last of them goes. Built-in
    policies belong to the library and are never released. Any number of
    threads may use one policy at once; do not close it while another thread
    is using it.
    """

    __slots__ = ("_h", "_builtin", "_serial", "_cache", "__weakref__")

    _h: Optional[_lib.Handle]

    def __init__(self) -> None:
        raise TypeError("make a Policy with Policy.builtin(name), Policy.load(path) or "
                        "Policy.from_json(text)")

    @classmethod
    def _make(cls, ptr: int, builtin: bool) -> "Policy":
        self = object.__new__(cls)
        self._h = _lib.Handle(ptr, None if builtin else _free)
        self._builtin = builtin
        self._serial = next(_serials)
        self._cache: Dict[str, Any] = {}
        return self

    def _share(self) -> "Policy":
        """Another Policy object on the same handle, for objects that point into
        the policy (cases): it stays open when the caller closes theirs."""
        self._ptr()
        other = object.__new__(Policy)
        other._h = self._h
        other._builtin = self._builtin
        other._serial = self._serial
        other._cache = self._cache
        return other

    # -- making policies ------------------------------------------------------

    @classmethod
    def builtin(cls, name: str) -> "Policy":
        """A built-in policy by name (``ukc_policy_builtin``).

        Raises :class:`~ukcomplaints.NotFoundError` for an unknown name.
        """
        out = _vp()
        st = _builtin(cstr(name, "name"), _byref(out))
        if st:
            fail(st)
        return cls._make(out.value, True)  # type: ignore[arg-type]

    @staticmethod
    def builtins() -> List[str]:
        """The names of the built-in policies (``ukc_policy_builtin_name``)."""
        return [text(_builtin_name(i)) for i in range(_builtin_count())]

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Policy":
        """Load and validate a policy file (``ukc_policy_load_file``).

        Raises :class:`~ukcomplaints.IoError`, :class:`~ukcomplaints.ParseError`,
        :class:`~ukcomplaints.InvalidUtf8Error`, :class:`~ukcomplaints.VersionError`,
        :class:`~ukcomplaints.InvalidDataError` (message starting ``UKC-Pnnn``)...
        """
        raw = os.fsencode(path)
        if b"\0" in raw:
            raise make(Status.INVALID_ARGUMENT, "the path holds a NUL character")
        out = _vp()
        st = _load_file(raw, _byref(out))
        if st:
            fail(st)
        return cls._make(out.value, False)  # type: ignore[arg-type]

    @classmethod
    def from_json(cls, source: Union[str, bytes, bytearray, memoryview]) -> "Policy":
        """Load and validate a policy from its JSON text (``ukc_policy_load_json``).

        ``source`` is a str or UTF-8 bytes; errors as for :meth:`load`.
        """
        data = _doc_bytes(source, "the policy document")
        out = _vp()
        st = _load_json(data, len(data), _byref(out))
        if st:
            fail(st)
        return cls._make(out.value, False)  # type: ignore[arg-type]

    @staticmethod
    def check(source: Union[str, bytes, bytearray, memoryview]) -> List[PolicyProblem]:
        """Every problem of a policy document, in document order (``ukc_policy_check_json``).

        An empty list means the document loads. Each :class:`PolicyProblem`
        has its ``UKC-Pnnn`` ``id`` and ``code``, the ``status`` a load would
        fail with, the ``message``, and the ``path``, ``line`` and ``column``.
        """
        data = _doc_bytes(source, "the policy document")
        out = _vp()
        st = _check_json(data, len(data), _byref(out))
        if st:
            fail(st)
        report = out.value
        try:
            problems = []
            for i in range(_report_count(report)):
                p = _report_problem(report, i).contents
                problems.append(PolicyProblem(as_id(p.id), text(p.code), _status(p.status),
                                              text(p.message), text(p.path), p.line, p.column))
            return problems
        finally:
            _lib.release(_report_free, report)

    # -- life cycle -----------------------------------------------------------

    def _ptr(self) -> int:
        h = self._h
        if h is None or h.ptr is None:
            _closed()
        return h.ptr  # type: ignore[union-attr,return-value]

    def close(self) -> None:
        """Release the policy (a no-op for a built-in one). Safe to call more than once.

        Cases and routings made under it keep it until they are released.
        """
        if not self._builtin:
            self._h = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has released the policy."""
        return self._h is None

    @property
    def is_builtin(self) -> bool:
        """Whether the policy is one of the library's built-in policies."""
        return self._builtin

    def __enter__(self) -> "Policy":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._h is None:
            return "<Policy (closed)>"
        kind = " built-in" if self._builtin else ""
        return (f"<Policy{kind} {self.id!r}: {self.council}, {len(self.procedures)} "
                f"procedures, {len(self.feedback_kinds)} feedback kinds>")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Policy):
            return NotImplemented
        return self._h is not None and other._h is not None and self._h.ptr == other._h.ptr

    def __hash__(self) -> int:
        return hash(self._h.ptr if self._h is not None else id(self))

    # -- about the policy -------------------------------------------------------

    @property
    def id(self) -> str:
        """The policy's ID, e.g. ``"kent"`` (``ukc_policy_id``)."""
        return text(_id(self._ptr()))

    @property
    def council(self) -> str:
        """The council's name, e.g. ``"Kent County Council"`` (``ukc_policy_council``)."""
        return text(_council(self._ptr()))

    @property
    def note(self) -> str:
        """The policy's general note: what it covers, what its sources lack (``ukc_policy_note``)."""
        return text(_note(self._ptr()))

    def _cached(self, key: str, make_: Any) -> Any:
        ptr = self._ptr()
        try:
            return self._cache[key]
        except KeyError:
            value = make_(ptr)
            self._cache[key] = value
            return value

    def _rules(self) -> _Rules:
        """The rules, read from the library's JSON once and kept."""
        def read(ptr: int) -> _Rules:
            return _Rules(ptr, self.to_json(), self._serial)
        return self._cached("rules", read)  # type: ignore[no-any-return]

    def _rule(self, ptr: Any) -> Any:
        """The rule the library handed out at C pointer ``ptr``."""
        try:
            return self._rules().by_address[_address(ptr)]
        except KeyError:
            raise make(Status.INTERNAL, "the library handed out a rule the policy's JSON "
                       "does not hold") from None

    @property
    def documents(self) -> Tuple[Document, ...]:
        """The source documents (``ukc_policy_document``)."""
        return self._rules().documents

    @property
    def working_days(self) -> WorkingDays:
        """The working-day definition and receipt convention (``ukc_policy_working_days``)."""
        return self._rules().working_days

    @property
    def calendar(self) -> Calendar:
        """The built-in :class:`~ukcomplaints.Calendar` of the policy's working days
        (``ukc_policy_calendar``)."""
        out = _vp()
        st = _calendar(self._ptr(), _byref(out))
        if st:
            fail(st)
        return Calendar(text(_name_of_calendar(out.value)))

    @property
    def procedures(self) -> Tuple[Procedure, ...]:
        """The procedures (``ukc_policy_procedure_at``)."""
        return self._rules().procedures

    @property
    def feedback_kinds(self) -> Tuple[FeedbackDefinition, ...]:
        """The kinds of feedback the policy defines (``ukc_policy_feedback_kind_at``)."""
        return self._rules().feedback_kinds

    @property
    def exclusions(self) -> Tuple[Exclusion, ...]:
        """The subjects outside the main process (``ukc_policy_exclusion_at``)."""
        return self._rules().exclusions

    @property
    def time_limits(self) -> Tuple[TimeLimit, ...]:
        """The time limits (``ukc_policy_time_limit_at``)."""
        return self._rules().time_limits

    @property
    def case_actions(self) -> Tuple[CaseAction, ...]:
        """The actions a case may take (``ukc_policy_case_action_at``)."""
        return self._rules().case_actions

    @property
    def deemed_receipts(self) -> Tuple[DeemedReceipt, ...]:
        """The deemed-receipt rules (``ukc_policy_deemed_receipt_at``)."""
        return self._rules().deemed_receipts

    @property
    def external_bodies(self) -> Tuple[ExternalBody, ...]:
        """The bodies outside the council the customer may go to (``ukc_policy_external_body_at``)."""
        return self._rules().external_bodies

    def to_json(self) -> str:
        """The policy as a format-1 JSON document that loads back to the same policy
        (``ukc_policy_to_json``)."""
        out = _vp()
        st = _to_json(self._ptr(), _byref(out))
        if st:
            fail(st)
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            _ukc_free(out)

    # -- rules by ID: the library's own look-ups and their errors ----------------

    def _lookup(self, fn: Any, ctype: Any, *args: Any) -> Any:
        """The rule a library look-up finds, with the look-up's own errors."""
        out = _P(ctype)()
        st = fn(self._ptr(), *args, _byref(out))
        if st:
            fail(st)
        return self._rule(out)

    def procedure(self, id: str) -> Procedure:
        """The procedure with that ID (``ukc_policy_procedure``); :class:`~ukcomplaints.NotFoundError`
        if none."""
        return self._lookup(_procedure, CProcedure, cstr(id, "procedure"))  # type: ignore[no-any-return]

    def stage(self, procedure: str, stage: str) -> Stage:
        """A stage of a procedure (``ukc_policy_stage``).

        :class:`~ukcomplaints.NotFoundError` for an unknown procedure or stage;
        :class:`~ukcomplaints.NotSetError` when the source does not give the
        procedure's stages.
        """
        return self._lookup(_stage, CStage, cstr(procedure, "procedure"),  # type: ignore[no-any-return]
                            cstr(stage, "stage"))

    def stage_obligation(self, procedure: str, stage: str, obligation: str) -> Obligation:
        """An obligation of a stage (``ukc_policy_stage_obligation``).

        :class:`~ukcomplaints.NotSetError` when the policy sets no such
        obligation for the stage, or its source lacks the stages.
        """
        return self._lookup(_stage_obligation, CObligation,  # type: ignore[no-any-return]
                            cstr(procedure, "procedure"), cstr(stage, "stage"),
                            cstr(obligation, "obligation"))

    def feedback_kind(self, id: str) -> FeedbackDefinition:
        """A feedback kind by ID (``ukc_policy_feedback_kind``); :class:`~ukcomplaints.NotSetError`
        when the policy does not define it."""
        return self._lookup(_kind, CFeedbackDefinition,  # type: ignore[no-any-return]
                            cstr(id, "feedback kind"))

    def feedback_obligation(self, kind: str, obligation: str) -> Obligation:
        """An obligation of a feedback kind (``ukc_policy_feedback_obligation``);
        :class:`~ukcomplaints.NotSetError` when none is set."""
        return self._lookup(_kind_obligation, CObligation,  # type: ignore[no-any-return]
                            cstr(kind, "feedback kind"), cstr(obligation, "obligation"))

    def exclusion(self, id: str) -> Exclusion:
        """An exclusion by ID (``ukc_policy_exclusion``); :class:`~ukcomplaints.NotSetError` if none."""
        return self._lookup(_exclusion, CExclusion, cstr(id, "exclusion"))  # type: ignore[no-any-return]

    def time_limit(self, id: str) -> TimeLimit:
        """A time limit by ID (``ukc_policy_time_limit``); :class:`~ukcomplaints.NotSetError` if none."""
        return self._lookup(_limit, CTimeLimit, cstr(id, "time limit"))  # type: ignore[no-any-return]

    def case_action(self, kind: Union[ActionKind, str],  # type: ignore[valid-type]
                    procedure: Optional[str] = None) -> CaseAction:
        """The rule for an action in a procedure, else the general one
        (``ukc_policy_case_action``); :class:`~ukcomplaints.NotSetError` when
        the policy states none."""
        code = ActionKind.coerce(kind, "case action").code
        proc = None if procedure is None else cstr(procedure, "procedure")
        return self._lookup(_action, CCaseAction, code, proc)  # type: ignore[no-any-return]

    def deemed_receipt(self, method: Union[Delivery, str]) -> DeemedReceipt:  # type: ignore[valid-type]
        """The deemed-receipt rule of a delivery method (``ukc_policy_deemed_receipt``);
        :class:`~ukcomplaints.NotSetError` when the policy states none."""
        return self._lookup(_deemed, CDeemedReceipt,  # type: ignore[no-any-return]
                            Delivery.coerce(method, "delivery").code)

    def external_body(self, id: str) -> ExternalBody:
        """An external body by ID (``ukc_policy_external_body``);
        :class:`~ukcomplaints.NotSetError` if the policy names none."""
        return self._lookup(_body, CExternalBody, cstr(id, "external body"))  # type: ignore[no-any-return]

    # -- routing ------------------------------------------------------------------

    def route(self, record: Any = None, **fields: Any) -> Any:
        """Route a piece of feedback under this policy (``ukc_route_feedback``).

        ``record`` is a :class:`~ukcomplaints.FeedbackRecord` or a dict of its
        fields; keywords add or override fields::

            policy.route(text="The bins were missed again", received=date(2024, 4, 15))

        Returns a :class:`~ukcomplaints.Routing`. Raises
        :class:`~ukcomplaints.NotFoundError` when an override names no kind,
        procedure or exclusion of the policy, :class:`~ukcomplaints.InvalidUtf8Error`,
        :class:`~ukcomplaints.TooLongError`, :class:`~ukcomplaints.OutOfRangeError`,
        and :class:`TypeError` for an unknown field. Any number of threads may
        route with one policy at once.
        """
        from .route import route
        return route(self, record, **fields)

    # -- due dates ----------------------------------------------------------------

    def _owned(self, rule: Any, what: str) -> int:
        self._ptr()
        if getattr(rule, "_serial", None) != self._serial or not rule._address:
            raise make(Status.INVALID_ARGUMENT, f"the {what} does not belong to this policy")
        return rule._address  # type: ignore[no-any-return]

    def due(self, rule: Union[Obligation, TimeLimit], start: DateLike, *,
            maximum: bool = False) -> datetime.date:
        """The due date of a rule's timescale from its clock event ``start`` (day 0)
        (``ukc_policy_due``).

        ``maximum=True`` gives the maximum's date (:class:`~ukcomplaints.NotSetError`
        when the rule has none).
        """
        kind = "obligation" if isinstance(rule, Obligation) else "time limit"
        addr = self._owned(rule, kind)
        ctype = CObligation if isinstance(rule, Obligation) else CTimeLimit
        c = ctype.from_address(addr)
        out = _i32()
        st = _due(self._ptr(), c.time, 1 if maximum else 0, to_day_number(start),
                  _byref(out))
        if st:
            fail(st)
        return from_day_number(out.value)

    def explain_obligation(self, obligation: Obligation, start: DateLike, *,
                           maximum: bool = False) -> Explanation:
        """The due date of one of this policy's obligations with its explanation
        (``ukc_policy_explain_obligation``): the calendar's steps and a
        ``UKC-E009`` step giving the rule and its citation."""
        addr = self._owned(obligation, "obligation")
        out = _vp()
        st = _explain_obligation(self._ptr(), ctypes.cast(addr, _P(CObligation)),
                                 1 if maximum else 0, to_day_number(start), _byref(out))
        if st:
            fail(st)
        return Explanation._adopt(out.value)  # type: ignore[arg-type]

    def explain_time_limit(self, limit: TimeLimit, start: DateLike) -> Explanation:
        """The last day of one of this policy's time limits with its explanation
        (``ukc_policy_explain_time_limit``)."""
        addr = self._owned(limit, "time limit")
        out = _vp()
        st = _explain_limit(self._ptr(), ctypes.cast(addr, _P(CTimeLimit)),
                            to_day_number(start), _byref(out))
        if st:
            fail(st)
        return Explanation._adopt(out.value)  # type: ignore[arg-type]

    def explain_deemed_receipt(self, method: Union[Delivery, str],  # type: ignore[valid-type]
                               sent: DateLike) -> Explanation:
        """The day a response sent by ``method`` on ``sent`` is deemed received, with
        its explanation (``ukc_policy_explain_deemed_receipt``)."""
        out = _vp()
        st = _explain_deemed(self._ptr(), Delivery.coerce(method, "delivery").code,
                             to_day_number(sent), _byref(out))
        if st:
            fail(st)
        return Explanation._adopt(out.value)  # type: ignore[arg-type]


_name_of_calendar = _lib.bind("ukc_calendar_name", _str, [_vp])
