using GameAgent.Simulation;
using NetGen;

namespace GameAgent.Trainer;

/// <summary>The same layers as GameAgent's Policy (which cannot be declared here: it needs the file this trainer writes).</summary>
[Network(Observation.Size)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class PolicyTrainee { }
