namespace NetGen.Generator.Model;

/// <summary>A type that encloses the network class, written back as <c>partial {Keyword} {NameWithTypeParameters}</c>.</summary>
internal sealed record ContainingTypeModel(string Keyword, string NameWithTypeParameters);
