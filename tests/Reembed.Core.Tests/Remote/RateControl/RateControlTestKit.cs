using Microsoft.Extensions.AI;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Remote.RateControl;

/// <summary>Clock, options and errors shared by the rate-control tests.</summary>
internal static class RateControlTestKit
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    public static RateControlOptions Options(ManualTimeProvider clock) => new()
    {
        Time = clock,
        Random = new Random(42),
        OutageAfter = TimeSpan.FromHours(1),
    };

    public static IEmbeddingGenerator<string, Embedding<float>> Wrap(ScriptedEmbeddingGenerator inner, RateControlOptions options) =>
        Reembed.Remote.RateControl.Wrap(inner, options);

    public static RateControlStats Stats(object client) => client switch
    {
        IEmbeddingGenerator<string, Embedding<float>> generator => (RateControlStats)generator.GetService(typeof(RateControlStats))!,
        IChatClient chat => (RateControlStats)chat.GetService(typeof(RateControlStats))!,
        _ => throw new ArgumentException("not a wrapped client", nameof(client)),
    };

    public static ApiException ServerError() =>
        new(ErrorKind.Transient, ApiErrorClasses.ServerError, "test answered 503") { StatusCode = 503 };

    public static ApiException RateLimited(TimeSpan? retryAfter = null) =>
        new(ErrorKind.Transient, ApiErrorClasses.RateLimited, "test rate-limited the request (429)")
        {
            StatusCode = 429,
            RetryAfter = retryAfter,
        };

    public static ApiException TimedOut() =>
        new(ErrorKind.Transient, ApiErrorClasses.Timeout, "test did not answer in time");

    public static ApiException Rejected() =>
        new(ErrorKind.Item, ApiErrorClasses.RejectedInput, "test rejected the input (400)") { StatusCode = 400 };

    public static ApiException Unauthorized() =>
        new(ErrorKind.Fatal, ApiErrorClasses.Unauthorized, "test refused the API key (401)") { StatusCode = 401 };

    /// <summary>Seconds after <paramref name="start"/> of each send.</summary>
    public static double[] Offsets(IEnumerable<DateTimeOffset> sentAt, DateTimeOffset start) =>
        sentAt.Order().Select(t => (t - start).TotalSeconds).ToArray();
}
