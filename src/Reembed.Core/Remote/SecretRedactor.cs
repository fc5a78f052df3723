namespace Reembed.Remote;

/// <summary>
/// Removes secrets from text that may reach a log, an error or the state store. Servers echo keys
/// back, sometimes masked in the middle (<c>sk-abc***xyz</c>), so a word that shares a long enough
/// prefix or suffix with a secret goes too.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "[redacted]";

    // Long enough that ordinary words do not match by accident, short enough to catch a masked echo.
    private const int PrefixChars = 6;
    private const int SuffixChars = 4;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets.Where(static s => !string.IsNullOrEmpty(s)).Select(static s => s!).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_secrets.Length == 0)
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        var words = text.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] != Mask && _secrets.Any(secret => Resembles(words[i], secret)))
            {
                words[i] = Mask;
                changed = true;
            }
        }

        return changed ? string.Join(' ', words) : text;
    }

    private static bool Resembles(string word, string secret)
    {
        var core = word.Trim('"', '\'', '.', ',', ';', ':', '(', ')', '[', ']', '{', '}');
        if (secret.Length >= PrefixChars * 2 && core.Length >= PrefixChars
            && core.AsSpan(0, PrefixChars).SequenceEqual(secret.AsSpan(0, PrefixChars)))
        {
            return true;
        }

        return secret.Length >= SuffixChars * 3 && core.Length >= SuffixChars + 3 && core.Contains('*', StringComparison.Ordinal)
            && core.AsSpan(core.Length - SuffixChars).SequenceEqual(secret.AsSpan(secret.Length - SuffixChars));
    }
}
