namespace Reembed.Postgres;

/// <summary>How a batch reaches the staging table before one set-based statement applies it.</summary>
public enum PostgresLoadPath
{
    /// <summary>Binary COPY first; on failure, switch to <see cref="Insert"/> for the rest of the run.</summary>
    Auto,

    /// <summary>Binary <c>COPY … FROM STDIN</c>: the fastest.</summary>
    Copy,

    /// <summary>Multi-row parameterised <c>INSERT</c>: for servers and proxies that do not speak COPY.</summary>
    Insert,
}
