"""Demo data: each app registers a loader; `ictmis load_demo` runs them in order. Every loader is
idempotent (a second run changes nothing) and uses a fixed random seed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[str], None]
Loader = Callable[[dt.datetime, Progress], object]


@dataclass(frozen=True)
class DemoLoader:
    name: str
    order: int
    load: Loader


_LOADERS: dict[str, DemoLoader] = {}


def register(name: str, order: int, load: Loader) -> None:
    _LOADERS[name] = DemoLoader(name, order, load)


def load_all(*, now: dt.datetime, progress: Progress = lambda _m: None) -> None:
    for loader in sorted(_LOADERS.values(), key=lambda item: item.order):
        progress(f"{loader.name}…")
        loader.load(now, progress)
