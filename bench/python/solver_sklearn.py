"""scikit-learn / numpy peers of the exact-solver scenario (bench/src/solver.ts), one thread.

    /usr/bin/python3 solver_sklearn.py versions
    /usr/bin/python3 solver_sklearn.py TASK X.bin y.bin n d lam l1ratio reps [kkt_target]

X.bin / y.bin: float64, row-major, little-endian (written by the bench). TASK is
  ridge   Ridge(alpha = n*lam) fit
  eigh    numpy.linalg.eigh of the centred Gram matrix (the smaller of X'X and XX')
  lstsq   numpy.linalg.lstsq of the centred data: the minimum-norm least-squares weights (lam = 0)
  lasso   Lasso / ElasticNet(alpha = lam, l1_ratio): the loosest tol in 1e-4 ... 1e-16 whose
          answer meets the KKT bound kkt_target (the engine's own), then timed at that tol.
Prints one JSON line: {"ms": [...], ...}.
"""
import json
import os
import sys

os.environ.setdefault('OMP_NUM_THREADS', '1')
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('MKL_NUM_THREADS', '1')

import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402


def timed(fn, reps):
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def kkt(x, y, w, l1, l2):
    c = x - x.mean(axis=0)
    g = c.T @ (y - y.mean() - c @ w) / len(y)
    v = np.where(w == 0, np.maximum(np.abs(g) - l1, 0), np.abs(g - l1 * np.sign(w) - l2 * w))
    return float(v.max())


def main():
    if sys.argv[1] == 'versions':
        import sklearn
        print(json.dumps({'sklearn': sklearn.__version__, 'numpy': np.__version__, 'python': sys.version.split()[0]}))
        return
    task, xfile, yfile = sys.argv[1:4]
    n, d = int(sys.argv[4]), int(sys.argv[5])
    lam, rho, reps = float(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
    x = np.fromfile(xfile, dtype='<f8').reshape(n, d)
    y = np.fromfile(yfile, dtype='<f8')
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import ElasticNet, Lasso, Ridge
    if task == 'ridge':
        print(json.dumps({'ms': timed(lambda: Ridge(alpha=n * lam).fit(x, y), reps)}))
    elif task == 'eigh':
        def run():
            c = x - x.mean(axis=0)
            g = c.T @ c if d <= n else c @ c.T
            np.linalg.eigh(g)
        print(json.dumps({'ms': timed(run, reps)}))
    elif task == 'lstsq':
        def run():
            c = x - x.mean(axis=0)
            np.linalg.lstsq(c, y - y.mean(), rcond=None)
        print(json.dumps({'ms': timed(run, reps)}))
    elif task == 'lasso':
        target = float(sys.argv[9])
        l1, l2 = rho * lam, (1 - rho) * lam

        def model(tol):
            m = Lasso(alpha=lam, tol=tol, max_iter=10**6) if rho == 1 else ElasticNet(alpha=lam, l1_ratio=rho, tol=tol, max_iter=10**6)
            with warnings.catch_warnings():
                warnings.simplefilter('ignore', ConvergenceWarning)
                return m.fit(x, y)

        chosen, violation = None, None
        for tol in [1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14, 1e-16]:
            violation = kkt(x, y, model(tol).coef_, l1, l2)
            if violation <= target:
                chosen = tol
                break
        tol = chosen if chosen is not None else 1e-16
        print(json.dumps({'ms': timed(lambda: model(tol), reps), 'tol': tol, 'kkt': violation, 'met': chosen is not None}))


if __name__ == '__main__':
    main()
