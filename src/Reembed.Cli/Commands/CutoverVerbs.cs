using System.Globalization;
using System.Text.Json;

namespace Reembed.Cli;

/// <summary>What <c>swap</c>, <c>rollback</c> and <c>cleanup</c> share: opening the cut-over target and reporting a step.</summary>
internal static class CutoverVerbs
{
    public static CutoverTarget Open(ReembedConfig config) =>
        config.Target.ShadowCutover
            ? Targets.CreateCutover(config)
            : throw ReembedException.Config("target.cutover", "is not \"shadow\": there is no shadow to cut over to (set target.cutover to \"shadow\" and run)");

    public static void Report(CliContext context, CutoverTarget cutover, CutoverStep step, bool forced)
    {
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("target", cutover.Description);
                writer.WriteString("live", cutover.LiveName);
                WriteStep(writer, step);
                writer.WriteBoolean("forced", forced);
                writer.WriteEndObject();
            });
            return;
        }

        context.Say($"{step.Kind}: {cutover.Description}: {cutover.LiveName} now holds space {step.PromotedSpaceId} (was {step.Promoted}); "
            + $"the previous live vectors{(step.DemotedSpaceId is null ? string.Empty : $" (space {step.DemotedSpaceId})")} are {step.Demoted}"
            + (forced ? " — forced, without a passed verify" : string.Empty));
        context.Say(step.Kind == CutoverStep.Swap
            ? "'rollback' reverses it; 'cleanup' drops the previous vectors for good"
            : "'swap' makes the shadow live again; 'cleanup' drops it for good");
    }

    public static void WriteStep(Utf8JsonWriter writer, CutoverStep step)
    {
        writer.WriteStartObject("step");
        writer.WriteString("kind", step.Kind);
        writer.WriteString("jobId", step.JobId);
        writer.WriteString("promoted", step.Promoted);
        writer.WriteString("demoted", step.Demoted);
        writer.WriteString("promotedSpace", step.PromotedSpaceId);
        writer.WriteString("demotedSpace", step.DemotedSpaceId);
        writer.WriteString("at", step.At.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }
}
