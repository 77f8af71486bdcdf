"""Demo data: each app registers a loader; `ictmis load_demo` runs them in order. Every loader is
idempotent (a second run changes nothing) and uses a fixed random seed.

A loader is registered as the dotted path of its function, imported only when the demo is loaded: the
demo modules pull in what the demo needs (document templates, images, the provinces package), which
every other command (an import, the server) would otherwise load at start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string

Progress = Callable[[str], None]
Loader = Callable[[dt.datetime, Progress], object]


@dataclass(frozen=True)
class DemoLoader:
    name: str
    order: int
    load: Loader | str  # a function, or the dotted path of one

    def run(self, now: dt.datetime, progress: Progress) -> object:
        load = import_string(self.load) if isinstance(self.load, str) else self.load
        return load(now, progress)


_LOADERS: dict[str, DemoLoader] = {}


def register(name: str, order: int, load: Loader | str) -> None:
    _LOADERS[name] = DemoLoader(name, order, load)


def load_all(*, now: dt.datetime, progress: Progress = lambda _m: None) -> None:
    for loader in sorted(_LOADERS.values(), key=lambda item: item.order):
        progress(f"{loader.name}…")
        loader.run(now, progress)
