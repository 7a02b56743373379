#!/usr/bin/env python3
"""ukc(1) and the bash completion: written from the tool's --help texts,
rendered without warnings, installed by meson install.

usage: test_ukc_docs.py PATH/TO/ukc PATH/TO/ukc.1 PATH/TO/completion BUILDDIR"""
import json
import os
import re
import shutil
import subprocess
import sys

UKC, MAN, COMPLETION, BUILD = sys.argv[1:5]
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def out(*args):
    return subprocess.run(args, capture_output=True, text=True)


COMMANDS = ["holidays", "deadline", "working-days", "classify", "policy", "case", "audit", "demo"]

# The page renders with no groff warnings, and says what each command's --help says.
if shutil.which("man"):
    p = out("man", "--warnings", "-l", MAN)
    env = dict(os.environ, MANWIDTH="200", MAN_KEEP_FORMATTING="")
    page = subprocess.run(["man", "-l", MAN], capture_output=True, text=True, env=env).stdout
    check("man renders", p.returncode == 0 and p.stderr == "", p.stderr)
    for name in COMMANDS:
        check(f"man has {name}", f"ukc {name}" in page)
        opts = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", out(UKC, name, "--help").stdout))
        missing = [o for o in opts if o not in page]
        check(f"man {name} options", not missing, missing)
    check("man exit status", "EXIT STATUS" in page and "bad usage or input" in page)
    check("man version", "ukcomplaints 0.1.0" in page)


# The completion: what bash offers after a few words.
def complete(*words):
    line = " ".join(words)
    script = (f'source "{COMPLETION}"; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; '
              '_ukc; printf "%s\\n" "${COMPREPLY[@]}"')
    return out("bash", "-c", script).stdout.split()


check("complete commands", complete("ukc", "") == [
    "holidays", "deadline", "working-days", "classify", "policy", "case", "audit", "demo",
    "--help", "--version"], complete("ukc", ""))
check("complete deadline options", {"--calendar", "--from", "--working-days", "--receipt",
                                   "--explain", "--json", "--help"}
      <= set(complete("ukc", "deadline", "--")), complete("ukc", "deadline", "--"))
check("complete calendar", complete("ukc", "holidays", "--calendar", "sc") == ["scotland"])
check("complete council", "warwickshire" in complete("ukc", "audit", "--council", "w"))
check("complete policy", complete("ukc", "policy", "") == ["list", "show", "check"])

# meson install puts both where man and bash-completion look.
p = out("meson", "introspect", BUILD, "--installed")
installed = json.loads(p.stdout).values() if p.returncode == 0 else []
check("installs man page", any(d.endswith("/man1/ukc.1") for d in installed), p.stderr)
check("installs completion", any(d.endswith("/bash-completion/completions/ukc")
                                 for d in installed), p.stderr)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
