"""A dbt process started ahead of its build, so dbt's cold start overlaps the steps before it.

A cold ``dbt build`` spends about 3.5 s importing dbt and 2 s loading the project before it runs the first model,
on every build, however little there is to do (a +1 % refresh at 100k articles spends about 30 s in all). The build
job runs extraction first, which keeps one of the two cores busy for seconds, so the dbt step starts a *warm* dbt
process when its resource is set up (at the start of an in-process run): it imports dbt and parses the project
while extraction runs, then waits for exactly one command.

dagster-dbt still spawns "the dbt executable" with its arguments and environment and reads dbt's JSON log lines
from its stdout; the executable is this module's client (the ``vnwh-dbt`` console script). It hands its
argv, environment, working directory and stdout/stderr file descriptors to the warm server over a Unix socket,
forwards SIGINT/SIGTERM to it and exits with dbt's exit code. Without a server (``$VNWH_DBT_WARM_SOCKET`` unset, or
nobody listening) the client becomes the plain dbt executable (``exec``), so nothing depends on the server.

The server reuses the manifest it parsed only when nothing it was parsed from can differ: the same environment
(apart from the per-invocation variables dagster-dbt sets) and no project file newer than the parse. Otherwise
dbt parses as usual. Parsing never opens the warehouse file, so the server holds no DuckDB lock while it waits.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import struct
import sys
import time
from pathlib import Path
from typing import NoReturn

SOCKET_ENV = "VNWH_DBT_WARM_SOCKET"
SERVER_PID_ENV = "VNWH_DBT_WARM_PID"
# set by dagster-dbt for each invocation; they do not change what the project parses to
PER_INVOCATION_ENV = frozenset({
    "DBT_TARGET_PATH", "DBT_LOG_PATH", "DBT_LOG_FORMAT", "DAGSTER_DBT_CLI", "PYTHONUNBUFFERED",
    "DBT_SEND_ANONYMOUS_USAGE_STATS", "PYTHONLEGACYWINDOWSSTDIO", "DBT_INDIRECT_SELECTION",
    SOCKET_ENV, SERVER_PID_ENV,
})
# flags that change what the project parses to: a command with any of them parses for itself
PARSE_FLAGS = frozenset({"--vars", "--profile", "--target", "--project-dir", "--profiles-dir"})
SERVER_EXIT_TIMEOUT_S = 300.0  # after its exit code, the server closes the warehouse (a checkpoint) and exits
WAIT_FOR_COMMAND_S = 3600.0    # an unclaimed server leaves after this long (or as soon as its parent is gone)
_EXIT_CODE = struct.Struct("!i")
_MAX_MESSAGE = 1 << 20
PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def real_dbt() -> str:
    """The dbt-core executable installed beside this Python (plain ``dbt`` on the PATH otherwise)."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


# --- client: what dagster-dbt runs as "the dbt executable" -------------------------------------------------------

def client_main(argv: list[str]) -> int:
    """Run ``dbt <argv>`` in the warm server if one is listening, else exec the real dbt."""
    path = os.environ.get(SOCKET_ENV)
    conn = _connect(path) if path else None
    if conn is None:
        os.execv(real_dbt(), [real_dbt(), *argv])
    _forward_signals(int(os.environ.get(SERVER_PID_ENV, "0")))
    command = {"args": argv, "env": dict(os.environ), "cwd": os.getcwd()}
    with conn:
        socket.send_fds(conn, [json.dumps(command).encode()], [sys.stdout.fileno(), sys.stderr.fileno()])
        reply = _recv_exactly(conn, _EXIT_CODE.size)
        if reply is not None:
            _wait_for_exit(conn)
    if reply is None:
        print("vnwh: the warm dbt process ended without an exit code", file=sys.stderr)
        return 2
    return _EXIT_CODE.unpack(reply)[0]


def _wait_for_exit(conn: socket.socket) -> None:
    """Return once the server process is gone (its end of the socket closes only then), like waiting for a dbt
    process: only then has it closed the warehouse file, which the next step opens."""
    conn.settimeout(SERVER_EXIT_TIMEOUT_S)
    try:
        while conn.recv(4096):
            pass
    except TimeoutError:
        print("vnwh: the warm dbt process did not exit after its command", file=sys.stderr)


def _connect(path: str) -> socket.socket | None:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def _forward_signals(server_pid: int) -> None:
    if server_pid <= 0:
        return

    def forward(signum, _frame):
        try:
            os.kill(server_pid, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)


def _recv_exactly(conn: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


# --- server: imports dbt, parses, runs one command ---------------------------------------------------------------

def serve(path: str, project_dir: str) -> int:
    """Listen on ``path``, get dbt ready, run the first command that arrives, send back its exit code."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)         # a client may connect now: it waits while dbt is imported and parsed
    parent = os.getppid()
    global _server_log
    _server_log = os.dup(2)
    _note("listening")
    from dbt.cli.main import dbtRunner

    _note("dbt imported")
    prepared = _prepare(dbtRunner, Path(project_dir))
    _note(f"project parsed: {prepared is not None}")
    _freeze_heap()
    conn = _accept(listener, parent)
    if conn is None:
        _note("no command came")
        return 0
    with conn:
        message, fds, _, _ = socket.recv_fds(conn, _MAX_MESSAGE, 2)
        command = json.loads(message)
        _note(f"command: {command['args']}")
        _adopt(command, fds)
        code = _run(dbtRunner, command, prepared)
        _note(f"dbt exited with {code}")
        _release_warehouse()
        _keep_notes()
        sys.stdout.flush()
        sys.stderr.flush()
        conn.sendall(_EXIT_CODE.pack(code))
        # a copy of the socket that only the process's exit closes: the client returns when DuckDB is released
        os.dup(conn.fileno())
    _exit_now()


def _freeze_heap() -> None:
    """Move what dbt's import and parse left (~160k objects: modules, the manifest) out of the garbage collector's
    reach. They live until the process exits, yet a full collection scanned them all: once during a +1 % refresh
    at 100k articles and once more when the warehouse is released, ~0.1 s each, while the build waited."""
    import gc

    gc.collect()
    gc.freeze()
    _note(f"heap frozen: {gc.get_freeze_count()} objects")


def _release_warehouse() -> None:
    """Close the warehouse now. dbt-duckdb keeps its DuckDB environment after a command; it would be closed (the file
    checkpointed and unlocked) by the interpreter's teardown, which ``_exit_now`` skips."""
    import gc

    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    DuckDBConnectionManager.close_all_connections()   # drops the environment; collecting it closes the database
    gc.collect()
    _note("warehouse released")


def _exit_now() -> NoReturn:
    """Leave without the interpreter's teardown, which frees every object and module dbt loaded (0.3-0.4 s at 100k
    articles, while the build waits for this process to be gone). What must reach the disk has: the warehouse is
    closed, dbt's artifacts and log are written and flushed, and DuckDB makes a commit durable when it happens."""
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


_server_log: int | None = None       # the server's own stderr, kept when it adopts the client's
_notes: list[str] = []
NOTES_FILE = "warm_dbt.log"          # written beside the command's dbt.log (its DBT_LOG_PATH)


def _note(what: str) -> None:
    """A timestamped line on the server's own log (not in the dbt command's output)."""
    stamp = f"{time.strftime('%H:%M:%S')}.{int(time.time() * 1000) % 1000:03d}"
    line = f"{stamp} vnwh-dbt-warm[{os.getpid()}] {what}\n"
    _notes.append(line)
    os.write(_server_log if _server_log is not None else 2, line.encode())


def _keep_notes() -> None:
    """The server's notes (timings, whether its parse was partial and reused) beside the command's dbt.log."""
    folder = os.environ.get("DBT_LOG_PATH")
    if folder and Path(folder).is_dir():
        Path(folder, NOTES_FILE).write_text("".join(_notes), encoding="utf-8")


def _prepare(runner_class, project_dir: Path) -> dict | None:
    """Parse the project (into a scratch target folder); what a later build may reuse, or None."""
    scratch = project_dir / "target" / f"warm-{os.getpid()}"
    shared_state = project_dir / "target" / PARTIAL_PARSE_FILE
    if shared_state.exists():
        scratch.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_state, scratch / PARTIAL_PARSE_FILE)
    started = time.time()
    try:
        result = runner_class().invoke(["--quiet", "parse", "--target-path", str(scratch), "--log-path", str(scratch)])
        if not result.success or result.result is None:
            return None
        share_parse_state(scratch / PARTIAL_PARSE_FILE, project_dir)
    except Exception:          # noqa: BLE001 - any failure only means the build parses for itself
        return None
    finally:
        _note_parse_kind(scratch / "dbt.log")
        shutil.rmtree(scratch, ignore_errors=True)
    return {"manifest": result.result, "env": _parse_env(os.environ), "started": started, "project": project_dir}


def _note_parse_kind(log: Path) -> None:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    for line in lines:
        if "partial pars" in line.lower():
            _note(line.split("]: ", 1)[-1])


def share_parse_state(produced: Path, project_dir: Path) -> None:
    """Make ``produced`` (a partial_parse.msgpack) the project's parse state, atomically; the next dbt command
    against the same profile then parses only what changed (dagster-dbt seeds each build's target from it)."""
    if not produced.exists():
        return
    shared = project_dir / "target" / PARTIAL_PARSE_FILE
    staging = shared.with_name(f"{PARTIAL_PARSE_FILE}.{os.getpid()}.tmp")
    shutil.copyfile(produced, staging)
    os.replace(staging, shared)


def _accept(listener: socket.socket, parent: int) -> socket.socket | None:
    deadline = time.monotonic() + WAIT_FOR_COMMAND_S
    listener.settimeout(1.0)
    while time.monotonic() < deadline and os.getppid() == parent:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        conn.settimeout(None)
        return conn
    return None


def _adopt(command: dict, fds: list[int]) -> None:
    """Become the client: its stdout and stderr, environment and working directory."""
    for fd, target in zip(fds, (1, 2), strict=False):
        os.dup2(fd, target)
        os.close(fd)
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    os.environ.clear()
    os.environ.update(command["env"])
    os.chdir(command["cwd"])


def _run(runner_class, command: dict, prepared: dict | None) -> int:
    manifest = prepared["manifest"] if _still_valid(prepared, os.environ, command["args"]) else None
    _note(f"reusing the parsed manifest: {manifest is not None}")
    try:
        result = runner_class(manifest=manifest).invoke(command["args"])
    except BaseException as exc:  # noqa: BLE001 - reported like the dbt CLI reports an unhandled error
        print(f"vnwh: dbt raised {exc!r}", file=sys.stderr)
        return 2
    finally:
        if manifest is not None:
            # the state this command leaves in its target is not the parse's (dbt writes it with the profile as the
            # build resolved it, which the next parse does not match); the parse's own is already shared
            Path(os.environ.get("DBT_TARGET_PATH", "target"), PARTIAL_PARSE_FILE).unlink(missing_ok=True)
    if result.success:
        return 0
    if result.exception is None:
        return 1
    _report(result.exception)
    return 2


def _report(exc: BaseException) -> None:
    """Show an error dbt's CLI would have shown (a usage error is raised, not logged, by a programmatic call)."""
    import click

    if isinstance(exc, click.ClickException):
        exc.show()
    else:
        print(f"vnwh: dbt failed: {exc}", file=sys.stderr)


def _still_valid(prepared: dict | None, env, args: list[str]) -> bool:
    if prepared is None or _parse_env(env) != prepared["env"] or PARSE_FLAGS.intersection(args):
        return False
    return newest_project_mtime(prepared["project"]) < prepared["started"]


def _parse_env(env) -> dict[str, str]:
    return {key: value for key, value in env.items() if key not in PER_INVOCATION_ENV}


PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")


def project_files(project_dir: Path) -> list[Path]:
    """Every file dbt parses from the project (project, profile, models, macros, seeds, tests, analyses), in a
    stable order."""
    files: list[Path] = []
    for part in PROJECT_PARTS:
        path = project_dir / part
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.exists() else []
    return files


def newest_project_mtime(project_dir: Path) -> float:
    """The newest modification time of the files dbt parses: a manifest or parse older than this is stale."""
    for name in ("dbt_project.yml", "profiles.yml"):     # dbt can't parse without them: fail here as it would
        (project_dir / name).stat()
    return max(file.stat().st_mtime for file in project_files(project_dir))


def main() -> None:
    """``vnwh-dbt ARGS``: dbt through the warm server; ``vnwh-dbt --serve SOCKET PROJECT_DIR``: be the server."""
    if sys.argv[1:2] == ["--serve"]:
        sys.exit(serve(sys.argv[2], sys.argv[3]))
    sys.exit(client_main(sys.argv[1:]))


if __name__ == "__main__":
    main()
