using System.CommandLine;
using System.Text.Json;

namespace Reembed.Cli;

/// <summary><c>plan</c>: a dry run. Items and tokens per mode, and an estimated duration; writes nothing.</summary>
internal sealed class PlanVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();

    public Command Create()
    {
        var command = new Command("plan", "Dry run: items and tokens per mode, estimated time; writes nothing");
        command.Arguments.Add(_config);
        command.Options.Add(CliOptions.Mode);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);

        // No state store is opened: a dry run must not create one.
        await using var embedder = await EmbedderStack.CreateAsync(config, context.Time, openCache: false, cancellationToken);
        var space = embedder.Space;
        await using var source = Components.CreateSource(config.Source);
        var target = await Targets.ResolveWriteTargetAsync(config.Target, config.Source, space, cancellationToken);
        await using var sink = Components.CreateSink(target, config.Source, source);
        var report = await Planner.PlanAsync(source, sink, space, config.Embedder.IsLocal ? embedder.Generator : null, config.Pipeline.Tokens, cancellationToken);
        var mode = config.Pipeline.Mode;
        var (items, tokens) = report.For(mode);
        var estimate = PlanEstimate.For(config, items, tokens, report.SecondsPerRecord);
        var seconds = estimate.Seconds;

        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("source", source.Description);
                writer.WriteString("target", sink.Description);
                writer.WriteBoolean("targetExists", report.TargetExists);
                JsonOutput.WriteSpace(writer, space.Id, space.Description);
                writer.WriteNumber("records", report.Records);
                writer.WriteNumber("failed", report.Failed);
                writer.WriteNumber("empty", report.Empty);
                writer.WriteStartObject("modes");
                foreach (var each in Enum.GetValues<ReembedMode>())
                {
                    var (n, t) = report.For(each);
                    writer.WriteStartObject(each.ToString().ToLowerInvariant());
                    writer.WriteNumber("items", n);
                    writer.WriteNumber("tokens", t);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteString("mode", mode.ToString().ToLowerInvariant());
                writer.WriteNumber("items", items);
                writer.WriteNumber("tokens", tokens);
                WriteNullable(writer, "estimatedSeconds", seconds);
                writer.WriteNumber("estimatedRequests", estimate.Requests);
                WriteNullable(writer, "estimatedCost", estimate.Cost, digits: 6);
                writer.WriteString("boundBy", estimate.BoundBy);
                JsonOutput.WriteFailures(writer, "failures", report.FirstFailures.Select(static f =>
                    new LedgerEntry(f.Key, f.Locator, f.Failure.Stage, f.Failure.ErrorClass, f.Failure.Message, 0)));
                writer.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        context.Say($"source  {source.Description}: {report.Records:N0} records ({report.Failed:N0} unreadable, {report.Empty:N0} empty)");
        context.Say($"target  {sink.Description}{(report.TargetExists ? string.Empty : " (does not exist yet)")}");
        context.Say($"space   {space}");
        foreach (var each in Enum.GetValues<ReembedMode>())
        {
            var (n, t) = report.For(each);
            context.Say($"  {(each == mode ? "*" : " ")} {each.ToString().ToLowerInvariant(),-8} {n,12:N0} items  ~{t,14:N0} tokens");
        }

        var modeName = mode.ToString().ToLowerInvariant();
        context.Say(seconds is { } s
            ? $"estimated time for '{modeName}': {ProgressRenderer.FormatDuration(s)} ({estimate.Requests:N0} requests, bound by {estimate.BoundBy})"
            : $"estimated time for '{modeName}': unknown ({estimate.Requests:N0} requests; set embedder.requestsPerMinute / tokensPerMinute for an estimate)");
        if (estimate.Cost is { } cost)
        {
            context.Say($"estimated cost for '{modeName}': {cost:0.00##} (at {config.Embedder.Remote!.PricePerMillionTokens} per million tokens)");
        }

        if (!config.Embedder.IsLocal)
        {
            context.Say("  (tokens are estimated conservatively, about 3 characters a token; a run calibrates from the API's usage)");
        }
        foreach (var failure in report.FirstFailures)
        {
            context.Say($"  unreadable {failure.Key}: {failure.Failure.ErrorClass}: {failure.Failure.Message}");
        }

        return ExitCodes.Ok;
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value, int digits = 3)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, Math.Round(number, digits));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
