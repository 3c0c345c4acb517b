using System.Threading;
using Xunit;

namespace NetGen.Tests.Training;

public class SpinningBarrierTests
{
    [Theory]
    [InlineData(2, 20_000, 0)]   // phases close together: the spinning path
    [InlineData(3, 40, 2)]       // one thread 2 ms late every phase: the others give up spinning and block
    public void NoThreadPassesAPhaseBeforeEveryThreadReachedIt(int threads, int phases, int lateMilliseconds)
    {
        var barrier = new SpinningBarrier(threads);
        var arrived = new int[phases];
        int violations = 0;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                for (int phase = 0; phase < phases; phase++)
                {
                    if (id == 0 && lateMilliseconds > 0) Thread.Sleep(lateMilliseconds);
                    Interlocked.Increment(ref arrived[phase]);
                    barrier.SignalAndWait();
                    if (Volatile.Read(ref arrived[phase]) != threads) Interlocked.Increment(ref violations);
                }
            });
            workers[t].Start();
        }

        foreach (Thread worker in workers) Assert.True(worker.Join(60_000), "a thread is stuck at the barrier");
        Assert.Equal(0, violations);
    }
}
