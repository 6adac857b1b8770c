#!/usr/bin/env python3
"""What a server allocated per message in a load-test step, read from its G1 log.

Usage: bytes-per-message.py GC_LOG RATE [SECONDS]

GC_LOG is a log written with -Xlog:gc*=debug:file=...:time (wall-clock stamps); RATE the messages a
second the step offered; SECONDS how much of the log's end to read (17 by default: a 16 s measured step
and the second after it). Between two young pauses a server allocates what the second one finds in
eden, so the eden regions of every pause after the first in the window, times the region size, over the
time between the first and the last, is the allocation rate; divided by RATE, bytes a message. A window
with fewer than two pauses says so.
"""
import re
import sys
from datetime import datetime

STAMP = re.compile(r'^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)')


def seconds(line):
    m = STAMP.match(line)
    return datetime.strptime(m.group(1)[:26], '%Y-%m-%dT%H:%M:%S.%f').timestamp() if m else None


def main(path, rate, window):
    lines = [l for l in open(path, errors='replace').read().splitlines() if STAMP.match(l)]
    end = seconds(lines[-1])
    region = None
    eden = {}  # pause number -> (time, eden regions before it)
    for line in lines:
        m = re.search(r'Heap Region Size: (\d+)M', line)
        if m:
            region = int(m.group(1)) * 1024 * 1024
        m = re.search(r'GC\((\d+)\) Eden regions: (\d+)->', line)
        if m:
            eden.setdefault(int(m.group(1)), (seconds(line), int(m.group(2))))
    pauses = [v for k, v in sorted(eden.items()) if v[0] >= end - window]
    if region is None or len(pauses) < 2:
        print(f'{len(pauses)} young pause(s) in the last {window:g} s: too few to tell')
        return
    allocated = sum(regions for _, regions in pauses[1:]) * region
    span = pauses[-1][0] - pauses[0][0]
    print(f'{len(pauses)} young pauses in {span:.1f} s: {allocated / span / 1e6:.1f} MB/s, '
          f'{allocated / span / rate:.0f} bytes a message at {rate:g} msg/s')


if __name__ == '__main__':
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) == 4 else 17.0)
