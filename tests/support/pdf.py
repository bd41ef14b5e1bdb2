"""Reading a PDF back as a reader would (PyMuPDF), with spaces and Unicode forms normalised."""

import re
import unicodedata
from urllib.parse import unquote

import pymupdf


def normalised(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return normalised("\n".join(page.get_text() for page in document))


def downloaded_name(response):
    """The file name the browser saves the download under (the UTF-8 one when there is one)."""
    disposition = response.headers["Content-Disposition"]
    if match := re.search(r"filename\*=UTF-8''([^;]+)", disposition):
        return unquote(match.group(1))
    return re.search(r"filename=([^;]+)", disposition).group(1)
