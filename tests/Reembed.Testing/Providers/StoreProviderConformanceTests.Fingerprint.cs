using Xunit;
using System.Reflection;
using System.Text.Json.Serialization;
using Reembed.Providers;

namespace Reembed.Testing;

public abstract partial class StoreProviderConformanceTests
{
    /// <summary>
    /// Every settable property of a spec that is not marked <see cref="JsonIgnoreAttribute"/> enters the fingerprint: a
    /// changed value gives another JSON. Nothing is listed by hand, so a key added to a spec is covered by this test.
    /// </summary>
    [Fact]
    public void Fingerprint_ChangesWithEveryFingerprintedProperty()
    {
        var specs = new List<FingerprintedSpec>();
        if (ValidSource is { } source)
        {
            specs.Add((FingerprintedSpec)Bind("source", source));
        }

        if (ValidTarget is { } target)
        {
            specs.Add((FingerprintedSpec)Bind("target", target));
        }

        foreach (var spec in specs)
        {
            var fingerprinted = spec.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(static p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                .ToList();
            Assert.NotEmpty(fingerprinted);
            foreach (var property in fingerprinted)
            {
                var changed = Clone(spec);
                property.SetValue(changed, Other(property.PropertyType, property.GetValue(spec)));
                Assert.True(spec.ToJson() != changed.ToJson(), $"{spec.GetType().Name}.{property.Name} changed but the fingerprint JSON did not: {spec.ToJson()}");
            }
        }
    }

    private static FingerprintedSpec Clone(FingerprintedSpec spec) =>
        (FingerprintedSpec)spec.GetType().GetMethod("<Clone>$")!.Invoke(spec, null)!;

    /// <summary>A value of <paramref name="type"/> different from <paramref name="current"/>.</summary>
    private static object? Other(Type type, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => (current as string ?? string.Empty) + "_changed",
            _ when underlying == typeof(bool) => !((bool?)current ?? false),
            _ when underlying == typeof(int) => ((int?)current ?? 0) + 1,
            _ when underlying == typeof(TextTemplate) => TextTemplate.Parse("{changed}", "test"),
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(current)),
            _ => throw new InvalidOperationException($"no other value for a {type.Name}: teach the suite this type"),
        };
    }
}
