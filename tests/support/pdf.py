"""Reading a PDF back as a reader would (PyMuPDF), with spaces and Unicode forms normalised."""

import unicodedata

import pymupdf


def normalised(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return normalised("\n".join(page.get_text() for page in document))
