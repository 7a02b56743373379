"""A throwaway PostgreSQL cluster with this build's extension installed.

PostgreSQL 15 looks for an extension's control and script files only in its
own share directory, and finds that directory relative to the running
`postgres` executable. So, to test the extension without writing into the
system's PostgreSQL directories, the cluster runs a copy of `postgres` placed
in a private tree that mirrors the real one: every file of the real share and
library directories is linked in, and the extension's three files (module,
control, script) are copied beside them. The module links the build's
libukcomplaints.so.0, found through LD_LIBRARY_PATH.

initdb refuses to run as root, so under root the cluster belongs to the
`postgres` user (Debian's postgresql package creates it) and is started with
runuser. Given no extension files, the cluster runs the server as installed,
to test the extension that `meson install` put into PostgreSQL's own
directories. The cluster listens only on a Unix socket in its temporary directory,
on a free port, with trust authentication, and is removed on exit.
"""
import os
import shutil
import socket
import subprocess
import tempfile

SKIP = 77  # meson's exit status for a skipped test


class Unavailable(Exception):
    """PostgreSQL's server programs are not installed."""


def pg_config(pg_config_path, what):
    return subprocess.run([pg_config_path, "--" + what], check=True, capture_output=True,
                          text=True).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, pg_config_path, module, control, script, library):
        if not pg_config_path or not shutil.which(pg_config_path):
            raise Unavailable("pg_config not found")
        self.bindir = pg_config(pg_config_path, "bindir")
        for prog in ("initdb", "pg_ctl", "postgres", "psql"):
            if not os.access(os.path.join(self.bindir, prog), os.X_OK):
                raise Unavailable(f"{prog} not found in {self.bindir}")
        self.owner = None
        if os.geteuid() == 0:
            try:
                import pwd
                pw = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise Unavailable("running as root and there is no postgres user") from exc
            self.owner = pw
        self.tmp = tempfile.mkdtemp(prefix="ukcpg-")
        self.port = free_port()
        self.root = os.path.join(self.tmp, "pg")
        self.data = os.path.join(self.tmp, "data")
        self.log = os.path.join(self.tmp, "server.log")
        if module:
            self._mirror(pg_config_path, module, control, script, library)
        else:
            self.libdir = None
            self.mybin = self.bindir
        if self.owner:
            for dirpath, dirnames, filenames in os.walk(self.tmp):
                os.lchown(dirpath, self.owner.pw_uid, self.owner.pw_gid)
                for name in dirnames + filenames:
                    os.lchown(os.path.join(dirpath, name), self.owner.pw_uid, self.owner.pw_gid)
        self.started = False

    def _mirror(self, pg_config_path, module, control, script, library):
        share = pg_config(pg_config_path, "sharedir")
        pkglib = pg_config(pg_config_path, "pkglibdir")
        mine = {d: self.root + d for d in (self.bindir, share, pkglib)}
        for d in mine.values():
            os.makedirs(d, exist_ok=True)
        for prog in ("postgres", "pg_ctl"):
            shutil.copy2(os.path.join(self.bindir, prog), mine[self.bindir])
        for src, dst in ((share, mine[share]), (pkglib, mine[pkglib])):
            for name in os.listdir(src):
                if src == share and name == "extension":
                    continue
                os.symlink(os.path.join(src, name), os.path.join(dst, name))
        ext = os.path.join(mine[share], "extension")
        os.makedirs(ext)
        for name in os.listdir(os.path.join(share, "extension")):
            os.symlink(os.path.join(share, "extension", name), os.path.join(ext, name))
        shutil.copy2(control, ext)
        shutil.copy2(script, ext)
        shutil.copy2(module, mine[pkglib])
        self.libdir = os.path.join(self.tmp, "lib")
        os.makedirs(self.libdir)
        shutil.copy2(os.path.realpath(library), os.path.join(self.libdir, "libukcomplaints.so.0"))
        self.mybin = mine[self.bindir]

    def _run(self, argv, **kw):
        if self.owner:
            argv = ["runuser", "-u", "postgres", "--"] + argv
        return subprocess.run(argv, **kw)

    def start(self, settings=()):
        env = dict(os.environ, LC_ALL="C.UTF-8")
        if self.libdir:
            env["LD_LIBRARY_PATH"] = self.libdir
        r = self._run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-A", "trust",
                       "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                      env=env, capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError("initdb failed:\n" + r.stdout + r.stderr)
        opts = ["-p", str(self.port), "-k", self.tmp, "-c", "listen_addresses=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        for s in settings:
            opts += ["-c", s]
        r = self._run([os.path.join(self.mybin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w",
                       "-o", " ".join(opts), "start"], env=env, capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError("pg_ctl start failed:\n" + r.stdout + r.stderr + self.server_log())
        self.started = True

    def server_log(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def psql(self, sql, check=True, db="postgres"):
        """Run SQL; return (exit status, stdout, stderr). Rows are tab-separated."""
        argv = [os.path.join(self.bindir, "psql"), "-X", "-q", "-A", "-t", "-F", "\t",
                "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose",
                "-h", self.tmp, "-p", str(self.port), "-U", "postgres", "-d", db]
        r = subprocess.run(argv, input=sql, capture_output=True, text=True)
        if check and r.returncode:
            raise RuntimeError(f"psql failed ({r.returncode}):\n{sql[:2000]}\n{r.stderr}")
        return r.returncode, r.stdout, r.stderr

    def psql_aligned(self, sql, db="postgres"):
        """Run SQL as a person would, printing tables as psql does by default."""
        argv = [os.path.join(self.bindir, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", self.tmp, "-p", str(self.port), "-U", "postgres", "-d", db]
        r = subprocess.run(argv, input=sql, capture_output=True, text=True,
                           env=dict(os.environ, PAGER="", PSQL_PAGER="", LC_ALL="C.UTF-8"))
        return r.returncode, r.stdout, r.stderr

    def stop(self):
        if self.started:
            self._run([os.path.join(self.mybin, "pg_ctl"), "-D", self.data, "-m", "immediate",
                       "-w", "stop"], capture_output=True)
            self.started = False
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
