namespace Reembed.Cli;

/// <summary>Reads secrets from the environment variables a config names. Values are never stored or printed.</summary>
internal static class Secrets
{
    public static string? Read(string? variable, string key)
    {
        if (variable is null)
        {
            return null;
        }

        var value = Environment.GetEnvironmentVariable(variable);
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
}
