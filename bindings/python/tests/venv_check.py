"""README's virtual-environment route works offline.

    venv_check.py PYTHON SRCDIR LIBRARY WORKDIR

Runs, in a fresh directory under WORKDIR (the build tree), README.md's commands

    python3 -m venv --system-site-packages env
    env/bin/pip install --no-build-isolation bindings/python

on a copy of ``bindings/python`` (pip and setuptools write build files beside
the sources), with pip forbidden to reach any index (PIP_NO_INDEX), so that
Debian's python3-setuptools must be enough. Then ``env/bin/python`` imports the
package from ``/`` with no PYTHONPATH, from the environment's own
site-packages, and computes a deadline with the library at LIBRARY
(UKC_LIBRARY, as for a library that is not installed).

Run by ``meson test --suite python``; exits non-zero with the reason on failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile

# 2024-12-20 (Fri) + 5 working days in England and Wales: Mon 23 (1), Tue 24
# (2), Christmas Day and Boxing Day skipped, Fri 27 (3), Mon 30 (4), Tue 31 (5).
CHECK = r"""
import json, sys, sysconfig
from datetime import date
import ukcomplaints
cal = ukcomplaints.Calendar("england-and-wales")
print(json.dumps({"file": ukcomplaints.__file__, "purelib": sysconfig.get_path("purelib"),
                  "prefix": sys.prefix,
                  "due": cal.add_working_days(date(2024, 12, 20), 5).isoformat()}))
"""


def fail(msg: str) -> None:
    sys.exit(f"venv_check: {msg}")


def env_without_python_or_pip() -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV")) and k != "UKC_LIBRARY"}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHONDONTWRITEBYTECODE="1")
    return env


def run(cmd: list, what: str, **kw) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode:
        fail(f"{what} failed (exit {r.returncode}):\n$ {' '.join(cmd)}\n{r.stdout}{r.stderr}")
    return r.stdout


def main() -> None:
    python, srcdir, library, workdir = sys.argv[1:5]
    work = tempfile.mkdtemp(prefix="venv-check-", dir=workdir)
    try:
        check(python, srcdir, library, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(python: str, srcdir: str, library: str, work: str) -> None:
    shutil.copytree(os.path.join(srcdir, "bindings", "python"),
                    os.path.join(work, "bindings", "python"),
                    ignore=shutil.ignore_patterns("tests", "build", "*.egg-info",
                                                  "__pycache__"))
    env = env_without_python_or_pip()
    r = subprocess.run([python, "-m", "venv", "--system-site-packages", "env"], cwd=work,
                       env=env, capture_output=True, text=True)
    if r.returncode:
        fail("python3 -m venv failed; on Debian it needs python3-venv (README's first "
             f"command installs it):\n{r.stdout}{r.stderr}")
    run(["env/bin/pip", "install", "--no-build-isolation", "bindings/python"],
        "pip install --no-build-isolation (offline)", cwd=work, env=env)

    env["UKC_LIBRARY"] = library
    out = run([os.path.join(work, "env", "bin", "python"), "-c", CHECK], "import", cwd="/",
              env=env)
    got = json.loads(out.strip().splitlines()[-1])
    want = os.path.join(got["purelib"], "ukcomplaints", "__init__.py")
    if got["file"] != want or not got["purelib"].startswith(os.path.join(work, "env")):
        fail(f"imported {got['file']}, not the copy pip installed into the environment "
             f"({want})")
    if got["due"] != "2024-12-31":
        fail(f"2024-12-20 + 5 working days gave {got['due']}, not 2024-12-31")
    print(f"pip installed the package offline into {got['purelib']}")


if __name__ == "__main__":
    main()
