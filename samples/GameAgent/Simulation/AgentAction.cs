namespace GameAgent.Simulation;

/// <summary>What an agent can do in one frame; the policy network's output index.</summary>
public enum AgentAction
{
    Accelerate = 0,
    TurnLeft = 1,
    TurnRight = 2,
    Brake = 3,
}
