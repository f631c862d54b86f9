using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features;

public static class FeatureServices
{
    public static IServiceCollection AddFeatureServices(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PostService>();
        services.AddSingleton<VoteService>();
        return services;
    }
}
