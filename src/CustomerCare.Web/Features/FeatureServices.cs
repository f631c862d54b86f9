using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features;

public static class FeatureServices
{
    public static IServiceCollection AddFeatureServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddLiveBus(configuration);
        services.AddSingleton<PresenceService>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceService>());
        services.AddSingleton<HubTopics>();
        services.AddSingleton<Search.SearchPath>();
        services.AddSingleton<PostService>();
        services.AddSingleton<Notifications.FollowService>();
        services.AddSingleton<Notifications.NotificationService>();
        services.AddSingleton<ModerationService>();
        services.AddSingleton<VoteService>();
        services.AddSingleton<Roadmap.IdeaStatusService>();
        services.AddSingleton<Ideas.IdeaService>();
        services.AddSingleton<ChangelogService>();
        services.AddSingleton<Admin.AdminService>();
        services.AddSingleton<Roadmap.MergeService>();
        services.AddSingleton<Roadmap.ShipFeedbackService>();
        services.AddSingleton<VoterListService>();
        services.AddSingleton<OfficialAnswerService>();
        services.AddSingleton<Complaints.ComplaintService>();
        services.AddSingleton<Threads.ThreadService>();
        services.AddResponseClock();
        services.AddSingleton<Staff.StaffDeskService>();
        services.AddSingleton<Complaints.ComplaintEscalation>();
        services.AddHostedService<Complaints.ComplaintEscalationWorker>();
        return services;
    }

    // In-process unless Live:Redis names a Redis; with Redis the in-process bus still holds this server's
    // subscribers (and stays resolvable, so tests can count them).
    private static void AddLiveBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        services.AddSingleton<InMemoryLiveBus>();
        var live = configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        if (!live.UsesRedis)
        {
            services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<InMemoryLiveBus>());
            return;
        }

        services.AddSingleton<RedisLiveBus>();
        services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<RedisLiveBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveBus>());
    }
}
