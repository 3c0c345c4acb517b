namespace NetGen.TestNetworks
{
    /// <summary>
    /// Sizes chosen so the batched training kernels run both their register blocks (4 rows, 16 and 32 inputs, 2
    /// examples) and every remainder path: 45 inputs, 38/35/6 units, dropout between the hidden layers.
    /// </summary>
    [Network(45)]
    [Dense(38, Activation.Relu)]
    [Dropout(0.2f)]
    [Dense(35, Activation.Tanh)]
    [Dense(6, Activation.Softmax)]
    public partial class BatchedShapes { }
}
