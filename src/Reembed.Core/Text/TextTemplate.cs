namespace Reembed;

/// <summary>
/// A text template with <c>{field}</c> placeholders, e.g. <c>"{summary}\n\n{description}"</c>.
/// <c>{{</c> and <c>}}</c> stand for literal braces. Parsed once at start-up.
/// </summary>
public sealed class TextTemplate
{
    private TextTemplate(string source, IReadOnlyList<string> fields)
    {
        Source = source;
        Fields = fields;
    }

    public string Source { get; }

    /// <summary>The distinct field names the template uses, in order of first use.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Parses <paramref name="template"/>; a malformed one is a config error naming <paramref name="configKey"/>.</summary>
    public static TextTemplate Parse(string template, string configKey) =>
        throw new NotImplementedException();

    /// <summary>
    /// Renders the template. <paramref name="lookup"/> returns a field's text, or null when the
    /// record has no such field; then rendering fails with that field's name.
    /// </summary>
    public bool TryRender(Func<string, string?> lookup, out string text, out string? missingField) =>
        throw new NotImplementedException();
}
