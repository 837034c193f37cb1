#!/usr/bin/python3
"""Writes data/diabetes.csv and data/sklearn-fixtures.json: scikit-learn's figures that the
API and CLI tests compare with. Run with Debian's python3 (python3-sklearn from apt):

    /usr/bin/python3 scripts/sklearn-fixtures.py

Conventions: our loss is mean ½r² and the penalty λ·½‖w‖² (l2), λ‖w‖₁ (l1), λ(ρ‖w‖₁ +
(1−ρ)½‖w‖²) (elastic), bias unpenalized. So Ridge's alpha = n·λ, Lasso's and ElasticNet's
alpha = λ. Standardization is StandardScaler (population standard deviation); w and b are
mapped back to the original units.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, Ridge, RidgeCV
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
NAMES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']


def half_mse(y, p):
    return float(0.5 * np.mean((y - p) ** 2))


def fit(penalty, lam, X, y, ratio=0.5):
    """Standardized fit; returns (w, b) in original units."""
    sc = StandardScaler().fit(X)
    Z = sc.transform(X)
    n = len(y)
    if penalty == 'l2':
        m = Ridge(alpha=n * lam, solver='svd').fit(Z, y)
    elif penalty == 'l1':
        m = Lasso(alpha=lam, tol=1e-14, max_iter=10_000_000).fit(Z, y)
    else:
        m = ElasticNet(alpha=lam, l1_ratio=ratio, tol=1e-14, max_iter=10_000_000).fit(Z, y)
    w = m.coef_ / sc.scale_
    b = float(m.intercept_ - np.dot(sc.mean_, w))
    return w, b


def main():
    raw = load_diabetes(scaled=False)
    X = np.asarray(raw.data, dtype=np.float64)
    y = np.asarray(raw.target, dtype=np.float64)
    n = len(y)
    csv = os.path.join(ROOT, 'data', 'diabetes.csv')
    with open(csv, 'w') as f:
        f.write(','.join(NAMES + ['progression']) + '\n')
        for row, t in zip(X, y):
            f.write(','.join(repr(float(v)).removesuffix('.0') if float(v).is_integer() else repr(float(v)) for v in row))
            f.write(',' + repr(float(t)).removesuffix('.0') + '\n')
    # Read back what the CSV says, so the figures are for exactly the file's numbers.
    data = np.loadtxt(csv, delimiter=',', skiprows=1)
    X, y = data[:, :-1], data[:, -1]

    solves = []
    for penalty, lam in [('l2', 0.01), ('l2', 1.0), ('l1', 0.5), ('l1', 5.0), ('elastic', 1.0)]:
        w, b = fit(penalty, lam, X, y)
        solves.append({'penalty': penalty, 'lambda': lam, 'l1Ratio': 0.5, 'w': w.tolist(), 'b': b,
                       'trainLoss': half_mse(y, X @ w + b)})

    lambdas = [float(v) for v in np.logspace(-4, 1, 11)]
    # Exact LOO of ridge on features standardized once on all rows (RidgeCV's efficient LOO).
    # Each left-out fit is the mean over n − 1 rows, so RidgeCV's alpha is (n − 1)·λ.
    Z = StandardScaler().fit_transform(X)
    rcv = RidgeCV(alphas=[(n - 1) * l for l in lambdas], store_cv_values=True).fit(Z, y)
    sq = 0.5 * rcv.cv_values_  # (n, len(lambdas)): ½e²
    loo = [{'lambda': l, 'mean': float(sq[:, i].mean()), 'se': float(sq[:, i].std(ddof=1) / np.sqrt(n))}
           for i, l in enumerate(lambdas)]
    loo_best = lambdas[int(np.argmin([r['mean'] for r in loo]))]
    assert abs(rcv.alpha_ - (n - 1) * loo_best) < 1e-9 * n * loo_best

    # K-fold with given fold ids (row i in fold i mod 5); StandardScaler fitted per training fold.
    folds = [i % 5 for i in range(n)]
    kfold = {}
    for penalty, grid in [('l2', lambdas), ('l1', [0.01, 0.1, 0.5, 1.0, 2.0, 5.0])]:
        per = np.zeros((5, len(grid)))
        for f in range(5):
            tr = np.array([g != f for g in folds])
            for j, lam in enumerate(grid):
                w, b = fit(penalty, lam, X[tr], y[tr])
                per[f, j] = half_mse(y[~tr], X[~tr] @ w + b)
        kfold[penalty] = [{'lambda': lam, 'mean': float(per[:, j].mean()), 'se': float(per[:, j].std(ddof=1) / np.sqrt(5))}
                          for j, lam in enumerate(grid)]

    out = {
        'source': 'scikit-learn %s, numpy %s, python %s; scripts/sklearn-fixtures.py on data/diabetes.csv' % (sklearn.__version__, np.__version__, sys.version.split()[0]),
        'n': n,
        'featureNames': NAMES,
        'target': 'progression',
        'solves': solves,
        'loo': {'lambdas': lambdas, 'rows': loo, 'best': loo_best},
        'kfold': {'folds': folds, 'l2': kfold['l2'], 'l1': kfold['l1']},
    }
    with open(os.path.join(ROOT, 'data', 'sklearn-fixtures.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


main()
