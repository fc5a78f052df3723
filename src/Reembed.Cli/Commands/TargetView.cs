using System.Globalization;
using System.Text.Json;

namespace Reembed.Cli;

/// <summary>What <c>status</c> shows of the job's cut-over: the latest verify, and the live table/file with its shadows.</summary>
internal sealed record TargetView(VerificationRecord? Verification, CutoverState? Cutover, string? Target, string? Error)
{
    public IEnumerable<string> Lines()
    {
        if (Verification is { } v)
        {
            yield return $"verify: {(v.Passed ? "passed" : "FAILED")} on {v.Candidate} at {v.At.ToString("u", CultureInfo.InvariantCulture)}"
                + (v.ReportPath is null ? string.Empty : $" (report {v.ReportPath})");
        }

        if (Error is not null)
        {
            yield return $"target: cannot inspect it: {Error}";
        }

        if (Cutover is { } c)
        {
            yield return $"target {Target}: live {Describe(c.Live)}";
            foreach (var other in c.Others)
            {
                yield return $"  {(other.Name == c.Superseded?.Name ? "superseded" : "shadow")} {Describe(other)}";
            }

            if (c.LastStep is { } step)
            {
                yield return $"  last {step.Kind} at {step.At.ToString("u", CultureInfo.InvariantCulture)} (job {step.JobId}): {step.Promoted} → live, live → {step.Demoted}";
            }
        }
    }

    public void Write(Utf8JsonWriter writer)
    {
        if (Verification is { } v)
        {
            writer.WriteStartObject("verification");
            writer.WriteBoolean("passed", v.Passed);
            writer.WriteString("candidate", v.Candidate);
            writer.WriteString("at", v.At);
            writer.WriteString("reportPath", v.ReportPath);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("verification");
        }

        if (Cutover is { } c)
        {
            writer.WriteStartObject("target");
            writer.WriteString("description", Target);
            WriteTable(writer, "live", c.Live);
            writer.WriteStartArray("others");
            foreach (var other in c.Others)
            {
                WriteTable(writer, null, other);
            }

            writer.WriteEndArray();
            if (c.LastStep is { } step)
            {
                CutoverVerbs.WriteStep(writer, step);
            }

            writer.WriteEndObject();
        }
        else if (Error is not null)
        {
            writer.WriteString("targetError", Error);
        }
    }

    private static string Describe(CutoverTable table) =>
        $"{table.Name}: {table.Count:N0} vectors{(table.SpaceId is null ? string.Empty : $", space {table.SpaceId}")}";

    private static void WriteTable(Utf8JsonWriter writer, string? name, CutoverTable table)
    {
        if (name is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(name);
        }

        writer.WriteString("name", table.Name);
        writer.WriteString("space", table.SpaceId);
        writer.WriteNumber("count", table.Count);
        writer.WriteEndObject();
    }
}
