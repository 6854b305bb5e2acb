# Builds the zip bombs of issue 21's fault audit: a 4 MB DOCX whose word/document.xml inflates to 1.1 GB of valid
# XML (big.docx), a 350 KB one inflating to 100 MB (mid.docx), and a 350 KB EPUB with a 100 MB chapter (mid.epub).
# Usage: python3 bench/faults/make_bombs.py OUT_DIR; then index a corpus holding one of them under /usr/bin/time -v.
import os, sys
import zipfile
def docx(path, mb):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open('word/document.xml', 'w', force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            para = b'<w:p><w:r><w:t>The quick brown fox jumps over the lazy dog again and again.</w:t></w:r></w:p>' * 10000
            for _ in range(mb * 1024 * 1024 // len(para)):
                f.write(para)
            f.write(b'</w:body></w:document>')
def epub(path, mb):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('mimetype', 'application/epub+zip', compress_type=zipfile.ZIP_STORED)
        z.writestr('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        z.writestr('OEBPS/content.opf', '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Bomb</dc:title></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>')
        with z.open('OEBPS/c1.xhtml', 'w', force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>')
            para = b'<p>The quick brown fox jumps over the lazy dog again and again.</p>' * 10000
            for _ in range(mb * 1024 * 1024 // len(para)):
                f.write(para)
            f.write(b'</body></html>')
out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
docx(os.path.join(out, 'big.docx'), 1100)
docx(os.path.join(out, 'mid.docx'), 100)
epub(os.path.join(out, 'mid.epub'), 100)
