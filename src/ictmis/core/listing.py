"""The list machinery every list page uses: search, sort, pagination, and export of what is filtered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise

from ictmis.core import security, tabular
from ictmis.core.formatting import format_date
from ictmis.core.text import search_terms

PAGE_SIZE = 25


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    value: Callable[[Any], Any]
    sort: str | None = None


def apply_search(qs: QuerySet[Any], query: str | None, field: str = "search_text") -> QuerySet[Any]:
    for term in search_terms(query):
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


def apply_sort(
    qs: QuerySet[Any], columns: Sequence[Column], requested: str | None, default: str
) -> tuple[QuerySet[Any], str]:
    allowed = {c.key: c.sort for c in columns if c.sort}
    key = (requested or "").lstrip("-")
    if key not in allowed:
        return qs.order_by(default, "pk"), ""
    descending = (requested or "").startswith("-")
    order = allowed[key] or key
    return qs.order_by(f"-{order}" if descending else order, "pk"), requested or ""


def paginate(request: HttpRequest, qs: QuerySet[Any] | Sequence[Any], per_page: int = PAGE_SIZE) -> Page[Any]:
    """The page `?page=` asks of a queryset or of rows already computed (a bad number gives the first or the
    last page)."""
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def paginate_keys(request: HttpRequest, qs: QuerySet[Any], per_page: int = PAGE_SIZE) -> Page[Any]:
    """Paginate a big table in two steps: the page's keys from the base table alone (an index scan in
    list order), then those rows with their joins. PostgreSQL would otherwise join every row before
    sorting to find one page."""
    page = Paginator(qs.values_list("pk", flat=True), per_page).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    rows = qs.model._default_manager.filter(pk__in=keys)
    related = qs.query.select_related
    if isinstance(related, dict):
        rows = rows.select_related(*_related_paths(related))
    by_key = rows.in_bulk(keys)
    page.object_list = [by_key[key] for key in keys if key in by_key]
    return page


def _related_paths(tree: dict[str, Any], prefix: str = "") -> list[str]:
    paths = []
    for name, children in tree.items():
        path = f"{prefix}{name}"
        nested = _related_paths(children, f"{path}__") if children else []
        paths.extend(nested or [path])
    return paths


def _cell(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return format_date(value)
    if isinstance(value, Model):
        return str(value)
    return "" if value is None else value


def export_csv(rows: Iterable[Any], columns: Sequence[Column], filename: str) -> StreamingHttpResponse:
    lines = tabular.csv_lines([c.label for c in columns], ([_cell(c.value(row)) for c in columns] for row in rows))
    response = StreamingHttpResponse(lines, content_type=tabular.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def export_xlsx(rows: Iterable[Any], columns: Sequence[Column], filename: str, title: str) -> HttpResponse:
    cells = ([_cell(c.value(row)) for c in columns] for row in rows)
    body = tabular.xlsx_bytes(title, [c.label for c in columns], cells)
    response = HttpResponse(body, content_type=tabular.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export(
    request: HttpRequest,
    qs: QuerySet[Any],
    columns: Sequence[Column],
    filename: str,
    title: str,
    *,
    personal_data: str = "",
) -> HttpResponse | StreamingHttpResponse | None:
    """Answer `?export=csv|xlsx` with exactly the filtered rows, or None for a normal page. A list of personal
    data names itself in `personal_data` (e.g. "persons"): its export is then reported to the security log,
    as a registry's is (Decree 13)."""
    kind = request.GET.get("export")
    if kind in ("csv", "xlsx") and personal_data:
        security.report("personal_data_exported", actor=request.user, request=request, registry=personal_data,
                        format=kind)  # fmt: skip
    if kind == "csv":
        return export_csv(qs.iterator(chunk_size=2000), columns, filename)
    if kind == "xlsx":
        return export_xlsx(qs.iterator(chunk_size=2000), columns, filename, title)
    return None
