namespace Reembed.Postgres.Tests;

/// <summary>A real[] shadow table on PostgreSQL 15, opened by its shadow name through the table cut-over, as <c>verify</c> opens a candidate.</summary>
public sealed class PostgresShadowTableCollectionConformanceTests : PostgresVectorCollectionConformanceTests
{
    private CutoverTarget? _cutover;

    protected override PostgresTargetShape Shape => PostgresTargetShape.Shadow;

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
