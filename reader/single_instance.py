"""One running window per user and data folder: a second start hands its files to the first.

    instance = SingleInstance(single_instance_key(workspace.data_dir))
    if instance.hand_over(paths):        # another window took the paths and was asked to raise
        return 0                         # exit at once: never open the same settings twice
    instance.files_received.connect(window.open_files_and_raise)
    instance.listen()

The running instance listens on a QLocalServer (a Unix socket on Linux and macOS, a named pipe on
Windows) that only the same user may connect to. A second process connects, sends one line of
JSON (``{"paths": [...]}``), waits for an ``ok`` line, and exits. The server name is a hash of the
caller's key, so it is short enough for a socket path and reveals no folder name.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["AlreadyRunningError", "SingleInstance", "server_name", "single_instance_key"]

_PREFIX = "parallel-reader-"
_CONNECT_MS = 500
_IO_MS = 2000
_STEP_MS = 20
_REPLY = b"ok\n"
_MAX_MESSAGE = 1 << 20  # one MiB of paths is plenty; more is not from us


def single_instance_key(data_dir: Path | str) -> str:
    """The key for one user and one data folder (the folder's absolute, resolved path)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    return json.dumps([user, str(Path(data_dir).expanduser().resolve())], ensure_ascii=False)


def server_name(key: str) -> str:
    """The QLocalServer name for `key`: the key hashed, so no path or user name shows.

    On Linux it is a path in $XDG_RUNTIME_DIR (the user's own 0700 folder) when there is one;
    otherwise a bare name, which Qt puts in the temporary folder (per user on macOS) or makes a
    named pipe (Windows). Either way the socket itself is the user's only (UserAccessOption).
    """
    name = _PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        path = os.path.join(runtime, name)
        if len(path.encode()) < 100:  # sun_path holds 108 bytes
            return path
    return name


class AlreadyRunningError(RuntimeError):
    """listen() found another instance answering on the name (two starts raced)."""


class SingleInstance(QObject):
    """The single-instance lock and mailbox for one key (see the module's docstring)."""

    files_received = Signal(list)  # list[str]: paths to open; [] means "just come to the front"

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(key)
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    # --- the second process -----------------------------------------------------------------------

    def hand_over(self, paths: list[str]) -> bool:
        """Send `paths` to a running instance. True if it took them (then exit at once).

        False if none runs (or it did not answer): then this process is the first and should
        call listen(). Relative paths are made absolute here, as the other process has another
        working folder.
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_CONNECT_MS):
            return False
        absolute = [os.path.abspath(path) for path in paths]
        socket.write(json.dumps({"paths": absolute}).encode("utf-8") + b"\n")
        if not socket.waitForBytesWritten(_IO_MS):
            socket.abort()
            return False
        reply = b""
        deadline = time.monotonic() + _IO_MS / 1000
        while not reply.endswith(b"\n") and time.monotonic() < deadline:
            # Short waits: PySide holds the GIL while it blocks, and a caller that runs this in
            # a thread (the tests do) must let the listening side's Python run in between.
            if socket.bytesAvailable() or socket.waitForReadyRead(_STEP_MS):
                reply += bytes(socket.readAll().data())
            elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                break
        socket.disconnectFromServer()
        return reply == _REPLY

    # --- the first process ------------------------------------------------------------------------

    def listen(self) -> None:
        """Take the name and answer later starts. A socket left by a crashed run is replaced.

        Call after hand_over() returned False. Raises AlreadyRunningError if another instance
        took the name since (call hand_over() again, then exit), RuntimeError if it cannot be
        taken at all.
        """
        # Under a lock, so two starts that race take turns: the later one finds the earlier.
        lock = QLockFile(self._lock_path())
        if not lock.tryLock(_IO_MS):
            raise RuntimeError(f"cannot lock {lock.fileName()}")
        try:
            if self._answering():
                raise AlreadyRunningError(f"another instance listens on {self.name}")
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if not server.listen(self.name):
                # Nobody answers there: a socket file left by a crashed run. Remove, retry.
                QLocalServer.removeServer(self.name)
                if not server.listen(self.name):
                    raise RuntimeError(
                        f"cannot listen on local socket {self.name}: {server.errorString()}"
                    )
        finally:
            lock.unlock()
        server.newConnection.connect(self._accept)
        self._server = server

    def _answering(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        answering = probe.waitForConnected(_CONNECT_MS)
        probe.abort()
        return answering

    def _lock_path(self) -> str:
        folder = "" if os.path.isabs(self.name) else QDir.tempPath()
        return os.path.join(folder, self.name + ".lock")

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening, drop open connections and release the name (Qt does it at exit too)."""
        server, self._server = self._server, None
        if server is None:
            return
        server.newConnection.disconnect(self._accept)
        for socket in list(self._buffers):
            self._drop(socket)
            socket.abort()
        server.close()
        server.deleteLater()

    def _accept(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._ready_read)
            socket.disconnected.connect(self._disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    def _ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket in self._buffers:
            self._drop(socket)
            socket.deleteLater()

    def _drop(self, socket: QLocalSocket) -> None:
        """Forget a connection: no more slots run for it."""
        self._buffers.pop(socket, None)
        socket.readyRead.disconnect(self._ready_read)
        socket.disconnected.disconnect(self._disconnected)

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if len(data) > _MAX_MESSAGE:
            socket.abort()
            return
        if not data.endswith(b"\n"):
            self._buffers[socket] = data
            return
        try:
            message = json.loads(data)
            paths = [str(path) for path in message["paths"]]
        except (ValueError, KeyError, TypeError):
            socket.abort()
            return
        self._buffers[socket] = b""
        socket.write(_REPLY)
        socket.flush()
        self.files_received.emit(paths)
