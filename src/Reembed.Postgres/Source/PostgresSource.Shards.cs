using System.Globalization;
using Npgsql;

namespace Reembed.Postgres.Source;

internal sealed partial class PostgresSource
{
    public override async ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default)
    {
        var server = EnsureOpened();
        var bounds = new List<string?> { null };
        try
        {
            await using var connection = await server.OpenAsync(cancellationToken);
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {_from} WHERE {_filter}{_id} IS NOT NULL", connection);
            var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            var shardCount = (int)Math.Max(1, Math.Min(MaxShards, (rows + _rowsPerShard - 1) / _rowsPerShard));
            if (shardCount > 1)
            {
                // One sort of the ids gives every cut; percentiles work for any ordered id type, and
                // cutting at them balances the shards whatever the gaps in the ids.
                var fractions = Enumerable.Range(1, shardCount - 1).Select(k => (double)k / shardCount).ToArray();
                await using var cuts = new NpgsqlCommand(
                    $"SELECT percentile_disc(@fractions) WITHIN GROUP (ORDER BY {_id}) FROM {_from} WHERE {_filter}{_id} IS NOT NULL", connection);
                cuts.Parameters.AddWithValue("fractions", fractions);
                if (await cuts.ExecuteScalarAsync(cancellationToken) is Array values)
                {
                    foreach (var value in values)
                    {
                        var cursor = value is null ? null : PgCursor.Encode(value);
                        if (cursor is not null && cursor != bounds[^1])
                        {
                            bounds.Add(cursor);
                        }
                    }
                }
            }
        }
        catch (NpgsqlException ex)
        {
            throw server.Error(ex, "source", "cannot shard " + _what + " on");
        }

        bounds.Add(null);
        var shards = new ShardInfo[bounds.Count - 1];
        for (var k = 0; k < shards.Length; k++)
        {
            shards[k] = new ShardInfo(k.ToString(CultureInfo.InvariantCulture), new PgShardRange(bounds[k], bounds[k + 1]).ToDescriptor());
        }

        return shards;
    }
}
