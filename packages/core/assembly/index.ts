// The module's exports: generic kernels instantiated for f32 and f64, one source for both.
import { syntheticData, fillNormal, identity, shuffle } from "./data";
import { sgdEpochs } from "./train";
import { batchGradient, meanLoss } from "./model";
import { norm2 } from "./kernels";
import { nextInt32 } from "./rng";
import { columnMeans, vectorMean, ridgeScales, ridgeSpread, ridgePack } from "./ridge";
import { cdPrepare } from "./lasso";
import { packCentred } from "./blas";
import { meanLossAt, penaltyValue, objectiveOf } from "./objective";
import { optimEpochs } from "./optim";

export { RNG_STATE_BYTES, rngSeedInt, rngSeedChars, rngFill } from "./rng";
export { normalFill } from "./normal";
export { alloc, free, liveBytes, shrink } from "./memory";
export { identity, shuffle };
export { intercept, saveDiagonal, restoreGram, ridgeCholesky, ridgeResidual, ridgeCholeskyStep, ridgeWeights, ridgeGradient } from "./ridge";
export { ridgeEigen, ridgeEigenReduce, ridgeEigenVectors, ridgeEigenSolve, ridgeEigenStep, ridgeMinNorm } from "./ridgeeigen";
export { gramPanels, panelBytes, simdPeak } from "./blas";
export { ridgePathFactor, ridgePathSolve } from "./ridgepath";
export { cdSolve, cdLambdaMax, cdKkt, cdLastKkt, cdXty } from "./lasso";
export { cdUseGram } from "./activesystem";
export { choleskyFactor, choleskySubstitute, choleskyDowndate, choleskyDelete, choleskyInsert } from "./cholesky";

/** Synthetic examples in f32 (see data.ts). */
export function syntheticData_f32(rng: usize, x: usize, y: usize, rows: i32, d: i32, trueW: f64, trueB: f64, noiseStd: f64): void {
  syntheticData<f32>(rng, x, y, rows, d, trueW, trueB, noiseStd);
}
/** Synthetic examples in f64 (see data.ts). */
export function syntheticData_f64(rng: usize, x: usize, y: usize, rows: i32, d: i32, trueW: f64, trueB: f64, noiseStd: f64): void {
  syntheticData<f64>(rng, x, y, rows, d, trueW, trueB, noiseStd);
}

/** `scale` × N(0, 1) into `n` f32 values. */
export function fillNormal_f32(rng: usize, out: usize, n: i32, scale: f64): void {
  fillNormal<f32>(rng, out, n, scale);
}
/** `scale` × N(0, 1) into `n` f64 values. */
export function fillNormal_f64(rng: usize, out: usize, n: i32, scale: f64): void {
  fillNormal<f64>(rng, out, n, scale);
}

/** SGD epochs in f32 (see train.ts). */
export function sgdEpochs_f32(x: usize, y: usize, n: i32, d: i32, w: usize, bPtr: usize, grad: usize, perm: usize, rng: usize, reshuffle: bool, batchSize: i32, lr: f64, lambda1: f64, lambda2: f64, epochs: i32): i32 {
  return sgdEpochs<f32>(x, y, n, d, w, bPtr, grad, perm, rng, reshuffle, batchSize, lr, lambda1, lambda2, epochs);
}
/** SGD epochs in f64 (see train.ts). */
export function sgdEpochs_f64(x: usize, y: usize, n: i32, d: i32, w: usize, bPtr: usize, grad: usize, perm: usize, rng: usize, reshuffle: bool, batchSize: i32, lr: f64, lambda1: f64, lambda2: f64, epochs: i32): i32 {
  return sgdEpochs<f64>(x, y, n, d, w, bPtr, grad, perm, rng, reshuffle, batchSize, lr, lambda1, lambda2, epochs);
}

/** Mean ½ r² in f32 arithmetic (see model.ts). */
export function meanLoss_f32(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f32): f64 {
  return meanLoss<f32>(x, y, rows, d, w, b);
}
/** Mean ½ r² in f64 arithmetic (see model.ts). */
export function meanLoss_f64(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64): f64 {
  return meanLoss<f64>(x, y, rows, d, w, b);
}

/** The penalized batch gradient in f64, for checks against finite differences (see model.ts). */
export function batchGradient_f64(x: usize, y: usize, d: i32, w: usize, b: f64, perm: usize, start: i32, m: i32, lambda1: f64, lambda2: f64, gw: usize): f64 {
  return batchGradient<f64>(x, y, d, w, b, perm, start, m, lambda1, lambda2, gw);
}

/** ‖w‖₂ of `n` f32 values, in f64. */
export function norm2_f32(p: usize, n: i32): f64 {
  return norm2<f32>(p, n);
}
/** ‖w‖₂ of `n` f64 values. */
export function norm2_f64(p: usize, n: i32): f64 {
  return norm2<f64>(p, n);
}

/** The next int32 of the generator at `state` (seeds the shuffle stream from the main one). */
export function rngInt32(state: usize): i32 {
  return nextInt32(state);
}

// ---- Exact optima (ridge.ts, lasso.ts, objective.ts) ----

/** Column means of f32 data into f64. */
export function columnMeans_f32(x: usize, n: i32, d: i32, mean: usize): void { columnMeans<f32>(x, n, d, mean); }
/** Column means of f64 data. */
export function columnMeans_f64(x: usize, n: i32, d: i32, mean: usize): void { columnMeans<f64>(x, n, d, mean); }
/** Mean of f32 values, in f64. */
export function vectorMean_f32(y: usize, n: i32): f64 { return vectorMean<f32>(y, n); }
/** Mean of f64 values. */
export function vectorMean_f64(y: usize, n: i32): f64 { return vectorMean<f64>(y, n); }
/** Power-of-two scales of f32 data (see ridge.ts). */
export function ridgeScales_f32(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, perColumn: bool, scale: usize): f64 { return ridgeScales<f32>(x, y, n, d, xmean, ymean, perColumn, scale); }
/** Power-of-two scales of f64 data (see ridge.ts). */
export function ridgeScales_f64(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, perColumn: bool, scale: usize): f64 { return ridgeScales<f64>(x, y, n, d, xmean, ymean, perColumn, scale); }
/** Spread of the column scales of f32 data (see ridge.ts). */
export function ridgeSpread_f32(x: usize, n: i32, d: i32, xmean: usize, work: usize): f64 { return ridgeSpread<f32>(x, n, d, xmean, work); }
/** Spread of the column scales of f64 data (see ridge.ts). */
export function ridgeSpread_f64(x: usize, n: i32, d: i32, xmean: usize, work: usize): f64 { return ridgeSpread<f64>(x, n, d, xmean, work); }
/** Packs centred, scaled f32 data for ridge (see ridge.ts). */
export function ridgePack_f32(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, scale: usize, sy: f64, primal: bool, a: usize, yt: usize, rhs: usize): void { ridgePack<f32>(x, y, n, d, xmean, ymean, scale, sy, primal, a, yt, rhs); }
/** Packs centred, scaled f64 data for ridge (see ridge.ts). */
export function ridgePack_f64(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, scale: usize, sy: f64, primal: bool, a: usize, yt: usize, rhs: usize): void { ridgePack<f64>(x, y, n, d, xmean, ymean, scale, sy, primal, a, yt, rhs); }
/** Centred column-major copy of f32 data for coordinate descent (see lasso.ts). */
export function cdPrepare_f32(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, xc: usize, yc: usize, z: usize): void { cdPrepare<f32>(x, y, n, d, xmean, ymean, xc, yc, z); }
/** Centred column-major copy of f64 data for coordinate descent (see lasso.ts). */
export function cdPrepare_f64(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, xc: usize, yc: usize, z: usize): void { cdPrepare<f64>(x, y, n, d, xmean, ymean, xc, yc, z); }
/** Mean ½ r² of f64 weights on f32 data, in f64. */
export function meanLossAt_f32(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64): f64 { return meanLossAt<f32>(x, y, rows, d, w, b); }
/** Mean ½ r² of f64 weights on f64 data. */
export function meanLossAt_f64(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64): f64 { return meanLossAt<f64>(x, y, rows, d, w, b); }
/** Penalty of f64 weights. */
export function penaltyValue_f64(w: usize, d: i32, lambda1: f64, lambda2: f64): f64 { return penaltyValue<f64>(w, d, lambda1, lambda2); }
/** The penalized objective of f32 weights on f32 data, in f64 arithmetic. */
export function objectiveOf_f32(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64, lambda1: f64, lambda2: f64): f64 { return objectiveOf<f32>(x, y, rows, d, w, b, lambda1, lambda2); }
/** The penalized objective of f64 weights on f64 data. */
export function objectiveOf_f64(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64, lambda1: f64, lambda2: f64): f64 { return objectiveOf<f64>(x, y, rows, d, w, b, lambda1, lambda2); }
/** Packs centred, scaled f32 data into the panel layout (see blas.ts). */
export function packCentred_f32(x: usize, n: i32, d: i32, mean: usize, scale: usize, primal: bool, a: usize): void { packCentred<f32>(x, n, d, mean, scale, primal, a); }
/** Packs centred, scaled f64 data into the panel layout (see blas.ts). */
export function packCentred_f64(x: usize, n: i32, d: i32, mean: usize, scale: usize, primal: bool, a: usize): void { packCentred<f64>(x, n, d, mean, scale, primal, a); }

// ---- Standardization and exact leave-one-out (scale.ts, loo.ts) ----
import { columnScales, applyScales, unscaleWeights } from "./scale";
import { ridgeLoo } from "./loo";
/** Column means and population standard deviations of f32 data (see scale.ts). */
export function columnScales_f32(x: usize, n: i32, d: i32, mean: usize, scale: usize): i32 { return columnScales<f32>(x, n, d, mean, scale); }
/** Column means and population standard deviations of f64 data (see scale.ts). */
export function columnScales_f64(x: usize, n: i32, d: i32, mean: usize, scale: usize): i32 { return columnScales<f64>(x, n, d, mean, scale); }
/** Standardizes f32 rows in place (see scale.ts). */
export function applyScales_f32(x: usize, rows: i32, d: i32, mean: usize, scale: usize): void { applyScales<f32>(x, rows, d, mean, scale); }
/** Standardizes f64 rows in place (see scale.ts). */
export function applyScales_f64(x: usize, rows: i32, d: i32, mean: usize, scale: usize): void { applyScales<f64>(x, rows, d, mean, scale); }
/** f32 weights of standardized features in original units (see scale.ts). */
export function unscaleWeights_f32(w: usize, d: i32, b: f64, mean: usize, scale: usize, out: usize): f64 { return unscaleWeights<f32>(w, d, b, mean, scale, out); }
/** f64 weights of standardized features in original units (see scale.ts). */
export function unscaleWeights_f64(w: usize, d: i32, b: f64, mean: usize, scale: usize, out: usize): f64 { return unscaleWeights<f64>(w, d, b, mean, scale, out); }
/** Exact ridge leave-one-out over a λ grid on f32 data (see loo.ts). */
export function ridgeLoo_f32(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, lambdas: usize, nl: i32, gram: usize, eig: usize, u: usize, s: usize, work: usize, out: usize): bool { return ridgeLoo<f32>(x, y, n, d, xmean, ymean, lambdas, nl, gram, eig, u, s, work, out); }
/** Exact ridge leave-one-out over a λ grid on f64 data (see loo.ts). */
export function ridgeLoo_f64(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, lambdas: usize, nl: i32, gram: usize, eig: usize, u: usize, s: usize, work: usize, out: usize): bool { return ridgeLoo<f64>(x, y, n, d, xmean, ymean, lambdas, nl, gram, eig, u, s, work, out); }
// ---- Optimizers: momentum, Nesterov, Adam, decoupled decay, cosine schedule (optim.ts) ----

/** Optimizer epochs in f32 (see optim.ts). */
export function optimEpochs_f32(x: usize, y: usize, n: i32, d: i32, w: usize, bPtr: usize, grad: usize, perm: usize, rng: usize, reshuffle: bool, batchSize: i32, epoch0: i32, epochs: i32, params: usize, buf: usize, m: usize, v: usize): i32 {
  return optimEpochs<f32>(x, y, n, d, w, bPtr, grad, perm, rng, reshuffle, batchSize, epoch0, epochs, params, buf, m, v);
}
/** Optimizer epochs in f64 (see optim.ts). */
export function optimEpochs_f64(x: usize, y: usize, n: i32, d: i32, w: usize, bPtr: usize, grad: usize, perm: usize, rng: usize, reshuffle: bool, batchSize: i32, epoch0: i32, epochs: i32, params: usize, buf: usize, m: usize, v: usize): i32 {
  return optimEpochs<f64>(x, y, n, d, w, bPtr, grad, perm, rng, reshuffle, batchSize, epoch0, epochs, params, buf, m, v);
}

import { predict } from "./predict";
/** Predictions x·w + b in f32 arithmetic, written as f64 (see predict.ts). */
export function predict_f32(x: usize, rows: i32, d: i32, w: usize, b: f32, out: usize): void { predict<f32>(x, rows, d, w, b, out); }
/** Predictions x·w + b in f64 arithmetic (see predict.ts). */
export function predict_f64(x: usize, rows: i32, d: i32, w: usize, b: f64, out: usize): void { predict<f64>(x, rows, d, w, b, out); }
// Issue 11: the symmetric eigensolvers, exported for their tests.
export { symmetricEigen } from "./linalg";
export { tridiagQL } from "./tridiageigen";
export { tridiagDC, tridiagDCWith, tridiagDCWork } from "./tridiagdc";
