"""One writer per knowledge base: an advisory lock on a file in the store directory.

``fcntl.flock`` on ``STORE/writer.lock``: the kernel releases it when the holder exits,
however it exits, so a crashed ingest never leaves the store locked. The holder writes
its process id and command into the file, so a second writer can say who it waits for.
Readers (search, the web server) never take it: SQLite's WAL lets them read while one
writer writes.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from scrutiny.errors import StoreBusyError

LOCK_FILE = "writer.lock"
POLL_SECONDS = 0.2


class StoreLock:
    """The writer lock of one store directory; reentrant within one holder."""

    def __init__(self, store: Path) -> None:
        self.path = store / LOCK_FILE
        self._fd: int | None = None
        self._depth = 0

    def acquire(
        self, timeout: float | None = None, on_wait: Callable[[str], None] | None = None
    ) -> None:
        """Take the lock, waiting up to ``timeout`` seconds (None: for ever) for another
        writer; ``on_wait`` is told once, with who holds it. ``StoreBusyError`` when
        the wait runs out."""
        if self._depth:
            self._depth += 1
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                holder = _holder(fd)
                if on_wait is not None:
                    limit = "" if timeout is None else f" (for up to {timeout:g} s)"
                    on_wait(f"waiting for another writer{holder} to finish with "
                            f"{self.path.parent}{limit}…")  # fmt: skip
                deadline = None if timeout is None else time.monotonic() + timeout
                while not _try_lock(fd):
                    if deadline is not None and time.monotonic() >= deadline:
                        raise StoreBusyError(
                            f"{self.path.parent} is being written by another process"
                            f"{_holder(fd) or holder}; try again when it has finished"
                        )
                    time.sleep(POLL_SECONDS)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {' '.join(sys.argv)[:200]}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._depth > 0

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """`` (pid N: command)`` from the lock file, or nothing when it says nothing."""
    try:
        text = os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""
    if not text:
        return ""
    pid, _, command = text.partition(" ")
    return f" (pid {pid}: {command})" if command else f" (pid {pid})"
