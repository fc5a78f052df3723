using Reembed.Jsonl;
using Reembed.Postgres;
using Reembed.Sqlite;

namespace Reembed.Cli;

/// <summary>The cut-over view of a configured target: its live table/file, shadows, and collections to verify.</summary>
internal static class Targets
{
    public static CutoverTarget CreateCutover(ReembedConfig config) => CreateCutover(config.Target, config.Source);

    public static CutoverTarget CreateCutover(TargetSpec spec, SourceSpec sourceSpec) => spec.Type switch
    {
        "sqlite" => SqliteStores.CreateCutover(new SqliteSinkOptions { Path = spec.Path!, Table = spec.Table! }),
        "jsonl" => JsonlStores.CreateCutover(new JsonlSinkOptions { Path = spec.Path! }),
        "postgres" => PostgresStores.CreateCutover(Components.PostgresOptions(spec, sourceSpec)),
        _ => throw ReembedException.Config("target.type", $"unknown target type '{spec.Type}'"),
    };

    /// <summary>
    /// Where a job of <paramref name="space"/> writes. In place: the target as configured. With
    /// <c>target.cutover: shadow</c>: the live table/file when it does not exist yet, is empty, or already holds
    /// this space (an incremental run after the swap); otherwise the space's shadow beside it.
    /// </summary>
    public static async Task<TargetSpec> ResolveWriteTargetAsync(TargetSpec spec, SourceSpec sourceSpec, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        if (!spec.ShadowCutover)
        {
            return spec;
        }

        await using var cutover = CreateCutover(spec, sourceSpec);
        var state = await cutover.InspectAsync(cancellationToken);
        var liveIsFree = state.Live.SpaceId == space.Id || (state.Live.SpaceId is null && state.Live.Count == 0);
        return liveIsFree ? spec : spec.Named(cutover.ShadowName(space.Id));
    }
}
