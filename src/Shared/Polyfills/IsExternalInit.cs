#if !NET5_0_OR_GREATER
// Records and init-only setters need this type; netstandard2.0/2.1 do not ship it.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
#endif
