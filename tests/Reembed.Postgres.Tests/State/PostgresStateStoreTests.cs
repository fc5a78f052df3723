using Reembed.Testing;

namespace Reembed.Postgres.Tests.State;

public sealed class PostgresStateStoreTests : StateStoreConformanceTests, IAsyncLifetime
{
    private readonly TestSchema _schema = new();

    protected override async Task<StateStore> CreateStoreAsync(TimeProvider timeProvider) =>
        await PostgresState.OpenAsync(_schema.ConnectionString, _schema.Name, timeProvider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
