"""A hub served the way users run it: `gnlc-hub serve` as a child process on loopback (real
uvicorn), started, killed (`kill -9`) and restarted by the soak run and by tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

GNLC_HUB = Path(sys.executable).with_name("gnlc-hub")


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class ServedHub:
    """One `gnlc-hub serve` on 127.0.0.1:``port`` with ``env`` (GNLC_* settings)."""

    port: int
    env: dict[str, str]
    log_path: Path
    user: str | None = None  # run as this user (tests drop root, which ignores permissions)
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _command(self, *args: str) -> list[str]:
        command = [str(GNLC_HUB), *args]
        if self.user is not None:
            command = [
                "setpriv",
                f"--reuid={self.user}",
                f"--regid={self.user}",
                "--clear-groups",
                *command,
            ]
        return command

    def cli(self, *args: str) -> str:
        """Run another `gnlc-hub` command with the same settings; its standard output."""
        done = subprocess.run(
            self._command(*args), env={**os.environ, **self.env}, capture_output=True, check=True
        )
        return done.stdout.decode().strip()

    def start(self, *, wait_seconds: float = 120.0) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self._command("serve", "--host", "127.0.0.1", "--port", str(self.port)),
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gnlc-hub serve exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gnlc-hub serve did not answer within {wait_seconds}s")

    def rss_mb(self) -> float:
        """Resident memory of the server process (Linux /proc)."""
        assert self.process is not None
        return rss_mb(self.process.pid)

    def kill9(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> int:
        """SIGTERM and wait; the exit code (0 after a clean shutdown)."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.terminate()
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
