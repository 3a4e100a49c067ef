"""Run one command and write its own figures as JSON: ``python -m policysite.bench.launch OUT CMD...``.

The benchmark starts every command through this small process. A process's peak memory as the
kernel records it includes what the process held before ``exec``: started straight from the
benchmark (which holds a whole project in memory), every command would inherit its size.
"""

from __future__ import annotations

import json
import os
import sys
import time

from .. import children


def main() -> int:
    output, command = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            children.die_with_parent(parent)  # kept across exec: stopping the launcher stops the command
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    # wait4 gives the usage of the child and of every process it waited for.
    _, status, usage = os.wait4(pid, 0)
    figures = {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
    }
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(figures, stream)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
