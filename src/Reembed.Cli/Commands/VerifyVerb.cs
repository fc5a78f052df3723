using System.CommandLine;
using System.Text.Json;
using Reembed.Verification.Html;

namespace Reembed.Cli;

/// <summary>
/// <c>verify</c>: checks a job's vectors (structure, and retrieval quality against the vectors they would
/// replace), writes an HTML report, and records the verdict that <c>swap</c> requires. Exit 0 when passed, 1 when not.
/// </summary>
internal sealed class VerifyVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();
    private readonly Option<string?> _report = new("--report") { Description = "Where to write the HTML report (default: verify.report, or verify-<job>.html beside the state)" };
    private readonly Option<string?> _baseline = new("--baseline") { Description = "Compare with this table/file of the target instead of the live one" };

    public Command Create()
    {
        var command = new Command("verify", "Check a job's vectors: counts, ids, dimensions, finiteness, norms, retrieval quality old vs new");
        command.Arguments.Add(_config);
        command.Options.Add(_report);
        command.Options.Add(_baseline);
        command.Options.Add(CliOptions.Job);
        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var state = await Components.OpenStateAsync(config, context.Time, cancellationToken);
        var job = await StatusVerb.FindAsync(state, config, context.Parse.GetValue(CliOptions.Job), cancellationToken);
        // Never through the cache: self-retrieval asks the model again, and a cached answer would only echo the stored vector.
        await using var embedder = await EmbedderStack.CreateAsync(config, context.Time, openCache: false, cancellationToken);
        if (embedder.Space.Id != job.SpaceId)
        {
            throw ReembedException.Config("embedder",
                $"job {job.Id} made space {job.SpaceId} ({job.SpaceDescription}); this config's embedder makes {embedder.Space}: verify with the config that ran the job");
        }

        await using var baselineEmbedder = config.Verify.BaselineEmbedder is { } baselineSpec
            ? await EmbedderStack.CreateAsync(BaselineConfig(config, baselineSpec), context.Time, openCache: false, cancellationToken)
            : null;
        await using var targets = await VerifyTargets.OpenAsync(config, job.SpaceId, context.Parse.GetValue(_baseline), cancellationToken);
        if (baselineEmbedder is not null && targets.BaselineSpaceId is { } baselineSpace && baselineSpace != baselineEmbedder.Space.Id)
        {
            throw ReembedException.Config("verify.baselineEmbedder",
                $"makes space {baselineEmbedder.Space}, but the baseline {targets.Baseline?.Name} holds space {baselineSpace}");
        }

        await using var source = Components.CreateSource(config.Source);
        await source.OpenAsync(cancellationToken);
        var ledger = (await state.GetFailuresAsync(job.Id, 0, cancellationToken)).Select(static e => e.Key).ToHashSet(StringComparer.Ordinal);
        var golden = config.Verify.GoldenQueries is { } goldenPath ? await GoldenQueries.LoadAsync(goldenPath, cancellationToken) : [];
        var report = await Verifier.RunAsync(new VerifyRequest
        {
            Source = source,
            Candidate = targets.Candidate,
            Baseline = targets.Baseline,
            Embedder = embedder.Generator,
            BaselineEmbedder = baselineEmbedder?.Generator,
            Space = embedder.Space,
            GoldenQueries = golden,
            LedgeredKeys = ledger,
            JobId = job.Id,
            Options = config.Verify.Options,
            Time = context.Time,
        }, cancellationToken);

        var reportPath = context.Parse.GetValue(_report) is { } flag ? Path.GetFullPath(flag)
            : config.Verify.Report ?? Path.Combine(ReportFolder(config), $"verify-{job.Id}.html");
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        await File.WriteAllTextAsync(reportPath, VerifyHtmlReport.Render(report), cancellationToken);
        var metrics = JsonOutput.Compact(writer =>
        {
            writer.WriteStartObject();
            VerifyReportJson.Write(writer, report);
            writer.WriteEndObject();
        });
        await state.SaveVerificationAsync(new VerificationRecord(
            job.Id, report.At, report.Passed, targets.Candidate.Name, job.SpaceId, metrics, reportPath), cancellationToken);

        var exitCode = report.Passed ? ExitCodes.Ok : ExitCodes.FinishedWithFailures;
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                VerifyReportJson.Write(writer, report);
                writer.WriteString("reportPath", reportPath);
                writer.WriteNumber("exitCode", exitCode);
                writer.WriteEndObject();
            });
        }
        else
        {
            Print(context, report, reportPath);
        }

        return exitCode;
    }

    private static void Print(CliContext context, VerifyReport report, string reportPath)
    {
        context.Say($"verify {report.Candidate}{(report.Baseline is null ? string.Empty : $" against {report.Baseline}")}: {(report.Passed ? "PASSED" : "FAILED")}");
        foreach (var check in report.Checks)
        {
            context.Say($"  {(check.Passed ? "ok  " : "FAIL")} {check.Group,-9} {check.Name,-20} {check.Value,12:0.####}  ({check.Threshold}){(check.Detail is null ? string.Empty : "  " + check.Detail)}");
        }

        context.Say($"report: {reportPath}");
        context.Say(report.Passed ? "'swap' makes it live" : "'swap' refuses until a verify passes (or --force)");
    }

    /// <summary>Beside a SQLite state file; next to the config when the state is in Postgres.</summary>
    private static string ReportFolder(ReembedConfig config) =>
        config.State.Path is { } statePath ? Path.GetDirectoryName(statePath)! : Path.GetDirectoryName(config.ConfigPath)!;

    /// <summary>The config with the old model in place of the new, no cache (a sample only) and no enrichment.</summary>
    private static ReembedConfig BaselineConfig(ReembedConfig config, EmbedderSpec baseline) => new()
    {
        ConfigPath = config.ConfigPath,
        Source = config.Source,
        Target = config.Target,
        Embedder = baseline,
        Pipeline = new PipelineOptions(),
        State = config.State,
        Cache = config.Cache with { Enabled = false },
    };
}
