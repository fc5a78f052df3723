using Xunit;
using System.Text.Json;
using Reembed.Providers;

namespace Reembed.Testing;

/// <summary>
/// What every store provider must honour: its declared capabilities match what it binds; bad options name their key
/// (and a typo gets a suggestion); its specs' JSON — their part of the job fingerprint — is deterministic, pinned by a
/// recorded document, and changes with every fingerprinted property; its <c>init</c> templates bind as its own kind.
/// </summary>
public abstract partial class StoreProviderConformanceTests : IDisposable
{
    protected StoreProviderConformanceTests()
    {
        Directory.CreateDirectory(BaseDirectory);
    }

    /// <summary>The config folder the sections are bound against (relative paths resolve under it).</summary>
    protected string BaseDirectory { get; } = Path.Combine(Path.GetTempPath(), "reembed-provider-" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>The provider as a host gets it: registered through its <c>AddXxx()</c>.</summary>
    protected abstract StoreProvider Provider { get; }

    /// <summary>A valid <c>source</c> object (JSON), or null when the kind is no source.</summary>
    protected abstract string? ValidSource { get; }

    /// <summary>A valid <c>target</c> object (JSON), or null when the kind is no target.</summary>
    protected abstract string? ValidTarget { get; }

    /// <summary>A valid object <c>state</c> section, or null when the kind keeps no state.</summary>
    protected virtual string? ValidState => null;

    /// <summary>A valid object <c>cache</c> section, or null when the kind keeps no cache.</summary>
    protected virtual string? ValidCache => null;

    /// <summary><see cref="ValidSource"/>'s spec as JSON, with <c>$DIR</c> for <see cref="BaseDirectory"/>: recorded, so it holds across processes and versions.</summary>
    protected abstract string? ExpectedSourceJson { get; }

    /// <summary><see cref="ValidTarget"/>'s spec as JSON, with <c>$DIR</c> for <see cref="BaseDirectory"/>.</summary>
    protected abstract string? ExpectedTargetJson { get; }

    public void Dispose()
    {
        Directory.Delete(BaseDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Capabilities_SayWhatTheProviderBinds()
    {
        Assert.False(string.IsNullOrWhiteSpace(Provider.Type));
        CheckRole(StoreCapabilities.Source, ValidSource, "source", section => Provider.BindSource(section, Context()));
        CheckRole(StoreCapabilities.Target, ValidTarget, "target", section => Provider.BindTarget(section, false, Context()));
        CheckRole(StoreCapabilities.StateStore, ValidState, "state", section => Provider.BindState(section, Context()));
        CheckRole(StoreCapabilities.Cache, ValidCache, "cache", section => Provider.BindCache(section, true, null, Path.Combine(BaseDirectory, "c.db"), Context()));
        if (Provider.Can(StoreCapabilities.Embedded))
        {
            Assert.Equal(Provider.Type, Provider.StateAt(Path.Combine(BaseDirectory, "s.db")).Type);
            Assert.Equal(Provider.Type, Provider.CacheAt(Path.Combine(BaseDirectory, "c.db"), enabled: true).Type);
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => Provider.StateAt(Path.Combine(BaseDirectory, "s.db")));
        }
    }

    [Fact]
    public void Bind_MisspelledKey_IsRefusedNamingItWithTheNearestKnownOne()
    {
        foreach (var (name, json) in Sections())
        {
            foreach (var key in Keys(json).Where(static k => k is not ("type" or "id")))
            {
                var typo = key + "x";
                var error = Assert.Throws<ReembedException>(() => Bind(name, WithKey(json, typo, Value(json, key))));
                Assert.Equal(ErrorKind.Config, error.Kind);
                Assert.Contains($"{name}.{typo}", error.Message, StringComparison.Ordinal);
                Assert.Contains($"did you mean '{name}.{key}'", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Bind_EachKeyOfTheWrongShape_IsRefusedNamingThatKey()
    {
        foreach (var (name, json) in Sections())
        {
            foreach (var key in Keys(json).Where(static k => k != "type"))
            {
                var error = Assert.Throws<ReembedException>(() => Bind(name, WithKey(json, key, "[1, 2]")));
                Assert.Equal(ErrorKind.Config, error.Kind);
                Assert.Contains($"{name}.{key}", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Bind_EachKeyLeftOut_BindsWithADefaultOrNamesAKeyOfTheSection()
    {
        foreach (var (name, json) in Sections())
        {
            foreach (var key in Keys(json).Where(static k => k != "type"))
            {
                try
                {
                    Assert.Equal(Provider.Type, Bind(name, WithoutKey(json, key)).Type);
                }
                catch (ReembedException error)
                {
                    Assert.Equal(ErrorKind.Config, error.Kind);
                    Assert.Contains($"{name}.", error.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Fingerprint_IsTheRecordedJson_AndTheSameOnEveryBind()
    {
        if (ValidSource is { } source)
        {
            var json = ((SourceSpec)Bind("source", source)).ToJson();
            AssertRecorded(ExpectedSourceJson, json);
            Assert.Equal(json, ((SourceSpec)Bind("source", source)).ToJson());
        }

        if (ValidTarget is { } target)
        {
            var json = ((TargetSpec)Bind("target", target)).ToJson();
            AssertRecorded(ExpectedTargetJson, json);
            Assert.Equal(json, ((TargetSpec)Bind("target", target)).ToJson());
        }
    }

    [Fact]
    public void Templates_BindAsThisKind()
    {
        if (Provider.Can(StoreCapabilities.Source))
        {
            var template = Provider.SourceTemplate;
            Assert.NotNull(template);
            Assert.Equal(Provider.Type, Bind("source", "{\n" + template + "\n}").Type);
        }

        if (Provider.Can(StoreCapabilities.Target))
        {
            var template = Provider.TargetTemplate(Provider);
            Assert.NotNull(template);
            Assert.Equal(Provider.Type, Bind("target", "{\n" + template + "\n}").Type);
        }
    }

    [Fact]
    public void Named_IsTheSameTargetUnderAnotherName()
    {
        if (ValidTarget is not { } target)
        {
            return;
        }

        var spec = (TargetSpec)Bind("target", target);
        var named = spec.Named("another_name");
        Assert.Equal(spec.GetType(), named.GetType());
        Assert.NotEqual(spec.ToJson(), named.ToJson());
        Assert.Contains("another_name", named.ToJson(), StringComparison.Ordinal);
        Assert.Equal(spec.ShadowCutover, named.ShadowCutover);
    }

    /// <summary>Binds one section the way the host does: it reads <c>type</c> (and a target's <c>cutover</c>) first.</summary>
    protected StoreSpec Bind(string name, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var section = new ConfigSection(document.RootElement, name);
        section.String("type");
        switch (name)
        {
            case "source":
                return Provider.BindSource(section, Context());
            case "target":
                var shadow = section.String("cutover") == "shadow";
                return Provider.BindTarget(section, shadow, Context(ValidSource is { } source ? (SourceSpec)Bind("source", source) : null));
            case "state":
                return Provider.BindState(section, Context());
            default:
                section.Double("ttlDays", 0.0001, 36_500);
                section.Bool("enabled");
                return Provider.BindCache(section, true, null, Path.Combine(BaseDirectory, "c.db"), Context());
        }
    }

    private void AssertRecorded(string? recorded, string json)
    {
        var actual = json.Replace(JsonEncodedText.Encode(BaseDirectory).ToString(), "$DIR", StringComparison.Ordinal);
        Assert.True(recorded == actual, $"the spec's JSON (its part of the job fingerprint) is not the recorded one:\nrecorded: {recorded}\nactual:   {actual}");
    }

    private StoreBindingContext Context(SourceSpec? source = null) => new() { BaseDirectory = BaseDirectory, Source = source };

    private IEnumerable<(string Name, string Json)> Sections()
    {
        foreach (var (name, json) in new[] { ("source", ValidSource), ("target", ValidTarget), ("state", ValidState), ("cache", ValidCache) })
        {
            if (json is not null)
            {
                yield return (name, json);
            }
        }
    }

    private void CheckRole(StoreCapabilities role, string? valid, string name, Func<ConfigSection, StoreSpec> bind)
    {
        if (Provider.Can(role))
        {
            Assert.True(valid is not null, $"{Provider.Type} declares {role}: give a valid {name} section");
            Assert.Equal(Provider.Type, Bind(name, valid).Type);
            return;
        }

        using var document = JsonDocument.Parse($$"""{ "type": "{{Provider.Type}}" }""");
        var error = Assert.Throws<ReembedException>(() => bind(new ConfigSection(document.RootElement, name)));
        Assert.Contains($"{name}.type", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Keys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(static p => p.Name).ToList();
    }

    private static string Value(string json, string key)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(key).GetRawText();
    }

    private static string WithKey(string json, string key, string rawValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[key] = System.Text.Json.Nodes.JsonNode.Parse(rawValue);
        return node.ToJsonString();
    }

    private static string WithoutKey(string json, string key)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(key);
        return node.ToJsonString();
    }
}
