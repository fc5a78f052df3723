namespace Reembed.Providers;

/// <summary>The registered store providers, by <c>type</c>. The only place a store kind is looked up by name.</summary>
public sealed class StoreRegistry
{
    private readonly List<StoreProvider> _providers;

    public StoreRegistry(IEnumerable<StoreProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = [];
        foreach (var provider in providers)
        {
            if (_providers.Any(p => p.Type == provider.Type))
            {
                throw new ArgumentException($"two store providers are registered for type '{provider.Type}'", nameof(providers));
            }

            _providers.Add(provider);
        }
    }

    /// <summary>Every provider, in registration order.</summary>
    public IReadOnlyList<StoreProvider> Providers => _providers;

    /// <summary>The kinds that have all of <paramref name="capabilities"/>, in registration order.</summary>
    public IEnumerable<StoreProvider> With(StoreCapabilities capabilities) => _providers.Where(p => p.Can(capabilities));

    /// <summary>The provider of <paramref name="spec"/>'s kind.</summary>
    public StoreProvider For(StoreSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _providers.FirstOrDefault(p => p.Type == spec.Type)
            ?? throw new InvalidOperationException($"no store provider is registered for type '{spec.Type}'");
    }

    /// <summary>
    /// The provider for <paramref name="type"/> with <paramref name="capability"/>, or a config error naming <paramref name="key"/>
    /// and the kinds that would do, e.g. <c>unknown source type 'csv' (known: jsonl, sqlite, postgres)</c>.
    /// </summary>
    public StoreProvider Resolve(string type, StoreCapabilities capability, string key, string role)
    {
        var provider = _providers.FirstOrDefault(p => p.Type == type);
        if (provider is not null && provider.Can(capability))
        {
            return provider;
        }

        var known = string.Join(", ", With(capability).Select(static p => p.Type));
        throw ReembedException.Config(key, provider is null
            ? $"unknown {role} type '{type}' (known: {known})"
            : $"{type} cannot be a {role} (known: {known})");
    }

    /// <summary>The first embedded kind that keeps state and a cache in local files: the default when the config names none.</summary>
    public StoreProvider Embedded =>
        With(StoreCapabilities.Embedded | StoreCapabilities.StateStore | StoreCapabilities.Cache).FirstOrDefault()
            ?? throw new InvalidOperationException("no embedded store provider is registered (AddSqlite, for one)");
}
