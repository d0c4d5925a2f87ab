#!/usr/bin/env python3
# bench/bench-table.py — the one table of `build-aux/dev bench`.
#
# Reads the benchmark programs' output on standard input, keeps the BENCH
# lines (tab-separated: name, median, spread, n, target, verdict) and prints
# them as one Markdown table, aligned, so that it reads in a terminal and
# pastes into docs/PERFORMANCE.md as it is. Exits 0 whatever the verdicts:
# benchmarks report, they do not fail.

import sys

HEADER = ["benchmark", "median", "spread (min–max)", "n", "target", "verdict"]


def main():
    rows = []
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        if fields[0] == "BENCH" and len(fields) == 7:
            rows.append(fields[1:])
    if not rows:
        print("no benchmark results", file=sys.stderr)
        return 1

    widths = [max(len(r[i]) for r in rows + [HEADER]) for i in range(len(HEADER))]
    right = {1, 2, 3}

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    print(line(HEADER))
    print("|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2))
                         for i, w in enumerate(widths)) + "|")
    for row in rows:
        print(line(row))

    missed = [r[0].strip() for r in rows if r[5] == "MISSED"]
    met = sum(1 for r in rows if r[5] == "met")
    print(f"\ntargets: {met} met, {len(missed)} missed" +
          (": " + "; ".join(missed) if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
