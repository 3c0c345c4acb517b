using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the network's typed fixed-size buffers, the nested structs <c>Input</c> (<c>InputSize</c> floats) and
/// <c>Output</c> (<c>OutputSize</c> floats) that <c>Forward(in Input, out Output)</c> and <c>Classify(in Input)</c> take:
/// each network's buffers are their own types, so handing one network's buffer to another is a compile error
/// (CS1503) rather than a length check at run time.
/// </summary>
/// <remarks>
/// <para>The layout is the one C# gives a fixed buffer: one private <see cref="float"/> field and
/// <c>StructLayout(Sequential, Size = length * 4)</c>, the other elements following the field inside the struct.
/// A <c>fixed float[N]</c> field would need an unsafe context in the consumer's project (which may not allow unsafe
/// blocks), and <c>[InlineArray]</c> needs C# 12 and .NET 8; this layout is valid C# 9 on netstandard2.1 (Unity's Mono)
/// and .NET 8, needs no reflection (NativeAOT), and one layout everywhere keeps the generated code and its behaviour the
/// same on every target.</para>
/// <para>The elements are reached through spans over the field built inside each member (C# 9 does not let a struct's
/// instance member return a span over <c>this</c>), or through the static <c>AsSpan(ref ...)</c> and
/// <c>AsReadOnlySpan(in ...)</c>, whose by-reference parameters may be returned. Read-only members are <c>readonly</c>,
/// so calling them on an <c>in</c> parameter or a readonly field makes no defensive copy of a buffer that may be
/// kilobytes long.</para>
/// </remarks>
internal static class BufferEmitter
{
    private const string ElementField = "__netgenElement0";

    private const string DebugView = "__netgenDebugView";

    public static void Emit(SourceWriter w, NetworkModel model)
    {
        EmitStruct(w, model, BufferStructNames.Input, "InputSize", model.InputSize, "input", "<see cref=\"Forward(in Input, out Output)\"/> and <see cref=\"Classify(in Input)\"/>");
        w.WriteLine();
        EmitStruct(w, model, BufferStructNames.Output, "OutputSize", model.OutputSize, "output", "<see cref=\"Forward(in Input, out Output)\"/>");
    }

    /// <summary>
    /// The debug view as the struct's attribute names it. An attribute argument cannot use type parameters (CS0416), so
    /// inside a generic containing type it is the unbound type, <c>global::Ns.Outer&lt;&gt;.Net.Input.__netgenDebugView</c>,
    /// which the debugger closes with the displayed buffer's type arguments.
    /// </summary>
    private static string DebugViewReference(NetworkModel model, string name)
    {
        if (!model.ContainingTypes.Any(t => t.NameWithTypeParameters.IndexOf('<') >= 0)) return DebugView;
        var parts = new List<string>();
        if (model.Namespace is not null) parts.Add(model.Namespace);
        foreach (ContainingTypeModel type in model.ContainingTypes)
        {
            string written = type.NameWithTypeParameters;
            int open = written.IndexOf('<');
            parts.Add(open < 0 ? written : written.Substring(0, open) + "<" + new string(',', written.Count(c => c == ',')) + ">");
        }

        parts.Add(model.TypeName);
        parts.Add(name);
        parts.Add(DebugView);
        return "global::" + string.Join(".", parts);
    }

    private static void EmitStruct(SourceWriter w, NetworkModel model, string name, string size, int length, string role, string usedBy)
    {
        // The marks' lines after the first are indented to the struct's members, one level inside the template.
        string member = GeneratedMarks.MemberText.Replace("\n", "\n    "), field = GeneratedMarks.FieldText;
        string display = model.TypeName + "." + name;
        string span = TypeNames.Span, readOnlySpan = TypeNames.ReadOnlySpan, argument = TypeNames.NetworkArgument;
        w.WriteBlock($$"""
            /// <summary>
            /// One {{role}} of this network: <see cref="{{size}}"/> floats stored inline, for {{usedBy}}.
            /// Each network has its own type, so another network's buffer there is a compile error. <c>default</c> is all zeros.
            /// </summary>
            /// <remarks>It is <c>{{size}} * 4</c> bytes: pass it by <c>in</c> or <c>ref</c>, as the network's methods take it, not by value.</remarks>
            [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential, Size = {{size}} * sizeof(float))]
            [global::System.Diagnostics.DebuggerDisplay("Length = {{length}}")]
            [global::System.Diagnostics.DebuggerTypeProxy(typeof({{DebugViewReference(model, name)}}))]
            {{GeneratedMarks.MemberText}}
            public struct {{name}} : global::System.IEquatable<{{name}}>
            {
                /// <summary>The number of elements, <see cref="{{size}}"/>.</summary>
                {{field}}
                public const int Length = {{size}};

                // The first element; the other Length - 1 follow it inside the struct's Size, as in a C# fixed buffer.
                {{field}}
                private float {{ElementField}};

                /// <summary>The element at <paramref name="index"/>.</summary>
                /// <param name="index">From 0 to <see cref="Length"/> - 1.</param>
                /// <exception cref="global::System.ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Length"/>.</exception>
                {{member}}
                public float this[int index]
                {
                    readonly get
                    {
                        if ((uint)index >= Length) {{argument}}.ThrowIndexOutOfRange(nameof(index), index, "{{display}}", Length);
                        return AsReadOnlySpan(in this)[index];
                    }
                    set
                    {
                        if ((uint)index >= Length) {{argument}}.ThrowIndexOutOfRange(nameof(index), index, "{{display}}", Length);
                        AsSpan(ref this)[index] = value;
                    }
                }

                /// <summary>A buffer holding a copy of <paramref name="values"/>.</summary>
                /// <remarks>Returned by value; to fill one buffer again and again, use <see cref="CopyFrom"/>.</remarks>
                /// <param name="values">Exactly <see cref="Length"/> values.</param>
                /// <exception cref="global::System.ArgumentException"><paramref name="values"/> has the wrong length.</exception>
                {{member}}
                public static {{name}} Create({{readOnlySpan}} values)
                {
                    {{name}} buffer = default;
                    buffer.CopyFrom(values);
                    return buffer;
                }

                /// <summary>Overwrites every element with <paramref name="values"/>.</summary>
                /// <param name="values">Exactly <see cref="Length"/> values.</param>
                /// <exception cref="global::System.ArgumentException"><paramref name="values"/> has the wrong length.</exception>
                {{member}}
                public void CopyFrom({{readOnlySpan}} values)
                {
                    if (values.Length != Length) {{argument}}.ThrowWrongLength(nameof(values), values.Length, "{{display}}", nameof(Length), Length);
                    values.CopyTo(AsSpan(ref this));
                }

                /// <summary>Copies every element to <paramref name="destination"/>.</summary>
                /// <param name="destination">Exactly <see cref="Length"/> values.</param>
                /// <exception cref="global::System.ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
                {{member}}
                public readonly void CopyTo({{span}} destination)
                {
                    if (destination.Length != Length) {{argument}}.ThrowWrongLength(nameof(destination), destination.Length, "{{display}}", nameof(Length), Length);
                    AsReadOnlySpan(in this).CopyTo(destination);
                }

                /// <summary>The elements of <paramref name="buffer"/> as a span, without copying: writes go to the buffer.</summary>
                /// <param name="buffer">The buffer; the span lives no longer than it.</param>
                {{member}}
                public static {{span}} AsSpan(ref {{name}} buffer) =>
                    {{TypeNames.MemoryMarshal}}.CreateSpan(ref buffer.{{ElementField}}, Length);

                /// <summary>The elements of <paramref name="buffer"/> as a read-only span, without copying.</summary>
                /// <param name="buffer">The buffer; the span lives no longer than it.</param>
                {{member}}
                public static {{readOnlySpan}} AsReadOnlySpan(in {{name}} buffer) =>
                    {{TypeNames.FixedBuffer}}.AsReadOnlySpan(in buffer.{{ElementField}}, Length);

            """);
        w.Indent();
        if (name == BufferStructNames.Output)
        {
            w.WriteBlock($$"""
                /// <summary>The index of the largest element, the first one on ties: what <see cref="Classify(in Input)"/> returns for the same input.</summary>
                {{GeneratedMarks.MemberText}}
                public readonly int IndexOfMax()
                {
                    {{readOnlySpan}} values = AsReadOnlySpan(in this);
                    int best = 0;
                    for (int i = 1; i < Length; i++) if (values[i] > values[best]) best = i;
                    return best;
                }

                """);
        }

        w.WriteBlock($$"""
            /// <summary>Whether each element equals <paramref name="other"/>'s by <see cref="float.Equals(float)"/>: NaN equals NaN, 0 equals -0.</summary>
            /// <param name="other">The buffer to compare with, passed by value as <see cref="global::System.IEquatable{T}"/> has it.</param>
            {{GeneratedMarks.MemberText}}
            public readonly bool Equals({{name}} other) => {{TypeNames.FixedBuffer}}.SequenceEqual(AsReadOnlySpan(in this), AsReadOnlySpan(in other));

            /// <summary>Whether <paramref name="obj"/> is a boxed buffer of this type with equal elements, by <see cref="Equals({{name}})"/>.</summary>
            /// <param name="obj">The object to compare with.</param>
            {{GeneratedMarks.MemberText}}
            public override readonly bool Equals(object? obj) => obj is {{name}} other && Equals(other);

            /// <summary>A hash of every element, consistent with <see cref="Equals({{name}})"/>.</summary>
            {{GeneratedMarks.MemberText}}
            public override readonly int GetHashCode() => {{TypeNames.FixedBuffer}}.GetHashCode(AsReadOnlySpan(in this));

            // What a debugger shows for the buffer: its elements, as for an array, rather than the one declared field.
            {{GeneratedMarks.MemberText}}
            private sealed class {{DebugView}}
            {
                {{member}}
                public {{DebugView}}({{name}} buffer) => Items = AsReadOnlySpan(in buffer).ToArray();

                [global::System.Diagnostics.DebuggerBrowsable(global::System.Diagnostics.DebuggerBrowsableState.RootHidden)]
                {{member}}
                public float[] Items { get; }
            }
            """);
        w.Unindent();
        w.WriteLine("}");
    }
}
