namespace Reembed;

/// <summary>What the structure checks of a verification counted over the whole candidate and the source.</summary>
public sealed record StructureMetrics
{
    /// <summary>Source records with text (those a job would embed).</summary>
    public required long SourceRecords { get; init; }

    /// <summary>Vectors in the candidate (rows, duplicates included).</summary>
    public required long TargetVectors { get; init; }

    /// <summary>Source keys without a vector in the candidate.</summary>
    public required long Missing { get; init; }

    /// <summary>The first missing keys (at most 20), in source order.</summary>
    public required IReadOnlyList<string> MissingSample { get; init; }

    /// <summary>Of the missing keys, those in the job's failures ledger (known failures, not silent losses).</summary>
    public required long MissingLedgered { get; init; }

    /// <summary>Candidate keys that are not in the source (deleted since, or foreign).</summary>
    public required long Extra { get; init; }

    /// <summary>Keys stored more than once (counted once per extra copy).</summary>
    public required long DuplicateKeys { get; init; }

    /// <summary>The dimension of the space verified.</summary>
    public required int Dimensions { get; init; }

    /// <summary>Vectors whose length is not <see cref="Dimensions"/>.</summary>
    public required long WrongDimensions { get; init; }

    /// <summary>Vectors with a NaN or infinite component.</summary>
    public required long NonFinite { get; init; }

    /// <summary>Vectors whose L2 norm is 0 (or below 1e-12).</summary>
    public required long ZeroVectors { get; init; }

    /// <summary>The distinct space ids found on the vectors (one, the job's, when all is well).</summary>
    public required IReadOnlyList<string> SpaceIds { get; init; }

    /// <summary>L2 norms of the finite vectors of the right dimension.</summary>
    public required Distribution Norms { get; init; }
}
