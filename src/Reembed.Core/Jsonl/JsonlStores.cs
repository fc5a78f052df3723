namespace Reembed.Jsonl;

/// <summary>Creates the <c>jsonl</c> source and target.</summary>
public static class JsonlStores
{
    /// <exception cref="ReembedException">With <see cref="ErrorKind.Config"/> when the options are invalid.</exception>
    public static RecordSource CreateSource(JsonlSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireAbsolute(options.Path, "source.path");
        if (string.IsNullOrWhiteSpace(options.IdField))
        {
            throw ReembedException.Config("source.id", "the id field name is empty");
        }

        ArgumentNullException.ThrowIfNull(options.Text);
        return new JsonlSource(options);
    }

    /// <exception cref="ReembedException">With <see cref="ErrorKind.Config"/> when the options are invalid.</exception>
    public static VectorSink CreateSink(JsonlSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireAbsolute(options.Path, "target.path");
        return new JsonlSink(options);
    }

    /// <summary>
    /// Shadow cut-over for the file <see cref="JsonlSinkOptions.Path"/> (the live one): shadows are files
    /// named <c>{name}.reembed-{spaceId}{extension}</c> in its folder, swapped in by an atomic rename.
    /// </summary>
    /// <exception cref="ReembedException">With <see cref="ErrorKind.Config"/> when the options are invalid.</exception>
    public static CutoverTarget CreateCutover(JsonlSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireAbsolute(options.Path, "target.path");
        return new JsonlCutoverTarget(options.Path, TimeProvider.System);
    }

    private static void RequireAbsolute(string? path, string key)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw ReembedException.Config(key, $"must be an absolute path, not '{path}'");
        }
    }
}
