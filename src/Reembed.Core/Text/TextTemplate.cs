using System.Buffers;
using System.Globalization;
using System.Text;

namespace Reembed;

/// <summary>
/// A text template with <c>{field}</c> placeholders, e.g. <c>"{summary}\n\n{description}"</c>.
/// <c>{{</c> and <c>}}</c> stand for literal braces. Parsed once at start-up.
/// </summary>
/// <remarks>
/// A field name is taken verbatim between the braces; dotted names such as <c>{meta.title}</c> are
/// allowed and resolved by the source.
/// </remarks>
public sealed class TextTemplate
{
    // A part is a literal text, or a field name when IsField is set.
    private readonly (string Value, bool IsField)[] _parts;

    private TextTemplate(string source, (string Value, bool IsField)[] parts)
    {
        Source = source;
        _parts = parts;
        Fields = parts.Where(p => p.IsField).Select(p => p.Value).Distinct(StringComparer.Ordinal).ToArray();
    }

    public string Source { get; }

    /// <summary>The distinct field names the template uses, in order of first use.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Parses <paramref name="template"/>; a malformed one is a config error naming <paramref name="configKey"/>.</summary>
    /// <exception cref="ReembedException">
    /// With <see cref="ErrorKind.Config"/> for an unclosed <c>{</c>, a lone <c>}</c> or an empty <c>{}</c>,
    /// giving the 1-based character position.
    /// </exception>
    public static TextTemplate Parse(string template, string configKey)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(configKey);
        var parts = new List<(string Value, bool IsField)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '}')
            {
                throw Error(configKey, template, $"lone '}}' at character {Position(i)}; write '}}}}' for a literal brace");
            }
            else if (c == '{')
            {
                var close = template.AsSpan(i + 1).IndexOfAny('{', '}');
                if (close < 0 || template[i + 1 + close] == '{')
                {
                    throw Error(configKey, template, $"unclosed '{{' at character {Position(i)}; write '{{{{' for a literal brace");
                }

                if (close == 0)
                {
                    throw Error(configKey, template, $"empty placeholder '{{}}' at character {Position(i)}");
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), false));
                    literal.Clear();
                }

                parts.Add((template.Substring(i + 1, close), true));
                i += close + 2;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        return new TextTemplate(template, [.. parts]);
    }

    /// <summary>
    /// Renders the template. <paramref name="lookup"/> returns a field's text, or null when the
    /// record has no such field; then rendering fails with that field's name.
    /// </summary>
    public bool TryRender(Func<string, string?> lookup, out string text, out string? missingField)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var parts = _parts;
        if (parts.Length == 1)
        {
            // The common "{description}" template: no copy at all.
            var single = parts[0].IsField ? lookup(parts[0].Value) : parts[0].Value;
            missingField = single is null ? parts[0].Value : null;
            text = single ?? string.Empty;
            return single is not null;
        }

        var values = ArrayPool<string>.Shared.Rent(parts.Length);
        try
        {
            var length = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                var value = parts[p].IsField ? lookup(parts[p].Value) : parts[p].Value;
                if (value is null)
                {
                    missingField = parts[p].Value;
                    text = string.Empty;
                    return false;
                }

                values[p] = value;
                length += value.Length;
            }

            text = string.Create(length, (values, parts.Length), static (span, state) =>
            {
                for (var p = 0; p < state.Length; p++)
                {
                    state.values[p].AsSpan().CopyTo(span);
                    span = span[state.values[p].Length..];
                }
            });
            missingField = null;
            return true;
        }
        finally
        {
            Array.Clear(values, 0, parts.Length);
            ArrayPool<string>.Shared.Return(values);
        }
    }

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static ReembedException Error(string configKey, string template, string message) =>
        ReembedException.Config(configKey, $"bad text template \"{template}\": {message}");
}
