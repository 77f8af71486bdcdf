"""`ictmis <command> ...` in this process, then its own peak memory (KiB) as the last line of stdout.

The benchmarks run each import through this wrapper: `RUSAGE_CHILDREN` in the parent keeps the largest
of all children so far, not the one just run. With ICTMIS_BENCH_PROFILE=<file> the command runs under
cProfile and its statistics are written to that file (read them with `python -m pstats <file>`).
"""

import os
import resource
import sys

from ictmis.cli import main


def peak_kib() -> int:
    """This process's own peak resident memory. Not `getrusage`: its maximum survives exec, so a child
    forked from a big parent would report the parent's size."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.argv = ["ictmis", *sys.argv[1:]]
    target = os.environ.get("ICTMIS_BENCH_PROFILE")
    try:
        if target:
            import cProfile

            cProfile.run("main()", target)
        else:
            main()
    finally:
        sys.stdout.flush()
        print(peak_kib())
