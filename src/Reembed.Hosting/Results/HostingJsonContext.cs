using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>
/// Every result of the job API as JSON, source-generated. <see cref="Default"/> is compact (what is stored);
/// hosts print with <see cref="Indented"/> (camelCase names, nulls written, relaxed escaping).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(PlanResult))]
[JsonSerializable(typeof(StatusResult))]
[JsonSerializable(typeof(JobsResult))]
[JsonSerializable(typeof(CancelResult))]
[JsonSerializable(typeof(CutoverResult))]
[JsonSerializable(typeof(CleanupResult))]
[JsonSerializable(typeof(InitResult))]
[JsonSerializable(typeof(ErrorResult))]
public sealed partial class HostingJsonContext : JsonSerializerContext
{
    private static HostingJsonContext? _indented;

    /// <summary>Indented, with <see cref="System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: what <c>--json</c> prints.</summary>
    public static HostingJsonContext Indented => _indented ??= new HostingJsonContext(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
