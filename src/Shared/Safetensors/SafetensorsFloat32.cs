using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NetGen.Safetensors
{
    /// <summary>Decodes and encodes the little-endian F32 tensor data of a safetensors buffer on any host.</summary>
    internal static class SafetensorsFloat32
    {
        /// <summary>
        /// Decodes little-endian floats from <paramref name="source"/> into <paramref name="destination"/>
        /// (<c>source.Length == 4 * destination.Length</c>) and returns the index of the first NaN or infinity, or -1.
        /// Non-finite weights are rejected by callers because no trained network has them and they poison every output.
        /// </summary>
        public static int Decode(ReadOnlySpan<byte> source, Span<float> destination)
        {
            if (source.Length != destination.Length * 4)
                throw new ArgumentException($"{source.Length} bytes cannot fill {destination.Length} floats; {destination.Length * 4} are needed.", nameof(source));
            // Bit patterns travel through an int view: BitConverter.Int32BitsToSingle is missing from netstandard2.0.
            Span<int> bits = MemoryMarshal.Cast<float, int>(destination);
            int firstBad = -1;
            for (int i = 0; i < bits.Length; i++)
            {
                int b = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(i * 4, 4));
                // All exponent bits set means NaN or infinity.
                if ((b & 0x7F800000) == 0x7F800000 && firstBad < 0) firstBad = i;
                bits[i] = b;
            }

            return firstBad;
        }

        /// <summary>Encodes <paramref name="source"/> as little-endian floats (<c>destination.Length == 4 * source.Length</c>).</summary>
        public static void Encode(ReadOnlySpan<float> source, Span<byte> destination)
        {
            if (destination.Length != source.Length * 4)
                throw new ArgumentException($"{source.Length} floats need {source.Length * 4} bytes; the destination has {destination.Length}.", nameof(destination));
            ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(source);
            for (int i = 0; i < bits.Length; i++)
                BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(i * 4, 4), bits[i]);
        }
    }
}
