#!/usr/bin/env python3
"""Run one example program and check that its output contains the line its
source promises (the comment at the top of each example says what it prints).

usage: run-example.py EXE EXPECTED-LINE [ARG...]"""
import subprocess
import sys

exe, expected, args = sys.argv[1], sys.argv[2], sys.argv[3:]
out = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60)
if out.returncode != 0:
    sys.exit(f"{exe} exited {out.returncode}: {out.stderr}")
if expected not in out.stdout.splitlines():
    sys.exit(f"{exe} printed {out.stdout!r}, expected a line {expected!r}")
