"""The controlled vocabulary (config/vocabulary.yaml), loaded once into a small
immutable object so that validators and tables share one source of order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Vocabulary:
    typology: dict[str, tuple[str, ...]]
    methods: tuple[str, ...]
    instigator_level: tuple[str, ...]
    reported_success: tuple[str, ...]
    framework_categories: dict[str, tuple[str, ...]]

    @property
    def typology_columns(self) -> list[str]:
        """Table 2's columns, `dimension.attribute`, in vocabulary order."""
        return [f"{dim}.{attr}" for dim, attrs in self.typology.items() for attr in attrs]

    @classmethod
    def from_mapping(cls, raw: dict) -> "Vocabulary":
        return cls(
            typology={dim: tuple(attrs) for dim, attrs in raw["typology"].items()},
            methods=tuple(raw["methods"]),
            instigator_level=tuple(raw["instigator_level"]),
            reported_success=tuple(raw["reported_success"]),
            framework_categories={stage: tuple(terms) for stage, terms in raw["framework_categories"].items()},
        )


def load_vocabulary(path: str | Path) -> Vocabulary:
    """Read the vocabulary, checked against the package's schema (one readable
    line per problem, crosscase.ingest.settings)."""
    from crosscase.ingest.settings import load_checked_vocabulary

    return Vocabulary.from_mapping(load_checked_vocabulary(path))
