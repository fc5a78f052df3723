using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    // Looks like the start of a real answer, then stops being JSON.
    private static readonly byte[] MalformedBody = FakeResponses.Text("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.12,<html>");

    private static readonly byte[] BadGatewayBody = FakeResponses.Text(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n");

    /// <summary>
    /// After the rate check: waits the configured latency, then applies <see cref="Faults"/>. Faults that
    /// corrupt a 200 are returned for the endpoint to apply; the others are answered here.
    /// </summary>
    private async Task<Admission> AdmitAsync(HttpContext context, ApiDialect dialect, IReadOnlyList<string> texts, bool vectors)
    {
        await DelayAsync(context);
        if (Faults.Outage)
        {
            Counters.OnFaulted();
            await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status503ServiceUnavailable,
                "The server is temporarily unable to handle your request (outage).", "server_error");
            return Admission.Done;
        }

        if (Faults.ForceStatus is { } status)
        {
            Counters.OnFaulted();
            await WriteForcedAsync(context, dialect, status);
            return Admission.Done;
        }

        if (Faults.PoisonMarker is { Length: > 0 } marker && FindPoison(texts, marker) is var index and >= 0)
        {
            Counters.OnFaulted();
            await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status400BadRequest, $"Invalid input at index {index}", param: "input");
            return Admission.Done;
        }

        if (Faults.Draw(vectors) is not { } fault)
        {
            return new Admission(false, null);
        }

        Counters.OnFaulted();
        switch (fault)
        {
            case FakeFault.RateLimited:
                await WriteForcedAsync(context, dialect, StatusCodes.Status429TooManyRequests);
                return Admission.Done;
            case FakeFault.ServerError:
                await WriteServerErrorAsync(context, dialect);
                return Admission.Done;
            case FakeFault.Hang:
                await HangAsync(context);
                return Admission.Done;
            case FakeFault.Reset:
                context.Abort();
                return Admission.Done;
            case FakeFault.Malformed:
                await FakeResponses.WriteAsync(context, StatusCodes.Status200OK, MalformedBody);
                return Admission.Done;
            default:
                return new Admission(false, fault);
        }
    }

    /// <summary>Sends a 200, cut short when the fault is <see cref="FakeFault.Truncated"/>; counts it as a success when unfaulted.</summary>
    private async Task WriteSuccessAsync(HttpContext context, byte[] body, FakeFault? fault, int inputs, long tokens)
    {
        if (fault != FakeFault.Truncated)
        {
            await FakeResponses.WriteAsync(context, StatusCodes.Status200OK, body);
            if (fault is null)
            {
                Counters.OnSucceeded(inputs, tokens, Options.Time.GetUtcNow());
            }

            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = FakeResponses.Json;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    /// <summary>Corrupts one vector (or drops one) for a vector fault; <paramref name="order"/> is the order they are sent in.</summary>
    private void ApplyVectorFault(FakeFault? fault, float[][] vectors, List<int> order)
    {
        if (order.Count == 0 || fault is not (FakeFault.WrongCount or FakeFault.WrongDimension or FakeFault.NaN))
        {
            return;
        }

        var victim = order[_random.Next(order.Count)];
        switch (fault)
        {
            case FakeFault.WrongCount:
                order.Remove(victim);
                break;
            case FakeFault.WrongDimension:
                vectors[victim] = [.. vectors[victim], 0f];
                break;
            default:
                vectors[victim] = (float[])vectors[victim].Clone();
                vectors[victim][_random.Next(vectors[victim].Length)] = float.NaN;
                break;
        }
    }

    private float[] Embed(string text, int dimensions) =>
        Options.RandomVectors ? _random.UnitVector(dimensions) : VectorFor(text, dimensions);

    private async Task DelayAsync(HttpContext context)
    {
        var mean = Options.LatencyMean;
        var jitter = Options.LatencyJitter;
        var delay = jitter > TimeSpan.Zero ? mean + (jitter * ((_random.NextDouble() * 2) - 1)) : mean;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, Options.Time, context.RequestAborted);
        }
    }

    private async Task HangAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the server is stopping and must not wait for this request.
            context.Abort();
        }
    }

    private async Task WriteServerErrorAsync(HttpContext context, ApiDialect dialect)
    {
        switch (_random.Next(3))
        {
            case 0:
                await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status500InternalServerError,
                    "The server had an error while processing your request. Sorry about that!", "server_error");
                break;
            case 1:
                // A proxy in front of the API answers with its own HTML page.
                await FakeResponses.WriteAsync(context, StatusCodes.Status502BadGateway, BadGatewayBody, "text/html");
                break;
            default:
                await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status503ServiceUnavailable,
                    "The engine is currently overloaded, please try again later.", "server_error");
                break;
        }
    }

    private async Task WriteForcedAsync(HttpContext context, ApiDialect dialect, int status)
    {
        var (message, type, code) = status switch
        {
            StatusCodes.Status401Unauthorized => ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
            StatusCodes.Status403Forbidden => ("You are not allowed to access this resource.", "invalid_request_error", (string?)null),
            StatusCodes.Status404NotFound => ("The model does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"),
            StatusCodes.Status429TooManyRequests => ("Rate limit reached. Please try again in 50ms.", "requests", "rate_limit_exceeded"),
            >= 500 => ("The server had an error while processing your request.", "server_error", null),
            _ => ($"The request was refused ({status}).", "invalid_request_error", null),
        };
        if (status == StatusCodes.Status429TooManyRequests)
        {
            Counters.OnRateLimited();
            SetRetryAfter(context, TimeSpan.FromMilliseconds(50));
        }

        await FakeResponses.WriteErrorAsync(context, dialect, status, message, type, code: code);
    }

    private static int FindPoison(IReadOnlyList<string> texts, string marker)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i].Contains(marker, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
