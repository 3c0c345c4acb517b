using System;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>The zero-allocation promise of the hot methods, which holds once they are warm.</summary>
internal static class SteadyStateAllocations
{
    private const int WarmUpCalls = 5, MeasuredCalls = 10;

    /// <summary>
    /// Runs <paramref name="exercise"/> <see cref="WarmUpCalls"/> times (thread-static scratch, the JIT's tiering), then
    /// requires <see cref="MeasuredCalls"/> more calls to allocate nothing on this thread. One warm-up call was not
    /// always enough: in CI's scalar pass (DOTNET_EnableHWIntrinsic=0) WideNetwork's typed <c>Forward</c> once allocated
    /// 7,288 B on its second call, one-time work of a method still reaching its final tier on the calling thread.
    /// </summary>
    public static void AssertNone(Action exercise)
    {
        for (int i = 0; i < WarmUpCalls; i++) exercise();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < MeasuredCalls; i++) exercise();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
