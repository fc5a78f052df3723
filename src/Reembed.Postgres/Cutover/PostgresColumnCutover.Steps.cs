using Npgsql;

namespace Reembed.Postgres.Cutover;

/// <summary>Swap and rollback: each is one transaction that locks, checks, renames columns and journals, or changes nothing.</summary>
internal sealed partial class PostgresColumnCutover
{
    public override async ValueTask<CutoverStep> SwapAsync(string spaceId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var shadow = ShadowName(spaceId);
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await PgCutoverSession.SchemaAsync(connection, _table, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await PgCutoverSession.SetLockTimeoutAsync(connection, LockTimeout, cancellationToken);
            await PgCutoverJournal.LockAsync(connection, schema, cancellationToken);
            var columns = await LockedColumnsAsync(connection, schema, cancellationToken);
            if (!columns.TryGetValue(shadow, out var incoming))
            {
                throw ReembedException.Config(
                    "target.vector",
                    $"table {_table.Display} has no shadow column {shadow} of space {spaceId} beside {_live}: run the job with target.cutover shadow first");
            }

            if (incoming.SpaceId is { } tagged && tagged != spaceId)
            {
                throw ReembedException.Config("target.vector", $"shadow column {shadow} holds vectors of space {tagged}, not {spaceId}: nothing was swapped");
            }

            var live = columns.GetValueOrDefault(_live);
            if (live?.SpaceId == spaceId)
            {
                throw ReembedException.Config("target.vector", $"the live column {_live} of {_table.Display} already holds space {spaceId}: nothing to swap");
            }

            var demoted = _live;
            if (live is not null)
            {
                if (live.SpaceId is { } liveSpace)
                {
                    demoted = ShadowName(liveSpace);
                    if (columns.ContainsKey(demoted))
                    {
                        throw ReembedException.Config(
                            "target.vector",
                            $"the live column {_live} (space {liveSpace}) would become {demoted}, which already exists in {_table.Display}: "
                            + "run cleanup or drop it first; nothing was swapped");
                    }

                    await RenameAsync(connection, schema, live, demoted, cancellationToken);
                }
                else if (await AnyAsync(connection, schema, _live, cancellationToken))
                {
                    throw ReembedException.Config(
                        "target.vector",
                        $"the live column {_live} of {_table.Display} holds vectors of no known space (no space tag in its comment): "
                        + "cannot name the column it would become; nothing was swapped");
                }
                else
                {
                    await DropAsync(connection, schema, _live, cancellationToken);
                }
            }

            await FaultPoints.ReachedAsync("swap.renamed", cancellationToken);
            await RenameAsync(connection, schema, incoming, _live, cancellationToken);
            var step = new CutoverStep(CutoverStep.Swap, jobId, shadow, demoted, spaceId, live?.SpaceId, Now());
            await PgCutoverJournal.AppendAsync(connection, schema, _journalKey, step, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return step;
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "swap in", "column " + shadow);
        }
    }

    public override async ValueTask<CutoverStep> RollbackAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await PgCutoverSession.SchemaAsync(connection, _table, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await PgCutoverSession.SetLockTimeoutAsync(connection, LockTimeout, cancellationToken);
            await PgCutoverJournal.LockAsync(connection, schema, cancellationToken);
            var swap = await PgCutoverJournal.LatestAsync(connection, schema, _journalKey, cancellationToken);
            if (swap is not { Kind: CutoverStep.Swap })
            {
                throw ReembedException.Config(
                    "target.vector",
                    swap is null
                        ? $"column {_live} of {_table.Display} was never swapped: nothing to roll back"
                        : $"the latest step on column {_live} of {_table.Display} is a {swap.Kind}, not a swap: nothing to roll back");
            }

            if (swap.Demoted == _live)
            {
                throw ReembedException.Config(
                    "target.vector", $"the latest swap replaced an empty live column {_live} of {_table.Display}, which it dropped: there is nothing to roll back to");
            }

            var columns = await LockedColumnsAsync(connection, schema, cancellationToken);
            if (!columns.TryGetValue(swap.Demoted, out var demoted) || !columns.TryGetValue(_live, out var live) || columns.ContainsKey(swap.Promoted))
            {
                throw ReembedException.Config(
                    "target.vector",
                    demoted is null ? $"column {swap.Demoted}, which the latest swap demoted, is gone (cleaned up?): there is nothing to roll back to"
                    : !columns.ContainsKey(_live) ? $"the live column {_live} of {_table.Display} is gone: nothing to roll back"
                    : $"column {swap.Promoted} exists again, so the live column cannot take that name back: drop or rename it first");
            }

            await RenameAsync(connection, schema, live, swap.Promoted, cancellationToken);
            await FaultPoints.ReachedAsync("rollback.renamed", cancellationToken);
            await RenameAsync(connection, schema, demoted, _live, cancellationToken);
            var step = new CutoverStep(CutoverStep.Rollback, swap.JobId, swap.Demoted, swap.Promoted, swap.DemotedSpaceId!, swap.PromotedSpaceId, Now());
            await PgCutoverJournal.AppendAsync(connection, schema, _journalKey, step, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return step;
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "roll back", "column " + _live);
        }
    }

    /// <summary>
    /// Locks the table, then reads its columns: a writer may have added or tagged a column until now. The lock is the one
    /// ALTER TABLE would take anyway; taking it first makes the checks and the renames see the same table.
    /// </summary>
    private async ValueTask<Dictionary<string, PgColumnInfo>> LockedColumnsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("table", Qualified(schema));
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                throw ReembedException.Config("target.table", $"no table named '{_table.Display}'");
            }
        }

        await ExecuteAsync(connection, $"LOCK TABLE {Qualified(schema)} IN ACCESS EXCLUSIVE MODE", cancellationToken);
        return await ColumnsAsync(connection, schema, cancellationToken);
    }
}
