using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// Shadow cut-over between tables of one database file: the shadow of a space is <c>{live}__reembed_{space}</c>,
/// and a swap or rollback is two <c>ALTER TABLE ... RENAME</c>s, the tag updates and the journal row in one
/// transaction, so a kill anywhere leaves the state before or after it, never between.
/// </summary>
/// <remarks>
/// An empty, untagged live table (one the sink never opened) holds nothing to come back to: a swap drops it,
/// journals the live name as demoted with no space, and a rollback of that swap is refused.
/// </remarks>
internal sealed partial class SqliteCutoverTarget : CutoverTarget
{
    private readonly string _path;
    private readonly string _live;
    private readonly string _shadowPrefix;
    private readonly TimeProvider _time;

    public SqliteCutoverTarget(SqliteSinkOptions options, TimeProvider time)
    {
        SqliteIdentifier.Quote(options.Table, "target.table");
        _path = Path.GetFullPath(options.Path);
        _live = options.Table;
        _shadowPrefix = _live + "__reembed_";
        _time = time;
    }

    public override string Description => $"sqlite {_path} table {_live}";

    public override string LiveName => _live;

    public override string ShadowName(string spaceId)
    {
        if (!IsSpaceId(spaceId))
        {
            throw new ArgumentException($"'{spaceId}' is not a space id (16 hex digits)", nameof(spaceId));
        }

        return _shadowPrefix + spaceId;
    }

    public override async ValueTask<CutoverState> InspectAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_path))
        {
            return new CutoverState(new CutoverTable(_live, null, 0), [], null);
        }

        try
        {
            await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
            var snapshot = await SqliteCutoverInspector.ReadAsync(connection, null, _live, _shadowPrefix, cancellationToken);
            return snapshot.ToState(_live);
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "read");
        }
    }

    public override async ValueTask<VectorCollection?> OpenCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            return await SqliteVectorCollection.OpenAsync(_path, name, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "read");
        }
    }

    public override async ValueTask<string?> CleanupAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        try
        {
            await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: false, cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var snapshot = await SqliteCutoverInspector.ReadAsync(connection, transaction, _live, _shadowPrefix, cancellationToken);
            if (snapshot.ToState(_live).Superseded is not { } superseded)
            {
                return null;
            }

            await SqliteCommands.ExecuteAsync(connection, transaction,
                $"DROP TABLE {SqliteIdentifier.Quote(superseded.Name, "target.table")}", cancellationToken);
            await SqliteTableTags.DeleteAsync(connection, transaction, superseded.Name, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return superseded.Name;
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "clean up");
        }
    }

    private static bool IsSpaceId(string? spaceId) =>
        spaceId is { Length: 16 } && spaceId.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    private ReembedException Failure(SqliteException ex, string verb)
    {
        // BUSY and LOCKED: a job is writing the file; the step can be run again once it is done.
        var kind = ex.SqliteErrorCode is 5 or 6 ? ErrorKind.Transient : ErrorKind.Fatal;
        return new ReembedException(kind, $"cannot {verb} target {_path}: {ex.Message}", ex) { Subject = "target.path" };
    }
}
