namespace Reembed.Testing.FakeApi;

/// <summary>The kinds of misbehaviour <see cref="FakeServerFaults"/> can inject into one response.</summary>
public enum FakeFault
{
    /// <summary>429 with <c>retry-after</c>, as if a rate limit had been hit.</summary>
    RateLimited,

    /// <summary>500, 502 (an HTML page, as a proxy sends) or 503, with a body.</summary>
    ServerError,

    /// <summary>Never answers; the request ends only when the client gives up.</summary>
    Hang,

    /// <summary>The connection is aborted without a response.</summary>
    Reset,

    /// <summary>200 with a body that is not valid JSON.</summary>
    Malformed,

    /// <summary>200 announcing the full Content-Length, but only half the body is sent before the connection drops.</summary>
    Truncated,

    /// <summary>200 with one vector fewer than there were inputs.</summary>
    WrongCount,

    /// <summary>200 with one vector one dimension too long.</summary>
    WrongDimension,

    /// <summary>200 with one value that is not a finite float32 (NaN bits in base64, <c>1e39</c> in JSON).</summary>
    NaN,
}
