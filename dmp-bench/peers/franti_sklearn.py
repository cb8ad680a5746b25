#!/usr/bin/python3
"""scikit-learn KMeans(n_init=10) on Fränti's 15 benchmark sets: seconds per set for 10 seeds and CI.

Usage: franti_sklearn.py FRANTI_FOLDER [--sets a1,s1,...] [--seeds 10] [--n-init 10] [--threads 2]
Same files, same centring and common scaling and the same centroid index (CI) as dmp's
org.aidmp.examples.FrantiBenchmark, so the two print comparable lines. One JSON line per set:
seconds for all seeds (wall), CI per seed, and the load average when the set started.
Run it in the same sitting as FrantiBenchmark and quote the ratio; the machine is shared.
"""
import argparse, json, os, time
import numpy as np

UEF = ["a1", "a2", "a3", "s1", "s2", "s3", "s4", "unbalance", "birch1", "birch2"]
DIM = ["dim032", "dim064", "dim128", "dim256", "dim512"]

p = argparse.ArgumentParser(); p.add_argument("root"); p.add_argument("--sets", default="")
p.add_argument("--seeds", type=int, default=10); p.add_argument("--n-init", type=int, default=10)
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
os.environ.setdefault("OMP_NUM_THREADS", str(a.threads))
from sklearn.cluster import KMeans  # after OMP_NUM_THREADS

def files(name):
    if name in UEF:
        d = os.path.join(a.root, "uef-balanced-kmeans"); return os.path.join(d, name + ".txt"), os.path.join(d, name + "-gt.txt")
    return os.path.join(a.root, "sipu-original", name + ".txt"), os.path.join(a.root, "derived-gt", name + "-gt.txt")

def ci(A, B):
    def orphans(F, T):
        hit = np.zeros(len(T), bool)
        hit[((F[:, None, :] - T[None, :, :]) ** 2).sum(2).argmin(1)] = True
        return int((~hit).sum())
    return max(orphans(A, B), orphans(B, A))

only = [s for s in a.sets.split(",") if s] or UEF + DIM
for name in only:
    fx, fg = files(name)
    if not (os.path.isfile(fx) and os.path.isfile(fg)):
        raise SystemExit(f"{name}: {fx} or {fg} missing; pass the franti-clustering-benchmark folder")
    X = np.loadtxt(fx, dtype=np.float64, ndmin=2); G = np.loadtxt(fg, dtype=np.float64, ndmin=2)
    mean = X.mean(0); scale = np.sqrt(((X - mean) ** 2).sum() / X.size) or 1.0
    X = ((X - mean) / scale).astype(np.float32); G = ((G - mean) / scale).astype(np.float32)
    k = len(G); load = os.getloadavg()[0]; cis = []
    t0 = time.perf_counter()
    for seed in range(1, a.seeds + 1):
        km = KMeans(k, n_init=a.n_init, random_state=seed).fit(X)
        cis.append(ci(km.cluster_centers_.astype(np.float64), G.astype(np.float64)))
    secs = time.perf_counter() - t0
    print(json.dumps({"peer": f"sklearn-KMeans(n_init={a.n_init})", "set": name, "n": len(X), "d": X.shape[1], "k": k,
                      "seeds": a.seeds, "seconds": round(secs, 2), "ci": cis, "load1": load}), flush=True)
