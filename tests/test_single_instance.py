"""reader/single_instance.py: a second start hands its files to the running one, over QLocalSocket.

Both "processes" live in this one: the first listens in the main thread (its event loop runs under
qtbot), the second's hand_over() blocks, so it runs in a worker thread, as a real second process
would run in parallel.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from reader.single_instance import (
    AlreadyRunningError,
    SingleInstance,
    server_name,
    single_instance_key,
)


@pytest.fixture(autouse=True)
def own_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Sockets go to a runtime folder of this test's own, never to the user's real one.

    Not under tmp_path: a Unix socket's path must stay under 108 bytes.
    """
    runtime = Path(tempfile.mkdtemp(prefix="pr-run-", dir="/tmp" if os.name == "posix" else None))
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield runtime
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def key(tmp_path: Path) -> str:
    return single_instance_key(tmp_path / "data")


def hand_over_in_thread(key: str, paths: list[str]) -> tuple[threading.Thread, list[bool]]:
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(SingleInstance(key).hand_over(paths)))
    thread.start()
    return thread, result


def finish(qtbot, thread: threading.Thread, result: list[bool]) -> bool:
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    thread.join()
    return result[0]


def test_nobody_listening_means_no_hand_over(qapp, key: str) -> None:
    assert SingleInstance(key).hand_over(["a.txt"]) is False


def test_second_instance_hands_its_files_to_the_first(qtbot, key: str, tmp_path: Path) -> None:
    first = SingleInstance(key)
    assert first.hand_over([]) is False
    first.listen()
    assert first.is_listening()
    document = tmp_path / "cable.txt"
    with qtbot.waitSignal(first.files_received, timeout=5000) as received:
        thread, result = hand_over_in_thread(key, [str(document), "relative/note.md"])
    assert finish(qtbot, thread, result) is True
    assert received.args == [[str(document), os.path.abspath("relative/note.md")]]
    first.close()


def test_a_start_without_files_asks_to_raise_with_an_empty_list(qtbot, key: str) -> None:
    first = SingleInstance(key)
    first.listen()
    with qtbot.waitSignal(first.files_received, timeout=5000) as received:
        thread, result = hand_over_in_thread(key, [])
    assert finish(qtbot, thread, result) is True
    assert received.args == [[]]
    first.close()


def test_several_later_starts_are_all_answered(qtbot, key: str) -> None:
    first = SingleInstance(key)
    first.listen()
    got: list[list[str]] = []
    first.files_received.connect(got.append)
    for index in range(3):
        thread, result = hand_over_in_thread(key, [f"/tmp/{index}.txt"])
        assert finish(qtbot, thread, result) is True
    qtbot.waitUntil(lambda: len(got) == 3, timeout=5000)
    assert got == [["/tmp/0.txt"], ["/tmp/1.txt"], ["/tmp/2.txt"]]
    first.close()


def test_other_data_folders_and_users_get_other_names(tmp_path: Path) -> None:
    one = single_instance_key(tmp_path / "data")
    assert single_instance_key(tmp_path / "data" / ".." / "data") == one  # resolved
    assert single_instance_key(tmp_path / "other") != one
    assert server_name(one) != server_name(single_instance_key(tmp_path / "other"))
    user = json.loads(one)[0]
    assert server_name(one) != server_name(one.replace(json.dumps(user), '"someone-else"', 1))
    assert str(tmp_path) not in server_name(one)  # hashed: no folder name shows


def test_two_data_folders_run_side_by_side(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(single_instance_key(tmp_path / "one"))
    first.listen()
    other = SingleInstance(single_instance_key(tmp_path / "two"))
    assert other.hand_over(["x"]) is False
    other.listen()
    assert first.is_listening() and other.is_listening()
    first.close()
    other.close()


def test_socket_lives_in_the_runtime_folder(qapp, key: str, own_runtime_dir: Path) -> None:
    first = SingleInstance(key)
    first.listen()
    if sys.platform.startswith("linux"):
        path = Path(first.name)
        assert path.parent == own_runtime_dir
        assert stat.S_ISSOCK(path.stat().st_mode)
        assert path.stat().st_mode & 0o077 == 0  # UserAccessOption: the user's only
    first.close()
    if sys.platform.startswith("linux"):
        assert not Path(first.name).exists()


def test_listen_takes_over_a_stale_socket(qapp, key: str) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("a socket file is a Unix thing")
    # A crashed run leaves its socket file behind: bound, but nobody accepts on it.
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(server_name(key))
    stale.close()
    assert Path(server_name(key)).exists()
    second = SingleInstance(key)
    assert second.hand_over(["a"]) is False
    second.listen()
    assert second.is_listening()
    probe = QLocalSocket()
    probe.connectToServer(second.name)
    assert probe.waitForConnected(1000)
    probe.abort()
    second.close()


def test_listen_refuses_to_steal_a_live_instance(qapp, key: str) -> None:
    first = SingleInstance(key)
    first.listen()
    racing = SingleInstance(key)
    with pytest.raises(AlreadyRunningError):
        racing.listen()
    assert first.is_listening()
    first.close()


def test_garbage_from_a_stranger_is_dropped(qtbot, key: str) -> None:
    first = SingleInstance(key)
    first.listen()
    got: list[list[str]] = []
    first.files_received.connect(got.append)
    stranger = QLocalSocket()
    stranger.connectToServer(first.name)
    assert stranger.waitForConnected(1000)
    stranger.write(b"not json\n")
    stranger.flush()
    qtbot.waitUntil(lambda: stranger.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert got == []
    # ... and the server still answers the real thing.
    with qtbot.waitSignal(first.files_received, timeout=5000):
        thread, result = hand_over_in_thread(key, ["b"])
    assert finish(qtbot, thread, result) is True
    first.close()


def test_user_access_option_is_set(qapp, key: str) -> None:
    first = SingleInstance(key)
    first.listen()
    assert first._server is not None
    assert first._server.socketOptions() & QLocalServer.SocketOption.UserAccessOption
    first.close()


def test_a_real_second_process_hands_over_and_exits(qtbot, key: str, tmp_path: Path) -> None:
    import subprocess

    first = SingleInstance(key)
    first.listen()
    script = (
        "import sys; from reader.single_instance import SingleInstance; "
        "sys.exit(0 if SingleInstance(sys.argv[1]).hand_over(sys.argv[2:]) else 3)"
    )
    project = Path(__file__).resolve().parents[1]
    with qtbot.waitSignal(first.files_received, timeout=10000) as received:
        second = subprocess.Popen(
            [sys.executable, "-c", script, key, "doc.txt"],
            cwd=tmp_path,
            env=dict(os.environ, PYTHONPATH=str(project)),
        )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10000)
    assert second.returncode == 0
    assert received.args == [[str(tmp_path / "doc.txt")]]
    first.close()
