namespace Reembed.Postgres.Tests;

/// <summary>A real[] shadow column of the source table on PostgreSQL 15, opened by its shadow name through the column cut-over.</summary>
public sealed class PostgresShadowColumnCollectionConformanceTests : PostgresVectorCollectionConformanceTests
{
    private CutoverTarget? _cutover;

    protected override PostgresTargetShape Shape => PostgresTargetShape.InPlace;

    protected override PostgresVectorType VectorType => PostgresVectorType.RealArray;

    protected override string ExpectedName => Cutover.ShadowName(Space.Id);

    protected override string WrittenName => ExpectedName;

    private CutoverTarget Cutover => _cutover ??= PostgresStores.CreateCutover(Options(), TimeProvider.System);

    public override async Task DisposeAsync()
    {
        if (_cutover is not null)
        {
            await _cutover.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override async Task<VectorCollection> OpenCollectionAsync() =>
        await Cutover.OpenCollectionAsync(ExpectedName) ?? throw new InvalidOperationException($"{ExpectedName} was not written");
}
