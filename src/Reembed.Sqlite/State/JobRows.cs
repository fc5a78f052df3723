using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Maps <c>jobs</c> rows to <see cref="JobRecord"/> and values to their stored text.</summary>
internal static class JobRows
{
    public const string Columns = """
        id, config_key, spec_fingerprint, spec_json, mode, space_id, space_description, state,
        processed, embedded, skipped, cached, failed, total, active_seconds, error, cancel_requested,
        owner, heartbeat_at, created_at, updated_at, finished_at, sink_token, notice
        """;

    public static JobRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        ConfigKey = reader.GetString(1),
        SpecFingerprint = reader.GetString(2),
        SpecJson = reader.GetString(3),
        Mode = reader.GetString(4),
        SpaceId = reader.GetString(5),
        SpaceDescription = reader.GetString(6),
        State = JobStates.Parse(reader.GetString(7)),
        Counters = new JobCounters(reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12)),
        Total = reader.IsDBNull(13) ? null : reader.GetInt64(13),
        ActiveSeconds = reader.GetDouble(14),
        Error = reader.IsDBNull(15) ? null : reader.GetString(15),
        CancelRequested = reader.GetInt64(16) != 0,
        Owner = reader.IsDBNull(17) ? null : reader.GetString(17),
        HeartbeatAt = reader.IsDBNull(18) ? null : ParseTime(reader.GetString(18)),
        CreatedAt = ParseTime(reader.GetString(19)),
        UpdatedAt = ParseTime(reader.GetString(20)),
        FinishedAt = reader.IsDBNull(21) ? null : ParseTime(reader.GetString(21)),
        SinkToken = reader.IsDBNull(22) ? null : reader.GetString(22),
        Notice = reader.IsDBNull(23) ? null : reader.GetString(23),
    };

    // UTC round-trip text is fixed-width, so ORDER BY created_at sorts by time.
    public static string TimeText(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
