"""``make dist-check``: the built wheels install and run in a fresh virtualenv outside the repository.

Usage: ``python tests/dist_check.py DIST_DIR``. Steps, each failing with a message:

1. a new virtualenv in a temporary directory; ``pip install`` the two wheels (dependencies from the
   package registry, through pip's cache) and pytest;
2. the pipeline's dependencies are not installed (they are the repository's, not the users'), nor is the
   old HTTP stack (``httpx``, ``httpcore``): the client runs on ``httpx2``, and ``import smsworks``
   (and ``smsworks_emulator``) loads no module of the old stack;
3. ``smsworks-emulator serve --port 0`` starts (the patched spec is package data), prints its port;
4. the installed ``smsworks`` client sends a message to it with a token from ``smsworks-emulator token``;
5. pytest loads the installed plugin and its ``smsworks_client`` fixture sends a message.

Nothing runs from the repository: the working directory is the temporary one, and PYTHONPATH is unset.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import venv
from contextlib import closing
from pathlib import Path

from smsworks_emulator.settings import DEFAULT_SECRET
from smsworks_emulator.testing.harness import ChildEmulator

REPO = Path(__file__).resolve().parents[1]
# Must not reach an emulator user's environment: the pipeline's own dependencies.
PIPELINE_ONLY = ("python-jsonpath", "openapi-spec-validator", "openapi-python-client")
# httpx2's predecessor: openapi-python-client needs it to run, nothing that is installed does.
OLD_HTTP_STACK = ("httpx", "httpcore")
IMPORT_SCRIPT = """
import sys
import smsworks
import smsworks_emulator.testing

old = sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[1:])
assert not old, f"modules of the old HTTP stack loaded: {old}"
assert "httpx2" in sys.modules, "the client did not load httpx2"
print("loaded", len(sys.modules), "modules, httpx2 among them, none of", sys.argv[1:])
"""
SEND_SCRIPT = """
import sys
import smsworks
from smsworks.api.messages import send_message
from smsworks.models import Message, SendMessageResponse

client = smsworks.AuthenticatedClient(base_url=sys.argv[1], token=sys.argv[2])
with client:
    sent = send_message.sync(
        client=client,
        body=Message(sender="DistCheck", destination="447700900123", content="from the wheel"),
    )
assert isinstance(sent, SendMessageResponse), sent
assert sent.status == "SENT" and sent.credits_used == 1, sent
print("sent", sent.messageid, "from", smsworks.__file__)
"""
PLUGIN_TEST = """
from smsworks.api.messages import send_message
from smsworks.models import Message, SendMessageResponse


def test_the_installed_plugin_hands_out_a_client(smsworks_client, smsworks_emulator):
    sent = send_message.sync(
        client=smsworks_client,
        body=Message(sender="DistCheck", destination="447700900001", content="plugin"),
    )
    assert isinstance(sent, SendMessageResponse)
    smsworks_emulator.advance(5)
    assert "site-packages" in __import__("smsworks_emulator").__file__
"""


class CheckFailed(Exception):
    pass


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise CheckFailed(
            f"{' '.join(command)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def wheels(dist: Path) -> list[Path]:
    found = sorted(dist.glob("*.whl"))
    names = {path.name.split("-")[0] for path in found}
    if names != {"smsworks", "smsworks_emulator"}:
        raise CheckFailed(
            f"{dist}: expected the wheels of smsworks and smsworks_emulator, found {names}"
        )
    if {path.name.split("-")[0] for path in dist.glob("*.tar.gz")} != names:
        raise CheckFailed(f"{dist}: an sdist is missing")
    return found


def pinned(name: str) -> str:
    for line in (REPO / "requirements.txt").read_text().splitlines():
        if line.lower().startswith(f"{name}=="):
            return line
    raise CheckFailed(f"requirements.txt pins no {name}")


def check(dist: Path) -> None:
    found = wheels(dist)
    with tempfile.TemporaryDirectory(prefix="smsworks-dist-check-") as scratch:
        home = Path(scratch)
        if home.resolve().is_relative_to(REPO):
            raise CheckFailed(f"{home} is inside the repository")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        venv.EnvBuilder(with_pip=True).create(home / "venv")
        bin_dir = home / "venv" / "bin"
        python = str(bin_dir / "python")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
        print(f"[1/5] installing {', '.join(p.name for p in found)} into {home / 'venv'}")
        run([*pip, "install", *map(str, found), pinned("pytest")], home, env)

        print("[2/5] the pipeline's dependencies and the old HTTP stack stay out")
        listed = run([*pip, "list", "--format=freeze"], home, env).lower()
        leaked = [name for name in PIPELINE_ONLY if f"{name}==" in listed.replace("_", "-")]
        if leaked:
            raise CheckFailed(f"installed with the emulator, but only the pipeline needs: {leaked}")
        old = [name for name in OLD_HTTP_STACK if f"\n{name}==" in f"\n{listed}"]
        if old:
            raise CheckFailed(f"the old HTTP stack is installed: {old}")
        print(f"      no {' or '.join(OLD_HTTP_STACK)} package installed")
        out = run([python, "-c", IMPORT_SCRIPT, *OLD_HTTP_STACK], home, env, timeout=60)
        print("      " + out.strip())

        print("[3/5] smsworks-emulator serve --port 0")
        serve = [str(bin_dir / "smsworks-emulator"), "serve", "--port", "0", "--db", ":memory:"]
        try:
            # The installed command, started and read the way the test harness does it.
            server = ChildEmulator(serve, DEFAULT_SECRET, None, cwd=home, env=env)
        except RuntimeError as error:
            raise CheckFailed(str(error)) from None
        with closing(server):
            base_url = server.base_url
            print(f"      listening on {base_url}")
            token = run(
                [str(bin_dir / "smsworks-emulator"), "token", "--customer", "dist"], home, env
            )
            print("[4/5] sending with the installed client")
            script = home / "send.py"
            script.write_text(SEND_SCRIPT)
            out = run([python, str(script), base_url, token.strip()], home, env, timeout=60)
            print("      " + out.strip())
            if "site-packages" not in out:
                raise CheckFailed(f"the client did not come from the virtualenv: {out}")

        print("[5/5] pytest loads the installed plugin")
        (home / "test_plugin.py").write_text(textwrap.dedent(PLUGIN_TEST))
        out = run(
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_plugin.py"], home, env
        )
        if "1 passed" not in out:
            raise CheckFailed(f"the plugin's test did not pass:\n{out}")
        print("      " + out.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: dist_check.py DIST_DIR", file=sys.stderr)
        return 2
    try:
        check(Path(argv[1]).resolve())
    except CheckFailed as error:
        print(f"dist-check FAILED: {error}", file=sys.stderr)
        return 1
    # Worded so that no test-count reader takes these five steps for the test suite's total.
    print("dist-check: all 5 steps succeeded")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
