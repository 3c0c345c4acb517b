using GameAgent.Simulation;
using NetGen;

namespace GameAgent;

/// <summary>
/// The agents' policy: observation in, action probabilities out. Its weights are baked into the assembly from
/// policy.safetensors; samples/GameAgent.Trainer declares the same layers (PolicyTrainee) and writes that file, and a
/// mismatch between the two is a compile error here (NG0032-NG0034).
/// </summary>
[Network(Observation.Size)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[EmbeddedWeights("policy.safetensors")]
public partial class Policy { }
