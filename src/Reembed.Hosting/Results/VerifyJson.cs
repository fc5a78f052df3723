namespace Reembed.Hosting;

/// <summary>A verify report as JSON, by Core's source-generated verification context: stored (compact) or printed.</summary>
public static class VerifyJson
{
    /// <summary>The compact form kept with the verdict in the state store.</summary>
    public static string Compact(VerifyReport report) => VerifyReportJson.Serialize(report);

    /// <summary>What <c>verify --json</c> prints: indented, the report's path and the exit code last.</summary>
    public static string Document(VerifyResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        return VerifyReportJson.Serialize(result.Report, indented: true, reportPath: result.ReportPath, exitCode: exitCode);
    }
}
