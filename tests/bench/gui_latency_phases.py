#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cuts a perf profile of gui_latency into its phases (see README.md, "Dashboard latency").

    QUARRY_BENCH_MARKS=1 QT_QPA_PLATFORM=offscreen perf record -k CLOCK_MONOTONIC \\
        -e cpu-clock -F 999 --call-graph dwarf,32768 -o gl.perf \\
        build/tests/bench/gui_latency CASE 10 --no-raw 2> gl.marks
    perf script -i gl.perf -F tid,pid,time,ip,sym --no-inline > gl.script
    python3 tests/bench/gui_latency_phases.py gl.script gl.marks [PHASE [N]]

Per phase (between two "mark" lines gui_latency prints on stderr): wall time, samples of the
GUI thread doing work (delivering an event or running the window's code; the bench's own wait
loop, which polls MainWindow::busy(), is left out), all GUI-thread samples, and worker samples.
One sample is 1 ms of CPU. With PHASE (a prefix such as "graph-cluster.."), the N functions most
often on the stacks of that phase's GUI work and of its workers.
"""
import collections
import re
import sys

HEADER = re.compile(r'^\s*(\d+)/(\d+)\s+([\d.]+):')
WAITING = ('quarry::gui::MainWindow::busy', 'quarry::gui::SelectionController::loading')
WORK = ('notifyInternal2', 'sendPostedEvents', 'paintEvent', 'QTimerInfoList')


def read_samples(path):
    samples, current = [], None
    with open(path, errors='replace') as f:
        for line in f:
            m = HEADER.match(line)
            if m:
                current = (float(m.group(3)), [], m.group(1) == m.group(2))
                samples.append(current)
            elif line.strip() and current is not None:
                symbol = line.strip().split(' ', 1)[-1]
                current[1].append(re.sub(r'\(.*', '', symbol))
    return samples


def is_work(stack):
    if any(s in WAITING for s in stack):
        return False
    return any(s.startswith('quarry::') or any(w in s for w in WORK) for s in stack)


def top(samples, n):
    counts = collections.Counter()
    for _, stack, _ in samples:
        for s in set(stack):
            counts[s] += 1
    return [(s, c) for s, c in counts.most_common(400)
            if s.startswith(('quarry::', 'Q', 'sqlite3_step')) and 'Private' not in s][:n]


def main():
    script, marks_path = sys.argv[1], sys.argv[2]
    want = sys.argv[3] if len(sys.argv) > 3 else None
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    marks = [(l.split()[1], float(l.split()[2])) for l in open(marks_path) if l.startswith('mark ')]
    samples = read_samples(script)
    for (a_name, a), (b_name, b) in zip(marks, marks[1:]):
        name = f'{a_name}..{b_name}'
        inside = [s for s in samples if a <= s[0] < b]
        gui = [s for s in inside if s[2]]
        work = [s for s in gui if is_work(s[1])]
        workers = [s for s in inside if not s[2]]
        print(f'{name:42s} wall {1000 * (b - a):7.0f} ms  GUI work {len(work):5d}  '
              f'GUI all {len(gui):5d}  workers {len(workers):5d}')
        if want and name.startswith(want):
            for title, part in (('GUI work', work), ('workers', workers)):
                print(f'  {title}:')
                for symbol, count in top(part, n):
                    print(f'    {count:6d}  {symbol[:140]}')


if __name__ == '__main__':
    main()
