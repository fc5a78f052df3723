namespace Reembed.Verification.Json;

/// <summary>The <see cref="StructureMetrics"/> of a verification.</summary>
public sealed record StructureDocument
{
    public required long SourceRecords { get; init; }

    public required long TargetVectors { get; init; }

    public required long Missing { get; init; }

    public required IReadOnlyList<string> MissingSample { get; init; }

    public required long MissingLedgered { get; init; }

    public required long Extra { get; init; }

    public required long DuplicateKeys { get; init; }

    public required int Dimensions { get; init; }

    public required long WrongDimensions { get; init; }

    public required long NonFinite { get; init; }

    public required long ZeroVectors { get; init; }

    public required IReadOnlyList<string> SpaceIds { get; init; }

    public required DistributionDocument Norms { get; init; }
}
