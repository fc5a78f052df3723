namespace Reembed.Testing.FakeApi;

/// <summary>A request the fake refuses; the endpoint's pipeline turns it into an error response.</summary>
internal sealed class FakeApiError : Exception
{
    public FakeApiError(int status, string message, string type = "invalid_request_error", string? param = null, string? code = null)
        : base(message)
    {
        Status = status;
        Type = type;
        Param = param;
        Code = code;
    }

    public int Status { get; }

    public string Type { get; }

    public string? Param { get; }

    public string? Code { get; }
}
