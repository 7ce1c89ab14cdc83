"""Running a program in a real terminal (tmux) and measuring it from outside."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


class Pane:
    """A detached tmux session running one command as the pane's own process."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)):
        self.name = f"bench-{os.getpid()}-{time.monotonic_ns()}"
        # A server of its own (and no user config): panes started at once by parallel tests
        # would otherwise race to start one shared server.
        self.tmux = ["tmux", "-L", self.name, "-f", "/dev/null"]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"exec env {exports} {shlex.join(command)}"
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                line,
            ],
            check=True,
        )
        out = subprocess.run(
            [*self.tmux, "display", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        self.pid = int(out.stdout.strip())

    def screen(self) -> str:
        out = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def wait_for(self, text: str, timeout: float = 30.0, poll: float = 0.02) -> float:
        """Seconds until `text` is on the screen. Each look runs tmux, so tests look every
        20 ms; a benchmark timing the first frame looks more often."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in self.screen():
                return time.perf_counter() - start
            time.sleep(poll)
        raise TimeoutError(f"{text!r} never appeared:\n{self.screen()}")

    def settled(self, ready: Callable[[list[str]], bool], timeout: float = 30.0) -> list[str]:
        """The screen's non-empty lines once `ready` holds for them (a redraw can take a
        moment after a resize); the last lines seen if it never does."""
        start = time.perf_counter()
        lines: list[str] = []
        while time.perf_counter() - start < timeout:
            lines = [line for line in self.screen().splitlines() if line.strip()]
            if lines and ready(lines):
                break
            time.sleep(0.02)
        return lines

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def resize(self, width: int, height: int) -> None:
        subprocess.run(
            [*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
            check=True,
        )

    def alive(self) -> bool:
        """Still running: a zombie (gone, not yet reaped by whoever inherited it) is not."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime

    def peak_rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def close(self) -> None:
        """Close the terminal, as closing its window does, and make sure the program went
        with it: one left running would keep its pack timer and its locks from the next."""
        was_alive = self.alive()
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        if not was_alive:
            return
        deadline = time.perf_counter() + 10
        while self.alive() and time.perf_counter() < deadline:
            time.sleep(0.01)
        if self.alive():
            os.kill(self.pid, 9)
            raise AssertionError(f"the program (pid {self.pid}) outlived its terminal")

    def __enter__(self) -> Pane:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
