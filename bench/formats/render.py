#!/usr/bin/env python3
"""Renders plain-text articles (title line, blank line, paragraphs; short lone lines are section headings) as the
formats HistoryBot reads: an HTML page inside a realistic site, a PDF and a DOCX exported by LibreOffice (with a running
header and page numbers), and an EPUB. Used to measure answer quality per format (bench/formats/measure.sh) and to make
the office-suite test fixtures. Needs LibreOffice (apt-get install -y libreoffice-writer-nogui); tests never run this.

usage: render.py [--small-pages] OUT_DIR ARTICLE.txt [ARTICLE.txt ...]  (--small-pages: A6, for short fixtures)    -> OUT_DIR/{html,pdf,docx,epub,txt}/<name>.<ext>
"""
import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile


def parse(path):
    text = open(path, encoding="utf-8").read()
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    title, rest = blocks[0], blocks[1:]
    items = []
    for block in rest:
        is_heading = "\n" not in block and len(block) <= 100 and block[-1] not in ".!?:;,\"')" and len(block.split()) <= 12
        items.append(("h" if is_heading else "p", " ".join(block.split())))
    return title, items


def site_html(title, items):
    body = "\n".join(f"<h2>{html.escape(t)}</h2>" if k == "h" else f"<p>{html.escape(t)}</p>" for k, t in items)
    middle = len(items) // 2
    parts = body.split("\n")
    parts.insert(middle, """<aside class="newsletter-signup"><h3>Get our newsletter</h3><p>Sign up for the weekly
        newsletter and never miss a story from the archive.</p><form><input type="email"><button>Subscribe</button></form></aside>""")
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | The History Review</title>
<meta property="og:site_name" content="The History Review">
<style>body {{ font-family: serif; }} .cookie-notice {{ position: fixed; }}</style>
<script>var analytics = "page view tracking code";</script></head>
<body>
<div class="cookie-notice" id="gdpr-consent"><p>This website uses cookies to ensure you get the best experience.
Read our cookie policy.</p><button>Got it</button></div>
<header class="site-header"><a href="/">The History Review</a>
<nav><ul><li><a href="/archive">Archive</a></li><li><a href="/topics">Browse topics</a></li><li><a href="/shop">Shop the store</a></li></ul></nav></header>
<div class="advert banner-ad"><p>Advertisement: Upgrade your kitchen with Acme Cookware, now forty percent off.</p></div>
<main><article>
<header><h1>{html.escape(title)}</h1><p class="byline">By the editors</p></header>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
{body}
</article>
<section class="related-posts"><h2>Related Articles</h2><ul><li><a href="/a">Ten Forgotten Inventions of the Bronze Age</a></li>
<li><a href="/b">Why Empires Fall: A Reading List</a></li></ul></section></main>
<footer class="site-footer"><p>Copyright The History Review.</p><a href="/privacy">Privacy Policy</a> <a href="/terms">Terms and Conditions</a></footer>
</body></html>
"""


def fodt(title, items, header, page=("21cm", "29.7cm")):
    def para(style, text):
        return f'<text:p text:style-name="{style}">{html.escape(text)}</text:p>'

    body = [f'<text:p text:style-name="Title">{html.escape(title)}</text:p>']
    for kind, text in items:
        body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{html.escape(text)}</text:h>' if kind == "h" else para("Text_20_body", text))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{html.escape(title)}</dc:title></office:meta>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="11pt" style:font-name="Liberation Serif"/></style:style>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm" fo:text-align="justify"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="22pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9pt"/></style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{page[0]}" fo:page-height="{page[1]}" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/>
 <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
 <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p text:style-name="Header">{html.escape(header)}</text:p></style:header>
 <style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


def epub(path, title, items):
    chapters, current = [], None
    for kind, text in items:
        if kind == "h" or current is None:
            current = [text if kind == "h" else title, []]
            chapters.append(current)
            if kind == "h":
                continue
        current[1].append(text)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        manifest, spine = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'], []
        nav = []
        for i, (name, paragraphs) in enumerate(chapters):
            body = f"<h1>{html.escape(name)}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            z.writestr(f"OEBPS/ch{i}.xhtml", f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{html.escape(name)}</title></head><body>{body}</body></html>')
            manifest.append(f'<item id="ch{i}" href="ch{i}.xhtml" media-type="application/xhtml+xml"/>')
            spine.append(f'<itemref idref="ch{i}"/>')
            nav.append(f'<li><a href="ch{i}.xhtml">{html.escape(name)}</a></li>')
        z.writestr("OEBPS/nav.xhtml", f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body><nav epub:type="toc"><ol>{"".join(nav)}</ol></nav></body></html>')
        z.writestr("OEBPS/content.opf", f'<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{html.escape(title)}</dc:title><dc:identifier id="id">{html.escape(title)}</dc:identifier><dc:language>en</dc:language></metadata><manifest>{"".join(manifest)}</manifest><spine>{"".join(spine)}</spine></package>')


def main():
    args = sys.argv[1:]
    page = ("10.5cm", "14.8cm") if args and args[0] == "--small-pages" else ("21cm", "29.7cm")
    args = args[1:] if args and args[0] == "--small-pages" else args
    out, articles = args[0], args[1:]
    for sub in ("html", "pdf", "docx", "epub", "txt"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for article in articles:
            name = os.path.splitext(os.path.basename(article))[0]
            title, items = parse(article)
            shutil.copy(article, os.path.join(out, "txt", name + ".txt"))
            open(os.path.join(out, "html", name + ".html"), "w", encoding="utf-8").write(site_html(title, items))
            epub(os.path.join(out, "epub", name + ".epub"), title, items)
            source = os.path.join(tmp, name + ".fodt")
            open(source, "w", encoding="utf-8").write(fodt(title, items, f"{title} Notes", page))
            for fmt, sub in (("pdf:writer_pdf_Export", "pdf"), ("docx:MS Word 2007 XML", "docx")):
                subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", os.path.join(out, sub), source],
                               check=True, stdout=subprocess.DEVNULL, env={**os.environ, "HOME": tmp})


if __name__ == "__main__":
    main()
