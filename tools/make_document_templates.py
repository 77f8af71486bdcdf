"""Build src/ictmis/documents/docx/official.docx: the Decree 30/2020/NĐ-CP layout with docxtpl tags.

Run `python tools/make_document_templates.py` after changing the layout; officials may also edit the
.docx in Word, keeping the {{ … }} and {% … %} tags.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parents[1] / "src/ictmis/documents/docx/official.docx"
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def no_borders(table) -> None:  # type: ignore[no-untyped-def]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def short_rule(cell, *, indent) -> None:  # type: ignore[no-untyped-def]
    """The solid line Decree 30 puts under the issuing body's name, a third to a half of its length."""
    paragraph = line(cell, "", size=2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # The schema orders the children of w:pPr: the border goes before shading, tabs, spacing, indents and alignment.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


def line(cell_or_doc, text: str, *, bold=False, italic=False, underline=False, size=13, align=CENTER):  # type: ignore[no-untyped-def]
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.font.size = Pt(13)

    # The form code of the decree on forms (e.g. "Mẫu số MQĐ02" of Decree 118/2021) sits at the top right, only
    # when the document has one.
    line(document, "{%p if form_code %}", align=RIGHT)
    line(document, "Mẫu số {{ form_code }}", bold=True, size=12, align=RIGHT)
    line(document, "{%p if form_source %}", align=RIGHT)
    line(document, "(Kèm theo {{ form_source }})", italic=True, size=11, align=RIGHT)
    line(document, "{%p endif %}", align=RIGHT)
    line(document, "{%p endif %}", align=RIGHT)

    head = document.add_table(rows=1, cols=2)
    no_borders(head)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    left.paragraphs[0].text = ""
    line(left, "{{ parent_body|upper }}", size=12)
    line(left, "{{ issuing_body|upper }}", bold=True, size=12)
    short_rule(left, indent=Mm(22))
    line(left, "{%p if number %}", size=13)
    line(left, "Số: {{ number }}", size=13)
    line(left, "{%p endif %}", size=13)
    right.paragraphs[0].text = ""
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=13)
    line(right, "{{ date_line }}", italic=True, size=13)

    line(document, "")
    line(document, "{{ title }}", bold=True, size=14)
    line(document, "{%p if subtitle %}", size=13)
    line(document, "{{ subtitle }}", bold=True, size=13)
    line(document, "{%p endif %}", size=13)
    line(document, "")
    line(document, "{%p for basis in bases %}", align=LEFT)
    line(document, "{{ basis }};", italic=True, align=JUSTIFY)
    line(document, "{%p endfor %}", align=LEFT)
    line(document, "{%p for text in paragraphs %}", align=LEFT)
    line(document, "{{ text }}", align=JUSTIFY)
    line(document, "{%p endfor %}", align=LEFT)

    line(document, "{%p if fields %}", align=LEFT)
    fields = document.add_table(rows=3, cols=2)
    fields.style = "Table Grid"
    fields.rows[0].cells[0].text = "{%tr for field in fields %}"
    fields.rows[1].cells[0].text = "{{ field.label }}"
    fields.rows[1].cells[1].text = "{{ field.value }}"
    fields.rows[2].cells[0].text = "{%tr endfor %}"
    line(document, "{%p endif %}", align=LEFT)

    line(document, "{%p if table %}", align=LEFT)
    # Columns repeat with {%tc %}: docxtpl then widens the table grid to as many columns as there are headers.
    grid = document.add_table(rows=4, cols=3)
    grid.style = "Table Grid"
    for row, item in ((grid.rows[0], "header"), (grid.rows[2], "cell")):
        source = "table.headers" if item == "header" else "row"
        row.cells[0].text = f"{{%tc for {item} in {source} %}}"
        line(row.cells[1], f"{{{{ {item} }}}}", bold=item == "header", size=12)
        row.cells[1].paragraphs[0]._element.getparent().remove(row.cells[1].paragraphs[0]._element)
        row.cells[2].text = "{%tc endfor %}"
    grid.rows[1].cells[0].text = "{%tr for row in table.rows %}"
    grid.rows[3].cells[0].text = "{%tr endfor %}"
    line(document, "{%p endif %}", align=LEFT)

    line(document, "")
    foot = document.add_table(rows=1, cols=2)
    no_borders(foot)
    recipients, signature = foot.rows[0].cells
    recipients.paragraphs[0].text = ""
    line(recipients, "Nơi nhận:", bold=True, italic=True, size=12, align=LEFT)
    line(recipients, "{%p for name in recipients %}", size=11, align=LEFT)
    line(recipients, "- {{ name }};", size=11, align=LEFT)
    line(recipients, "{%p endfor %}", size=11, align=LEFT)
    signature.paragraphs[0].text = ""
    line(signature, "{%p if signer_authority %}", size=13)
    line(signature, "{{ signer_authority|upper }}", bold=True, size=13)
    line(signature, "{%p endif %}", size=13)
    line(signature, "{{ signer_title|upper }}", bold=True, size=13)
    for _ in range(4):
        line(signature, "")
    line(signature, "{{ signer_name }}", bold=True, size=13)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
