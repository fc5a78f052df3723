using Microsoft.Extensions.Logging;

namespace Reembed;

/// <summary>
/// Retries a target call that failed with a transient fault (a dropped connection, a server restarting, a
/// busy database). It is safe: a failed batch write rolled back or is upserted again by id, and a lookup
/// only reads. After the last attempt the fault stops the job, which stays resumable.
/// </summary>
internal static class StoreRetry
{
    /// <summary>The waits between attempts: about a minute in all before a fault stops the job.</summary>
    internal static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
    ];

    public static async Task<T> RunAsync<T>(
        Func<ValueTask<T>> call, string what, PassContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ReembedException ex) when (ex.IsTransient && attempt < Delays.Length)
            {
                Log.StoreRetrying(context.Logger, what, attempt + 1, Delays[attempt].TotalSeconds, ex.Message);
                await Task.Delay(Delays[attempt], context.Time, cancellationToken);
            }
        }
    }

    public static Task RunAsync(Func<ValueTask> call, string what, PassContext context, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, what, context, cancellationToken);
}
