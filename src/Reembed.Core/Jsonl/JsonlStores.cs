using Reembed.Providers;

namespace Reembed.Jsonl;

/// <summary>Creates the <c>jsonl</c> source and target.</summary>
public static class JsonlStores
{
    /// <summary>Registers the <c>jsonl</c> store (<c>AddReembed()</c> does it already).</summary>
    public static ReembedBuilder AddJsonl(this ReembedBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStore(new JsonlStoreProvider());
    }

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
    /// <param name="time">Stamps the journal's steps.</param>
    public static CutoverTarget CreateCutover(JsonlSinkOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        RequireAbsolute(options.Path, "target.path");
        return new JsonlCutoverTarget(options.Path, time);
    }

    private static void RequireAbsolute(string? path, string key)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw ReembedException.Config(key, $"must be an absolute path, not '{path}'");
        }
    }
}
