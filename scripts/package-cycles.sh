#!/usr/bin/env bash
# Lists the package cycles among the agent's own packages (io.heapwarden.agent.*), from the
# compiled classes, with jdeps. Prints each cycle (a strongly connected set of packages) and exits 1
# if there is any, 0 if none.
#
#   scripts/package-cycles.sh [CLASSES_DIR]     (default: agent/target/classes; run mvn compile first)
#
# Needs a JDK (jdeps) and python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
classes="${1:-agent/target/classes}"
jdeps -verbose:package -filter:none "$classes" 2>/dev/null | python3 -c '
import re, sys
prefix = "io.heapwarden.agent"
edges = {}
for line in sys.stdin:
    m = re.match(r"\s+(\S+)\s+->\s+(\S+)", line)
    if not m:
        continue
    a, b = m.groups()
    if a.startswith(prefix) and b.startswith(prefix) and a != b:
        edges.setdefault(a, set()).add(b)
        edges.setdefault(b, set())
# Tarjan: strongly connected components with more than one package are cycles.
index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            cycles.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(edges):
    if v not in index:
        visit(v)
print(f"{len(edges)} agent packages, {len(cycles)} cycle(s)")
for comp in cycles:
    name = lambda p: p[len(prefix):] or "(root)"
    print("cycle: " + " <-> ".join(name(p) for p in comp))
    for a in comp:
        for b in sorted(edges[a] & set(comp)):
            print("  " + name(a) + " -> " + name(b))
sys.exit(1 if cycles else 0)
'
