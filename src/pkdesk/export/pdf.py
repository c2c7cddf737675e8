"""Write a Report to a PDF file: page size, metadata, optional PDF/A-1b, atomic replacement.

The document is painted into memory, given its ``/Subject`` (see ``pdf_info``), then written
by ``output_guard.write_private_file``: owner-only, complete under its name or not at all, and
a file already there survives any failure.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUuid, qVersion
from PySide6.QtGui import QPageSize, QPagedPaintDevice, QPdfWriter

from pkdesk import __version__
from pkdesk.core.errors import InputError
from pkdesk.core.report import Report
from pkdesk.export.pdf_info import with_info_entry
from pkdesk.export.qtapp import ensure_gui_app
from pkdesk.export.render import apply_margins, render_report
from pkdesk.store.output_guard import check_output_path, write_private_file

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
CREATOR = f"pkdesk {__version__}"
RESOLUTION = 600


def _xmp(report: Report, doc_id: str, when: datetime, pdfa: bool) -> bytes:
    """Qt's own XMP packet plus dc:description, which carries the subject (Qt has no setSubject)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    pdfaid = '<rdf:Description rdf:about="" pdfaid:part="1" pdfaid:conformance="B"/>' if pdfa else ""
    producer = f"Qt {qVersion()}"
    return f"""<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>\
<x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" \
xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" \
xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<rdf:RDF>
<rdf:Description rdf:about="">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(report.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(report.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(report.subject)}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" pdf:Producer="{escape(producer)}" pdf:Trapped="False"/>
<rdf:Description rdf:about="" xmp:CreatorTool="{escape(CREATOR)}" xmp:CreateDate="{stamp}" \
xmp:ModifyDate="{stamp}" xmp:MetadataDate="{stamp}"/>
<rdf:Description rdf:about="" xmpMM:DocumentID="uuid:{doc_id}" xmpMM:VersionID="1" \
xmpMM:RenditionClass="default"/>
{pdfaid}
</rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>""".encode("utf-8")


def configure_writer(writer: QPdfWriter, report: Report, page_size: str = "A4",
                     pdfa: bool = False) -> None:
    """Page size, margins, resolution and metadata of a PDF about to be painted."""
    if page_size not in PAGE_SIZES:
        raise InputError(f"--page-size: expected one of {', '.join(PAGE_SIZES)}, got {page_size!r}")
    writer.setPageSize(QPageSize(PAGE_SIZES[page_size]))
    apply_margins(writer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(report.title)
    writer.setAuthor(report.author)
    writer.setCreator(CREATOR)
    if pdfa:
        writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    doc_id = str(uuid.uuid4())
    writer.setDocumentId(QUuid(doc_id))
    # Qt stamps the Info dictionary when painting begins; this is within the same second.
    writer.setDocumentXmpMetadata(_xmp(report, doc_id, datetime.now(timezone.utc), pdfa))


def _paint(report: Report, page_size: str, pdfa: bool) -> tuple[bytes, int]:
    """The PDF's bytes (with the subject in its Info dictionary too) and its page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    configure_writer(writer, report, page_size, pdfa)
    pages = render_report(report, writer)
    del writer                              # Qt finishes the file when the writer goes
    data: QByteArray = buffer.data()
    pdf = bytes(data.data())
    buffer.close()
    if report.subject:
        # The XMP packet already says dc:description = subject; the Info entry must agree
        # (PDF/A-1), and it does: both come from report.subject.
        pdf = with_info_entry(pdf, "Subject", report.subject) or pdf
    return pdf, pages


def write_pdf(report: Report, path: str | os.PathLike[str], page_size: str = "A4",
              pdfa: bool = False) -> int:
    """Write ``report`` to ``path`` atomically, owner-only; return the page count.

    Raises InputError when the file cannot or must not be written (see
    ``pkdesk.store.output_guard``: never the database, a backup, a device or a FIFO;
    missing or read-only folder; full disk). The path is checked before painting starts.
    """
    target = check_output_path(path, what="PDF file")
    ensure_gui_app()
    pdf, pages = _paint(report, page_size, pdfa)
    write_private_file(target, pdf, what="PDF file")
    return pages
