"""Files over a reader's size limit are refused with their real size, though never read whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.rules import load_rule_pack
from pkdesk.core.whatif import load_whatif_pack


@pytest.mark.parametrize(("reader", "limit", "what"), [
    (read_plan_file, "5 MiB", "pkdesk plan file"),
    (load_rule_pack, "2 MiB", "pkdesk rule pack"),
    (load_whatif_pack, "1 MiB", "pkdesk what-if pack"),
])
def test_a_30_mib_file_is_called_30_mib(tmp_path: Path, reader: Callable[[Path], Any],
                                        limit: str, what: str) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        fh.truncate(30 * 2**20)     # sparse file
    with pytest.raises(InputError) as err:
        reader(path)
    assert str(err.value) == f"big.json: file is 30.0 MiB, larger than the {limit} a {what} may be"
