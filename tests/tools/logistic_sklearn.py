#!/usr/bin/env python3
"""An independent fit for the weight-fitting tests: scikit-learn's L2
logistic regression (lbfgs) on a CSV of x1..xk,y, with C = 1 / (lambda * n),
which is the problem core/decide/weight_fit.c solves when every record
counts every domain. Prints the coefficients, then the threshold (minus the
intercept), one a line, to 9 decimals."""
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

path, lam = sys.argv[1], float(sys.argv[2])
data = np.loadtxt(path, delimiter=",", ndmin=2)
x, y = data[:, :-1], data[:, -1]
model = LogisticRegression(C=1.0 / (lam * len(y)), solver="lbfgs", tol=1e-12,
                           max_iter=100000)
model.fit(x, y)
for c in model.coef_[0]:
    print(f"{c:.9f}")
print(f"{-model.intercept_[0]:.9f}")
