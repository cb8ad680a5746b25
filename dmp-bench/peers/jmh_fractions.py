#!/usr/bin/python3
"""GFLOP/s and fraction of the in-run peak for a JMH JSON result (java -jar benchmarks.jar ... -rf json).

Usage: jmh_fractions.py result.json [--lanes 8]
The peak is PeakBenchmark.fma1 / fma2 from the same file (same run, same load): 2*12*lanes*2^20
flops per operation; read1/read2 give GB/s and chase1/chase8 nanoseconds per dependent load. Kernel flops per operation:
  LloydIterationBenchmark.lloyd            2*n*k*d       (params n, d, k or the .npy shapes given by --shape n,d,k)
  KernelBenchmark.nearestCentroids[2]      2*rows*k*d    (per thread)
  CosineKnnBenchmark.*                     2*n*d*queries (--shape n,d,queries)
One-thread benchmarks are compared with fma1, two-thread ones (threads=2 or @Threads(2)) with fma2.
"""
import argparse, json, statistics
p = argparse.ArgumentParser(); p.add_argument("result"); p.add_argument("--lanes", type=int, default=8)
p.add_argument("--shape", default="", help="n,d,k (Lloyd) or n,d,queries (kNN) when the data are .npy files")
a = p.parse_args()
res = json.load(open(a.result))
def median_ms(r):
    raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
    unit = r["primaryMetric"]["scoreUnit"]
    scale = {"us/op": 1e-3, "ms/op": 1.0, "s/op": 1e3, "ns/op": 1e-6}[unit]
    return statistics.median(raw) * scale
peak = {}
for r in res:
    name = r["benchmark"].rsplit(".", 1)[-1]
    if r["benchmark"].endswith("PeakBenchmark." + name) and name.startswith("fma"):
        peak[name] = 2 * 12 * a.lanes * (1 << 20) * r["threads"] / (median_ms(r) * 1e-3) / 1e9
    if r["benchmark"].endswith("PeakBenchmark." + name) and name.startswith("read"):
        mb = int(r["params"]["readMegabytes"])
        peak[name] = mb * (1 << 20) * r["threads"] / (median_ms(r) * 1e-3) / 1e9
    if r["benchmark"].endswith("PeakBenchmark." + name) and name.startswith("chase"):
        peak[name] = median_ms(r) * 1e6 / (1 << 16)
print(json.dumps({"peak": {k: round(v, 1) for k, v in peak.items()},
                  "unit": "GFLOP/s (fma), GB/s (read), ns per dependent load (chase)"}))
shape = [int(x) for x in a.shape.split(",")] if a.shape else None
for r in res:
    b = r["benchmark"]; prm = r.get("params", {}); ms = median_ms(r); flops = None
    threads = int(prm.get("threads", r["threads"]))
    if b.endswith("LloydIterationBenchmark.lloyd"):
        n, d, k = shape or (int(prm["n"]), int(prm["d"]), int(prm["k"]))
        flops = 2 * n * k * d
    elif ".KernelBenchmark.nearestCentroids" in b:
        flops = 2 * int(prm["rows"]) * int(prm["k"]) * int(prm["d"]) * r["threads"]
        threads = r["threads"]
    elif "CosineKnnBenchmark" in b and shape:
        n, d, q = shape; flops = 2 * n * d * q
    line = {"benchmark": b.rsplit(".", 2)[-2] + "." + b.rsplit(".", 1)[-1], "params": prm, "median_ms": round(ms, 3)}
    if flops:
        g = flops / (ms * 1e-3) / 1e9; ref = peak.get("fma2" if threads >= 2 else "fma1")
        line["gflops"] = round(g, 1)
        if ref:
            line["fraction_of_peak"] = round(g / ref, 3)
    print(json.dumps(line))
