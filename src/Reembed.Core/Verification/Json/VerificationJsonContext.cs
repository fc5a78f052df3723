using System.Text.Json.Serialization;

namespace Reembed.Verification.Json;

/// <summary>
/// Source-generated serialisation of <see cref="VerifyReportDocument"/>: camelCase names, nulls written (but for the
/// two properties that opt out), numbers as JSON numbers only. Indentation and escaping are the writer's
/// (see <see cref="VerifyReportJson"/>), so one context serves the stored and the printed form.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(VerifyReportDocument))]
internal sealed partial class VerificationJsonContext : JsonSerializerContext
{
}
