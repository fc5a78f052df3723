namespace Reembed.Hosting;

/// <summary>A table/file of a cut-over target: its name, space and number of vectors.</summary>
public sealed record TableView(string Name, string? Space, long Count)
{
    public static TableView From(CutoverTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new(table.Name, table.SpaceId, table.Count);
    }
}
