using NetGen;

namespace GameAgent.Simulation;

/// <summary>Random observations covering what agents meet in the arena, for imitation learning and for measuring agreement.</summary>
public struct ObservationSampler
{
    private NetGenRandom _random;

    public ObservationSampler(ulong seed) => _random = new NetGenRandom(seed);

    public Observation Next()
    {
        // Rays are often clear (1) in an open arena; otherwise anywhere in [0, 1).
        return new Observation
        {
            TargetForward = Uniform(-1f, 1f),
            TargetLeft = Uniform(-1f, 1f),
            Speed = Uniform(0f, 1f),
            RayLeft = Ray(),
            RayAhead = Ray(),
            RayRight = Ray(),
        };
    }

    private float Ray() => _random.NextDouble() < 0.4 ? 1f : Uniform(0f, 1f);

    private float Uniform(float low, float high) => low + (high - low) * (float)_random.NextDouble();
}
