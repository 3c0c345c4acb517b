using System;

namespace GameAgent.Simulation;

/// <summary>The hand-written policy the network imitates: avoid what is close ahead, steer to the target, hold a safe speed.</summary>
public static class HeuristicPolicy
{
    public static AgentAction Decide(in Observation o)
    {
        if (o.RayAhead < 0.35f) return o.RayLeft > o.RayRight ? AgentAction.TurnLeft : AgentAction.TurnRight;
        float bearing = MathF.Atan2(o.TargetLeft, o.TargetForward);
        if (bearing > 0.3f) return AgentAction.TurnLeft;
        if (bearing < -0.3f) return AgentAction.TurnRight;
        float distance = MathF.Sqrt(o.TargetForward * o.TargetForward + o.TargetLeft * o.TargetLeft);
        // Slow down near the target or when the way ahead is closing in.
        if (o.Speed > 0.25f && (distance < 0.4f * o.Speed || o.RayAhead < 0.6f * o.Speed)) return AgentAction.Brake;
        return AgentAction.Accelerate;
    }
}
