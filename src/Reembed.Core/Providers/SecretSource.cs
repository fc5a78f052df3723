namespace Reembed.Providers;

/// <summary>
/// Resolves the secrets a config names by environment variable. Values are never stored or printed; a
/// missing one is a config error naming the key and (only when it looks like one) the variable.
/// </summary>
public abstract class SecretSource
{
    /// <summary>The process environment.</summary>
    public static SecretSource Environment { get; } = new EnvironmentSecretSource();

    /// <summary>The value of <paramref name="variable"/>; null when <paramref name="variable"/> is null.</summary>
    /// <param name="key">The config key that names the variable, for the error.</param>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> when the variable is unset or empty.</exception>
    public string? Read(string? variable, string key)
    {
        if (variable is null)
        {
            return null;
        }

        var value = Lookup(variable);
        if (string.IsNullOrEmpty(value))
        {
            // Name the variable only when it looks like one: a key pasted in its place must not be echoed.
            var named = variable.All(static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
                ? $"the environment variable {variable}"
                : "the environment variable it names";
            throw ReembedException.Config(key, $"{named} is not set or is empty");
        }

        return value;
    }

    /// <summary>The raw value of <paramref name="variable"/>, or null.</summary>
    protected abstract string? Lookup(string variable);

    private sealed class EnvironmentSecretSource : SecretSource
    {
        protected override string? Lookup(string variable) => System.Environment.GetEnvironmentVariable(variable);
    }
}
