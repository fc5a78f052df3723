namespace Reembed;

/// <summary>Why one record could not be processed. Goes to the failures ledger; never aborts a job.</summary>
/// <param name="Stage">read, compose, embed, validate or write (see <see cref="Stages"/>).</param>
/// <param name="ErrorClass">A short machine-readable class, e.g. <c>malformed-json</c>.</param>
/// <param name="Message">A human-readable reason naming the field, line or value at fault.</param>
public sealed record ItemFailure(string Stage, string ErrorClass, string Message)
{
    /// <summary>The pipeline stages a failure can be recorded at.</summary>
    public static class Stages
    {
        public const string Read = "read";
        public const string Compose = "compose";
        public const string Embed = "embed";
        public const string Validate = "validate";
        public const string Write = "write";
    }
}
