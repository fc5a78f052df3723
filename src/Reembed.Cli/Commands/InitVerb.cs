using System.CommandLine;

namespace Reembed.Cli;

/// <summary><c>init</c>: writes a commented <c>reembed.json</c> for the chosen source and target.</summary>
internal sealed class InitVerb : IVerb
{
    private readonly Argument<string?> _path = new("path")
    {
        Description = $"Where to write the config (default: ./{ConfigLoader.DefaultFileName})",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string> _source = new("--source")
    {
        Description = "Source type",
        DefaultValueFactory = _ => "jsonl",
    };

    private readonly Option<string> _target = new("--target")
    {
        Description = "Target type",
        DefaultValueFactory = _ => "sqlite",
    };

    private readonly Option<string> _embedder = new("--embedder")
    {
        Description = "Embedder type",
        DefaultValueFactory = _ => "hashing",
    };

    private readonly Option<bool> _force = new("--force") { Description = "Overwrite an existing file" };

    public Command Create()
    {
        _source.AcceptOnlyFromAmong("jsonl", "sqlite");
        _target.AcceptOnlyFromAmong("sqlite", "jsonl");
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
        var path = Path.GetFullPath(context.Parse.GetValue(_path) ?? ConfigLoader.DefaultFileName);
        if (File.Exists(path) && !context.Parse.GetValue(_force))
        {
            throw new ReembedException(ErrorKind.Config, $"{path} exists; use --force to overwrite it") { Subject = path };
        }

        var text = Template(context.Parse.GetValue(_source)!, context.Parse.GetValue(_target)!, context.Parse.GetValue(_embedder)!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteEndObject();
            });
        }
        else
        {
            context.Say($"wrote {path}; edit it, then try 'reembed plan {Path.GetFileName(path)}'");
        }

        return ExitCodes.Ok;
    }

    internal static string Template(string source, string target, string embedder = "hashing")
    {
        var sourceBlock = source == "sqlite"
            ? """
                // A SQLite table; rows are read in id order, in key-range shards.
                "type": "sqlite",
                "path": "data/source.db",
                "table": "documents",
                "id": "id",
                // Columns to embed, as a template: {column}; write {{ and }} for literal braces.
                "text": "{title}\n\n{body}"
                // "where": "lang = 'en'"   (raw SQL condition, trusted)
            """
            : """
                // JSON Lines, plain or gzip-compressed; one object per line.
                "type": "jsonl",
                "path": "data/docs.jsonl.gz",
                "id": "id",
                // Fields to embed, as a template: {field}; write {{ and }} for literal braces.
                "text": "{summary}\n\n{description}"
            """;
        var targetBlock = target == "jsonl"
            ? """
                // One object per line: id, vector, content_hash, space.
                "type": "jsonl",
                "path": "out/vectors.jsonl"
            """
            : """
                // SQLite table (id TEXT PRIMARY KEY, vector BLOB of float32, content_hash, space).
                "type": "sqlite",
                "path": "out/vectors.db",
                "table": "docs_vectors"
            """;
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
