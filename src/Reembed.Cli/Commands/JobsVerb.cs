using System.CommandLine;
using Reembed.Hosting;

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
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var result = await context.Engine.ListJobsAsync(spec, context.Parse.GetValue(_limit), context.Host(), cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(result, static c => c.JobsResult);
            return ExitCodes.Ok;
        }

        if (result.Jobs.Count == 0)
        {
            context.Say($"no jobs in {result.StateDescription}");
        }

        foreach (var job in result.Jobs)
        {
            context.Say($"{job.JobId}  {job.State,-9}  {job.Mode,-7}  {job.Processed,10:N0} processed  {job.Failed,6:N0} failed  {job.Config}");
        }

        return ExitCodes.Ok;
    }
}
