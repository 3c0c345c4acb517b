// The FMA peak of this machine: one core and every core, with 512-, 256- and 128-bit vectors.
//
// Each thread runs 16 independent FMA chains (acc[i] = acc[i] * a + b) per vector width: more chains than FMA latency x
// FMA ports on current x86 cores (4-5 cycles x 2 ports), so the loop is bound by FMA throughput, not latency.
// GFLOP/s = 2 flops x lanes x chains x iterations / seconds; best of several repetitions (the least disturbed one).
//
//   fma_peak [--seconds S]     prints one JSON line per width and thread count
//
// Built by run.sh with g++ -O2 -march=native; a width the CPU lacks is reported as unsupported.
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

constexpr int Chains = 16;
constexpr long Iterations = 1L << 22;

template <typename V, V (*Fma)(V, V, V), V (*Set)(float)>
float Run(long iterations)
{
    V acc[Chains];
    for (int i = 0; i < Chains; i++) acc[i] = Set(1.0f + 0.001f * i);
    const V a = Set(0.999999f), b = Set(1e-7f);
    for (long n = 0; n < iterations; n++)
    {
#pragma GCC unroll 16
        for (int i = 0; i < Chains; i++) acc[i] = Fma(acc[i], a, b);
    }
    V sum = acc[0];
    for (int i = 1; i < Chains; i++) sum = Fma(sum, a, acc[i]);
    float out[sizeof(V) / sizeof(float)];
    std::memcpy(out, &sum, sizeof(V));
    return out[0];  // returned and printed, so no chain can be dropped
}

#if defined(__AVX512F__)
__m512 Fma512(__m512 x, __m512 a, __m512 b) { return _mm512_fmadd_ps(x, a, b); }
__m512 Set512(float v) { return _mm512_set1_ps(v); }
#endif
#if defined(__FMA__)
__m256 Fma256(__m256 x, __m256 a, __m256 b) { return _mm256_fmadd_ps(x, a, b); }
__m256 Set256(float v) { return _mm256_set1_ps(v); }
__m128 Fma128(__m128 x, __m128 a, __m128 b) { return _mm_fmadd_ps(x, a, b); }
__m128 Set128(float v) { return _mm_set1_ps(v); }
#endif

using Kernel = float (*)(long);

double Measure(Kernel kernel, int lanes, int threads, double seconds, float& sink)
{
    double best = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    do
    {
        std::vector<std::thread> pool;
        std::vector<float> results(threads);
        std::atomic<int> ready {0};
        auto start = std::chrono::steady_clock::now();
        for (int t = 0; t < threads; t++)
            pool.emplace_back([&, t] {
                ready++;
                while (ready.load() < threads) { }
                results[t] = kernel(Iterations);
            });
        for (auto& th : pool) th.join();
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (float r : results) sink += r;
        best = std::max(best, 2.0 * lanes * Chains * Iterations * threads / elapsed / 1e9);
    } while (std::chrono::steady_clock::now() < deadline);
    return best;
}

}  // namespace

int main(int argc, char** argv)
{
    double seconds = 1.0;
    for (int i = 1; i + 1 < argc; i++)
        if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    int cores = (int)std::thread::hardware_concurrency();
    struct Width { int bits; Kernel kernel; };
    std::vector<Width> widths;
#if defined(__AVX512F__)
    widths.push_back({512, &Run<__m512, Fma512, Set512>});
#else
    std::printf("{\"bits\":512,\"supported\":false}\n");
#endif
#if defined(__FMA__)
    widths.push_back({256, &Run<__m256, Fma256, Set256>});
    widths.push_back({128, &Run<__m128, Fma128, Set128>});
#else
    std::printf("{\"bits\":256,\"supported\":false}\n{\"bits\":128,\"supported\":false}\n");
#endif
    float sink = 0;
    for (const Width& w : widths)
        for (int threads : {1, cores})
        {
            double gflops = Measure(w.kernel, w.bits / 32, threads, seconds, sink);
            std::printf("{\"bits\":%d,\"supported\":true,\"threads\":%d,\"gflops\":%.2f}\n", w.bits, threads, gflops);
            std::fflush(stdout);
        }
    std::fprintf(stderr, "checksum %g\n", (double)sink);
    return 0;
}
