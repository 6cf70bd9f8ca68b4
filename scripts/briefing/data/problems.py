"""A problem found in the data, printed like a compiler's diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Errors stop the build; warnings are printed and the build goes on."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at a position; sorting gives file order (path, line, column)."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error, not just a warning."""
    return any(problem.severity is Severity.ERROR for problem in problems)
