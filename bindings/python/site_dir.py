"""Print where `meson install` puts the package for this interpreter and prefix.

Run at configure time by the interpreter the package is installed for:

    python3 site_dir.py PREFIX

The answer is a directory that interpreter reads without PYTHONPATH whenever
there is one under PREFIX:

* in a virtual environment, its own site-packages;
* otherwise the first of the interpreter's site directories directly under
  PREFIX/lib: on Debian 12, /usr/local/lib/python3.11/dist-packages for
  /usr/local and /usr/lib/python3/dist-packages for /usr;
* for any other prefix (/opt/ukc, ~/.local), PREFIX/lib/pythonX.Y/site-packages,
  the layout of the standard posix_prefix scheme (and of the user site
  directory), to be put on PYTHONPATH unless the interpreter already reads it.

meson's own choice on Debian is PREFIX/lib/python3/dist-packages, which
Debian's python3 reads for /usr but not for /usr/local.
"""

import os
import site
import sys
import sysconfig


def site_dir(prefix: str) -> str:
    prefix = os.path.normpath(prefix)
    if sys.prefix != sys.base_prefix:
        return sysconfig.get_path("purelib")
    lib = os.path.join(prefix, "lib") + os.sep
    for d in site.getsitepackages():
        if os.path.normpath(d).startswith(lib):
            return os.path.normpath(d)
    return sysconfig.get_path("purelib", "posix_prefix",
                              vars={"base": prefix, "platbase": prefix})


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: site_dir.py PREFIX")
    print(site_dir(sys.argv[1]))
