"""`meson install` puts the package where its interpreter looks, and it imports.

    install_check.py MESON BUILDDIR PYTHON SITE_DIR PREFIX LIBDIR [HTMLDIR]

Installs the whole build with ``meson install --destdir`` into a fresh
directory under BUILDDIR (nothing outside the build tree is touched), then:

1. the package and its ``_install_paths.py`` are in DESTDIR/SITE_DIR, and
   SITE_DIR is on the ``sys.path`` of PYTHON started from ``/`` with no
   PYTHONPATH: the interpreter itself would find the package there;
2. the installed package imports and computes a deadline, from ``/`` with no
   PYTHONPATH and no UKC_LIBRARY, loading the installed library through the
   directory the package remembers. Where the machine allows a private mount
   namespace (``unshare -rm``), DESTDIR/PREFIX is mounted over PREFIX in it, so
   the interpreter sees exactly what ``meson install`` would leave; otherwise
   DESTDIR/SITE_DIR takes SITE_DIR's place in ``sys.path`` and the installed
   library is loaded from DESTDIR/LIBDIR first.

With HTMLDIR, the Doxygen API reference must be installed there too.

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
import json, sys
from datetime import date
import ukcomplaints, ukcomplaints._install_paths as paths
cal = ukcomplaints.Calendar("england-and-wales")
print(json.dumps({"file": ukcomplaints.__file__, "library": ukcomplaints.library_path,
                  "libdir": paths.LIBDIR,
                  "due": cal.add_working_days(date(2024, 12, 20), 5).isoformat()}))
"""

SONAME = "libukcomplaints.so.0"


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTHON") and k not in ("UKC_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(cmd: list, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def fail(msg: str) -> None:
    sys.exit(f"install_check: {msg}")


def under(root: str, path: str) -> str:
    return os.path.join(root, path.lstrip(os.sep)) if root else path


def namespace_possible(prefix: str, python: str) -> bool:
    """Whether PREFIX may be replaced in a private mount namespace here."""
    if not os.path.isdir(prefix) or not shutil.which("unshare"):
        return False
    exe = os.path.realpath(python)
    if os.path.commonpath([exe, os.path.realpath(prefix)]) == os.path.realpath(prefix):
        return False  # the interpreter itself lives there
    return run(["unshare", "-rm", "true"]).returncode == 0


def main() -> None:
    meson, builddir, python, site_dir, prefix, libdir = sys.argv[1:7]
    htmldir = sys.argv[7] if len(sys.argv) > 7 else None
    work = tempfile.mkdtemp(prefix="install-check-", dir=os.path.join(builddir, "bindings",
                                                                       "python"))
    try:
        check(meson, builddir, python, site_dir, prefix, libdir, work)
        if htmldir:
            for page in ("index.html", "python.html", "calendar_8h.html"):
                if not os.path.isfile(under(work, os.path.join(htmldir, page))):
                    fail(f"the API reference's {page} is not installed in {htmldir}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(meson: str, builddir: str, python: str, site_dir: str, prefix: str, libdir: str,
          dest: str) -> None:
    r = run([meson, "install", "-C", builddir, "--destdir", dest, "--no-rebuild", "--quiet"])
    if r.returncode:
        fail(f"meson install --destdir failed:\n{r.stdout}{r.stderr}")

    pkg = under(dest, os.path.join(site_dir, "ukcomplaints"))
    for name in ("__init__.py", "calendar.py", "_install_paths.py", "py.typed"):
        if not os.path.isfile(os.path.join(pkg, name)):
            fail(f"{name} is not installed in {site_dir}/ukcomplaints")
    if not os.path.exists(under(dest, os.path.join(libdir, SONAME))):
        fail(f"{SONAME} is not installed in {libdir}")

    # 1. What the interpreter reads on its own.
    r = run([python, "-c", "import json, sys; print(json.dumps(sys.path))"], cwd="/",
            env=clean_env())
    if r.returncode:
        fail(f"{python} did not start: {r.stderr}")
    path = json.loads(r.stdout)
    if site_dir not in path:
        fail(f"{python} does not read {site_dir}; its sys.path is {path}")

    # 2. The installed copy imports and works.
    if namespace_possible(prefix, python):
        how = f"in a mount namespace with {dest}{prefix} mounted on {prefix}"
        script = 'mount --bind "$1" "$2" && cd / && exec "$3" -c "$4"'
        r = run(["unshare", "-rm", "sh", "-c", script, "sh", under(dest, prefix), prefix,
                 python, CHECK], env=clean_env())
        root = ""
    else:
        how = f"with {dest}{site_dir} in place of {site_dir} on sys.path"
        prelude = (f"import ctypes, sys\n"
                   f"sys.path[sys.path.index({site_dir!r})] = {under(dest, site_dir)!r}\n"
                   f"ctypes.CDLL({under(dest, os.path.join(libdir, SONAME))!r})\n")
        r = run([python, "-c", prelude + CHECK], cwd="/", env=clean_env())
        root = dest
    if r.returncode:
        fail(f"the installed package does not import ({how}):\n{r.stderr}")
    got = json.loads(r.stdout.strip().splitlines()[-1])
    want_file = under(root, os.path.join(site_dir, "ukcomplaints", "__init__.py"))
    if got["file"] != want_file:
        fail(f"imported {got['file']}, not the installed {want_file} ({how})")
    if os.path.realpath(got["library"]) != os.path.realpath(
            under(root, os.path.join(libdir, SONAME))):
        fail(f"loaded {got['library']}, not the installed library in {libdir} ({how})")
    if got["libdir"] != libdir:
        fail(f"the package remembers {got['libdir']}, not {libdir}")
    if got["due"] != "2024-12-31":
        fail(f"2024-12-20 + 5 working days gave {got['due']}, not 2024-12-31")
    print(f"installed into {site_dir}; imported from / {how}")


if __name__ == "__main__":
    main()
