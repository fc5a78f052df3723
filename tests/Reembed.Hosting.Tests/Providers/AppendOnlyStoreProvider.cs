using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Tests;

/// <summary>A kind that is a target and nothing else: it can neither rename nor repoint an alias, so it holds no shadow.</summary>
internal sealed class AppendOnlyStoreProvider : StoreProvider
{
    public override string Type => "appendonly";

    public override StoreCapabilities Capabilities => StoreCapabilities.Target;

    public override TargetSpec BindTarget(ConfigSection section, bool shadowCutover, StoreBindingContext context)
    {
        var spec = new AppendOnlyTargetSpec { Path = context.Resolve(section.String("path", required: true)!), ShadowCutover = shadowCutover };
        section.RejectUnknownKeys();
        return spec;
    }
}

internal sealed record AppendOnlyTargetSpec : TargetSpec
{
    public override string Type => "appendonly";

    public required string Path { get; init; }

    public override TargetSpec Named(string name) => this with { Path = name };

    protected override JsonTypeInfo JsonTypeInfo => AppendOnlyJsonContext.Default.AppendOnlyTargetSpec;
}

[JsonSerializable(typeof(AppendOnlyTargetSpec))]
internal sealed partial class AppendOnlyJsonContext : JsonSerializerContext;
