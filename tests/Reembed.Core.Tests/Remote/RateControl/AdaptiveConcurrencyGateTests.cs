using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Remote.RateControl;

public sealed class AdaptiveConcurrencyGateTests
{
    [Fact]
    public void OnOverload_BurstWithinASecond_HalvesOnce()
    {
        var clock = new ManualTimeProvider();
        var gate = new AdaptiveConcurrencyGate(16, 64, clock);

        gate.OnOverload();
        gate.OnOverload();
        gate.OnOverload();
        Assert.Equal(8, gate.Limit);

        clock.Advance(TimeSpan.FromSeconds(1));
        gate.OnOverload();
        Assert.Equal(4, gate.Limit);
    }

    [Fact]
    public void OnOverload_Repeated_NeverBelowOne()
    {
        var clock = new ManualTimeProvider();
        var gate = new AdaptiveConcurrencyGate(4, 64, clock);

        for (var i = 0; i < 10; i++)
        {
            gate.OnOverload();
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(1, gate.Limit);
    }

    [Fact]
    public void OnSuccess_AboutOnePerRoundTrip_GrowsUpToTheCeiling()
    {
        var gate = new AdaptiveConcurrencyGate(4, 8, new ManualTimeProvider());

        // +1/limit each: 4.25, 4.49, 4.71, 4.92 after one round trip of four, 5.12 after the fifth.
        for (var i = 0; i < 4; i++)
        {
            gate.OnSuccess();
        }

        Assert.Equal(4, gate.Limit);
        gate.OnSuccess();
        Assert.Equal(5, gate.Limit);
        for (var i = 0; i < 1000; i++)
        {
            gate.OnSuccess();
        }

        Assert.Equal(8, gate.Limit);
    }

    [Fact]
    public async Task WaitAsync_AtTheLimit_WaitsForARelease()
    {
        var gate = new AdaptiveConcurrencyGate(2, 2, new ManualTimeProvider());
        await gate.WaitAsync(CancellationToken.None);
        await gate.WaitAsync(CancellationToken.None);

        var third = gate.WaitAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        gate.Release();
        await third;
        Assert.Equal(2, gate.InFlight);
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileQueued_ThrowsAndTakesNoSlot()
    {
        var gate = new AdaptiveConcurrencyGate(1, 1, new ManualTimeProvider());
        await gate.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var queued = gate.WaitAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        gate.Release();
        Assert.Equal(0, gate.InFlight);
    }
}
