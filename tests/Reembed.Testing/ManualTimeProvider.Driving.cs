namespace Reembed.Testing;

public sealed partial class ManualTimeProvider
{
    // Only bounds a test that would otherwise hang; no outcome depends on real time.
    private static readonly TimeSpan RealTimeSafetyLimit = TimeSpan.FromSeconds(20);

    // How long the timers must stay unchanged before woken work counts as waiting again.
    private const int QuietMillis = 5;

    /// <summary>
    /// Lets work that fired timers woke (it resumes on the thread pool) run until it waits again:
    /// returns once the timers have stayed unchanged for a few milliseconds of real time.
    /// </summary>
    public async Task SettleAsync()
    {
        var version = Version;
        var started = Environment.TickCount64;
        var quietSince = started;
        while (true)
        {
            await Task.Delay(1);
            var now = Environment.TickCount64;
            if (Version != version)
            {
                version = Version;
                quietSince = now;
            }
            else if (now - quietSince >= QuietMillis || now - started > RealTimeSafetyLimit.TotalMilliseconds)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Moves the clock from timer to timer until <paramref name="task"/> completes, letting woken
    /// work settle in between. The clock never moves while no timer waits: then something is still
    /// running. Fails when more than <paramref name="limit"/> of clock time passes.
    /// </summary>
    public async Task RunUntilAsync(Task task, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(task);
        var start = GetUtcNow();
        while (true)
        {
            await SettleAsync();
            await WaitUntilAsync(() => task.IsCompleted || NextDue is not null, "a timer or the end of the task");
            if (task.IsCompleted)
            {
                break;
            }

            var now = GetUtcNow();
            if (now - start > limit)
            {
                throw new TimeoutException($"still running after {now - start} of clock time");
            }

            if (NextDue is { } due)
            {
                AdvanceTo(due < now ? now : due);
            }
        }

        await task;
    }

    /// <summary>Runs <paramref name="task"/> to completion on this clock (see <see cref="RunUntilAsync(Task, TimeSpan)"/>).</summary>
    public async Task<T> RunUntilAsync<T>(Task<T> task, TimeSpan limit)
    {
        await RunUntilAsync((Task)task, limit);
        return await task;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, settling woken work at each timer on the way.</summary>
    public async Task AdvanceSettledAsync(TimeSpan by)
    {
        var target = GetUtcNow() + by;
        await SettleAsync();
        while (NextDue is { } due && due <= target)
        {
            var now = GetUtcNow();
            AdvanceTo(due < now ? now : due);
            await SettleAsync();
        }

        AdvanceTo(target);
        await SettleAsync();
    }

    /// <summary>Waits, without moving the clock, until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 - started > RealTimeSafetyLimit.TotalMilliseconds)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(1);
        }
    }
}
