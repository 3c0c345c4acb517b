using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Safetensors;
using static NetGen.Onnx.OnnxSchema;

namespace NetGen.Onnx
{
    /// <summary>
    /// Parses the bytes of an ONNX file (a serialized <c>ModelProto</c>) into <see cref="OnnxModel"/>. Unknown fields are
    /// skipped, as protobuf requires; known fields with the wrong wire type, lengths past their message, invalid UTF-8,
    /// a second graph and duplicate names are errors. Never allocates more than a small multiple of the input's size.
    /// </summary>
    internal static class OnnxModelParser
    {
        /// <summary>Parses <paramref name="bytes"/>; returns null and sets <paramref name="error"/> on any problem.</summary>
        public static OnnxModel? Parse(byte[] bytes, out OnnxError? error)
        {
            error = null;
            try
            {
                return ParseModel(new ProtobufReader(bytes, 0, bytes.Length));
            }
            catch (OnnxFormatException e)
            {
                error = e.Error;
                return null;
            }
        }

        /// <summary>Decodes a FLOAT tensor's values, checking that their count is the product of its dimensions.</summary>
        public static float[] ReadFloats(byte[] bytes, OnnxTensor tensor)
        {
            string where = $"byte {tensor.Offset.ToString(CultureInfo.InvariantCulture)}: tensor '{tensor.Name}'";
            if (tensor.IsExternal)
                throw new OnnxFormatException(OnnxErrorKind.Unsupported, $"{where} keeps its data in an external file; NetGen reads self-contained .onnx files (save with onnx.save_model(..., save_as_external_data=False))");
            if (tensor.DataType != DataTypeFloat)
                throw new OnnxFormatException(OnnxErrorKind.WrongDType, $"{where} has data type {DataTypeName(tensor.DataType)}; NetGen needs FLOAT (export the model in float32)");
            // Each factor is checked before the multiplication, so the product can never wrap (dims [4, 2^62] would wrap to 0).
            const long Limit = int.MaxValue / 4;
            long count = 1;
            foreach (long dim in tensor.Dims)
            {
                if (dim > Limit || (count *= dim) > Limit)
                    throw new OnnxFormatException(OnnxErrorKind.Malformed, $"{where} has shape {tensor.ShapeText}, more elements than a .onnx file can hold");
            }

            bool hasRaw = tensor.RawLength >= 0;
            if (hasRaw && tensor.FloatData.Count > 0 || tensor.HasOtherData)
                throw new OnnxFormatException(OnnxErrorKind.Malformed, $"{where} has data in more than one field");
            int available = hasRaw ? tensor.RawLength / 4 : tensor.FloatData.Count;
            if (hasRaw && tensor.RawLength % 4 != 0 || available != count)
                throw new OnnxFormatException(OnnxErrorKind.Malformed,
                    $"{where} has shape {tensor.ShapeText} ({count} values) but holds {(hasRaw ? tensor.RawLength + " bytes of raw_data" : tensor.FloatData.Count + " float_data values")}");

            var values = new float[count];
            int bad;
            if (hasRaw)
            {
                bad = SafetensorsFloat32.Decode(bytes.AsSpan(tensor.RawStart, tensor.RawLength), values);
            }
            else
            {
                for (int i = 0; i < values.Length; i++) values[i] = tensor.FloatData[i];
                bad = Array.FindIndex(values, v => float.IsNaN(v) || float.IsInfinity(v));
            }

            if (bad >= 0)
                throw new OnnxFormatException(OnnxErrorKind.Malformed, $"{where} element {bad} is {values[bad].ToString(CultureInfo.InvariantCulture)}; weights must be finite");
            return values;
        }

        public static string DataTypeName(int dataType) => dataType switch
        {
            1 => "FLOAT",
            2 => "UINT8",
            3 => "INT8",
            5 => "INT16",
            6 => "INT32",
            7 => "INT64",
            8 => "STRING",
            9 => "BOOL",
            10 => "FLOAT16",
            11 => "DOUBLE",
            16 => "BFLOAT16",
            _ => dataType.ToString(CultureInfo.InvariantCulture),
        };

        private static OnnxModel ParseModel(ProtobufReader reader)
        {
            var model = new OnnxModel();
            bool sawIr = false;
            while (!reader.AtEnd)
            {
                int at = reader.Position;
                (int field, WireType wire) = reader.ReadTag();
                switch (field)
                {
                    case ModelIrVersion:
                        reader.Expect(wire, WireType.Varint, "ModelProto.ir_version");
                        model.IrVersion = reader.ReadInt64();
                        sawIr = true;
                        break;
                    case ModelProducerName:
                        reader.Expect(wire, WireType.LengthDelimited, "ModelProto.producer_name");
                        model.ProducerName = reader.ReadString();
                        break;
                    case ModelGraph:
                        reader.Expect(wire, WireType.LengthDelimited, "ModelProto.graph");
                        if (model.Graph is not null) throw ProtobufReader.Malformed(at, "the model has a second graph");
                        model.Graph = ParseGraph(reader.ReadMessage());
                        model.Graph.Offset = at;
                        break;
                    case ModelOpsetImport:
                        reader.Expect(wire, WireType.LengthDelimited, "ModelProto.opset_import");
                        ParseOpset(reader.ReadMessage(), model, at);
                        break;
                    case ModelMetadataProps:
                        reader.Expect(wire, WireType.LengthDelimited, "ModelProto.metadata_props");
                        ParseEntry(reader.ReadMessage(), model, at);
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            if (!sawIr || model.IrVersion < 1) throw ProtobufReader.Malformed(0, "the file has no ir_version, so it is not an ONNX ModelProto");
            if (model.Graph is null) throw ProtobufReader.Malformed(0, "the model has no graph");
            return model;
        }

        private static void ParseOpset(ProtobufReader reader, OnnxModel model, int at)
        {
            string domain = "";
            long version = 0;
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                if (field == OpsetDomain) { reader.Expect(wire, WireType.LengthDelimited, "OperatorSetIdProto.domain"); domain = reader.ReadString(); }
                else if (field == OpsetVersion) { reader.Expect(wire, WireType.Varint, "OperatorSetIdProto.version"); version = reader.ReadInt64(); }
                else reader.Skip(wire);
            }

            if (domain == "ai.onnx") domain = "";
            if (model.Opsets.ContainsKey(domain)) throw ProtobufReader.Malformed(at, $"opset domain '{domain}' is imported twice");
            model.Opsets[domain] = version;
        }

        private static void ParseEntry(ProtobufReader reader, OnnxModel model, int at)
        {
            string key = "", value = "";
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                if (field == EntryKey) { reader.Expect(wire, WireType.LengthDelimited, "StringStringEntryProto.key"); key = reader.ReadString(); }
                else if (field == EntryValue) { reader.Expect(wire, WireType.LengthDelimited, "StringStringEntryProto.value"); value = reader.ReadString(); }
                else reader.Skip(wire);
            }

            if (model.Metadata.ContainsKey(key)) throw ProtobufReader.Malformed(at, $"metadata key '{key}' appears twice");
            model.Metadata[key] = value;
        }

        private static OnnxGraph ParseGraph(ProtobufReader reader)
        {
            var graph = new OnnxGraph();
            while (!reader.AtEnd)
            {
                int at = reader.Position;
                (int field, WireType wire) = reader.ReadTag();
                switch (field)
                {
                    case GraphNode:
                        reader.Expect(wire, WireType.LengthDelimited, "GraphProto.node");
                        graph.Nodes.Add(ParseNode(reader.ReadMessage(), graph.Nodes.Count, at));
                        break;
                    case GraphInitializer:
                        reader.Expect(wire, WireType.LengthDelimited, "GraphProto.initializer");
                        OnnxTensor tensor = ParseTensor(reader.ReadMessage(), at);
                        if (graph.Initializers.ContainsKey(tensor.Name)) throw ProtobufReader.Malformed(at, $"initializer '{tensor.Name}' appears twice");
                        graph.Initializers[tensor.Name] = tensor;
                        break;
                    case GraphInput:
                        reader.Expect(wire, WireType.LengthDelimited, "GraphProto.input");
                        graph.Inputs.Add(ParseValueInfo(reader.ReadMessage()));
                        break;
                    case GraphOutput:
                        reader.Expect(wire, WireType.LengthDelimited, "GraphProto.output");
                        graph.Outputs.Add(ParseValueInfo(reader.ReadMessage()));
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            return graph;
        }

        private static OnnxNode ParseNode(ProtobufReader reader, int index, int nodeAt)
        {
            var node = new OnnxNode { Index = index };
            while (!reader.AtEnd)
            {
                int at = reader.Position;
                (int field, WireType wire) = reader.ReadTag();
                switch (field)
                {
                    case NodeInput:
                        reader.Expect(wire, WireType.LengthDelimited, "NodeProto.input");
                        node.AddInput(reader.ReadString());
                        break;
                    case NodeOutput:
                        reader.Expect(wire, WireType.LengthDelimited, "NodeProto.output");
                        node.AddOutput(reader.ReadString());
                        break;
                    case NodeName:
                        reader.Expect(wire, WireType.LengthDelimited, "NodeProto.name");
                        node.Name = reader.ReadString();
                        break;
                    case NodeOpType:
                        reader.Expect(wire, WireType.LengthDelimited, "NodeProto.op_type");
                        node.OpType = reader.ReadString();
                        break;
                    case NodeDomain:
                        reader.Expect(wire, WireType.LengthDelimited, "NodeProto.domain");
                        node.Domain = reader.ReadString();
                        break;
                    case NodeAttribute:
                        reader.Expect(wire, WireType.LengthDelimited, "NodeProto.attribute");
                        OnnxAttribute attribute = ParseAttribute(reader.ReadMessage(), at);
                        if (node.Attributes.ContainsKey(attribute.Name)) throw ProtobufReader.Malformed(at, $"node {index} has attribute '{attribute.Name}' twice");
                        node.AddAttribute(attribute);
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            // op_type is required (onnx.proto); refusing its absence here also keeps a file of empty nodes (two bytes
            // each) from costing a node object per two bytes before the first one is looked at.
            if (node.OpType.Length == 0) throw ProtobufReader.Malformed(nodeAt, $"node {index} has no op_type");
            return node;
        }

        private static OnnxAttribute ParseAttribute(ProtobufReader reader, int at)
        {
            var attribute = new OnnxAttribute();
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                switch (field)
                {
                    case AttributeName:
                        reader.Expect(wire, WireType.LengthDelimited, "AttributeProto.name");
                        attribute.Name = reader.ReadString();
                        break;
                    case AttributeType:
                        reader.Expect(wire, WireType.Varint, "AttributeProto.type");
                        attribute.Type = reader.ReadInt32("AttributeProto.type");
                        break;
                    case AttributeFloat:
                        reader.Expect(wire, WireType.Fixed32, "AttributeProto.f");
                        attribute.Float = reader.ReadFloat();
                        break;
                    case AttributeInt:
                        reader.Expect(wire, WireType.Varint, "AttributeProto.i");
                        attribute.Int = reader.ReadInt64();
                        break;
                    case AttributeTensor:
                        reader.Expect(wire, WireType.LengthDelimited, "AttributeProto.t");
                        int tensorAt = reader.Position;
                        attribute.Tensor = ParseTensor(reader.ReadMessage(), tensorAt);
                        break;
                    case AttributeString:
                    case AttributeFloats:
                    case AttributeInts:
                    case 6: // g
                    case 9: // strings
                    case 10: // tensors
                    case 11: // graphs
                    case 22: // sparse_tensor
                    case 23: // sparse_tensors
                    case 14: // tp
                    case 15: // type_protos
                        attribute.HasOtherValue = true;
                        reader.Skip(wire);
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            if (attribute.Name.Length == 0) throw ProtobufReader.Malformed(at, "an attribute has no name");
            return attribute;
        }

        private static OnnxTensor ParseTensor(ProtobufReader reader, int at)
        {
            var tensor = new OnnxTensor { Offset = at };
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                switch (field)
                {
                    case TensorDims:
                        ReadDims(ref reader, wire, tensor);
                        break;
                    case TensorDataType:
                        reader.Expect(wire, WireType.Varint, "TensorProto.data_type");
                        tensor.DataType = reader.ReadInt32("TensorProto.data_type");
                        break;
                    case TensorName:
                        reader.Expect(wire, WireType.LengthDelimited, "TensorProto.name");
                        tensor.Name = reader.ReadString();
                        break;
                    case TensorRawData:
                        reader.Expect(wire, WireType.LengthDelimited, "TensorProto.raw_data");
                        if (tensor.RawLength >= 0) throw ProtobufReader.Malformed(at, $"tensor '{tensor.Name}' has raw_data twice");
                        (tensor.RawStart, tensor.RawLength) = reader.ReadLengthDelimited();
                        break;
                    case TensorFloatData:
                        ReadFloatData(ref reader, wire, tensor);
                        break;
                    case TensorSegment:
                        throw new OnnxFormatException(OnnxErrorKind.Unsupported, $"byte {at}: tensor '{tensor.Name}' is a segment of a larger tensor; NetGen reads whole tensors");
                    case TensorExternalData:
                        tensor.IsExternal = true;
                        reader.Skip(wire);
                        break;
                    case TensorDataLocation:
                        reader.Expect(wire, WireType.Varint, "TensorProto.data_location");
                        if (reader.ReadInt64() != 0) tensor.IsExternal = true;
                        break;
                    case 5: // int32_data
                    case 6: // string_data
                    case 7: // int64_data
                    case 10: // double_data
                    case 11: // uint64_data
                        tensor.HasOtherData = true;
                        reader.Skip(wire);
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            foreach (long dim in tensor.Dims)
                if (dim < 0) throw ProtobufReader.Malformed(at, $"tensor '{tensor.Name}' has shape {tensor.ShapeText}; dimensions are non-negative");
            return tensor;
        }

        /// <summary>Reads <c>TensorProto.dims</c>, one varint or a packed run of them.</summary>
        private static void ReadDims(ref ProtobufReader reader, WireType wire, OnnxTensor tensor)
        {
            if (wire == WireType.Varint)
            {
                tensor.AddDim(reader.ReadInt64());
                return;
            }

            reader.Expect(wire, WireType.LengthDelimited, "TensorProto.dims");
            ProtobufReader packed = reader.ReadMessage();
            while (!packed.AtEnd) tensor.AddDim(packed.ReadInt64());
        }

        /// <summary>Reads <c>TensorProto.float_data</c>, one fixed32 or a packed run of them.</summary>
        private static void ReadFloatData(ref ProtobufReader reader, WireType wire, OnnxTensor tensor)
        {
            if (wire == WireType.Fixed32)
            {
                tensor.AddFloat(reader.ReadFloat());
                return;
            }

            reader.Expect(wire, WireType.LengthDelimited, "TensorProto.float_data");
            ProtobufReader packed = reader.ReadMessage();
            while (!packed.AtEnd) tensor.AddFloat(packed.ReadFloat());
        }

        private static OnnxValueInfo ParseValueInfo(ProtobufReader reader)
        {
            var info = new OnnxValueInfo();
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                if (field == ValueInfoName)
                {
                    reader.Expect(wire, WireType.LengthDelimited, "ValueInfoProto.name");
                    info.Name = reader.ReadString();
                }
                else if (field == ValueInfoType)
                {
                    reader.Expect(wire, WireType.LengthDelimited, "ValueInfoProto.type");
                    ParseType(reader.ReadMessage(), info);
                }
                else
                {
                    reader.Skip(wire);
                }
            }

            return info;
        }

        private static void ParseType(ProtobufReader reader, OnnxValueInfo info)
        {
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                if (field != TypeTensorType)
                {
                    // Sequences, maps and optionals (e.g. skl2onnx's ZipMap output) are not tensors: ElemType stays 0.
                    reader.Skip(wire);
                    continue;
                }

                reader.Expect(wire, WireType.LengthDelimited, "TypeProto.tensor_type");
                ProtobufReader tensor = reader.ReadMessage();
                while (!tensor.AtEnd)
                {
                    (int f, WireType w) = tensor.ReadTag();
                    if (f == TensorTypeElemType)
                    {
                        tensor.Expect(w, WireType.Varint, "TypeProto.Tensor.elem_type");
                        info.ElemType = tensor.ReadInt32("TypeProto.Tensor.elem_type");
                    }
                    else if (f == TensorTypeShape)
                    {
                        tensor.Expect(w, WireType.LengthDelimited, "TypeProto.Tensor.shape");
                        info.Dims = ParseShape(tensor.ReadMessage());
                    }
                    else
                    {
                        tensor.Skip(w);
                    }
                }
            }
        }

        private static List<long?> ParseShape(ProtobufReader reader)
        {
            var dims = new List<long?>();
            while (!reader.AtEnd)
            {
                (int field, WireType wire) = reader.ReadTag();
                if (field != ShapeDim)
                {
                    reader.Skip(wire);
                    continue;
                }

                reader.Expect(wire, WireType.LengthDelimited, "TensorShapeProto.dim");
                ProtobufReader dim = reader.ReadMessage();
                long? value = null;
                while (!dim.AtEnd)
                {
                    (int f, WireType w) = dim.ReadTag();
                    if (f == DimValue)
                    {
                        dim.Expect(w, WireType.Varint, "Dimension.dim_value");
                        value = dim.ReadInt64();
                    }
                    else
                    {
                        dim.Skip(w);
                    }
                }

                dims.Add(value);
            }

            return dims;
        }
    }
}
