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


def no_borders(table) -> None:  # type: ignore[no-untyped-def]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


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
    document.paragraphs[0]._element.getparent().remove(document.paragraphs[0]._element) if document.paragraphs else None

    head = document.add_table(rows=1, cols=2)
    no_borders(head)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    left.paragraphs[0].text = ""
    line(left, "{{ parent_body }}", size=12)
    line(left, "{{ issuing_body }}", bold=True, size=12)
    line(left, "Số: {{ number }}", size=13)
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
    grid = document.add_table(rows=3, cols=3)
    grid.style = "Table Grid"
    for index in range(3):
        grid.rows[0].cells[index].text = f"{{{{ table.headers[{index}] }}}}"
    grid.rows[1].cells[0].text = "{%tr for row in table.rows %}"
    for index in range(3):
        grid.rows[2].cells[index].text = f"{{{{ row[{index}] }}}}"
    grid.add_row().cells[0].text = "{%tr endfor %}"
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
    line(signature, "{{ signer_title }}", bold=True, size=13)
    line(signature, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)
    for _ in range(3):
        line(signature, "")
    line(signature, "{{ signer_name }}", bold=True, size=13)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
