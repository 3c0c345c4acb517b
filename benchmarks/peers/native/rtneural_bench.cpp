// RTNeural peer of benchmarks/peers: the compile-time ModelT API (Eigen backend), one example per call.
//
//   rtneural_bench --workload i1-tiny|i1-medium --work DIR [--warmup S] [--seconds S] [--out FILE]
//
// Weights come from DIR/<network>.f32 (NetGen's Parameters layout: per layer W row-major [out, in], then b) written by
// python/models.py from the same PyTorch module every peer uses; the input from DIR/<workload>.input.f32.
// Timing: samples of back-to-back forward() calls sized to last about 10 ms, median and min per call after warm-up.
// A compiler barrier after each call keeps the optimiser from hoisting the (idempotent) forward pass out of the loop.
//
// Compiled by run.sh against an RTNeural checkout (never vendored here) and Debian's Eigen:
//   g++ -std=c++17 -O3 -march=native -DRTNEURAL_USE_EIGEN=1 -DRTNEURAL_DEFAULT_ALIGNMENT=32 -I<rtneural> -I/usr/include/eigen3
#include <RTNeural/RTNeural.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using TinyModel = RTNeural::ModelT<float, 16, 4,
    RTNeural::DenseT<float, 16, 32>, RTNeural::TanhActivationT<float, 32>,
    RTNeural::DenseT<float, 32, 32>, RTNeural::TanhActivationT<float, 32>,
    RTNeural::DenseT<float, 32, 4>>;

using MediumModel = RTNeural::ModelT<float, 784, 10,
    RTNeural::DenseT<float, 784, 128>, RTNeural::ReLuActivationT<float, 128>,
    RTNeural::DenseT<float, 128, 10>, RTNeural::SoftmaxActivationT<float, 10>>;

std::vector<float> ReadFloats(const std::string& path, size_t expected)
{
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) throw std::runtime_error(path + ": cannot open");
    size_t bytes = (size_t)file.tellg();
    if (bytes != expected * sizeof(float))
        throw std::runtime_error(path + ": holds " + std::to_string(bytes) + " bytes, expected " + std::to_string(expected * sizeof(float)));
    std::vector<float> values(expected);
    file.seekg(0);
    file.read(reinterpret_cast<char*>(values.data()), (std::streamsize)bytes);
    return values;
}

// Sets one DenseT from the flat parameters at `at` (W [out, in] row-major, then b) and advances `at`.
template <typename Dense>
void SetDense(Dense& dense, const std::vector<float>& flat, size_t& at)
{
    std::vector<std::vector<float>> w(Dense::out_size, std::vector<float>(Dense::in_size));
    for (int o = 0; o < Dense::out_size; o++)
        for (int i = 0; i < Dense::in_size; i++) w[o][i] = flat[at++];
    dense.setWeights(w);
    dense.setBias(flat.data() + at);
    at += Dense::out_size;
}

template <typename Model>
struct Bench
{
    static constexpr int In = Model::input_size, Out = Model::output_size;
    std::unique_ptr<Model> model = std::make_unique<Model>();
    alignas(64) float input[In];

    void Run(const std::string& work, const std::string& network, const std::string& workload, size_t parameters,
             double warmup, double seconds, const char* outPath)
    {
        std::vector<float> flat = ReadFloats(work + "/" + network + ".f32", parameters);
        size_t at = 0;
        SetLayers(flat, at);
        if (at != flat.size()) throw std::runtime_error("parameter count mismatch");
        std::vector<float> x = ReadFloats(work + "/" + workload + ".input.f32", In);
        std::copy(x.begin(), x.end(), input);

        model->reset();
        model->forward(input);
        if (outPath)
        {
            std::ofstream out(outPath, std::ios::binary);
            out.write(reinterpret_cast<const char*>(model->getOutputs()), Out * sizeof(float));
        }

        using Clock = std::chrono::steady_clock;
        auto call = [&] {
            model->forward(input);
            asm volatile("" : : "r"(model->getOutputs()) : "memory");
        };
        auto end = Clock::now() + std::chrono::duration<double>(warmup);
        while (Clock::now() < end) call();
        auto t0 = Clock::now();
        call();
        double one = std::max(std::chrono::duration<double>(Clock::now() - t0).count(), 1e-9);
        long perSample = std::max(1L, (long)(0.01 / one));
        std::vector<double> samples;
        end = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < end || samples.size() < 5)
        {
            auto start = Clock::now();
            for (long i = 0; i < perSample; i++) call();
            samples.push_back(std::chrono::duration<double>(Clock::now() - start).count() / perSample);
        }
        std::vector<double> sorted = samples;
        std::sort(sorted.begin(), sorted.end());
        size_t n = sorted.size();
        double median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        std::printf("{\"peer\":\"rtneural\",\"workload\":\"%s\",\"threads\":1,\"examples\":1,\"median_s\":%.9g,\"min_s\":%.9g,"
                    "\"samples\":%zu,\"calls_per_sample\":%ld,\"versions\":{\"compiler\":\"%s\",\"eigen\":\"%d.%d.%d\"}}\n",
                    workload.c_str(), median, sorted[0], n, perSample, __VERSION__, EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION,
                    EIGEN_MINOR_VERSION);
    }

    void SetLayers(const std::vector<float>& flat, size_t& at);
};

template <>
void Bench<TinyModel>::SetLayers(const std::vector<float>& flat, size_t& at)
{
    SetDense(model->get<0>(), flat, at);
    SetDense(model->get<2>(), flat, at);
    SetDense(model->get<4>(), flat, at);
}

template <>
void Bench<MediumModel>::SetLayers(const std::vector<float>& flat, size_t& at)
{
    SetDense(model->get<0>(), flat, at);
    SetDense(model->get<2>(), flat, at);
}

}  // namespace

int main(int argc, char** argv)
{
    std::string workload, work;
    double warmup = 1.0, seconds = 2.0;
    const char* out = nullptr;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string name = argv[i];
        if (name == "--workload") workload = argv[i + 1];
        else if (name == "--work") work = argv[i + 1];
        else if (name == "--warmup") warmup = std::atof(argv[i + 1]);
        else if (name == "--seconds") seconds = std::atof(argv[i + 1]);
        else if (name == "--out") out = argv[i + 1];
        else { std::fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    try
    {
        if (workload == "i1-tiny")
            Bench<TinyModel>().Run(work, "tiny", workload, 16 * 32 + 32 + 32 * 32 + 32 + 32 * 4 + 4, warmup, seconds, out);
        else if (workload == "i1-medium")
            Bench<MediumModel>().Run(work, "medium", workload, 784 * 128 + 128 + 128 * 10 + 10, warmup, seconds, out);
        else { std::fprintf(stderr, "--workload must be i1-tiny or i1-medium\n"); return 2; }
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "rtneural_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
