"""SIGTERM to a real process: intake stops, the job in flight finishes, the process exits 0."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from bot.ops.shutdown import Shutdown

# A worker that takes jobs until shutdown; each job takes 0.6 s and must not be cut short.
_WORKER = """
import sys, threading, time
from bot.ops.shutdown import Shutdown

shutdown = Shutdown().install()
job_seconds = float(sys.argv[1])

def work():
    n = 0
    while not shutdown.requested:
        with shutdown.track():
            n += 1
            print(f"start {n}", flush=True)
            time.sleep(job_seconds)
            print(f"finish {n}", flush=True)
        shutdown.wait(0.01)

worker = threading.Thread(target=work)
worker.start()
shutdown.wait()
print(f"stopping on {shutdown.reason} with {shutdown.in_flight} in flight", flush=True)
drained = shutdown.drain(timeout=10)
worker.join()
print("drained" if drained else "gave up", flush=True)
"""


def _start(job_seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(job_seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "start 1"
    return proc


def test_sigterm_finishes_in_flight_work_then_exits() -> None:
    proc = _start(job_seconds=0.6)
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    lines = ["start 1", *out.splitlines()]
    assert proc.returncode == 0, err
    assert lines == ["start 1", "stopping on SIGTERM with 1 in flight", "finish 1", "drained"]
    assert time.monotonic() - sent < 5


def test_second_signal_exits_at_once() -> None:
    proc = _start(job_seconds=30)
    proc.send_signal(signal.SIGTERM)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("stopping on SIGTERM")
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGTERM


def test_drain_times_out_while_work_is_stuck() -> None:
    shutdown = Shutdown()
    release = threading.Event()

    def stuck() -> None:
        with shutdown.track():
            release.wait(5)

    thread = threading.Thread(target=stuck)
    thread.start()
    while shutdown.in_flight == 0:
        time.sleep(0.001)
    shutdown.request("test")
    assert shutdown.requested and shutdown.reason == "test"
    assert shutdown.drain(timeout=0.1) is False
    release.set()
    assert shutdown.drain(timeout=5) is True
    thread.join()
    assert shutdown.wait(0) is True
