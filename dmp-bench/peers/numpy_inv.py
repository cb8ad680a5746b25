#!/usr/bin/python3
"""Seconds of NumPy's inv (LAPACK getrf + getri through OpenBLAS) on a Gram matrix written by
dmp's EaseFitBenchmark (-p gramOut=PATH), the peer of dmp's EASE fit on the same matrix.

Usage: numpy_inv.py GRAM.npy [--reps 5] [--threads 2]
Prints one JSON line: median and all seconds of np.linalg.inv, and the same for
scipy.linalg.cho_factor + cho_solve-free inverse (LAPACK potrf + potri) when SciPy is present.
Run it in the same sitting as the JMH benchmark; set the thread count before NumPy loads.
"""
import argparse, json, os, sys, time
p = argparse.ArgumentParser(); p.add_argument("gram"); p.add_argument("--reps", type=int, default=5)
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[v] = str(a.threads)
os.environ.pop("OPENBLAS_CORETYPE", None)
import numpy as np
G = np.load(a.gram); n = G.shape[0]
def timed(f):
    f()  # warm-up: thread pools, first touch
    t = []
    for _ in range(a.reps):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return t
out = {"n": n, "threads": a.threads, "load1": os.getloadavg()[0]}
t = timed(lambda: np.linalg.inv(G))
out["numpy_inv_s"] = float(np.median(t)); out["numpy_inv_all"] = [round(x, 4) for x in t]
try:
    from scipy.linalg import lapack
    def potri():
        c, info = lapack.dpotrf(G, lower=1)
        inv, info2 = lapack.dpotri(c, lower=1)
        return inv
    t = timed(potri)
    out["scipy_potrf_potri_s"] = float(np.median(t)); out["scipy_potrf_potri_all"] = [round(x, 4) for x in t]
except ImportError:
    pass
print(json.dumps(out), flush=True)
