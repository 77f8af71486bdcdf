"""DOCX from the template in the official format of Decree 30/2020/NĐ-CP (rebuilt by
tools/make_document_templates.py; officials may edit the .docx in Word as long as the tags stay)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ictmis.documents.issuers import issuer_on

TEMPLATE = Path(__file__).resolve().parent / "docx" / "official.docx"


def date_line(place: str, day: dt.date) -> str:
    """Decree 30/2020, Appendix I: days below 10 and the months January and February take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def render(context: dict[str, Any], *, number: str, day: dt.date, function: str = "") -> bytes:
    """The document as DOCX bytes. `context`: form_code and form_source (the top-right "Mẫu số …" line of a form
    of the decree on forms, printed only when set), title, subtitle, bases and paragraphs (lists of strings), fields
    ([{"label", "value"}]), table ({"headers": [...], "rows": [[...]]}, any number of columns), recipients,
    signer_authority ("KT. GIÁM ĐỐC"), signer_title, signer_name. The header and the place of the date line
    are the issuing body's of `day` (parent_body, issuing_body and place in `context` replace them)."""
    issuer = issuer_on(day, function)
    values: dict[str, Any] = {
        "subtitle": "",
        "form_code": "",
        "form_source": "",
        "bases": [],
        "paragraphs": [],
        "fields": [],
        "table": None,
        "recipients": [],
        "signer_authority": "",
        "signer_title": "",
        "signer_name": "",
        "parent_body": issuer.governing_body,
        "issuing_body": issuer.name,
        "place": issuer.place,
        **context,
    }
    values["number"] = number  # empty for unnumbered kinds: the template then leaves out the "Số:" line
    values["date_line"] = date_line(values["place"], day)
    from docxtpl import DocxTemplate  # with python-docx and lxml: loaded by the first document, not at start

    document = DocxTemplate(str(TEMPLATE))
    document.render(values, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
