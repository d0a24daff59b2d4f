"""A wheel installed outside the checkout migrates, seeds, serves and answers a query.

That is what ``pip install .`` (docker-compose) gives: the package must carry its migrations,
seeds, SDL and labelled matching set. The wheel is built offline from a copy of the checkout
(setuptools writes ``build/`` where it builds) and installed without dependencies into a fresh
venv that borrows this environment's packages, so the test needs no network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
import pytest

from tests import seedfacts

pytestmark = pytest.mark.wheel

CHECKOUT = Path(__file__).resolve().parent.parent
NOT_SOURCE = (
    ".git",
    ".venv",
    ".gnlc",
    "build",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "node_modules",
)
STARTUP_SECONDS = 60


@dataclass(frozen=True)
class Installed:
    """A venv holding only the built wheel, and a working folder outside the checkout."""

    venv: Path
    work: Path

    def env(self) -> dict[str, str]:
        """No GNLC_* setting of the test run leaks in: the wheel gets its own SQLite folder."""
        env = {name: value for name, value in os.environ.items() if not name.startswith("GNLC_")}
        env.pop("PYTHONPATH", None)
        return {**env, "GNLC_DATA_DIR": str(self.work / "data"), "GNLC_DATABASE_URL": ""}

    def run(self, *args: str) -> str:
        done = subprocess.run(
            args, cwd=self.work, env=self.env(), capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def hub(self, *args: str) -> str:
        return self.run(str(self.venv / "bin" / "gnlc-hub"), *args)


def _purelib(python: str) -> Path:
    script = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(
        subprocess.run(
            [python, "-c", script], check=True, capture_output=True, text=True
        ).stdout.strip()
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    assert not root.is_relative_to(CHECKOUT)
    source, dist, venv, work = (root / name for name in ("source", "dist", "venv", "work"))
    shutil.copytree(CHECKOUT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    offline = ["--no-deps", "--no-index", "--quiet"]
    subprocess.run(
        [*pip, "wheel", *offline, "--no-build-isolation", "--wheel-dir", dist, source], check=True
    )
    (wheel,) = dist.glob("gnlc_hub-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([*pip, "--python", python, "install", *offline, wheel], check=True)
    # Only now borrow the dependencies: a plain path line, so the .pth files there (the
    # editable install of the checkout among them) are not run.
    own = sysconfig.get_paths()["purelib"]
    (_purelib(python) / "gnlc_dependencies.pth").write_text(own + "\n", encoding="utf-8")
    work.mkdir()
    return Installed(venv, work)


def test_the_wheel_carries_its_data(installed: Installed) -> None:
    probe = (
        "import json, gnlc_hub\n"
        "from gnlc_hub import resources\n"
        "from gnlc_hub.matching.evaluation import load_cases\n"
        "print(json.dumps({'package': gnlc_hub.__file__,\n"
        "  'data': [str(p) for p in (resources.migrations_dir(), resources.seeds_dir(),\n"
        "           resources.schema_file(), resources.matching_evaluation_set())],\n"
        "  'cases': len(load_cases())}))\n"
    )
    found = json.loads(installed.run(str(installed.venv / "bin" / "python"), "-c", probe))
    assert Path(found["package"]).is_relative_to(installed.venv)
    for path in map(Path, found["data"]):
        assert path.is_relative_to(installed.venv)
        assert path.exists(), path
    assert found["cases"] >= 20


def _read(log: IO[str]) -> str:
    log.seek(0)
    return log.read()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(installed: Installed) -> Iterator[str]:
    """``gnlc-hub serve`` from the wheel, after ``migrate`` and ``seed``, on a free port."""
    assert "database at revision" in installed.hub("migrate")
    seeded = " ".join(installed.hub("seed").split())
    assert "Seed data loaded" in seeded
    # The reviewed gazetteer links ship in the wheel: ≥ 95 % of the members are located.
    located = re.search(r"open data located (\d+) member cities .*?(\d+) by reviewed links", seeded)
    assert located, seeded
    assert int(located[1]) >= 0.95 * len(seedfacts.cities())
    assert int(located[2]) > 0
    port = _free_port()
    log = (installed.work / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [str(installed.venv / "bin" / "gnlc-hub"), "serve", "--port", str(port), "--no-seed"],
        cwd=installed.work,
        env=installed.env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert server.poll() is None, f"serve exited:\n{_read(log)}"
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"serve did not start:\n{_read(log)}"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_the_wheel_migrates_seeds_and_serves(served: str) -> None:
    answer = httpx.post(
        f"{served}/graphql", json={"query": "{ networkStats { cityCount } }"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"] == {"networkStats": {"cityCount": len(seedfacts.cities())}}
