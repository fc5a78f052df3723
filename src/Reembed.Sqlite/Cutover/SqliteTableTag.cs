namespace Reembed.Sqlite;

/// <summary>The space a table was created for, as <c>reembed_tables</c> records it.</summary>
internal readonly record struct SqliteTableTag(string SpaceId, int Dimensions);
