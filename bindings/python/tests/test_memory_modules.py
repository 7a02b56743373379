"""No leaks in the policy, classification, routing and case bindings: 20,000
create/free cycles each, with RSS flat."""

from __future__ import annotations

import gc
from datetime import date

import ukcomplaints as u
from test_memory import rss

TEXT = "Siôn's bins 😡 were not collected again and I am still waiting for a reply."
LIMIT = 8 * 1024 * 1024


def flat(cycle, warm: int, n: int) -> None:
    cycle(warm)          # let the allocator reach its steady state
    gc.collect()
    before = rss()
    cycle(n)
    gc.collect()
    after = rss()
    assert after - before < LIMIT, (before, after)


def test_20000_cases_created_and_freed():
    warks = u.Policy.builtin("warwickshire")

    def cycle(k: int) -> None:
        for i in range(k):
            if i % 2:
                with u.Case(warks, "general", "complaint", received=date(2024, 4, 15)) as c:
                    c.apply("acknowledge", date(2024, 4, 16))
                    c.apply("request-escalation", date(2024, 4, 17))   # refused: R008
            else:
                c = u.Case(warks, "general", "complaint", received=date(2024, 4, 15))
                c.apply("respond", date(2024, 5, 2), delivery="second-class-post")
                c.obligations(date(2024, 5, 3), explain=i % 4 == 0)
                del c                                               # freed by its finaliser

    flat(cycle, 1000, 20_000)


def test_20000_classifications_created_and_freed():
    def cycle(k: int) -> None:
        for i in range(k):
            if i % 2:
                with u.classify(TEXT) as c:
                    c.to_json()
            else:
                c = u.classify(TEXT)
                del c

    flat(cycle, 1000, 20_000)


def test_routings_policies_and_restores_do_not_leak():
    warks = u.Policy.builtin("warwickshire")
    doc = warks.to_json()
    case = u.Case(warks, "general", "complaint", received=date(2024, 4, 15))
    case.apply("respond", date(2024, 5, 2), delivery="email")
    saved = case.to_json()

    def cycle(k: int) -> None:
        for i in range(k):
            r = warks.route(text=TEXT, received=date(2024, 4, 15))
            r.obligations[-1].explanation.to_json()
            u.Case.from_json(warks, saved).close()
            try:
                u.Policy.check("{")
                warks.stage_obligation("general", "stage-1", "acknowledge")
            except u.NotSetError:
                pass
            if i % 20 == 0:
                with u.Policy.from_json(doc) as p:
                    p.route(text=TEXT)

    flat(cycle, 300, 3000)
