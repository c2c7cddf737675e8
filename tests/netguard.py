"""Run a Python module as ``__main__`` and record every socket it touches.

    python tests/netguard.py LOG MODULE [ARGS...]

An audit hook (PEP 578) appends each ``socket.*`` event (socket creation, connect, bind,
getaddrinfo, ...) to LOG as one line; an empty LOG after the run proves no network was
touched from Python. Reusable for any session: pass the module that drives it.
"""

from __future__ import annotations

import os
import runpy
import sys


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit("usage: netguard.py LOG MODULE [ARGS...]")
    log_path, module = sys.argv[1], sys.argv[2]
    log = open(log_path, "a", encoding="utf-8")  # opened before the hook: not a socket event

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event.startswith("socket."):
            log.write(f"{event} {args!r}\n")
            log.flush()

    sys.addaudithook(hook)
    sys.argv = [module, *sys.argv[3:]]
    sys.path[0] = os.getcwd()  # import MODULE from the working folder, as `python -m` does
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
