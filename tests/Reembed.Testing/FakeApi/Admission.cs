namespace Reembed.Testing.FakeApi;

/// <summary>
/// The outcome of the rate check and fault draw: either a response has already been sent, or the endpoint
/// answers, corrupting its 200 with <see cref="Fault"/> when one is set.
/// </summary>
internal readonly record struct Admission(bool Answered, FakeFault? Fault)
{
    public static Admission Done { get; } = new(true, null);
}
