namespace Reembed.Postgres;

/// <summary>Where a <c>postgres</c> target puts the vectors.</summary>
public enum PostgresTargetShape
{
    /// <summary>A table of its own, <c>(id PRIMARY KEY, vector, content_hash, space)</c>, created by the tool and swapped in after verification.</summary>
    Shadow,

    /// <summary>A column of the source table itself, plus a <c>&lt;vector&gt;_hash</c> column; both added when absent.</summary>
    InPlace,
}
