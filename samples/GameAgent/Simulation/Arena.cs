using System;
using NetGen;

namespace GameAgent.Simulation;

/// <summary>A square arena with round obstacles; agents drive to targets that move on when reached.</summary>
public sealed class Arena
{
    public const float Half = 50f, SenseRange = 40f, RayLength = 15f, TopSpeed = 8f, TurnRate = 2.5f, Acceleration = 6f, Deceleration = 10f;

    private readonly float[] _obstacleX, _obstacleY, _obstacleR;
    private readonly float[] _x, _y, _heading, _speed, _targetX, _targetY;
    private NetGenRandom _random;

    public Arena(int agents, int obstacles, ulong seed)
    {
        _random = new NetGenRandom(seed);
        _obstacleX = new float[obstacles];
        _obstacleY = new float[obstacles];
        _obstacleR = new float[obstacles];
        for (int i = 0; i < obstacles; i++)
        {
            _obstacleX[i] = Uniform(-Half, Half);
            _obstacleY[i] = Uniform(-Half, Half);
            _obstacleR[i] = Uniform(1.5f, 4f);
        }

        _x = new float[agents];
        _y = new float[agents];
        _heading = new float[agents];
        _speed = new float[agents];
        _targetX = new float[agents];
        _targetY = new float[agents];
        for (int a = 0; a < agents; a++)
        {
            _x[a] = Uniform(-Half, Half);
            _y[a] = Uniform(-Half, Half);
            _heading[a] = Uniform(-MathF.PI, MathF.PI);
            NewTarget(a);
        }
    }

    public int Agents => _x.Length;

    /// <summary>Targets reached so far, over all agents.</summary>
    public int TargetsReached { get; private set; }

    /// <summary>Frames in which an agent ended inside an obstacle (it is pushed back out).</summary>
    public int Collisions { get; private set; }

    public Observation Observe(int a)
    {
        float cos = MathF.Cos(_heading[a]), sin = MathF.Sin(_heading[a]);
        float dx = _targetX[a] - _x[a], dy = _targetY[a] - _y[a];
        return new Observation
        {
            TargetForward = Math.Clamp((dx * cos + dy * sin) / SenseRange, -1f, 1f),
            TargetLeft = Math.Clamp((-dx * sin + dy * cos) / SenseRange, -1f, 1f),
            Speed = _speed[a] / TopSpeed,
            RayLeft = Ray(a, _heading[a] + MathF.PI / 4),
            RayAhead = Ray(a, _heading[a]),
            RayRight = Ray(a, _heading[a] - MathF.PI / 4),
        };
    }

    public void Act(int a, AgentAction action, float dt)
    {
        switch (action)
        {
            case AgentAction.Accelerate: _speed[a] = MathF.Min(TopSpeed, _speed[a] + Acceleration * dt); break;
            case AgentAction.Brake: _speed[a] = MathF.Max(0f, _speed[a] - Deceleration * dt); break;
            case AgentAction.TurnLeft: _heading[a] += TurnRate * dt; break;
            case AgentAction.TurnRight: _heading[a] -= TurnRate * dt; break;
        }

        _x[a] = Math.Clamp(_x[a] + MathF.Cos(_heading[a]) * _speed[a] * dt, -Half, Half);
        _y[a] = Math.Clamp(_y[a] + MathF.Sin(_heading[a]) * _speed[a] * dt, -Half, Half);
        for (int o = 0; o < _obstacleX.Length; o++)
        {
            float ox = _x[a] - _obstacleX[o], oy = _y[a] - _obstacleY[o], d = MathF.Sqrt(ox * ox + oy * oy);
            if (d >= _obstacleR[o] || d == 0f) continue;
            Collisions++;
            _x[a] = _obstacleX[o] + ox / d * _obstacleR[o];
            _y[a] = _obstacleY[o] + oy / d * _obstacleR[o];
            _speed[a] = 0f;
        }

        float tx = _targetX[a] - _x[a], ty = _targetY[a] - _y[a];
        if (tx * tx + ty * ty < 4f)
        {
            TargetsReached++;
            NewTarget(a);
        }
    }

    /// <summary>Free distance along a ray over <see cref="RayLength"/>: the nearest obstacle or wall.</summary>
    private float Ray(int a, float angle)
    {
        float dx = MathF.Cos(angle), dy = MathF.Sin(angle), nearest = RayLength;
        nearest = MathF.Min(nearest, WallDistance(_x[a], dx));
        nearest = MathF.Min(nearest, WallDistance(_y[a], dy));
        for (int o = 0; o < _obstacleX.Length; o++)
        {
            // Ray-circle intersection: |p + t d - c| = r with |d| = 1.
            float px = _x[a] - _obstacleX[o], py = _y[a] - _obstacleY[o];
            float b = px * dx + py * dy, c = px * px + py * py - _obstacleR[o] * _obstacleR[o], disc = b * b - c;
            if (disc < 0f) continue;
            float t = -b - MathF.Sqrt(disc);
            if (t >= 0f && t < nearest) nearest = t;
        }

        return nearest / RayLength;
    }

    private static float WallDistance(float position, float direction) =>
        direction > 1e-6f ? (Half - position) / direction : direction < -1e-6f ? (-Half - position) / direction : float.MaxValue;

    private void NewTarget(int a)
    {
        _targetX[a] = Uniform(-Half, Half);
        _targetY[a] = Uniform(-Half, Half);
    }

    private float Uniform(float low, float high) => low + (high - low) * (float)_random.NextDouble();
}
