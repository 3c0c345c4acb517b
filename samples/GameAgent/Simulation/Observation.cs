using System;

namespace GameAgent.Simulation;

/// <summary>
/// What an agent senses, in its own frame, scaled to about [-1, 1]: the policy network's input. Kept as a struct with
/// a fixed layout so the game loop can fill a preallocated float buffer without allocating.
/// </summary>
public struct Observation
{
    /// <summary>The number of features, the network's input size.</summary>
    public const int Size = 6;

    /// <summary>Target position relative to the agent: forward and leftward distance over the sensing range.</summary>
    public float TargetForward, TargetLeft;

    /// <summary>Speed over the top speed, in [0, 1].</summary>
    public float Speed;

    /// <summary>Free distance along three rays (45 degrees left, ahead, 45 degrees right) over the ray length, in [0, 1].</summary>
    public float RayLeft, RayAhead, RayRight;

    public readonly void WriteTo(Span<float> features)
    {
        features[0] = TargetForward;
        features[1] = TargetLeft;
        features[2] = Speed;
        features[3] = RayLeft;
        features[4] = RayAhead;
        features[5] = RayRight;
    }
}
