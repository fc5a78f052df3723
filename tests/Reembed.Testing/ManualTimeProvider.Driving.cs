namespace Reembed.Testing;

public sealed partial class ManualTimeProvider
{
    private static readonly TimeSpan RealTimeSafetyLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Lets work that fired timers woke (it resumes on the thread pool) run until it waits again:
    /// returns once the timers have stayed unchanged over a few rounds of the pool.
    /// </summary>
    public async Task SettleAsync()
    {
        var version = Version;
        for (int round = 0, quiet = 0; quiet < 3 && round < 1000; round++)
        {
            await Task.Run(static () => { });
            await Task.Yield();
            var now = Version;
            quiet = now == version ? quiet + 1 : 0;
            version = now;
        }
    }

    /// <summary>
    /// Moves the clock until <paramref name="task"/> completes: each step goes to the next timer or
    /// <paramref name="step"/> ahead, whichever is sooner, after letting woken work settle. Fails when
    /// more than <paramref name="limit"/> of clock time passes.
    /// </summary>
    public async Task RunUntilAsync(Task task, TimeSpan step, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(task);
        var start = GetUtcNow();
        while (true)
        {
            await SettleAsync();
            if (task.IsCompleted)
            {
                break;
            }

            var now = GetUtcNow();
            if (now - start > limit)
            {
                throw new TimeoutException($"still running after {now - start} of clock time");
            }

            var target = now + step;
            if (NextDue is { } due && due < target)
            {
                target = due < now ? now : due;
            }

            AdvanceTo(target);
        }

        await task;
    }

    /// <summary>Runs <paramref name="task"/> to completion on this clock (see <see cref="RunUntilAsync(Task, TimeSpan, TimeSpan)"/>).</summary>
    public async Task<T> RunUntilAsync<T>(Task<T> task, TimeSpan step, TimeSpan limit)
    {
        await RunUntilAsync((Task)task, step, limit);
        return await task;
    }

    /// <summary>Moves the clock forward to <paramref name="target"/>, settling woken work at each timer on the way.</summary>
    public async Task AdvanceSettledAsync(TimeSpan by)
    {
        var target = GetUtcNow() + by;
        await SettleAsync();
        while (NextDue is { } due && due <= target)
        {
            AdvanceTo(due < GetUtcNow() ? GetUtcNow() : due);
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

            await Task.Run(static () => { });
            await Task.Yield();
        }
    }
}
