using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Swap and rollback: one transaction each, checked against the state read inside it.</summary>
internal sealed partial class SqliteCutoverTarget
{
    public override async ValueTask<CutoverStep> SwapAsync(string spaceId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (!IsSpaceId(spaceId) || !File.Exists(_path))
        {
            throw NoShadow(spaceId);
        }

        try
        {
            await using var connection = await OpenForStepAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var snapshot = await SqliteCutoverInspector.ReadAsync(connection, transaction, _live, _shadowPrefix, cancellationToken);
            var shadow = snapshot.Find(ShadowName(spaceId)) ?? throw NoShadow(spaceId);
            if (snapshot.Live?.Tag?.SpaceId == spaceId)
            {
                throw ReembedException.Config("target.table", $"{Description} already holds space {spaceId}; there is nothing to swap in");
            }

            if (shadow.Tag is { } shadowTag && shadowTag.SpaceId != spaceId)
            {
                throw ReembedException.Config("target.table",
                    $"shadow table {shadow.Name} in {_path} holds space {shadowTag.SpaceId}, not {spaceId}; it was written by something else");
            }

            var demotedSpace = snapshot.Live?.Tag?.SpaceId;
            var demoted = demotedSpace is null ? _live : ShadowName(demotedSpace);
            RequireFree(snapshot, demotedSpace, demoted, "swap");
            var step = new CutoverStep(
                CutoverStep.Swap, jobId, ShadowName(spaceId), demoted, spaceId, demotedSpace, _time.GetUtcNow());
            await ExchangeAsync(connection, transaction, snapshot.Live, shadow, step, "swap.renamed", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return step;
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "swap");
        }
    }

    public override async ValueTask<CutoverStep> RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_path))
        {
            throw NothingToRollBack("no swap was made");
        }

        try
        {
            await using var connection = await OpenForStepAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var snapshot = await SqliteCutoverInspector.ReadAsync(connection, transaction, _live, _shadowPrefix, cancellationToken);
            var last = snapshot.LastStep;
            if (last is null || last.Kind != CutoverStep.Swap)
            {
                throw NothingToRollBack(last is null ? "no swap was made" : "the latest step is already a rollback");
            }

            if (last.DemotedSpaceId is null)
            {
                throw NothingToRollBack($"the latest swap replaced an empty table {last.Demoted}, which was dropped, not kept");
            }

            var restored = snapshot.Find(last.Demoted) ?? throw NothingToRollBack($"{last.Demoted} was cleaned up since the swap");
            if (snapshot.Live?.Tag?.SpaceId != last.PromotedSpaceId)
            {
                throw NothingToRollBack($"the live table no longer holds space {last.PromotedSpaceId}, which the latest swap put there");
            }

            RequireFree(snapshot, last.PromotedSpaceId, last.Promoted, "roll back");
            var step = new CutoverStep(
                CutoverStep.Rollback, last.JobId, last.Demoted, last.Promoted, last.DemotedSpaceId, last.PromotedSpaceId, _time.GetUtcNow());
            await ExchangeAsync(connection, transaction, snapshot.Live, restored, step, "rollback.renamed", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return step;
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "roll back");
        }
    }

    /// <summary>Demotes (or drops) the live table, renames the promoted one to the live name, moves the tags, journals.</summary>
    private async ValueTask ExchangeAsync(
        SqliteConnection connection, SqliteTransaction transaction, SqliteTableInfo? live, SqliteTableInfo promoted, CutoverStep step,
        string faultPoint, CancellationToken cancellationToken)
    {
        await SqliteTableTags.EnsureAsync(connection, transaction, cancellationToken);
        await SqliteCutoverJournal.EnsureAsync(connection, transaction, cancellationToken);
        if (live is not null)
        {
            await MoveAsync(connection, transaction, live, step.DemotedSpaceId is null ? null : step.Demoted, cancellationToken);
        }

        await FaultPoints.ReachedAsync(faultPoint, cancellationToken);
        await MoveAsync(connection, transaction, promoted, _live, cancellationToken);
        await SqliteCutoverJournal.AppendAsync(connection, transaction, step, cancellationToken);
    }

    /// <summary>Renames <paramref name="table"/> with its tag (writing the tag when it was read from its rows); drops it when <paramref name="to"/> is null.</summary>
    private static async ValueTask MoveAsync(
        SqliteConnection connection, SqliteTransaction transaction, SqliteTableInfo table, string? to, CancellationToken cancellationToken)
    {
        var from = SqliteIdentifier.Quote(table.Name, "target.table");
        if (to is null)
        {
            await SqliteCommands.ExecuteAsync(connection, transaction, $"DROP TABLE {from}", cancellationToken);
            await SqliteTableTags.DeleteAsync(connection, transaction, table.Name, cancellationToken);
            return;
        }

        await SqliteCommands.ExecuteAsync(connection, transaction,
            $"ALTER TABLE {from} RENAME TO {SqliteIdentifier.Quote(to, "target.table")}", cancellationToken);
        await SqliteTableTags.RenameAsync(connection, transaction, table.Name, to, cancellationToken);
        if (!table.Tagged && table.Tag is { } fromRows)
        {
            await SqliteTableTags.SetAsync(connection, transaction, to, fromRows, cancellationToken);
        }
    }

    /// <summary>
    /// A connection for a step. legacy_alter_table (with foreign keys off) keeps a rename from rewriting
    /// views, triggers and foreign keys elsewhere: what reads the live name must read the new live table
    /// after the swap, not follow the old one to its demoted name.
    /// </summary>
    private async ValueTask<SqliteConnection> OpenForStepAsync(CancellationToken cancellationToken)
    {
        var connection = await SqliteSetup.OpenAsync(_path, readOnly: false, cancellationToken);
        try
        {
            await SqliteCommands.ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void RequireFree(SqliteCutoverSnapshot snapshot, string? space, string name, string verb)
    {
        if (space is not null && snapshot.Find(name) is not null)
        {
            throw ReembedException.Config("target.table",
                $"cannot {verb}: table {name} in {_path} already exists and would be overwritten; run cleanup, or drop it");
        }
    }

    private ReembedException NoShadow(string spaceId) =>
        ReembedException.Config("target.table",
            $"{Description} has no shadow table of space {spaceId}; run the job with target.cutover \"shadow\" first");

    private ReembedException NothingToRollBack(string reason) =>
        ReembedException.Config("target.table", $"nothing to roll back in {Description}: {reason}");
}
