using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reembed.Hosting;
using Reembed.Postgres;
using Reembed.Sqlite;

namespace Reembed.Cli;

/// <summary>
/// Builds the verbs and runs one. This is the one catch boundary of the program: every exception
/// becomes a message on standard error (and a JSON error document with <c>--json</c>) and an exit code.
/// </summary>
internal static class CommandLineApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The one place store kinds are chosen: each provider registers itself, and the config's "type" picks one.
        var services = new ServiceCollection();
        services.AddReembed().AddSqlite().AddPostgres();
        await using var provider = services.BuildServiceProvider();
        return await RunAsync(args, provider);
    }

    private static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var root = new RootCommand("Reembed: re-embed, backfill and migrate vector data when an embedding model changes.");
        root.Options.Add(CliOptions.Json);
        root.Options.Add(CliOptions.Verbose);
        foreach (var verb in new IVerb[]
                 {
                     new InitVerb(services.GetRequiredService<ReembedEngine>().Stores), new PlanVerb(), new RunVerb(retryFailed: false), new RunVerb(retryFailed: true),
                     new StatusVerb(), new JobsVerb(), new CancelVerb(), new VerifyVerb(), new SwapVerb(), new RollbackVerb(), new CleanupVerb(),
                 })
        {
            var command = verb.Create();
            command.SetAction((parse, cancellationToken) => InvokeAsync(verb, parse, services, cancellationToken));
            root.Subcommands.Add(command);
        }

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"reembed: {error.Message}");
            }

            Console.Error.WriteLine("reembed: see 'reembed --help'");
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static async Task<int> InvokeAsync(IVerb verb, ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        using var signals = new ShutdownSignals();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Abort.Token);
        var json = parse.GetValue(CliOptions.Json);
        var context = new CliContext
        {
            Json = json,
            Logger = new StderrLogger(StderrLogger.LevelFromEnvironment(parse.GetValue(CliOptions.Verbose))),
            Time = services.GetRequiredService<TimeProvider>(),
            Signals = signals,
            Parse = parse,
            Engine = services.GetRequiredService<ReembedEngine>(),
            Loader = services.GetRequiredService<JobSpecLoader>(),
        };
        try
        {
            return await verb.ExecuteAsync(context, abort.Token);
        }
        catch (ReembedException ex)
        {
            return Report(context, ExitCodes.For(ex), ex.Kind == ErrorKind.Config ? "config" : "fatal", ex.Message);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested || signals.Stop.IsCancellationRequested)
        {
            return Report(context, ExitCodes.Cancelled, "cancelled", "cancelled; the checkpoint is intact, 'run' resumes");
        }
        catch (Exception ex)
        {
            context.Logger.LogDebug(ex, "unexpected error");
            return Report(context, ExitCodes.Fatal, "internal", $"unexpected error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static int Report(CliContext context, int exitCode, string kind, string message)
    {
        ProgressRenderer.ClearLine();
        Console.Error.WriteLine($"reembed: {(kind == "cancelled" ? string.Empty : "error: ")}{message}");
        if (context.Json)
        {
            JsonOutput.Write(new ErrorResult(new ErrorDetail(kind, message), exitCode), static c => c.ErrorResult);
        }

        return exitCode;
    }
}
