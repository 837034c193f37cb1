// The seed's experiment as a plain C loop: the machine's ceiling for the benchmarks.
// Built at bench time with gcc -O3 -march=native (and a second time with -ffast-math, which
// lets gcc vectorize the dot products' sums). Usage:
//   sgd pair  REPS                      the seed's pair (λ=0 and λ=10), data + train + eval, f32
//   sgd train f32|f64 D N BATCH EPOCHS REPS   training only on synthetic data
// Prints one JSON line: {"ms":[...]} with one time per repetition.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// see: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators" (xoshiro256+).
static uint64_t s[4] = {0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull, 0x94D049BB133111EBull, 0x2545F4914F6CDD1Dull};
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next64(void) {
  uint64_t r = s[0] + s[3], t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return r;
}
static inline double uniform(void) { return (next64() >> 11) * 0x1.0p-53; }
// see: G. Marsaglia, T. A. Bray, the polar method (1964).
static double spare; static int has_spare = 0;
static double normal(void) {
  if (has_spare) { has_spare = 0; return spare; }
  double u, v, q;
  do { u = 2 * uniform() - 1; v = 2 * uniform() - 1; q = u * u + v * v; } while (q >= 1 || q == 0);
  double f = sqrt(-2 * log(q) / q);
  spare = v * f; has_spare = 1;
  return u * f;
}

#define DEFINE_MODEL(T, SFX)                                                                    \
  static void data_##SFX(T *x, T *y, int rows, int d) {                                         \
    for (long i = 0; i < (long)rows * d; i++) x[i] = (T)normal();                               \
    for (int r = 0; r < rows; r++) {                                                            \
      T acc = 0;                                                                                \
      for (int j = 0; j < d; j++) acc += x[(long)r * d + j] * (T)0.01;                          \
      y[r] = acc + (T)0.05;                                                                     \
    }                                                                                           \
    for (int r = 0; r < rows; r++) y[r] += (T)(0.01 * normal());                                \
  }                                                                                             \
  static double loss_##SFX(const T *x, const T *y, int rows, int d, const T *w, T b) {          \
    double acc = 0;                                                                             \
    for (int r = 0; r < rows; r++) {                                                            \
      T dot = 0;                                                                                \
      for (int j = 0; j < d; j++) dot += x[(long)r * d + j] * w[j];                             \
      double res = dot + b - y[r];                                                              \
      acc += 0.5 * res * res;                                                                   \
    }                                                                                           \
    return acc / rows;                                                                          \
  }                                                                                             \
  /* Minibatch SGD with the L2 penalty per example, as DESIGN.md; evaluates every evalEvery. */ \
  static T train_##SFX(const T *x, const T *y, const T *xt, const T *yt, int n, int nt, int d,  \
                       T *w, T *grad, int *perm, int batch, int epochs, T lr, T lambda,         \
                       int evalEvery) {                                                         \
    T b = 0, scale = lr / batch;                                                                \
    double sink = 0;                                                                            \
    for (int e = 1; e <= epochs; e++) {                                                         \
      for (int i = n - 1; i > 0; i--) {                                                         \
        int j = (int)(((next64() >> 32) * (uint64_t)(i + 1)) >> 32);                            \
        int t = perm[i]; perm[i] = perm[j]; perm[j] = t;                                        \
      }                                                                                         \
      for (int start = 0; start < n; start += batch) {                                          \
        int m = n - start < batch ? n - start : batch;                                          \
        memset(grad, 0, sizeof(T) * d);                                                         \
        T gb = 0;                                                                               \
        for (int k = 0; k < m; k++) {                                                           \
          const T *row = x + (long)perm[start + k] * d;                                         \
          T dot = 0;                                                                            \
          for (int j = 0; j < d; j++) dot += row[j] * w[j];                                     \
          T r = dot + b - y[perm[start + k]];                                                   \
          gb += r;                                                                              \
          for (int j = 0; j < d; j++) grad[j] += r * row[j];                                    \
        }                                                                                       \
        T ml = m * lambda;                                                                      \
        for (int j = 0; j < d; j++) w[j] -= scale * (grad[j] + ml * w[j]);                      \
        b -= scale * gb;                                                                        \
      }                                                                                         \
      if (evalEvery > 0 && e % evalEvery == 0)                                                  \
        sink += loss_##SFX(x, y, n, d, w, b) + loss_##SFX(xt, yt, nt, d, w, b);                 \
    }                                                                                           \
    return b + (T)(sink * 0);                                                                   \
  }

DEFINE_MODEL(float, f32)
DEFINE_MODEL(double, f64)

static volatile double keep;

static void pair(int reps) {
  const int d = 200, n = 20, nt = 100;
  float *x = malloc(sizeof(float) * n * d), *y = malloc(sizeof(float) * n);
  float *xt = malloc(sizeof(float) * nt * d), *yt = malloc(sizeof(float) * nt);
  float *w = malloc(sizeof(float) * d), *g = malloc(sizeof(float) * d);
  int *perm = malloc(sizeof(int) * n);
  printf("{\"ms\":[");
  for (int rep = 0; rep < reps; rep++) {
    double t0 = now_ms();
    for (int l = 0; l < 2; l++) {
      data_f32(x, y, n, d);
      data_f32(xt, yt, nt, d);
      for (int j = 0; j < d; j++) w[j] = (float)normal();
      for (int i = 0; i < n; i++) perm[i] = i;
      float b = train_f32(x, y, xt, yt, n, nt, d, w, g, perm, 5, 100, 0.003f, l ? 10.0f : 0.0f, 5);
      keep += b + loss_f32(xt, yt, nt, d, w, b);
    }
    printf("%s%.6f", rep ? "," : "", now_ms() - t0);
  }
  printf("]}\n");
}

#define DEFINE_TRAIN_ONLY(T, SFX)                                                               \
  static void train_only_##SFX(int d, int n, int batch, int epochs, int reps) {                 \
    T *x = malloc(sizeof(T) * (long)n * d), *y = malloc(sizeof(T) * n);                         \
    T *w0 = malloc(sizeof(T) * d), *w = malloc(sizeof(T) * d), *g = malloc(sizeof(T) * d);     \
    int *perm = malloc(sizeof(int) * n);                                                        \
    if (!x || !y || !w0 || !w || !g || !perm) { fprintf(stderr, "out of memory\n"); exit(1); }  \
    data_##SFX(x, y, n, d);                                                                     \
    for (int j = 0; j < d; j++) w0[j] = (T)normal();                                            \
    printf("{\"ms\":[");                                                                        \
    for (int rep = 0; rep < reps; rep++) {                                                      \
      memcpy(w, w0, sizeof(T) * d);                                                             \
      for (int i = 0; i < n; i++) perm[i] = i;                                                  \
      double t0 = now_ms();                                                                     \
      keep += train_##SFX(x, y, x, y, n, n, d, w, g, perm, batch, epochs, (T)1e-4, 0, 0);       \
      printf("%s%.6f", rep ? "," : "", now_ms() - t0);                                          \
    }                                                                                           \
    printf("]}\n");                                                                             \
  }

DEFINE_TRAIN_ONLY(float, f32)
DEFINE_TRAIN_ONLY(double, f64)

int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "pair")) {
    pair(atoi(argv[2]));
  } else if (argc >= 8 && !strcmp(argv[1], "train")) {
    int d = atoi(argv[3]), n = atoi(argv[4]), batch = atoi(argv[5]), epochs = atoi(argv[6]), reps = atoi(argv[7]);
    if (!strcmp(argv[2], "f32")) train_only_f32(d, n, batch, epochs, reps);
    else train_only_f64(d, n, batch, epochs, reps);
  } else {
    fprintf(stderr, "usage: sgd pair REPS | sgd train f32|f64 D N BATCH EPOCHS REPS\n");
    return 2;
  }
  return keep == 12345.678 ? 1 : 0;
}
