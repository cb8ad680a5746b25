package org.aidmp.predict.linear;

/**
 * Limited-memory quasi-Newton minimisation of a smooth function plus {@code l1·‖x[1..]‖₁}: L-BFGS
 * when l1 is 0, OWL-QN (Andrew and Gao, 2007) otherwise. The first coordinate (an intercept) is
 * never penalised.
 */
final class Owlqn {
  /** A smooth function with its gradient. */
  interface Function {
    /** Returns f(x) and writes ∇f(x) into {@code grad}. */
    double valueAndGradient(double[] x, double[] grad);
  }

  /** The minimiser, iterations used and whether the tolerance was met. */
  record Result(double[] x, double value, int iterations, boolean converged) {}

  private final int memory;
  private final int maxIterations;
  private final double tolerance;

  Owlqn(int memory, int maxIterations, double tolerance) {
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  Result minimize(Function f, double[] start, double l1) {
    int p = start.length;
    double[] x = start.clone();
    double[] g = new double[p];
    double[] pg = new double[p];
    double[] dir = new double[p];
    double[] xNew = new double[p];
    double[] gNew = new double[p];
    double[][] s = new double[memory][p];
    double[][] y = new double[memory][p];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int head = 0;
    double fx = f.valueAndGradient(x, g) + l1Norm(x, l1);
    int it = 0;
    boolean converged = false;
    int small = 0;
    while (it < maxIterations) {
      it++;
      pseudoGradient(x, g, l1, pg);
      if (maxAbs(pg) <= 1e-10) {
        converged = true;
        break;
      }
      // Two-loop recursion: dir = −H·pg.
      for (int j = 0; j < p; j++) {
        dir[j] = -pg[j];
      }
      for (int k = 0; k < stored; k++) {
        int idx = Math.floorMod(head - 1 - k, memory);
        alpha[idx] = rho[idx] * dot(s[idx], dir);
        axpy(-alpha[idx], y[idx], dir);
      }
      if (stored > 0) {
        int last = Math.floorMod(head - 1, memory);
        double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
        for (int j = 0; j < p; j++) {
          dir[j] *= gamma;
        }
      }
      for (int k = stored - 1; k >= 0; k--) {
        int idx = Math.floorMod(head - 1 - k, memory);
        double beta = rho[idx] * dot(y[idx], dir);
        axpy(alpha[idx] - beta, s[idx], dir);
      }
      if (l1 > 0) {
        // Keep only the components that descend along the pseudo-gradient.
        for (int j = 0; j < p; j++) {
          if (dir[j] * pg[j] >= 0) {
            dir[j] = 0;
          }
        }
      }
      double slope = dot(dir, pg);
      if (!(slope < 0)) {
        // Not a descent direction: restart from steepest descent.
        for (int j = 0; j < p; j++) {
          dir[j] = -pg[j];
        }
        stored = 0;
        slope = dot(dir, pg);
      }
      double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(dot(pg, pg))) : 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 40; ls++) {
        for (int j = 0; j < p; j++) {
          double v = x[j] + step * dir[j];
          if (l1 > 0 && j > 0) {
            double orthant = x[j] != 0 ? Math.signum(x[j]) : -Math.signum(pg[j]);
            if (v * orthant <= 0) {
              v = 0;
            }
          }
          xNew[j] = v;
        }
        fNew = f.valueAndGradient(xNew, gNew) + l1Norm(xNew, l1);
        double decrease = 0;
        for (int j = 0; j < p; j++) {
          decrease += pg[j] * (xNew[j] - x[j]);
        }
        if (fNew <= fx + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        // No progress possible along any direction the memory suggests.
        converged = true;
        break;
      }
      double[] sNext = s[head];
      double[] yNext = y[head];
      for (int j = 0; j < p; j++) {
        sNext[j] = xNew[j] - x[j];
        yNext[j] = gNew[j] - g[j];
      }
      double sy = dot(sNext, yNext);
      if (sy > 1e-12) {
        rho[head] = 1 / sy;
        head = (head + 1) % memory;
        stored = Math.min(stored + 1, memory);
      }
      double rel = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1e-12);
      System.arraycopy(xNew, 0, x, 0, p);
      System.arraycopy(gNew, 0, g, 0, p);
      fx = fNew;
      // Two small steps in a row: one can be an unlucky line search.
      small = rel < tolerance ? small + 1 : 0;
      if (small >= 2) {
        converged = true;
        break;
      }
    }
    return new Result(x, fx, it, converged);
  }

  private static double l1Norm(double[] x, double l1) {
    if (l1 == 0) {
      return 0;
    }
    double s = 0;
    for (int j = 1; j < x.length; j++) {
      s += Math.abs(x[j]);
    }
    return l1 * s;
  }

  /** The gradient of f + l1·|x| where it exists, the steepest-descent subgradient where not. */
  private static void pseudoGradient(double[] x, double[] g, double l1, double[] pg) {
    pg[0] = g[0];
    for (int j = 1; j < x.length; j++) {
      if (l1 == 0) {
        pg[j] = g[j];
      } else if (x[j] > 0) {
        pg[j] = g[j] + l1;
      } else if (x[j] < 0) {
        pg[j] = g[j] - l1;
      } else if (g[j] + l1 < 0) {
        pg[j] = g[j] + l1;
      } else if (g[j] - l1 > 0) {
        pg[j] = g[j] - l1;
      } else {
        pg[j] = 0;
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int j = 0; j < x.length; j++) {
      y[j] += a * x[j];
    }
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
