using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features;

public static class FeatureServices
{
    public static IServiceCollection AddFeatureServices(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<InMemoryLiveBus>();
        services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<InMemoryLiveBus>());
        services.AddSingleton<PostService>();
        services.AddSingleton<ModerationService>();
        services.AddSingleton<VoteService>();
        services.AddSingleton<Roadmap.IdeaStatusService>();
        services.AddSingleton<Ideas.IdeaService>();
        services.AddSingleton<ChangelogService>();
        services.AddSingleton<Admin.AdminService>();
        services.AddSingleton<Roadmap.MergeService>();
        services.AddSingleton<VoterListService>();
        services.AddSingleton<OfficialAnswerService>();
        services.AddSingleton<Threads.ThreadService>();
        return services;
    }
}
