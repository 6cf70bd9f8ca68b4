"""State that outlives one `mkdocs serve` rebuild (MkDocs reloads the hook module each time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.load import Briefing


@dataclass
class ServeState:
    """The running command, and the navigation and data of the last good render."""

    command: str = "build"
    nav: list[Any] | None = None
    briefing: Briefing | None = None
    """The last good data, for what is written after the build (the permalinks)."""
    version: str = ""
    """The last good data's version (`briefing.version.data_version`)."""


STATE = ServeState()
