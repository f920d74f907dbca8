"""A genuine Neo4j Community server run from Maven Central jars, for machines without Docker.

The jars of ``org.neo4j:neo4j`` (the Community server, with its entry point) are fetched once
by Maven into ``<home>/lib/<version>``; each instance (dev, test) has its own folder with its
configuration, data and logs, its own Bolt port, HTTP off, authentication on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from app.config import Settings
from app.versions import neo4j_version

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sigraph</groupId><artifactId>neo4j-runtime</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version></dependency>
  </dependencies>
</project>
"""

# The flags the official launcher gives the JVM that matter here (netty, unsafe access, GC).
_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]


class LocalServerError(RuntimeError):
    """The local server could not be installed, started or reached."""


@dataclass(frozen=True)
class LocalServer:
    """One local Neo4j instance: ``<home>/<name>`` with its own port and data."""

    home: Path
    name: str
    bolt_port: int
    password: str
    heap: str = "1g"
    pagecache: str = "1g"
    user = "neo4j"  # set-initial-password sets the built-in user's password

    @property
    def version(self) -> str:
        return neo4j_version()

    @property
    def lib_dir(self) -> Path:
        return (self.home / "lib" / self.version).resolve()

    @property
    def instance_dir(self) -> Path:
        # Absolute: Neo4j resolves relative directories against its home, not our working directory.
        return (self.home / self.name).resolve()

    @property
    def pid_file(self) -> Path:
        return self.instance_dir / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.instance_dir / "logs" / "console.log"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    # -- installation -------------------------------------------------------------------

    def ensure_jars(self) -> None:
        """Fetch the server's jars with Maven once; later starts reuse them."""
        marker = self.lib_dir / ".complete"
        if marker.exists():
            return
        mvn = shutil.which("mvn")
        if not mvn:
            raise LocalServerError("Maven (mvn) is needed to fetch the Neo4j jars; install it or set NEO4J_URI")
        self.lib_dir.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.lib_dir.parent) as tmp:
            pom = Path(tmp) / "pom.xml"
            pom.write_text(_POM.format(version=self.version), encoding="utf-8")
            jars = Path(tmp) / "jars"
            proc = subprocess.run(
                [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
                 f"-DoutputDirectory={jars}", "-DincludeScope=runtime"],
                capture_output=True, text=True, check=False,
            )
            if proc.returncode != 0:
                raise LocalServerError(f"Maven could not fetch Neo4j {self.version}:\n{proc.stdout[-4000:]}")
            (jars / ".complete").write_text(self.version, encoding="utf-8")
            shutil.rmtree(self.lib_dir, ignore_errors=True)
            jars.rename(self.lib_dir)  # atomic: a half-fetched folder is never taken as complete

    def _java(self) -> str:
        java_home = os.environ.get("JAVA_HOME")
        java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
        if not java or not Path(java).exists():
            raise LocalServerError("Java 17 or 21 is needed to run Neo4j 5.26; install it or set NEO4J_URI")
        return java

    def _write_config(self) -> Path:
        conf_dir = self.instance_dir / "conf"
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.instance_dir / sub).mkdir(parents=True, exist_ok=True)
        d = self.instance_dir
        (conf_dir / "neo4j.conf").write_text(
            "\n".join([
                "# Written by sigraph at every start; edit SIGRAPH_NEO4J_* variables instead.",
                "server.default_listen_address=127.0.0.1",
                f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
                f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                "dbms.usage_report.enabled=false",
                f"server.memory.pagecache.size={self.pagecache}",
                f"server.directories.data={d / 'data'}",
                f"server.directories.logs={d / 'logs'}",
                f"server.directories.run={d / 'run'}",
                f"server.directories.import={d / 'import'}",
                "",
            ]),
            encoding="utf-8",
        )
        return conf_dir

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.instance_dir), "NEO4J_CONF": str(self.instance_dir / "conf")}

    def _set_initial_password(self, conf_dir: Path) -> None:
        """Before the very first start, so the server never runs with the default password.

        The server takes auth.ini into its system database at the first start and removes it,
        so an existing system database also means: done."""
        data = self.instance_dir / "data"
        if (data / "dbms" / "auth.ini").exists() or (data / "databases" / "system").exists():
            return
        proc = subprocess.run(
            [self._java(), "-cp", f"{self.lib_dir}/*", ADMIN_TOOL, "dbms", "set-initial-password", self.password],
            env=self._env(), capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise LocalServerError(f"could not set the initial password:\n{proc.stdout}{proc.stderr}")

    # -- process ------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The server's process id while it runs, else None."""
        try:
            pid = int(self.pid_file.read_text().strip())
            os.kill(pid, 0)
        except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
            return None
        return pid

    def start(self, timeout_s: float = 120.0) -> bool:
        """Start the server unless it runs; wait until Bolt answers. True when this call started it."""
        if self.pid() is not None:
            self.wait_ready(timeout_s)
            return False
        self.ensure_jars()
        conf_dir = self._write_config()
        self._set_initial_password(conf_dir)
        cmd = [
            self._java(), f"-Xms{self.heap}", f"-Xmx{self.heap}", *_JVM_FLAGS,
            "-cp", f"{self.lib_dir}/*", ENTRY_POINT,
            f"--home-dir={self.instance_dir}", f"--config-dir={conf_dir}", "--console-mode",
        ]
        with open(self.console_log, "ab") as log:
            proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=self._env(), start_new_session=True,  # outlives the caller, as `neo4j start` does
            )
        self.pid_file.write_text(str(proc.pid), encoding="utf-8")
        self.wait_ready(timeout_s)
        return True

    def wait_ready(self, timeout_s: float = 120.0) -> None:
        """Block until the server accepts an authenticated Bolt session."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self.pid() is None:
                raise LocalServerError(f"Neo4j exited during start; see {self.console_log}:\n{self._log_tail()}")
            try:
                with GraphDatabase.driver(self.uri, auth=(self.user, self.password),
                                          notifications_min_severity="OFF") as driver:
                    driver.verify_connectivity()
                return
            except AuthError as e:
                raise LocalServerError(f"Neo4j at {self.uri} refused the configured password") from e
            except (ServiceUnavailable, OSError):
                if time.monotonic() > deadline:
                    raise LocalServerError(f"Neo4j not ready after {timeout_s:.0f}s:\n{self._log_tail()}") from None
                time.sleep(0.3)

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after the timeout). True when it ran."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while self.pid() is not None and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.2)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
            _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, object]:
        """Whether it runs, where, and with what version."""
        pid = self.pid()
        return {"name": self.name, "running": pid is not None, "pid": pid, "uri": self.uri,
                "version": self.version, "folder": str(self.instance_dir)}

    # -- offline tools (the server stopped) ---------------------------------------------

    def import_full(self, database: str, *, nodes: list[Path], relationships: list[Path],
                    array_delimiter: str, multiline: bool, report: Path) -> None:
        """Neo4j's offline importer (`neo4j-admin database import full`) into `database`, which it
        replaces. The server must be stopped: the importer writes the store files directly."""
        if self.pid() is not None:
            raise LocalServerError("the server runs; the offline importer needs it stopped")
        self.ensure_jars()
        self._write_config()
        cmd = [
            self._java(), "-cp", f"{self.lib_dir}/*", ADMIN_TOOL, "database", "import", "full", database,
            "--overwrite-destination=true", "--id-type=string",
            f"--multiline-fields={str(multiline).lower()}",
            f"--array-delimiter={array_delimiter}", f"--report-file={report}", "--verbose=false",
            *(f"--nodes={path}" for path in nodes), *(f"--relationships={path}" for path in relationships),
        ]
        proc = subprocess.run(cmd, env=self._env(), capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise LocalServerError(f"the offline import failed:\n{(proc.stdout + proc.stderr)[-4000:]}")

    def drop_store(self, database: str) -> None:
        """Delete `database`'s store and transaction logs (the server stopped): at the next start
        the server makes it again, empty."""
        if self.pid() is not None:
            raise LocalServerError("the server runs; its store cannot be dropped")
        data = self.instance_dir / "data"
        for folder in (data / "databases" / database, data / "transactions" / database):
            shutil.rmtree(folder, ignore_errors=True)

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


def _reap(pid: int) -> None:
    """Collect our own child's exit status so it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def dev_server(settings: Settings) -> LocalServer:
    """The instance the run command uses."""
    return LocalServer(home=settings.neo4j_home, name="dev", bolt_port=settings.neo4j_bolt_port,
                       password=settings.neo4j_password.get_secret_value(),
                       heap=settings.neo4j_heap, pagecache=settings.neo4j_pagecache)
