#!/usr/bin/env python3
"""Write ukc(1) or ukc's bash completion from the tool's own --help texts.

usage: gen-docs.py man|bash PATH/TO/ukc OUTPUT

The help texts are the one source: `ukc --help` gives the commands, the
options and the exit statuses, and `ukc COMMAND --help` each command's usage
and options, so the man page and the completion cannot drift from the tool.
"""
import os
import re
import subprocess
import sys


def helptext(ukc, *args):
    return subprocess.run([ukc, *args, "--help"], check=True, capture_output=True,
                          text=True).stdout


def sections(text):
    """The top-level help as {"": leading lines, "commands": [...], ...}."""
    out, name = {"": []}, ""
    for line in text.splitlines():
        m = re.fullmatch(r"([a-z][a-z ]*):", line)
        if m:
            name = m.group(1)
            out[name] = []
        else:
            out[name].append(line)
    return out


def commands(top):
    return [(m.group(1), m.group(2)) for m in
            (re.match(r"  (\S+)\s+(.*)", l) for l in top["commands"]) if m]


def roff(text):
    """Escape text for a no-fill block of roff."""
    lines = []
    for line in text.rstrip("\n").split("\n"):
        line = line.replace("\\", "\\e").replace("-", "\\-")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def paragraph(lines):
    text = " ".join(l.strip() for l in lines if l.strip())
    return roff(text)


def man(ukc):
    top = sections(helptext(ukc))
    version = subprocess.run([ukc, "--version"], check=True, capture_output=True,
                             text=True).stdout.split()[-1]
    usage = top[""][0].removeprefix("usage: ")
    summary = [l for l in top[""][1:] if l.strip()]
    notes = [l for l in top["options"] if l.strip() and not l.startswith("  ")]
    options = [l for l in top["options"] if l.startswith("  ")]
    status = [l for l in top["exit status"] if l.strip() and not l.startswith("ukcomplaints")]
    page = [f'.TH UKC 1 "" "ukcomplaints {version}" "User Commands"',
            ".SH NAME", "ukc \\- " + paragraph(summary).rstrip("."),
            ".SH SYNOPSIS", ".nf", roff(usage), ".fi"]
    for name, what in commands(top):
        page += [".br", roff(f"ukc {name} ...")]
    page += [".SH DESCRIPTION", paragraph(notes), ".PP", "Options of ukc itself:",
             ".nf", roff("\n".join(options)), ".fi", ".SH COMMANDS"]
    for name, what in commands(top):
        page += [f'.SS "ukc {roff(name)}"', paragraph([what[0].upper() + what[1:] + "."]),
                 ".PP", ".nf", roff(helptext(ukc, name)), ".fi"]
    page += ['.SH "EXIT STATUS"', ".nf", roff("\n".join(status)), ".fi",
             '.SH "SEE ALSO"',
             "The library's documentation, installed with it, and docs/ in its source: "
             "day\\-counting.md, cases.md, audit.md, routing.md, classification.md."]
    return "\n".join(page) + "\n"


def bash(ukc):
    top = sections(helptext(ukc))
    names = [n for n, _ in commands(top)]
    cases = []
    for name in names:
        opts = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", helptext(ukc, name))))
        words = " ".join(sorted(set(opts) | {"--help"}) + ["-h"])
        cases.append(f"        {name}) words='{words}' ;;")
    calendars = "england-and-wales scotland northern-ireland united-kingdom"
    councils = subprocess.run([ukc, "policy", "list", "--json"], check=True,
                              capture_output=True, text=True).stdout
    councils = " ".join(re.findall(r'"id": "([^"]+)"', councils))
    return f"""# bash completion for ukc, written from its --help texts by gen-docs.py
_ukc()
{{
    local cur prev
    cur=${{COMP_WORDS[COMP_CWORD]}}
    prev=${{COMP_WORDS[COMP_CWORD-1]}}
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W '{" ".join(names)} --help --version' -- "$cur"))
        return
    fi
    case $prev in
        --calendar)
            COMPREPLY=($(compgen -W '{calendars}' -- "$cur") $(compgen -f -- "$cur"))
            return ;;
        --division)
            COMPREPLY=($(compgen -W 'england-and-wales scotland northern-ireland' -- "$cur"))
            return ;;
        --council)
            COMPREPLY=($(compgen -W '{councils}' -- "$cur") $(compgen -f -- "$cur"))
            return ;;
        --receipt)
            COMPREPLY=($(compgen -W 'day-of-receipt next-working-day' -- "$cur"))
            return ;;
        --from|--to|--as-of|--received|--aware|--events|--working-days|--window)
            return ;;
    esac
    if [[ $COMP_CWORD -eq 2 && ${{COMP_WORDS[1]}} == policy ]]; then
        COMPREPLY=($(compgen -W 'list show check' -- "$cur"))
        return
    fi
    local words=''
    case ${{COMP_WORDS[1]}} in
{chr(10).join(cases)}
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _ukc ukc
"""


def main():
    what, ukc, output = sys.argv[1:4]
    text = man(ukc) if what == "man" else bash(ukc)
    with open(output + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(output + ".tmp", output)


if __name__ == "__main__":
    main()
