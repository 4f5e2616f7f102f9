"""img2pdf timed inside Python, for the scan-assembly suite's fair comparison.

What our figure times inside a running Node process (read the page files, assemble, write the
PDF) is timed here the same way around img2pdf: read the files into bytes, img2pdf.convert(),
write the PDF, --repeat times in one process, each run timed with perf_counter. Python's start and
img2pdf's import are outside the runs and reported apart. Prints one marker line of JSON.
Spawned by bench/suites/scan-assembly.ts with the interpreter img2pdf's own script names.

  python3 scan-assembly-img2pdf.py --out OUT.pdf --repeat N FILE...
"""

import argparse
import json
import os
import sys
import time

MARKER = "SCAN_ASSEMBLY_IMG2PDF_RESULT "


def peak_rss_mib():
    # VmHWM, not getrusage's ru_maxrss: Linux carries the latter over fork and exec from the
    # parent (see bench/lib/peak-rss.ts).
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    t0 = time.perf_counter()
    import img2pdf

    import_ms = (time.perf_counter() - t0) * 1000
    rss_before = peak_rss_mib()
    runs = []
    size = 0
    for _ in range(args.repeat):
        a = time.perf_counter()
        pages = []
        for name in args.files:
            with open(name, "rb") as f:
                pages.append(f.read())
        b = time.perf_counter()
        pdf = img2pdf.convert(pages)
        c = time.perf_counter()
        with open(args.out, "wb") as f:
            f.write(pdf)
        d = time.perf_counter()
        size = len(pdf)
        del pages, pdf
        runs.append({"readMs": (b - a) * 1000, "convertMs": (c - b) * 1000, "writeMs": (d - c) * 1000, "workMs": (d - a) * 1000})
    # What the app must add to land a file safely; img2pdf's own CLI does not.
    e = time.perf_counter()
    fd = os.open(args.out, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_ms = (time.perf_counter() - e) * 1000
    sys.stdout.write(
        MARKER
        + json.dumps(
            {
                "pages": len(args.files),
                "bytes": size,
                "importMs": import_ms,
                "runs": runs,
                "fsyncMs": fsync_ms,
                "rssBeforeMiB": rss_before,
                "maxRssMiB": peak_rss_mib(),
                "python": sys.version.split()[0],
                "img2pdf": img2pdf.__version__ if hasattr(img2pdf, "__version__") else "?",
            }
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
