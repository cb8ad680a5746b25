#!/usr/bin/env python3
"""scikit-learn on the same CSV, split and features as org.aidmp.examples.PredictiveEvaluation.

Prints one line per model in PredictiveEvaluation's form, with the peer's names:
  dataset=<name> model=<sklearn-logistic|sklearn-hgb> auc=<x> logloss=<x> brier=<x> fit_ms=<n>

Same options: --data FILE --label COLUMN --positive VALUE --test-rows FILE [--sep C] [--no-header]
[--drop COL,...] [--numeric COL,...] [--name NAME] [--threads N] [--repeat R]

Preprocessing mirrors the Java program: blanks are missing; a column is numeric when every
non-blank value parses as a number (or it is named by --numeric); a categorical column codes its
254 most frequent training values (ties by first appearance), folds the rest into code 254, and
leaves unseen values missing; a text column whose every training value is distinct is dropped.
LogisticRegression (defaults) gets standardised numerics (missing -> training mean) and one-hot
categories; HistGradientBoostingClassifier (defaults) gets the codes with the categorical mask and
NaN for missing. --repeat R fits each model R times and reports the median fit time.
"""
import argparse
import csv
import math
import os
import statistics
import sys
import time

MAX_LEVELS = 254


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--label", required=True)
    p.add_argument("--positive", required=True)
    p.add_argument("--test-rows", required=True)
    p.add_argument("--sep", default=",")
    p.add_argument("--no-header", action="store_true")
    p.add_argument("--drop", default="")
    p.add_argument("--numeric", default="")
    p.add_argument("--name")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=1)
    return p.parse_args()


def as_number(s):
    if s == "":
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    return None if math.isnan(v) else v


def main():
    a = parse_args()
    # Thread counts must be fixed before numpy and scikit-learn load their pools.
    os.environ["OMP_NUM_THREADS"] = str(a.threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(a.threads)
    # Idle OpenMP workers sleep instead of spinning: on a shared, loaded machine spinning workers
    # steal the cores the working ones need.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    sep = "\t" if a.sep in ("\\t", "tab") else a.sep
    with open(a.data, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter=sep) if r]
    if a.no_header:
        names = ["c%d" % i for i in range(len(rows[0]))]
    else:
        names, rows = [c.strip() for c in rows[0]], rows[1:]
    n = len(rows)
    test = set()
    with open(a.test_rows) as f:
        for line in f:
            if line.strip():
                test.add(int(line))
    is_test = np.array([i in test for i in range(n)])
    drop = {c for c in a.drop.split(",") if c}
    forced = {c for c in a.numeric.split(",") if c}
    label = names.index(a.label)
    y = np.array([1.0 if r[label].strip() == a.positive.strip() else 0.0 for r in rows])

    num_cols, cat_cols, onehot_blocks = [], [], []
    for c, name in enumerate(names):
        if c == label or name in drop:
            continue
        vals = [r[c].strip() for r in rows]
        numeric = name in forced or all(v == "" or as_number(v) is not None for v in vals)
        if numeric:
            num_cols.append(np.array([np.nan if as_number(v) is None else as_number(v) for v in vals],
                                     dtype=np.float32).astype(np.float64))
            continue
        count = {}
        for v, t in zip(vals, is_test):
            if not t and v != "":
                count[v] = count.get(v, 0) + 1
        n_train = int((~is_test).sum())
        if len(count) == n_train and len(count) > MAX_LEVELS:
            print("# column %s left out as an identifier" % name, file=sys.stderr)
            continue
        order = sorted(count, key=lambda k: -count[k])  # stable: ties keep first appearance
        code = {k: min(i, MAX_LEVELS) for i, k in enumerate(order)}
        cat_cols.append(np.array([code.get(v, np.nan) for v in vals], dtype=np.float64))

    X_num = np.column_stack(num_cols) if num_cols else np.zeros((n, 0))
    X_cat = np.column_stack(cat_cols) if cat_cols else np.zeros((n, 0))
    tr, te = ~is_test, is_test

    # Logistic: standardise numerics on the training rows, missing -> mean (0 after scaling);
    # one indicator per training code of each categorical column.
    mu = np.nanmean(X_num[tr], axis=0)
    sd = np.nanstd(X_num[tr], axis=0)
    sd[sd == 0] = 1
    Z = (X_num - mu) / sd
    Z[np.isnan(Z)] = 0
    blocks = [Z]
    for j in range(X_cat.shape[1]):
        col = X_cat[:, j]
        levels = int(np.nanmax(col[tr])) + 1
        oh = np.zeros((n, levels))
        ok = ~np.isnan(col)
        oh[np.where(ok)[0], col[ok].astype(int)] = 1
        blocks.append(oh)
    X_lr = np.hstack(blocks)
    X_hgb = np.hstack([X_num, X_cat])
    mask = np.array([False] * X_num.shape[1] + [True] * X_cat.shape[1])

    name = a.name or os.path.splitext(os.path.basename(a.data))[0]
    models = [
        ("sklearn-logistic", lambda: LogisticRegression(), X_lr),
        ("sklearn-hgb", lambda: HistGradientBoostingClassifier(
            categorical_features=mask if mask.any() else None), X_hgb),
    ]
    for label_name, make, X in models:
        times = []
        for _ in range(a.repeat):
            m = make()
            t0 = time.perf_counter()
            m.fit(X[tr], y[tr])
            times.append((time.perf_counter() - t0) * 1000)
        p = m.predict_proba(X[te])[:, 1]
        print("dataset=%s model=%s auc=%.4f logloss=%.4f brier=%.4f fit_ms=%d" % (
            name, label_name, roc_auc_score(y[te], p), log_loss(y[te], p),
            brier_score_loss(y[te], p), round(statistics.median(times))))


if __name__ == "__main__":
    main()
