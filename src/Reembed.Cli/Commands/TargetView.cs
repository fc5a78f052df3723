using System.Globalization;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>What <c>status</c> shows of the job's cut-over, for people: the latest verify, and the live table/file with its shadows.</summary>
internal static class TargetView
{
    public static IEnumerable<string> Lines(StatusResult status)
    {
        if (status.Verification is { } v)
        {
            yield return $"verify: {(v.Passed ? "passed" : "FAILED")} on {v.Candidate} at {v.At.ToString("u", CultureInfo.InvariantCulture)}"
                + (v.ReportPath is null ? string.Empty : $" (report {v.ReportPath})");
        }

        if (status.TargetError is { } error)
        {
            yield return $"target: cannot inspect it: {error}";
        }

        if (status.Target is { } target)
        {
            yield return $"target {target.Description}: live {Describe(target.Live)}";
            foreach (var other in target.Others)
            {
                yield return $"  {(other.Name == target.Superseded ? "superseded" : "shadow")} {Describe(other)}";
            }

            if (target.Step is { } step)
            {
                yield return $"  last {step.Kind} at {step.When.ToString("u", CultureInfo.InvariantCulture)} (job {step.JobId}): {step.Promoted} → live, live → {step.Demoted}";
            }
        }
    }

    private static string Describe(TableView table) =>
        $"{table.Name}: {table.Count:N0} vectors{(table.Space is null ? string.Empty : $", space {table.Space}")}";
}
