using Microsoft.Extensions.DependencyInjection;
using Reembed.Providers;

namespace Reembed.Testing;

/// <summary>The provider an <c>AddXxx()</c> registers, taken from the service collection as a host would get it.</summary>
public static class RegisteredProvider
{
    public static StoreProvider Of(Func<ReembedBuilder, ReembedBuilder> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        var services = new ServiceCollection();
        add(new ReembedBuilder(services));
        return (StoreProvider)services.Single(static d => d.ServiceType == typeof(StoreProvider)).ImplementationInstance!;
    }
}
