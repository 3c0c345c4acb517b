namespace NetGen.Onnx
{
    /// <summary>
    /// The field numbers and enum values of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) that
    /// NetGen reads and writes, in one place so the writer and the reader cannot disagree. Only the subset a dense
    /// network needs is listed; every other field is skipped by the reader.
    /// </summary>
    internal static class OnnxSchema
    {
        // ModelProto
        public const int ModelIrVersion = 1;
        public const int ModelProducerName = 2;
        public const int ModelProducerVersion = 3;
        public const int ModelDocString = 6;
        public const int ModelGraph = 7;
        public const int ModelOpsetImport = 8;
        public const int ModelMetadataProps = 14;

        // OperatorSetIdProto
        public const int OpsetDomain = 1;
        public const int OpsetVersion = 2;

        // StringStringEntryProto
        public const int EntryKey = 1;
        public const int EntryValue = 2;

        // GraphProto
        public const int GraphNode = 1;
        public const int GraphName = 2;
        public const int GraphInitializer = 5;
        public const int GraphInput = 11;
        public const int GraphOutput = 12;

        // NodeProto
        public const int NodeInput = 1;
        public const int NodeOutput = 2;
        public const int NodeName = 3;
        public const int NodeOpType = 4;
        public const int NodeAttribute = 5;
        public const int NodeDomain = 7;

        // AttributeProto
        public const int AttributeName = 1;
        public const int AttributeFloat = 2;
        public const int AttributeInt = 3;
        public const int AttributeString = 4;
        public const int AttributeTensor = 5;
        public const int AttributeFloats = 7;
        public const int AttributeInts = 8;
        public const int AttributeType = 20;

        // AttributeProto.AttributeType
        public const int AttributeTypeFloat = 1;
        public const int AttributeTypeInt = 2;
        public const int AttributeTypeTensor = 4;

        // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
        public const int ValueInfoName = 1;
        public const int ValueInfoType = 2;
        public const int TypeTensorType = 1;
        public const int TensorTypeElemType = 1;
        public const int TensorTypeShape = 2;
        public const int ShapeDim = 1;
        public const int DimValue = 1;
        public const int DimParam = 2;

        // TensorProto
        public const int TensorDims = 1;
        public const int TensorDataType = 2;
        public const int TensorSegment = 3;
        public const int TensorFloatData = 4;
        public const int TensorName = 8;
        public const int TensorRawData = 9;
        public const int TensorExternalData = 13;
        public const int TensorDataLocation = 14;

        // TensorProto.DataType
        public const int DataTypeFloat = 1;

        /// <summary>IR version 7 is the one that goes with opset 13 (onnx/docs/Versioning.md); every runtime since 2020 reads it.</summary>
        public const long IrVersion = 7;

        /// <summary>Opset 13: Softmax takes a single axis there (earlier opsets flatten), and it is the oldest opset the issue allows, so the widest range of runtimes loads the file.</summary>
        public const long OpsetVersion13 = 13;

        /// <summary>Extra metadata key: whether the standardizer is folded into the graph as Sub/Div nodes.</summary>
        public const string StandardizerFoldedKey = "netgen.standardizer.folded";
    }
}
