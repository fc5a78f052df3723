using Npgsql;

namespace Reembed.Postgres.Cutover;

/// <summary>Swap and rollback: each is one transaction that locks, checks, renames and journals, or changes nothing.</summary>
internal sealed partial class PostgresCutover
{
    public override async ValueTask<CutoverStep> SwapAsync(string spaceId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        ArgumentNullException.ThrowIfNull(jobId);
        var shadow = PgShadowNames.Shadow(_live.Name, spaceId);
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await SchemaAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SetLockTimeoutAsync(connection, cancellationToken);
            await PgCutoverJournal.LockAsync(connection, schema, cancellationToken);
            if (!await ExistsAsync(connection, schema, shadow, cancellationToken))
            {
                throw ReembedException.Config(
                    "target.table",
                    $"there is no shadow table {Display(shadow)} of space {spaceId} beside {_live.Display}: run the job with target.cutover shadow first");
            }

            var exists = await ExistsAsync(connection, schema, _live.Name, cancellationToken);
            await LockAsync(connection, schema, exists ? [_live.Name, shadow] : [shadow], cancellationToken);

            // Read under the locks: a writer may have filled or tagged either table until now.
            var incoming = (await TableAsync(connection, schema, shadow, cancellationToken))!;
            var live = exists ? await TableAsync(connection, schema, _live.Name, cancellationToken) : null;
            if (incoming.SpaceId is { } tagged && tagged != spaceId)
            {
                throw ReembedException.Config("target.table", $"shadow table {Display(shadow)} holds vectors of space {tagged}, not {spaceId}: nothing was swapped");
            }

            if (live?.SpaceId == spaceId)
            {
                throw ReembedException.Config("target.table", $"the live table {_live.Display} already holds space {spaceId}: nothing to swap");
            }

            var demoted = _live.Name;
            if (live is { IsEmptyAndUntagged: true })
            {
                await ExecuteAsync(connection, $"DROP TABLE {Quote(schema)}.{Quote(_live.Name)}", cancellationToken);
            }
            else if (live is not null)
            {
                if (live.SpaceId is not { } liveSpace)
                {
                    throw ReembedException.Config(
                        "target.table",
                        $"the live table {_live.Display} holds vectors of no known space (no space tag on column {_options.VectorColumn}, no space column): "
                        + "cannot name the table it would become; nothing was swapped");
                }

                demoted = PgShadowNames.Shadow(_live.Name, liveSpace);
                if (await ExistsAsync(connection, schema, demoted, cancellationToken))
                {
                    throw ReembedException.Config(
                        "target.table",
                        $"the live table {_live.Display} (space {liveSpace}) would become {Display(demoted)}, which already exists: "
                        + "run cleanup or drop it first; nothing was swapped");
                }

                await RenameAsync(connection, schema, _live.Name, demoted, cancellationToken);
            }

            await FaultPoints.ReachedAsync("swap.renamed", cancellationToken);
            await RenameAsync(connection, schema, shadow, _live.Name, cancellationToken);
            await RenameDerivedAsync(connection, schema, live, demoted, incoming, cancellationToken);
            var step = new CutoverStep(CutoverStep.Swap, jobId, shadow, demoted, spaceId, live?.SpaceId, Now());
            await PgCutoverJournal.AppendAsync(connection, schema, _live.Name, step, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return step with { Promoted = Display(step.Promoted), Demoted = Display(step.Demoted) };
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "swap in", Display(shadow));
        }
    }

    public override async ValueTask<CutoverStep> RollbackAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await SchemaAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SetLockTimeoutAsync(connection, cancellationToken);
            await PgCutoverJournal.LockAsync(connection, schema, cancellationToken);
            var swap = await PgCutoverJournal.LatestAsync(connection, schema, _live.Name, cancellationToken);
            if (swap is not { Kind: CutoverStep.Swap })
            {
                throw ReembedException.Config(
                    "target.table",
                    swap is null ? $"{_live.Display} was never swapped: nothing to roll back" : $"the latest step on {_live.Display} is a {swap.Kind}, not a swap: nothing to roll back");
            }

            if (swap.Demoted == _live.Name || !await ExistsAsync(connection, schema, swap.Demoted, cancellationToken))
            {
                throw ReembedException.Config(
                    "target.table",
                    swap.Demoted == _live.Name
                        ? $"the latest swap replaced an empty live table {_live.Display}, which it dropped: there is nothing to roll back to"
                        : $"{Display(swap.Demoted)}, which the latest swap demoted, is gone (cleaned up?): there is nothing to roll back to");
            }

            var exists = await ExistsAsync(connection, schema, _live.Name, cancellationToken);
            if (!exists || await ExistsAsync(connection, schema, swap.Promoted, cancellationToken))
            {
                throw ReembedException.Config(
                    "target.table",
                    !exists
                        ? $"the live table {_live.Display} is gone: nothing to roll back"
                        : $"{Display(swap.Promoted)} exists again, so the live table cannot take that name back: drop or rename it first");
            }

            await LockAsync(connection, schema, [_live.Name, swap.Demoted], cancellationToken);
            var live = (await TableAsync(connection, schema, _live.Name, cancellationToken))!;
            var demoted = (await TableAsync(connection, schema, swap.Demoted, cancellationToken))!;
            await RenameAsync(connection, schema, _live.Name, swap.Promoted, cancellationToken);
            await FaultPoints.ReachedAsync("rollback.renamed", cancellationToken);
            await RenameAsync(connection, schema, swap.Demoted, _live.Name, cancellationToken);
            await RenameDerivedAsync(connection, schema, live, swap.Promoted, demoted, cancellationToken);
            var step = new CutoverStep(CutoverStep.Rollback, swap.JobId, swap.Demoted, swap.Promoted, swap.DemotedSpaceId!, swap.PromotedSpaceId, Now());
            await PgCutoverJournal.AppendAsync(connection, schema, _live.Name, step, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return step with { Promoted = Display(step.Promoted), Demoted = Display(step.Demoted) };
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "roll back", _live.Display);
        }
    }

    private static async ValueTask<bool> ExistsAsync(NpgsqlConnection connection, string schema, string relation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", Quote(schema) + "." + Quote(relation));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async ValueTask LockAsync(NpgsqlConnection connection, string schema, string[] relations, CancellationToken cancellationToken)
    {
        var tables = string.Join(", ", relations.Select(r => Quote(schema) + "." + Quote(r)));
        await ExecuteAsync(connection, $"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE", cancellationToken);
    }

    private static async ValueTask RenameAsync(NpgsqlConnection connection, string schema, string from, string to, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, $"ALTER TABLE {Quote(schema)}.{Quote(from)} RENAME TO {Quote(to)}", cancellationToken);

    /// <summary>
    /// Renames the indexes and constraints named after the tables' former names: the demoted table's first,
    /// which frees the live-derived names for the promoted one. A later shadow of the same space then gets its
    /// index names without a clash (the sink creates its ANN index IF NOT EXISTS, so a clash would silently leave it without one).
    /// </summary>
    private async ValueTask RenameDerivedAsync(
        NpgsqlConnection connection, string schema, PgTableInfo? outgoing, string outgoingName, PgTableInfo incoming, CancellationToken cancellationToken)
    {
        if (outgoing is not null && outgoingName != _live.Name)
        {
            await PgDerivedNames.RenameAsync(connection, schema, outgoing.Oid, _live.Name, outgoingName, _options.VectorColumn, cancellationToken);
        }

        await PgDerivedNames.RenameAsync(connection, schema, incoming.Oid, incoming.Relation, _live.Name, _options.VectorColumn, cancellationToken);
    }

    /// <summary>Now, to the microsecond: what timestamptz keeps, so the step returned equals the one read back.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
