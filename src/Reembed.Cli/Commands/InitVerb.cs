using System.CommandLine;
using Reembed.Hosting;
using Reembed.Providers;

namespace Reembed.Cli;

/// <summary><c>init</c>: writes a commented <c>reembed.json</c> for the chosen source and target.</summary>
internal sealed class InitVerb : IVerb
{
    private readonly StoreRegistry _stores;

    private readonly Argument<string?> _path = new("path")
    {
        Description = $"Where to write the config (default: ./{JobSpecLoader.DefaultFileName})",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string> _source = new("--source")
    {
        Description = "Source type",
    };

    private readonly Option<string> _target = new("--target")
    {
        Description = "Target type",
    };

    private readonly Option<string> _embedder = new("--embedder")
    {
        Description = "Embedder type",
        DefaultValueFactory = _ => "hashing",
    };

    private readonly Option<bool> _force = new("--force") { Description = "Overwrite an existing file" };

    /// <param name="stores">The kinds offered; the defaults are the first registered source (a file) and the embedded target.</param>
    public InitVerb(StoreRegistry stores)
    {
        _stores = stores;
        var firstSource = stores.With(StoreCapabilities.Source).First().Type;
        var embedded = stores.Embedded.Type;
        _source.DefaultValueFactory = _ => firstSource;
        _target.DefaultValueFactory = _ => embedded;
    }

    public Command Create()
    {
        _source.AcceptOnlyFromAmong([.. _stores.With(StoreCapabilities.Source).Where(static p => p.SourceTemplate is not null).Select(static p => p.Type)]);
        _target.AcceptOnlyFromAmong([.. _stores.With(StoreCapabilities.Target).Select(static p => p.Type)]);
        _embedder.AcceptOnlyFromAmong("hashing", "openai", "azure-openai", "ollama");
        var command = new Command("init", "Write a commented reembed.json for the chosen source, target and embedder");
        command.Arguments.Add(_path);
        command.Options.Add(_source);
        command.Options.Add(_target);
        command.Options.Add(_embedder);
        command.Options.Add(_force);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(context.Parse.GetValue(_path) ?? JobSpecLoader.DefaultFileName);
        if (File.Exists(path) && !context.Parse.GetValue(_force))
        {
            throw new ReembedException(ErrorKind.Config, $"{path} exists; use --force to overwrite it") { Subject = path };
        }

        var text = Template(_stores, context.Parse.GetValue(_source)!, context.Parse.GetValue(_target)!, context.Parse.GetValue(_embedder)!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(new InitResult(path), static c => c.InitResult);
        }
        else
        {
            context.Say($"wrote {path}; edit it, then try 'reembed plan {Path.GetFileName(path)}'");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A commented config: the blocks come from the chosen kinds' providers (a target may fit itself to the source).</summary>
    internal static string Template(StoreRegistry stores, string source, string target, string embedder = "hashing")
    {
        var sourceProvider = stores.Resolve(source, StoreCapabilities.Source, "--source", "source");
        var targetProvider = stores.Resolve(target, StoreCapabilities.Target, "--target", "target");
        var sourceBlock = sourceProvider.SourceTemplate
            ?? throw ReembedException.Config("--source", $"{source} has no config template");
        var targetBlock = targetProvider.TargetTemplate(sourceProvider)
            ?? throw ReembedException.Config("--target", $"{target} has no config template");
        return $$"""
            // Reembed config. Relative paths resolve against this file's folder.
            {
              "source": {
            {{sourceBlock}}
              },
              "target": {
            {{targetBlock}}
              },
              "embedder": {
            {{EmbedderTemplates.Block(embedder)}}
              },
              // missing: no vector yet · changed: missing or text changed · all: everything
              "mode": "missing",
              "batch": { "maxItems": 128, "maxTokens": 100000 },
              "state": ".reembed/state.db"
            }

            """;
    }
}
