"""State that outlives one `mkdocs serve` rebuild (MkDocs reloads the hook module each time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ServeState:
    """The running command, and the navigation of the last good render."""

    command: str = "build"
    nav: list[Any] | None = None


STATE = ServeState()
