"""Every page each role can open reads in Vietnamese: none of the app's own English labels, no raw code.

The pages are the GET rows of the permission matrix that answer 200 for the role (with the matrix's sample
rows), plus one page of each kind linked from them (the demo's licences, cases and records). The English
words come from the app itself: the labels of every model choice and every label table (module-level
dicts, lists and workflow steps holding translatable strings), less the words the Vietnamese catalogue
itself uses ("Email", "Internet", "Excel" …). The raw codes are every choice key with a "_" or a ".",
every procedure code, every event verb and notification kind, and any dotted name that starts with an
app's label ("licensing.case.propose").
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db.models import Choices
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.functional import Promise

import ictmis
from ictmis.accounts.models import User
from ictmis.core.models import Event
from tests.test_permission_matrix import HTML, ROLES, Probe, Samples, samples  # noqa: F401
from tests.test_translations import CATALOGUE, _entries

pytestmark = pytest.mark.django_db

SKIPPED_TAGS = {"script", "style", "code", "pre", "template", "svg", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DOWNLOADS = ("export=", "format=", "download", ".xlsx", ".csv", ".docx", ".pdf", ".json")


class _VisibleText(HTMLParser):
    """The text a reader sees, and the links: attributes, scripts, <code> and English-marked parts left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._stack: list[bool] = []  # whether each open element hides its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in VOID_TAGS:
            return
        lang = values.get("lang") or ""
        hidden = tag in SKIPPED_TAGS or bool(lang and not lang.startswith("vi")) or values.get("aria-hidden") == "true"
        self._stack.append(hidden or (bool(self._stack) and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(ictmis.__path__, "ictmis."):
        if ".migrations" in info.name or info.name.endswith((".wsgi", ".asgi", ".serve", ".test_settings")):
            continue
        yield importlib.import_module(info.name)


def _lazy_strings(value: Any, depth: int = 0) -> Iterator[Promise]:
    if isinstance(value, Promise):
        yield value
    elif depth > 2:
        return
    elif isinstance(value, dict):
        for item in [*value.keys(), *value.values()]:
            yield from _lazy_strings(item, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _lazy_strings(item, depth + 1)
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        for name in value.__dataclass_fields__:
            yield from _lazy_strings(getattr(value, name, None), depth + 1)


def _english_labels() -> set[str]:
    """Every label the app defines: model choices and the label tables of its modules, in English."""
    labels: set[str] = set()
    with translation.override("en"):
        for model in apps.get_models():
            for field in model._meta.get_fields():
                for _key, label in getattr(field, "flatchoices", None) or ():
                    labels.add(str(label))
        for module in _modules():
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Choices) and value.__module__.startswith("ictmis"):
                    labels.update(str(label) for label in value.labels)
                elif not isinstance(value, type):
                    labels.update(str(label) for label in _lazy_strings(value))
    return labels


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W\d_]+", re.sub(r"%\(\w+\)\w|\{\w*\}", " ", text))}


def _english_words() -> set[str]:
    """English label words, less those the Vietnamese catalogue uses and those of organisations' names (data, such
    as "Nhật Lệ Telecom")."""
    from ictmis.parties.models import Organisation

    vietnamese = set()
    for names in Organisation.objects.values_list("name", "short_name"):
        vietnamese |= _words(" ".join(names))
    for _msgid, strings, _fuzzy in _entries(CATALOGUE.read_text(encoding="utf-8")):
        for string in strings:
            vietnamese |= _words(string)
    english = set()
    for label in _english_labels():
        english |= {word for word in _words(label) if word.isascii() and len(word) >= 3}
    return english - vietnamese


def _raw_codes() -> set[str]:
    from ictmis.licensing.models import Procedure
    from ictmis.notifications.kinds import all_kinds

    codes = {
        key
        for model in apps.get_models()
        for field in model._meta.get_fields()
        for key, _label in getattr(field, "flatchoices", None) or ()
        if isinstance(key, str) and re.fullmatch(r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+", key)
    }
    codes |= set(Procedure.objects.values_list("code", flat=True))
    codes |= set(Event.objects.values_list("verb", flat=True))
    codes |= {kind.code for kind in all_kinds()}
    return codes


APP_LABELS = "|".join(config.label for config in apps.get_app_configs())
APP_CODE = re.compile(rf"\b(?:{APP_LABELS})\.[a-z_]+\b")


def _found(text: str, english: set[str], codes: set[str]) -> list[str]:
    problems = [word for word in re.findall(r"(?<![\w-])[A-Za-z]+(?![\w-])", text) if word.lower() in english]
    tokens = set(re.findall(r"[A-Za-z0-9_.]+", text))
    problems += sorted({token.strip(".") for token in tokens} & codes)
    problems += APP_CODE.findall(text)
    return problems


def _get(client: Client, url: str) -> tuple[str, list[str]] | None:
    response = client.get(url)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return parser.text, parser.links


def _pages(role: str, context: Samples) -> Iterable[tuple[str, str, Probe]]:
    for name, probes in HTML.items():
        for probe in probes:
            if probe.method != "get" or probe.expect[role] != 200 or probe.prepare is not None:
                continue
            url = reverse(name, kwargs=probe.kwargs(context)) + probe.query
            if not any(download in url for download in DOWNLOADS):
                yield name, url, probe


def _linked(links: Iterable[str], seen: set[tuple[Any, ...]]) -> Iterator[str]:
    """Local links to pages of a kind not yet seen (a kind: the route, its non-numeric arguments, its tab)."""
    for link in links:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or any(d in link for d in DOWNLOADS):
            continue
        try:
            match = resolve(parts.path)
        except Resolver404:
            continue
        if not match.kwargs or match.view_name not in HTML:
            continue
        tab = re.search(r"tab=(\w+)", parts.query)
        kind = (
            match.view_name,
            tuple(sorted((k, v) for k, v in match.kwargs.items() if not str(v).isdigit())),
            tab and tab.group(1),
        )
        if kind not in seen:
            seen.add(kind)
            yield link


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_in_vietnamese(role: str, samples: Samples) -> None:  # noqa: F811
    english, codes = _english_words(), _raw_codes()
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    context = {**samples, "actor": User.objects.filter(username=role).first()}
    failures: list[str] = []
    seen: set[tuple[Any, ...]] = set()
    followed: list[str] = []
    for _name, url, _probe in _pages(role, context):
        page = _get(client, url)
        if page is None:
            continue
        text, links = page
        failures += [f"{url}: {problem}" for problem in _found(text, english, codes)]
        followed += _linked(links, seen)
    for url in followed:
        page = _get(client, url)
        if page is not None:
            failures += [f"{url}: {problem}" for problem in _found(page[0], english, codes)]
    assert sorted(set(failures)) == [], "\n".join(sorted(set(failures)))


def test_the_word_list_holds_the_labels_seen_in_the_issue(db: Any) -> None:
    english = _english_words()
    assert {"active", "revoked", "expired", "changed"} <= english
    assert {"email", "internet"}.isdisjoint(english)
    assert "licensing.case.propose" in _raw_codes() or "website.new" in _raw_codes()
