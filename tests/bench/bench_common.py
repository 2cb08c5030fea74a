"""Timing helpers shared by the benchmarks: wall and CPU seconds (own and children's)."""
import resource
import time


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(func):
    wall, cpu = time.perf_counter(), cpu_seconds()
    func()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def print_table(rows, unit):
    """rows: (label, wall, cpu) per unit, the last row the source's pipeline (the 1.0x base)."""
    base_wall, base_cpu = rows[-1][1], rows[-1][2]
    print('%-40s %12s %12s %14s %14s' % ('method', 'wall s/' + unit, 'cpu s/' + unit,
                                         'wall (c)/x', 'cpu (c)/x'))
    for label, wall, cpu in rows:
        print('%-40s %12.3f %12.3f %13.1fx %13.1fx' % (label, wall, cpu, base_wall / wall,
                                                       base_cpu / cpu))
