"""40 families ask for their PDF at the same moment: how long they wait (median and p95) and how much memory
each gunicorn worker holds while it builds them, against gunicorn as benchmark_load.py starts it.

Prints numbers; never fails a build. Memory is each worker's resident set (VmRSS), sampled every 50 ms."""

import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmark_load import Visitor, gunicorn_server

FAMILIES = 40


def family_with_answers(base, number):
    family = Visitor(base)
    family.post("/en/prepare/start", {"csrf_token": family.csrf_token("/en/prepare/")})
    token = family.csrf_token("/en/prepare/come-back")
    family.post("/en/prepare/chat/conference_kind", {"csrf_token": token, "choice": "first"})
    for key in ("going_well", "want_known", "worries"):
        family.post(f"/en/prepare/chat/{key}", {"csrf_token": token, "answer": f"Family {number}: " + "words " * 80})
    return family


def worker_memory_mb(master_pid):
    """Each worker's resident memory in MB, read from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    sizes = []
    for pid in children.read_text().split() if children.exists() else []:
        status = Path(f"/proc/{pid}/status")
        line = next((line for line in status.read_text().splitlines() if line.startswith("VmRSS:")), None)
        if line:
            sizes.append(int(line.split()[1]) / 1024)
    return sizes


def timed_download(family):
    start = time.perf_counter()
    with family.opener.open(family.base + "/en/prepare/my-views-for-the-conference.pdf") as response:
        ok = response.status == 200 and response.read(5) == b"%PDF-"
    return time.perf_counter() - start, ok


def main():
    with tempfile.TemporaryDirectory() as folder, gunicorn_server(folder) as (base, master_pid):
        families = [family_with_answers(base, n) for n in range(FAMILIES)]
        before = worker_memory_mb(master_pid)
        peak, sampling = list(before), True

        def sample():
            while sampling:
                peak[:] = [max(a, b) for a, b in zip(peak, worker_memory_mb(master_pid), strict=False)]
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        with ThreadPoolExecutor(max_workers=FAMILIES) as pool:
            results = list(pool.map(timed_download, families))
        sampling = False
        sampler.join()
        after = worker_memory_mb(master_pid)
    seconds = sorted(duration for duration, _ in results)
    p95 = seconds[int(0.95 * (len(seconds) - 1))]
    print(
        f"{FAMILIES} PDFs at once: {sum(ok for _, ok in results)} built, median {statistics.median(seconds):.2f} s, "
        f"p95 {p95:.2f} s, slowest {seconds[-1]:.2f} s"
    )
    for label, sizes in (("before", before), ("peak", peak), ("after", after)):
        print(f"  worker memory {label:<6} " + ", ".join(f"{size:.0f} MB" for size in sizes))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
