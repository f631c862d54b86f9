namespace CustomerCare.Web.Infrastructure;

/// <summary>For a service the portal wraps (a decorator): the framework's own registration, made as the container would.</summary>
internal static class ServiceDescriptors
{
    public static object Create(this ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
