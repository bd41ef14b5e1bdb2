"""Timing shared by the benchmarks: medians taken in turns, the two floors, and how the ratios are printed.

Each PDF is measured next to two floors taken in the same run:
- the one-page floor: WeasyPrint writing one line on one page;
- the content floor: the document's own words and images, one after another in plain HTML with no
  stylesheet, through the same PDF module (same fonts, same tagging). No layout can be cheaper, so it
  is the fair reference for what the template itself costs. Target: at most 3 times it.
"""

import statistics
import time

RUNS = 15
TARGET = 3.0


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


def print_ratios(full_time, content_time, floor_time):
    """Both ratios, and whether the document is within TARGET times its content floor."""
    print(
        f"Against the one-page floor: {full_time / floor_time:.1f}x "
        f"(the same content with no layout at all is already {content_time / floor_time:.1f}x)"
    )
    ratio = full_time / content_time
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"Against the content floor:  {ratio:.2f}x ({verdict} the target of {TARGET:.0f}x), {RUNS} runs each")
