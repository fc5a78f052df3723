using System.Text.Json;
using Reembed.Providers;

namespace Reembed.Hosting;

public sealed partial class JobSpecLoader
{
    private SourceSpec BindSource(ConfigSection section, StoreBindingContext context)
    {
        var type = section.String("type", required: true)!;
        return _stores.Resolve(type, StoreCapabilities.Source, section.Key("type"), "source").BindSource(section, context);
    }

    /// <summary>The provider binds its keys; <c>cutover</c> is every target's, checked against what the kind can do.</summary>
    private TargetSpec BindTarget(ConfigSection section, StoreBindingContext context)
    {
        var type = section.String("type", required: true)!;
        var provider = _stores.Resolve(type, StoreCapabilities.Target, section.Key("type"), "target");
        var shadow = section.String("cutover") switch
        {
            null or "inplace" => false,
            "shadow" => true,
            var other => throw ReembedException.Config(section.Key("cutover"), $"unknown cut-over '{other}' (known: inplace, shadow)"),
        };
        if (shadow && !provider.Can(StoreCapabilities.ShadowByRename) && !provider.Can(StoreCapabilities.ShadowByAlias))
        {
            throw ReembedException.Config(section.Key("cutover"),
                $"a {type} target cannot hold a shadow beside the live vectors (neither a rename nor an alias swaps it in): remove the key");
        }

        return provider.BindTarget(section, shadow, context);
    }

    private StateSpec BindState(ConfigSection root, StoreBindingContext context, ConfigOverrides overrides)
    {
        var embedded = _stores.Embedded;
        if (overrides.StatePath is { } overridden)
        {
            return embedded.StateAt(Path.GetFullPath(overridden));
        }

        switch (root.Raw("state"))
        {
            case null:
                return embedded.StateAt(context.Resolve(Path.Combine(".reembed", "state.db")));
            case { ValueKind: JsonValueKind.String }:
                return embedded.StateAt(context.Resolve(root.String("state", required: true)!));
            case { ValueKind: not JsonValueKind.Object }:
                throw ReembedException.Config("state", $"must be a file path or an object with a type ({Known(StoreCapabilities.StateStore)})");
        }

        var section = root.Section("state")!;
        var type = section.String("type") ?? embedded.Type;
        return _stores.Resolve(type, StoreCapabilities.StateStore, section.Key("type"), "state").BindState(section, context);
    }

    /// <summary>
    /// <c>cache</c>: <c>false</c>, <c>true</c>, or an object with a <c>type</c>, <c>enabled</c> and <c>ttlDays</c>. On by default for
    /// remote models, beside a file state store (with the state on a server, in the config's own .reembed folder); off for the
    /// built-in embedder, which is faster than a lookup.
    /// </summary>
    private CacheSpec BindCache(ConfigSection root, StoreBindingContext context, StateSpec state, EmbedderSpec embedder)
    {
        var embedded = _stores.Embedded;
        var defaultPath = state.Folder is { } folder
            ? Path.Combine(folder, "cache.db")
            : context.Resolve(Path.Combine(".reembed", "cache.db"));
        if (root.Raw("cache") is { ValueKind: JsonValueKind.True or JsonValueKind.False })
        {
            return embedded.CacheAt(defaultPath, root.Bool("cache")!.Value);
        }

        if (root.Section("cache") is not { } section)
        {
            return embedded.CacheAt(defaultPath, enabled: !embedder.IsLocal);
        }

        var ttl = section.Double("ttlDays", 0.0001, 36_500) is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var enabled = section.Bool("enabled") ?? true;
        var type = section.String("type") ?? embedded.Type;
        return _stores.Resolve(type, StoreCapabilities.Cache, section.Key("type"), "cache").BindCache(section, enabled, ttl, defaultPath, context);
    }

    private string Known(StoreCapabilities capability) => string.Join(", ", _stores.With(capability).Select(static p => p.Type));
}
