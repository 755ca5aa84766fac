#!/usr/bin/python3
"""The peer for the PageRank benchmark: python3-igraph (Debian) on the same
weighted co-author graph exported by graph_bench. Times only the PageRank call
(igraph's default PRPACK solver), not reading or building the graph.
usage: /usr/bin/python3 igraph_pagerank.py EDGES   (first line: node count; then "u v w")
Prints one JSON line."""
import json
import sys
import time

import igraph


def main():
    with open(sys.argv[1]) as f:
        n = int(f.readline())
        edges, weights = [], []
        for line in f:
            u, v, w = line.split()
            edges.append((int(u), int(v)))
            weights.append(float(w))
    t0 = time.perf_counter()
    g = igraph.Graph(n=n, edges=edges, directed=False)
    g.es["weight"] = weights
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    rank = g.pagerank(weights="weight", damping=0.85, directed=False)
    seconds = time.perf_counter() - t0
    top = max(range(n), key=rank.__getitem__) if n else -1
    print(json.dumps({"seconds": seconds, "build_s": build, "nodes": n, "edges": len(edges),
                      "top_node": top, "top_rank": rank[top] if n else 0}))


if __name__ == "__main__":
    main()
