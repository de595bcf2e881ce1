"""Data problems: collected, never raised one at a time, so a user sees every
problem in a workbook at once. A problem names file, sheet, Excel row, column,
value and what was expected."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # row number as Excel shows it (header = 1)
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        if self.value is not None:
            return f"{prefix}: {format_value(self.value)} {self.message}"
        return f"{prefix}: {self.message}"


# Values are quoted in messages up to this many characters, then cut short:
# a message stays one readable line whatever a cell holds.
MAX_QUOTED_CHARS = 80


def format_value(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """A value as a message quotes it: 'text' (repr, so newlines stay visible),
    long text cut to `limit` characters with its length given."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    shown = text[:limit] if cut else text
    quoted = repr(shown) if isinstance(value, str) else f"'{shown}'"
    return f"{quoted}... ({len(text)} characters)" if cut else quoted


@dataclass
class Problems:
    """An append-only list of problems for one case."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, message: str, **where) -> None:
        self.items.append(Problem(file=file, message=message, **where))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def report(self) -> str:
        lines = [str(p) for p in self.items]
        noun = "problem" if len(lines) == 1 else "problems"
        return f"{len(lines)} {noun} found:\n" + "\n".join(f"  - {line}" for line in lines)


class UserInputError(ValueError):
    """A problem with the user's configuration or data (not a bug): shown as a
    plain message, without a traceback."""


class DataError(Exception):
    """Bad input data. Carries every problem found; shown without a traceback."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report())
