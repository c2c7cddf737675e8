"""Sync by file: exporting, verifying and importing a bundle of 50 plans with 20 revisions
each (the UNOCI example, edited), in real SQLite files; then 50 plans edited on both sides
and merged. One run of each step (seconds, not a loop).

Run: .venv/bin/python benchmarks/bench_sync.py [PLANS] [REVISIONS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pkdesk.core.plan.file import read_plan_file  # noqa: E402
from pkdesk.core.plan.model import new_uid  # noqa: E402
from pkdesk.core.sync.bundle import decode_bundle, encode_bundle  # noqa: E402
from pkdesk.store.db import Database  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from pkdesk.store.sync_repo import SyncRepository  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "unoci-2004.pkplan.json"


def step(name: str, fn: object) -> object:
    start = time.perf_counter()
    result = fn()  # type: ignore[operator]
    print(f"{name:<52} {(time.perf_counter() - start) * 1000:9.0f} ms")
    return result


def main(plans: int = 50, revisions: int = 20) -> None:
    base = read_plan_file(EXAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Database.open(Path(tmp) / "a.sqlite3"), Database.open(Path(tmp) / "b.sqlite3")
        repo = PlanRepository(a)
        ids = []
        for i in range(plans):
            plan = replace(base, uid=new_uid(), title=f"{base.title} {i}")
            pid = repo.create(plan)
            for r in range(2, revisions + 1):
                plan = replace(plan, notes=f"{base.notes} revision {r}")
                repo.save(pid, plan, summary="edit")
            ids.append(pid)
        print(f"{plans} plans x {revisions} revisions ({plans * revisions} revisions)")
        sync_a = SyncRepository(a)
        export = step("export: read the store, build the bundle", sync_a.prepare_export)
        raw = step("export: encode (compress, checksum)", lambda: encode_bundle(export.bundle))
        print(f"{'bundle size':<52} {len(raw) / 1024:9.0f} KiB")
        enc = step("export: encode with a passphrase (scrypt + AES-GCM)",
                   lambda: encode_bundle(export.bundle, b"passphrase"))
        bundle = step("import: verify (checksum, ids, every document)",
                      lambda: decode_bundle(raw, "bench.pksync"))
        step("import: verify an encrypted one",
             lambda: decode_bundle(enc, "bench.pksync", b"passphrase"))
        sync_b = SyncRepository(b)
        step("import into an empty store (one transaction)",
             lambda: sync_b.import_bundle(bundle))
        step("import again (a replay: nothing changes)", lambda: sync_b.import_bundle(bundle))
        sync_a.record_export(export)
        repo_b = PlanRepository(b)
        for pid in ids:
            plan = repo.get(pid)
            repo.save(pid, replace(plan, host_country="A's edit"))
            bid, bplan = repo_b.get_by_uid(plan.uid)
            repo_b.save(bid, replace(bplan, climate_risks="B's edit"))
        back = sync_b.prepare_export()
        incoming = decode_bundle(encode_bundle(back.bundle), "back.pksync")
        outcome = step(f"import {plans} plans changed on both sides (three-way merges)",
                       lambda: sync_a.import_bundle(incoming))
        print(f"{'outcome':<52} {outcome.summary()}")  # type: ignore[attr-defined]
        a.close()
        b.close()


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))
