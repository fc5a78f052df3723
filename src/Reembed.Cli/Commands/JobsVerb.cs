using System.CommandLine;

namespace Reembed.Cli;

/// <summary><c>jobs</c>: the jobs in the config's state store, newest first.</summary>
internal sealed class JobsVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();
    private readonly Option<int> _limit = new("--limit") { Description = "How many jobs to list", DefaultValueFactory = _ => 20 };

    public Command Create()
    {
        var command = new Command("jobs", "List the jobs in the state store, newest first");
        command.Arguments.Add(_config);
        command.Options.Add(_limit);
        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var state = await Components.OpenStateAsync(config, context.Time, cancellationToken);
        var jobs = await state.ListJobsAsync(Math.Max(1, context.Parse.GetValue(_limit)), cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("jobs");
                foreach (var job in jobs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("jobId", job.Id);
                    writer.WriteString("state", JsonOutput.State(job.State));
                    writer.WriteString("mode", job.Mode);
                    writer.WriteString("config", job.ConfigKey);
                    writer.WriteString("space", job.SpaceId);
                    JsonOutput.WriteCounters(writer, job.Counters);
                    writer.WriteString("createdAt", job.CreatedAt);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        if (jobs.Count == 0)
        {
            context.Say($"no jobs in {config.State.Description}");
        }

        foreach (var job in jobs)
        {
            context.Say($"{job.Id}  {JsonOutput.State(job.State),-9}  {job.Mode,-7}  {job.Counters.Processed,10:N0} processed  {job.Counters.Failed,6:N0} failed  {job.ConfigKey}");
        }

        return ExitCodes.Ok;
    }
}
