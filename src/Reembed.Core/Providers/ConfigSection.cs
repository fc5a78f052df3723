using System.Globalization;
using System.Text.Json;

namespace Reembed.Providers;

/// <summary>
/// Reads one JSON object of the config, naming every value by its full key (<c>source.path</c>)
/// in errors, and refusing keys it was not asked about.
/// </summary>
public sealed class ConfigSection
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ConfigSection(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ReembedException.Config(path.Length == 0 ? "config" : path, $"must be a JSON object, not {Describe(element)}");
        }

        _element = element;
        Path = path;
    }

    public string Path { get; }

    public string Key(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ReembedException.Config(Key(name), $"must be a string, not {Describe(value)}");
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            throw ReembedException.Config(Key(name), "must not be empty");
        }

        return text;
    }

    public int? Int(string name, int min, int max)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw ReembedException.Config(Key(name), $"must be a whole number, not {Describe(value)}");
        }

        if (number < min || number > max)
        {
            throw ReembedException.Config(Key(name), $"must be between {min} and {max}, not {number}");
        }

        return number;
    }

    public double? Double(string name, double min, double max)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw ReembedException.Config(Key(name), $"must be a number, not {Describe(value)}");
        }

        if (number < min || number > max)
        {
            throw ReembedException.Config(Key(name), $"must be between {min} and {max}, not {number}");
        }

        return number;
    }

    /// <summary>An absolute http or https URL.</summary>
    public Uri? Url(string name, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw ReembedException.Config(Key(name), $"must be an absolute http:// or https:// URL, not '{text}'");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            // A password in a URL would be stored with the job spec; keys come from environment variables only.
            throw ReembedException.Config(Key(name), "must not carry a user name or password; name the key's environment variable in apiKeyEnv");
        }

        return url;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ReembedException.Config(Key(name), $"must be true or false, not {Describe(value)}"),
        };
    }

    public IReadOnlyList<string>? StringList(string name)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(static item => item.ValueKind != JsonValueKind.String))
        {
            throw ReembedException.Config(Key(name), $"must be an array of strings, not {Describe(value)}");
        }

        return value.EnumerateArray().Select(static item => item.GetString()!).ToArray();
    }

    /// <summary>
    /// The NAME of an environment variable (letters, digits, underscores); a value that looks like a secret itself is
    /// refused without being echoed, so it is never stored.
    /// </summary>
    public string? EnvName(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0 || value.Length > 128 || !value.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(value[0]))
        {
            // Do not echo the value: it may be a pasted key.
            throw ReembedException.Config(Key(name),
                "must be the NAME of an environment variable (letters, digits, underscores), e.g. \"OPENAI_API_KEY\" — never the key itself");
        }

        return value;
    }

    /// <summary><see cref="EnvName"/>, required: the variable that holds a connection string.</summary>
    public string RequiredConnectionEnv(string name) =>
        EnvName(name) ?? throw ReembedException.Config(Key(name), "is required: the NAME of the environment variable holding the connection string");

    public ConfigSection? Section(string name, bool required = false) =>
        TryGet(name, required, out var value) ? new ConfigSection(value, Key(name)) : null;

    /// <summary>The raw value of a key that may take several shapes (e.g. a string or an object).</summary>
    public JsonElement? Raw(string name) => TryGet(name, false, out var value) ? value : null;

    /// <summary>Refuses every key of this object that no reader asked for, suggesting the nearest known one.</summary>
    public void RejectUnknownKeys(params string[] alsoAllowed)
    {
        var known = _read.Concat(alsoAllowed).ToArray();
        foreach (var property in _element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var hint = Suggest(property.Name, known);
                throw ReembedException.Config(Key(property.Name),
                    $"unknown key{(hint is null ? string.Empty : $"; did you mean '{Key(hint)}'?")} (known here: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _read.Add(name);
        if (_element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            throw ReembedException.Config(Key(name), "is required");
        }

        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string? Suggest(string name, string[] known) =>
        known.Select(candidate => (candidate, distance: Distance(name.ToLower(CultureInfo.InvariantCulture), candidate.ToLower(CultureInfo.InvariantCulture))))
            .Where(static pair => pair.distance <= 2)
            .OrderBy(static pair => pair.distance)
            .Select(static pair => pair.candidate)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
