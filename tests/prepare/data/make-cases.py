#!/usr/bin/python3
"""Builds the prepare test cases from case.nl.txt: case.pdf (groff + ps2pdf), case.docx and
case.odt (minimal WordprocessingML and OpenDocument text, one paragraph per line of the input).
The outputs are committed; run this again after changing case.nl.txt."""

import pathlib
import subprocess
import zipfile
from xml.sax.saxutils import escape

here = pathlib.Path(__file__).resolve().parent
lines = (here / "case.nl.txt").read_text(encoding="utf-8").splitlines()

# PDF: one paragraph per input line, with a blank line between them, so every input line starts
# its own line in the PDF text.
roff = ".nh\n.ad l\n" + "".join(line.replace("\\", "\\e") + "\n.sp\n" for line in lines)
postscript = subprocess.run(["groff", "-Kutf8", "-Tps"], input=roff.encode("utf-8"),
                            check=True, capture_output=True).stdout
subprocess.run(["ps2pdf", "-dPDFSETTINGS=/prepress", "-", str(here / "case.pdf")],
               input=postscript, check=True)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, compression in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, data)


# DOCX: the heading in its own run, a body paragraph split over runs (as Word does), a tab.
paragraphs = []
for number, line in enumerate(lines):
    if number == 1:
        head, tail = line.split(" (", 1)
        runs = (f"<w:r><w:rPr><w:b/></w:rPr><w:t>{escape(head)}</w:t></w:r>"
                f"<w:r><w:t xml:space=\"preserve\"> ({escape(tail)}</w:t></w:r>")
    else:
        runs = f"<w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r>"
    paragraphs.append(f"<w:p>{runs}</w:p>")
document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{"".join(paragraphs)}</w:body></w:document>')
write_zip(here / "case.docx", [
    ("[Content_Types].xml",
     '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
     'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
     'officedocument.wordprocessingml.document.main+xml"/></Types>', zipfile.ZIP_DEFLATED),
    ("word/document.xml", document, zipfile.ZIP_DEFLATED),
])

T = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
body = []
for number, line in enumerate(lines):
    tag = "text:h" if number == 0 else "text:p"
    body.append(f"<{tag}>{escape(line)}</{tag}>")
content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="{O}" '
           f'xmlns:text="{T}" office:version="1.3"><office:body><office:text>{"".join(body)}'
           f'</office:text></office:body></office:document-content>')
write_zip(here / "case.odt", [
    ("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
    ("content.xml", content, zipfile.ZIP_DEFLATED),
])

# Files prepare must refuse with a clear error while reading the others: a DOCX whose XML
# declares an entity (never expanded), and a PDF that is damaged.
evil = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY boom "boom">]>\n'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&boom;</w:t></w:r></w:p>'
        f'</w:body></w:document>')
write_zip(here / "entity.docx", [("word/document.xml", evil, zipfile.ZIP_DEFLATED)])
(here / "damaged.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nthis is not a PDF\n")
