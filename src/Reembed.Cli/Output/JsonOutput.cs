using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>Writes the one JSON document a <c>--json</c> verb prints on standard output.</summary>
internal static class JsonOutput
{
    /// <summary>Prints <paramref name="value"/> indented with <paramref name="typeInfo"/> from <see cref="HostingJsonContext.Indented"/>, and a newline.</summary>
    public static void Write<T>(T value, Func<HostingJsonContext, JsonTypeInfo<T>> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Write(JsonSerializer.Serialize(value, typeInfo(HostingJsonContext.Indented)));
    }

    /// <summary>Prints a document already serialised, and a newline.</summary>
    public static void Write(string document)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(System.Text.Encoding.UTF8.GetBytes(document));
        stdout.Write("\n"u8);
    }
}
