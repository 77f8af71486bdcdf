"""What every workflow table is made of: a step names its source states, its target and the permission it
needs (licensing cases, sanction decisions, reports). Each app keeps its own table and error messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    action: str
    label: object
    sources: frozenset[str]
    target: str
    permission: str


def possible_actions(steps: Mapping[str, Step], status: str) -> list[str]:
    """The steps a table allows from `status`, whoever asks, in the table's order."""
    return [name for name, step in steps.items() if status in step.sources]
