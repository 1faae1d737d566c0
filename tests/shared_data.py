"""Where the read-only material of ``../shared`` lives, and a skip mark for tests needing it.

The suite must pass on a fresh clone with no ``shared`` folder beside it: a test that reads
its data is marked with :func:`needs`, so it skips there and says why instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TIMEML_DEV = SHARED / "data" / "timeml-dev"


def needs(path: Path):
    """Skip the test (with the reason) when ``path`` from ``../shared`` is absent."""
    return pytest.mark.skipif(not path.is_dir(),
                              reason=f"{path} is absent (../shared is not beside this clone)")

