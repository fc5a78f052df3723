using System.Globalization;

namespace Reembed.Remote;

/// <summary>The checks that the options of every HTTP embedder share, so that their messages agree.</summary>
internal static class RemoteOptionChecks
{
    public const int MaxDimensions = 65536;

    public static void BaseUrl(Uri? baseUrl)
    {
        if (baseUrl is null)
        {
            throw ReembedException.Config("embedder.baseUrl", "is required, e.g. https://api.openai.com/v1");
        }

        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw ReembedException.Config("embedder.baseUrl", $"must be an absolute http:// or https:// URL, got '{baseUrl.OriginalString}'");
        }
    }

    public static void Model(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw ReembedException.Config("embedder.model", "is required: the name of the embedding model (the deployment name on Azure)");
        }
    }

    public static void Dimensions(int? dimensions)
    {
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw ReembedException.Config(
                "embedder.dimensions",
                string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxDimensions} when set, got {dimensions}"));
        }
    }

    public static void Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw ReembedException.Config(
                "embedder.requestTimeoutSeconds",
                string.Create(CultureInfo.InvariantCulture, $"must be more than 0 seconds, got {timeout.TotalSeconds}"));
        }
    }

    public static void Time(TimeProvider? time)
    {
        if (time is null)
        {
            throw new ArgumentException("A TimeProvider is required.", nameof(time));
        }
    }
}
