"""ukcomplaints: UK council complaint policies as code, from Python.

A pure-Python ctypes binding of the C library ``libukcomplaints``: working-day
calendars on UK bank holidays, explained deadlines, dates, the permanent
answer IDs, councils' complaint policies, the classification and routing of
feedback, and cases moving through a council's procedure. Dates are :class:`datetime.date`; errors are :class:`Error`
subclasses carrying the library's detail.

    >>> from datetime import date
    >>> from ukcomplaints import Calendar
    >>> cal = Calendar("england-and-wales")
    >>> cal.add_working_days(date(2024, 12, 20), 5)
    datetime.date(2024, 12, 31)

The shared library is found through ``UKC_LIBRARY`` (a path), then the
installed ``libukcomplaints.so.0``, then a checkout's ``build*/lib``.
"""

from __future__ import annotations

import ctypes

from . import _lib
from ._lib import LibraryError
from ._types import DayKind, Receipt
from .calendar import CALENDAR_FIRST, CALENDAR_LAST, Calendar, Holiday
from .dates import (DATE_MAX, DATE_MIN, DateLike, Weekday, add_days, add_months, add_weeks,
                    date_from_ymd, date_to_ymd, format_date, from_day_number, parse_date,
                    to_day_number, weekday, weekday_name)
from .errors import (BufferTooSmallError, ClosedError, Error, InternalError,
                     InvalidArgumentError, InvalidDataError, InvalidUtf8Error, IoError,
                     NoMemoryError, NotFoundError, NotSetError, OutOfRangeError, ParseError,
                     StateError, Status, TooDeepError, TooLongError, TooManyError,
                     VersionError, status_name, status_str)
from .explain import Explanation, Step
from .case import (CASE_FORMAT, CASE_MAX_EVENTS, Case, CaseObligation, CaseStatus, Decision,
                   Event, EventKind, ObligationState, Party, Suspension)
from .classify import (CLASSIFY_MAX_LENGTH, Classification, Contribution, Evidence, FeedbackKind,
                       classify, feedback_kind)
from .ids import Id, id_code, id_from_code, id_slug, id_summary
from .route import (Channel, ExclusionAnswer, FeedbackRecord, KindAnswer, ProcedureAnswer,
                    Routing, RoutingAnswer, RoutingObligation, RoutingState, TimeLimitAnswer)
from .policy import (POLICY_FORMAT, ActionKind, Answer, CaseAction, Citation, ClockEvent,
                     DeemedReceipt, Delivery, Document, Exclusion, ExternalBody,
                     FeedbackDefinition, Ground, LimitKind, Obligation, ObligationKind, Policy,
                     PolicyProblem, Procedure, Route, Stage, TimeLimit, Timescale, Unit,
                     WorkingDays)

__all__ = [
    "__version__",
    "version",
    "version_number",
    "library_path",
    "LibraryError",
    # calendar
    "Calendar",
    "Holiday",
    "DayKind",
    "Receipt",
    "CALENDAR_FIRST",
    "CALENDAR_LAST",
    # case
    "Case",
    "Event",
    "Decision",
    "CaseObligation",
    "EventKind",
    "CaseStatus",
    "Suspension",
    "ObligationState",
    "Party",
    "CASE_FORMAT",
    "CASE_MAX_EVENTS",
    # classify
    "classify",
    "Classification",
    "Contribution",
    "Evidence",
    "FeedbackKind",
    "feedback_kind",
    "CLASSIFY_MAX_LENGTH",
    # route
    "FeedbackRecord",
    "Routing",
    "RoutingAnswer",
    "KindAnswer",
    "ExclusionAnswer",
    "ProcedureAnswer",
    "TimeLimitAnswer",
    "RoutingObligation",
    "RoutingState",
    "Channel",
    # policy
    "Policy",
    "PolicyProblem",
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
    "Unit",
    "ClockEvent",
    "ObligationKind",
    "Route",
    "LimitKind",
    "ActionKind",
    "Delivery",
    "Answer",
    "POLICY_FORMAT",
    # explain
    "Explanation",
    "Step",
    # date
    "DateLike",
    "Weekday",
    "DATE_MIN",
    "DATE_MAX",
    "to_day_number",
    "from_day_number",
    "date_from_ymd",
    "date_to_ymd",
    "parse_date",
    "format_date",
    "weekday",
    "weekday_name",
    "add_days",
    "add_weeks",
    "add_months",
    # ids
    "Id",
    "id_code",
    "id_slug",
    "id_summary",
    "id_from_code",
    # error
    "Status",
    "status_name",
    "status_str",
    "Error",
    "InvalidArgumentError",
    "ParseError",
    "OutOfRangeError",
    "NoMemoryError",
    "NotFoundError",
    "NotSetError",
    "IoError",
    "InvalidUtf8Error",
    "TooLongError",
    "TooDeepError",
    "InvalidDataError",
    "BufferTooSmallError",
    "VersionError",
    "StateError",
    "TooManyError",
    "InternalError",
    "ClosedError",
]

#: The version of this package.
__version__ = "0.1.0"

#: The path the shared library was loaded from.
library_path: str = _lib.library_path

_version_string = _lib.bind("ukc_version_string", ctypes.c_char_p, [])


def version() -> str:
    """The loaded library's version as text, e.g. ``"0.1.0"`` (``ukc_version_string``)."""
    return (_version_string() or b"").decode()


def version_number() -> int:
    """The loaded library's version, ``major * 10000 + minor * 100 + patch`` (``ukc_version_number``)."""
    return _lib.library_version
