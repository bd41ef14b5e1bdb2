"""Timing shared by the benchmarks: medians taken in turns, and WeasyPrint's one-line, one-page floor."""

import statistics
import time

RUNS = 15


def timed(build):
    started = time.perf_counter()
    build()
    return time.perf_counter() - started


def medians(*builds, runs=RUNS):
    """Median seconds of each build, taking turns so a busy machine slows them alike."""
    for build in builds:
        build()  # warm up: fonts, caches, templates
    times = [[] for _ in builds]
    for _ in range(runs):
        for build, found in zip(builds, times, strict=True):
            found.append(timed(build))
    return [statistics.median(found) for found in times]


def floor():
    """WeasyPrint's own floor: one line on one page."""
    from weasyprint import HTML

    return HTML(string="<p>Hello.</p>").write_pdf()
