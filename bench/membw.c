// Memory read bandwidth: N OpenMP threads sum a large array of anonymous memory (bigger than any cache),
// the access pattern of a decode step reading every weight once. Prints one JSON line; the best pass counts.
// Build: cc -O3 -march=native -fopenmp membw.c -o membw    usage: ./membw <threads> [GiB=2] [passes=6]
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  double gib = argc > 2 ? atof(argv[2]) : 2.0;
  int passes = argc > 3 ? atoi(argv[3]) : 6;
  if (threads < 1 || gib <= 0 || passes < 2) {
    fprintf(stderr, "usage: membw <threads> [GiB=2] [passes>=2]\n");
    return 2;
  }
  size_t bytes = (size_t)(gib * 1024 * 1024 * 1024) & ~(size_t)4095;
  size_t n = bytes / sizeof(uint64_t);
  uint64_t *a = aligned_alloc(4096, bytes);
  if (a == NULL) {
    perror("aligned_alloc");
    return 1;
  }
  // First touch by the threads that read it later, so pages sit where those threads run.
#pragma omp parallel for num_threads(threads) schedule(static)
  for (size_t i = 0; i < n; i++) a[i] = i * 2654435761u;

  double best = 1e30, total = 0;
  uint64_t sink = 0;
  for (int p = 0; p < passes; p++) {
    double t0 = now();
    uint64_t s = 0;
#pragma omp parallel for num_threads(threads) reduction(+ : s) schedule(static)
    for (size_t i = 0; i < n; i++) s += a[i];
    double dt = now() - t0;
    sink += s;
    if (p == 0) continue;  // warm-up pass: TLB and page-table faults
    total += dt;
    if (dt < best) best = dt;
  }
  printf("{\"threads\":%d,\"bytes\":%zu,\"passes\":%d,\"bestGBs\":%.2f,\"meanGBs\":%.2f,\"sink\":%u}\n", threads,
         bytes, passes - 1, bytes / best / 1e9, bytes / (total / (passes - 1)) / 1e9, (unsigned)(sink & 1));
  free(a);
  return 0;
}
