using System.CommandLine;
using Reembed.Hosting;

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
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var plan = await context.Engine.PlanAsync(spec, context.Host(), cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(plan, static c => c.PlanResult);
            return ExitCodes.Ok;
        }

        context.Say($"source  {plan.Source}: {plan.Records:N0} records ({plan.Failed:N0} unreadable, {plan.Empty:N0} empty)");
        context.Say($"target  {plan.Target}{(plan.TargetExists ? string.Empty : " (does not exist yet)")}");
        context.Say($"space   {plan.Space.Id} ({plan.Space.Description})");
        foreach (var each in Enum.GetValues<ReembedMode>())
        {
            var count = plan.Modes.For(each);
            var name = each.ToString().ToLowerInvariant();
            context.Say($"  {(name == plan.Mode ? "*" : " ")} {name,-8} {count.Items,12:N0} items  ~{count.Tokens,14:N0} tokens");
        }

        context.Say(plan.EstimatedSeconds is { } s
            ? $"estimated time for '{plan.Mode}': {ProgressRenderer.FormatDuration(s)} ({plan.EstimatedRequests:N0} requests, bound by {plan.BoundBy})"
            : $"estimated time for '{plan.Mode}': unknown ({plan.EstimatedRequests:N0} requests; set embedder.requestsPerMinute / tokensPerMinute for an estimate)");
        if (plan.EstimatedCost is { } cost)
        {
            context.Say($"estimated cost for '{plan.Mode}': {cost:0.00##} (at {spec.Embedder.Remote!.PricePerMillionTokens} per million tokens)");
        }

        if (plan.TokensEstimated)
        {
            context.Say("  (tokens are estimated conservatively, about 3 characters a token; a run calibrates from the API's usage)");
        }

        if (plan.TokensBeforeEnrichment)
        {
            context.Say("  (tokens are of the texts before enrichment: the chat model's rewrites are not known until the run)");
        }

        foreach (var failure in plan.Failures)
        {
            context.Say($"  unreadable {failure.Key}: {failure.ErrorClass}: {failure.Message}");
        }

        return ExitCodes.Ok;
    }
}
