"""A minimal iCalendar (RFC 5545) file of all-day events. It holds dates and our own words only."""

from datetime import timedelta


def _escape(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line):
    """Fold lines longer than 75 octets, never splitting a UTF-8 character."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return "\r\n ".join(out)


def calendar_file(events, stamp, language):
    """``events`` is a list of (uid, day, summary, description). Returns the file as UTF-8 bytes."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//familyguide//key dates//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for uid, day, summary, description in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@familyguide",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY;LANGUAGE={language}:{_escape(summary)}",
            f"DESCRIPTION;LANGUAGE={language}:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
