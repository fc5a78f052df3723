using System.CommandLine;
using Reembed.Hosting;

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
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var result = await context.Engine.VerifyAsync(spec, context.Parse.GetValue(CliOptions.Job), context.Parse.GetValue(_report),
            context.Parse.GetValue(_baseline), context.Host(), cancellationToken);
        var exitCode = result.Passed ? ExitCodes.Ok : ExitCodes.FinishedWithFailures;
        if (context.Json)
        {
            JsonOutput.Write(VerifyJson.Document(result, exitCode));
        }
        else
        {
            Print(context, result.Report, result.ReportPath);
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
}
