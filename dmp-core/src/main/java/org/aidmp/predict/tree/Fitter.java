package org.aidmp.predict.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.aidmp.internal.parallel.WorkerPool;
import org.aidmp.stage.Provenance;
import org.ejml.data.FMatrixRMaj;

/** One fit of {@link GradientBoosting}: binning, then one tree per round, leaf by leaf. */
final class Fitter {
  /** Below this many (rows × features) a histogram or split search runs on one thread. */
  static final int PARALLEL_MIN_WORK = 1 << 15;

  /** Rows per chunk of work over rows (gradients, margins). */
  static final int ROW_CHUNK = 4096;

  /** Added to a category's hessian sum when categories are ordered for a split (LightGBM's 10). */
  static final double CATEGORY_SMOOTHING = 10;

  /** Gains at or below this are no split. */
  static final double MIN_GAIN = 1e-12;

  private final GradientBoosting cfg;
  private final FMatrixRMaj rows;
  private final double[] y;
  private final double[] w;
  private final int n;
  private final int d;
  private final Loss loss;
  private final double l2;

  private Binning binning;
  private byte[] binned;
  private int[] nb;
  private int[] hoff;
  private int histLen;
  private int[] train;
  private int[] val;
  private double[] margin;
  private double[] g;
  private double[] h;
  private int[] rowBuf;
  private int[] tmpBuf;
  private double[] og;
  private double[] oh;
  private int[] active;
  private int activeCount;
  private WorkerPool workers;
  private SplitSearch split;
  private int[] seen;
  private int stamp;
  private final ArrayDeque<double[]> histPool = new ArrayDeque<>();

  // The tree being grown; node ids are local, 0 is the root.
  private int[] nFeature;
  private int[] nThr;
  private boolean[] nMissLeft;
  private boolean[] nCat;
  private long[][] nBits;
  private int[] nLeft;
  private int[] nRight;
  private double[] nValue;
  private double[] nCover;
  private double[] nGain;
  private int[] nStart;
  private int[] nEnd;
  private int[] nDepth;
  private double[] nG;
  private double[] nH;
  private double[] nC;
  private double[][] nHist;

  // Per-feature split candidates, reduced in feature order.

  Fitter(GradientBoosting cfg, FMatrixRMaj rows, double[] labels, double[] weights) {
    this.cfg = cfg;
    this.rows = rows;
    this.y = labels;
    this.w = weights;
    this.n = rows.numRows;
    this.d = rows.numCols;
    this.loss = cfg.loss();
    this.l2 = cfg.l2();
  }

  GbtModel fit() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    SplittableRandom root = new SplittableRandom(cfg.seed());
    SplittableRandom splitRandom = root.split();
    SplittableRandom binRandom = root.split();
    SplittableRandom treeRandom = root.split();
    int[][] trainAndValidation =
        HoldOut.split(y, n, loss == Loss.LOGISTIC, cfg.validationFraction(), splitRandom);
    train = trainAndValidation[0];
    val = trainAndValidation[1];
    boolean[] categorical = new boolean[d];
    for (int c : cfg.categoricalColumns()) {
      categorical[c] = true;
    }
    ForestBuilder forest = new ForestBuilder();
    try (WorkerPool wk = WorkerPool.create("gbt", cfg.threads(), cfg.executor())) {
      this.workers = wk;
      binning = Binning.fit(rows, train, cfg.maxBins(), categorical, binRandom.nextLong());
      binned = binning.binAll(rows, wk);
      nb = binning.bins;
      hoff = new int[d];
      int total = 0;
      for (int f = 0; f < d; f++) {
        hoff[f] = total;
        total += nb[f] + 1;
      }
      histLen = total * 3;
      allocateTree();
      double sw = 0;
      double swy = 0;
      for (int i : train) {
        double wi = weight(i);
        sw += wi;
        swy += wi * y[i];
      }
      if (!(sw > 0)) {
        throw new IllegalArgumentException(
            "the training rows' weights sum to 0; give some rows a positive weight");
      }
      double base = loss.baseMargin(swy / sw);
      margin = new double[n];
      Arrays.fill(margin, base);
      g = new double[n];
      h = new double[n];
      rowBuf = new int[train.length];
      tmpBuf = new int[train.length];
      og = new double[train.length];
      oh = new double[train.length];
      active = new int[d];
      seen = new int[n];

      double best = Double.POSITIVE_INFINITY;
      int bestTrees = 0;
      int sinceBest = 0;
      int rounds = 0;
      for (int it = 0; it < cfg.maxIterations(); it++) {
        SplittableRandom r = treeRandom.split();
        gradients();
        int m = sampleRows(r);
        sampleColumns(r);
        int nodes = growTree(m);
        forest.add(this, nodes, binning);
        updateMargins(nodes, m);
        rounds++;
        if (val.length > 0) {
          double v = validationLoss();
          if (v < best - cfg.tolerance()) {
            best = v;
            bestTrees = forest.trees();
            sinceBest = 0;
          } else if (++sinceBest >= cfg.patience()) {
            break;
          }
        }
      }
      if (val.length > 0 && bestTrees > 0) {
        forest.truncate(bestTrees);
      }
      Provenance p =
          Provenance.ofFit(
              "gbt",
              cfg,
              cfg.seed(),
              train.length,
              started,
              Duration.ofNanos(System.nanoTime() - t0));
      return forest.build(loss, base, d, rounds, p);
    } finally {
      this.workers = null;
    }
  }

  private double weight(int i) {
    return w == null ? 1 : w[i];
  }

  private void allocateTree() {
    int max = 2 * cfg.maxLeaves();
    nFeature = new int[max];
    nThr = new int[max];
    nMissLeft = new boolean[max];
    nCat = new boolean[max];
    nBits = new long[max][4];
    nLeft = new int[max];
    nRight = new int[max];
    nValue = new double[max];
    nCover = new double[max];
    nGain = new double[max];
    nStart = new int[max];
    nEnd = new int[max];
    nDepth = new int[max];
    nG = new double[max];
    nH = new double[max];
    nC = new double[max];
    nHist = new double[max][];
    split = new SplitSearch(cfg, binning, hoff, max);
  }

  private void gradients() {
    int chunks = (train.length + ROW_CHUNK - 1) / ROW_CHUNK;
    workers.forRange(
        chunks,
        train.length >= 2 * ROW_CHUNK,
        (a, b) -> {
          int to = Math.min(train.length, b * ROW_CHUNK);
          for (int k = a * ROW_CHUNK; k < to; k++) {
            int i = train[k];
            double wi = weight(i);
            if (loss == Loss.LOGISTIC) {
              double p = Loss.sigmoid(margin[i]);
              g[i] = wi * (p - y[i]);
              h[i] = wi * Math.max(p * (1 - p), 1e-16);
            } else {
              g[i] = wi * (margin[i] - y[i]);
              h[i] = wi;
            }
          }
        });
  }

  private int sampleRows(SplittableRandom r) {
    double s = cfg.rowSubsample();
    if (s >= 1) {
      System.arraycopy(train, 0, rowBuf, 0, train.length);
      return train.length;
    }
    int m = Math.max(1, (int) Math.round(s * train.length));
    System.arraycopy(train, 0, tmpBuf, 0, train.length);
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(train.length - i);
      int t = tmpBuf[i];
      tmpBuf[i] = tmpBuf[j];
      tmpBuf[j] = t;
    }
    System.arraycopy(tmpBuf, 0, rowBuf, 0, m);
    // Sorted rows read the binned columns in order.
    Arrays.sort(rowBuf, 0, m);
    return m;
  }

  private void sampleColumns(SplittableRandom r) {
    double s = cfg.columnSubsample();
    if (s >= 1) {
      for (int f = 0; f < d; f++) {
        active[f] = f;
      }
      activeCount = d;
      return;
    }
    int k = Math.max(1, (int) Math.round(s * d));
    int[] all = new int[d];
    for (int f = 0; f < d; f++) {
      all[f] = f;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(d - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    System.arraycopy(all, 0, active, 0, k);
    Arrays.sort(active, 0, k);
    activeCount = k;
  }

  private double[] takeHist() {
    double[] hist = histPool.poll();
    return hist != null ? hist : new double[histLen];
  }

  private int growTree(int m) {
    double gSum = 0;
    double hSum = 0;
    for (int k = 0; k < m; k++) {
      int i = rowBuf[k];
      gSum += g[i];
      hSum += h[i];
    }
    int nodes = 1;
    initNode(0, 0, m, 0, gSum, hSum, m);
    int leaves = 1;
    if (canGrow(0)) {
      nHist[0] = takeHist();
      buildHist(nHist[0], 0, m);
      split.find(0, nHist[0], nG[0], nH[0], nC[0], active, activeCount, workers);
    }
    while (leaves < cfg.maxLeaves()) {
      int p = -1;
      double bestGain = MIN_GAIN;
      for (int nd = 0; nd < nodes; nd++) {
        if (nLeft[nd] < 0 && nHist[nd] != null && split.gain[nd] > bestGain) {
          bestGain = split.gain[nd];
          p = nd;
        }
      }
      if (p < 0) {
        break;
      }
      int nl = partition(p);
      int l = nodes++;
      int r = nodes++;
      int depth = nDepth[p] + 1;
      initNode(
          l,
          nStart[p],
          nStart[p] + nl,
          depth,
          split.gradLeft[p],
          split.hessLeft[p],
          split.countLeft[p]);
      initNode(
          r,
          nStart[p] + nl,
          nEnd[p],
          depth,
          nG[p] - split.gradLeft[p],
          nH[p] - split.hessLeft[p],
          nC[p] - split.countLeft[p]);
      nFeature[p] = split.feature[p];
      nThr[p] = split.thresholdBin[p];
      nMissLeft[p] = split.missingLeft[p];
      nCat[p] = binning.categorical[split.feature[p]];
      System.arraycopy(split.bits[p], 0, nBits[p], 0, 4);
      nGain[p] = split.gain[p];
      nLeft[p] = l;
      nRight[p] = r;
      leaves++;
      double[] parentHist = nHist[p];
      nHist[p] = null;
      if (leaves < cfg.maxLeaves() && (canGrow(l) || canGrow(r))) {
        int small = (nEnd[l] - nStart[l]) <= (nEnd[r] - nStart[r]) ? l : r;
        int large = small == l ? r : l;
        double[] sh = takeHist();
        buildHist(sh, nStart[small], nEnd[small]);
        subtract(parentHist, sh);
        nHist[small] = sh;
        nHist[large] = parentHist;
        for (int c : new int[] {l, r}) {
          if (canGrow(c)) {
            split.find(c, nHist[c], nG[c], nH[c], nC[c], active, activeCount, workers);
          } else {
            histPool.push(nHist[c]);
            nHist[c] = null;
          }
        }
      } else {
        histPool.push(parentHist);
      }
    }
    double lr = cfg.learningRate();
    for (int nd = 0; nd < nodes; nd++) {
      if (nHist[nd] != null) {
        histPool.push(nHist[nd]);
        nHist[nd] = null;
      }
      if (nLeft[nd] < 0) {
        nValue[nd] = -nG[nd] / (nH[nd] + l2) * lr;
      }
    }
    return nodes;
  }

  private boolean canGrow(int nd) {
    return (cfg.maxDepth() == 0 || nDepth[nd] < cfg.maxDepth())
        && nC[nd] >= 2.0 * cfg.minSamplesLeaf()
        && nH[nd] >= 2.0 * cfg.minChildWeight();
  }

  private void initNode(int nd, int start, int end, int depth, double gs, double hs, double cs) {
    nStart[nd] = start;
    nEnd[nd] = end;
    nDepth[nd] = depth;
    nG[nd] = gs;
    nH[nd] = hs;
    nC[nd] = cs;
    nCover[nd] = hs;
    nLeft[nd] = -1;
    nRight[nd] = -1;
    nFeature[nd] = -1;
    nHist[nd] = null;
    split.gain[nd] = 0;
    nGain[nd] = 0;
    nValue[nd] = 0;
  }

  private void buildHist(double[] hist, int start, int end) {
    int cnt = end - start;
    for (int k = start; k < end; k++) {
      int i = rowBuf[k];
      og[k - start] = g[i];
      oh[k - start] = h[i];
    }
    workers.forRange(
        activeCount,
        (long) cnt * activeCount >= PARALLEL_MIN_WORK,
        (a, b) -> {
          for (int fi = a; fi < b; fi++) {
            int f = active[fi];
            int off = hoff[f] * 3;
            Arrays.fill(hist, off, off + (nb[f] + 1) * 3, 0);
            int base = f * n;
            // Gradients were gathered into node order, so only the bin read is scattered.
            for (int k = 0; k < cnt; k++) {
              int j = off + (binned[base + rowBuf[start + k]] & 0xFF) * 3;
              hist[j] += og[k];
              hist[j + 1] += oh[k];
              hist[j + 2] += 1;
            }
          }
        });
  }

  private void subtract(double[] parent, double[] small) {
    for (int fi = 0; fi < activeCount; fi++) {
      int f = active[fi];
      int off = hoff[f] * 3;
      int to = off + (nb[f] + 1) * 3;
      for (int j = off; j < to; j++) {
        parent[j] -= small[j];
      }
    }
  }

  /** Whether a binned value goes left at a split node of the tree being grown. */
  private boolean goesLeft(int nd, int bin) {
    int f = nFeature[nd];
    if (bin == nb[f]) {
      return nMissLeft[nd];
    }
    if (nCat[nd]) {
      return (nBits[nd][bin >>> 6] & (1L << (bin & 63))) != 0;
    }
    return bin <= nThr[nd];
  }

  private int partition(int p) {
    int f = split.feature[p];
    // Set the split on the node first so goesLeft sees it.
    nFeature[p] = f;
    nThr[p] = split.thresholdBin[p];
    nMissLeft[p] = split.missingLeft[p];
    nCat[p] = binning.categorical[f];
    System.arraycopy(split.bits[p], 0, nBits[p], 0, 4);
    int base = f * n;
    int start = nStart[p];
    int end = nEnd[p];
    int l = start;
    int r = 0;
    for (int k = start; k < end; k++) {
      int i = rowBuf[k];
      if (goesLeft(p, binned[base + i] & 0xFF)) {
        rowBuf[l++] = i;
      } else {
        tmpBuf[r++] = i;
      }
    }
    System.arraycopy(tmpBuf, 0, rowBuf, l, r);
    return l - start;
  }

  /**
   * Adds the new tree to every row's margin. Rows the tree was grown on sit in their leaves' ranges
   * already; only the others (validation rows, rows left out by subsampling) walk the tree, which
   * reads the column-major bins out of order.
   */
  private void updateMargins(int nodes, int sampled) {
    stamp++;
    for (int nd = 0; nd < nodes; nd++) {
      if (nLeft[nd] < 0) {
        double v = nValue[nd];
        for (int k = nStart[nd]; k < nEnd[nd]; k++) {
          int i = rowBuf[k];
          margin[i] += v;
          seen[i] = stamp;
        }
      }
    }
    if (sampled == train.length && val.length == 0) {
      return;
    }
    int chunks = (n + ROW_CHUNK - 1) / ROW_CHUNK;
    int mark = stamp;
    workers.forRange(
        chunks,
        n >= 2 * ROW_CHUNK,
        (a, b) -> {
          int to = Math.min(n, b * ROW_CHUNK);
          for (int i = a * ROW_CHUNK; i < to; i++) {
            if (seen[i] == mark) {
              continue;
            }
            int nd = 0;
            while (nLeft[nd] >= 0) {
              int bin = binned[nFeature[nd] * n + i] & 0xFF;
              nd = goesLeft(nd, bin) ? nLeft[nd] : nRight[nd];
            }
            margin[i] += nValue[nd];
          }
        });
  }

  private double validationLoss() {
    double sum = 0;
    double sw = 0;
    for (int i : val) {
      double wi = weight(i);
      sum += wi * loss.loss(margin[i], y[i]);
      sw += wi;
    }
    return sw > 0 ? sum / sw : 0;
  }

  // Accessors for ForestBuilder.
  int nodeFeature(int nd) {
    return nFeature[nd];
  }

  int nodeThresholdBin(int nd) {
    return nThr[nd];
  }

  boolean nodeMissingLeft(int nd) {
    return nMissLeft[nd];
  }

  boolean nodeCategorical(int nd) {
    return nCat[nd];
  }

  long[] nodeBits(int nd) {
    return nBits[nd];
  }

  int nodeLeft(int nd) {
    return nLeft[nd];
  }

  int nodeRight(int nd) {
    return nRight[nd];
  }

  double nodeValue(int nd) {
    return nValue[nd];
  }

  double nodeCover(int nd) {
    return nCover[nd];
  }

  double nodeGain(int nd) {
    return nGain[nd];
  }
}
