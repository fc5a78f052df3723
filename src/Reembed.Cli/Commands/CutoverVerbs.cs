using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>What <c>swap</c> and <c>rollback</c> share: reporting a step.</summary>
internal static class CutoverVerbs
{
    public static void Report(CliContext context, CutoverResult result)
    {
        if (context.Json)
        {
            JsonOutput.Write(result, static c => c.CutoverResult);
            return;
        }

        var step = result.Step;
        context.Say($"{step.Kind}: {result.Target}: {result.Live} now holds space {step.PromotedSpace} (was {step.Promoted}); "
            + $"the previous live vectors{(step.DemotedSpace is null ? string.Empty : $" (space {step.DemotedSpace})")} are {step.Demoted}"
            + (result.Forced ? " — forced, without a passed verify" : string.Empty));
        context.Say(step.Kind == CutoverStep.Swap
            ? "'rollback' reverses it; 'cleanup' drops the previous vectors for good"
            : "'swap' makes the shadow live again; 'cleanup' drops it for good");
    }
}
