#!/usr/bin/env python3
"""Generate a synthetic CRM export for `ukc audit`: deterministic for a seed,
standard library only.

usage: gen-export.py [--rows N] [--seed S] [--open K] [--wide] [--bad-every M] [OUT|-]

The event log (the default) has the columns case_id,procedure,kind,date,event,
method,reason. Cases follow Kent's corporate procedure: receive, acknowledge,
respond, sometimes an escalation and a second response, then close. About K
cases are in progress at once and their rows are interleaved, so a reader must
group by case; each case ends with its close row, so memory can be released as
cases close. --bad-every M makes every M-th row malformed (a bad date, an
unknown event or a wrong field count, in turn). --wide writes one row per case
with the columns Ref, Procedure, Date Received, Ack Sent, Response Date, Closed.
"""
import argparse
import datetime
import random
import sys

def working_days_after(day, n, rng):
    """n weekdays after day (bank holidays are not avoided: the data is synthetic)."""
    d = day
    while n > 0:
        d += datetime.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def case_events(rng, received):
    """The rows of one case as (date, event, method, reason)."""
    ev = [(received, "receive", "", "")]
    ack = working_days_after(received, rng.choice([1, 2, 3, 3, 4, 6]), rng)
    ev.append((ack, "acknowledge", "", ""))
    resp = working_days_after(received, rng.choice([5, 10, 15, 19, 20, 20, 22, 30]), rng)
    ev.append((resp, "respond", rng.choice(["email", "email", "first-class-post"]), ""))
    last = resp
    if rng.random() < 0.15:
        req = last + datetime.timedelta(days=rng.randint(3, 20))
        ev.append((req, "request-escalation", "", "Not resolved"))
        resp2 = working_days_after(req, rng.choice([10, 18, 20, 25, 40]), rng)
        ev.append((resp2, "respond", "email", ""))
        last = resp2
    ev.append((last + datetime.timedelta(days=rng.randint(1, 5)), "close", "", ""))
    return ev


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default="-")
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--open", type=int, default=1000, help="cases in progress at once")
    ap.add_argument("--wide", action="store_true")
    ap.add_argument("--bad-every", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    f = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    start = datetime.date(2022, 1, 3)
    number = 0
    written = 0

    def new_case():
        nonlocal number
        number += 1
        received = start + datetime.timedelta(days=number // 200)
        return [f"C{number:08d}", case_events(rng, received), 0]

    if args.wide:
        f.write("Ref,Procedure,Date Received,Ack Sent,Response Date,Closed\n")
        while written < args.rows:
            cid, ev, _ = new_case()
            d = {e: str(day) for day, e, _, _ in ev}
            f.write(f"{cid},corporate,{d['receive']},{d['acknowledge']},{d['respond']},{d['close']}\n")
            written += 1
        return
    f.write("case_id,procedure,kind,date,event,method,reason\n")
    active = [new_case() for _ in range(args.open)]
    kinds = ["date", "event", "fields"]
    while written < args.rows:
        i = rng.randrange(len(active))
        cid, ev, k = active[i]
        day, event, method, reason = ev[k]
        written += 1
        if args.bad_every and written % args.bad_every == 0:
            bad = kinds[(written // args.bad_every) % 3]
            if bad == "date":
                f.write(f"{cid},,,{day.year}-02-30,{event},{method},{reason}\n")
            elif bad == "event":
                f.write(f"{cid},,,{day},teleport,,\n")
            else:
                f.write(f"{cid},,,{day}\n")
        elif event == "receive":
            f.write(f"{cid},corporate,complaint,{day},receive,,\n")
        else:
            f.write(f"{cid},,,{day},{event},{method},{reason}\n")
        if k + 1 == len(ev):
            active[i] = new_case()
        else:
            active[i][2] = k + 1
    if f is not sys.stdout:
        f.close()


if __name__ == "__main__":
    main()
