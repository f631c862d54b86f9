using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Privacy;
using CustomerCare.Web.Features.Webhooks;
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

        // Shared by every feature: the post page's read and the categories.
        services.AddSingleton<Posts.PostService>();
        services.AddSingleton<Posts.CategoryService>();
        services.AddSingleton<Posts.ActivityLimits>();
        services.AddPostingRights();
        services.AddPictures();

        services.AddSingleton<Search.SearchPath>();
        services.AddSingleton<Ideas.BoardService>();
        services.AddSingleton<Ideas.IdeaService>();
        services.AddSingleton<Votes.VoteService>();
        services.AddSingleton<Votes.VoterListService>();
        services.AddSingleton<Threads.ThreadService>();
        services.AddSingleton<Mentions.MentionService>();
        services.AddSingleton<Mentions.MentionNotifier>();
        services.AddSingleton<Threads.OfficialAnswerService>();
        services.AddSingleton<Decisions.StatusDecisionService>();
        services.AddSingleton<Decisions.MergeService>();
        services.AddSingleton<SolvesIt.SolvesItService>();
        services.AddSingleton<Thanks.ThanksService>();
        services.AddSingleton<Helpful.HelpfulService>();
        services.AddSingleton<Helpful.EndorsementService>();
        services.AddSingleton<Answers.AnswerService>();
        services.AddSingleton<Team.TeamService>();
        services.AddSingleton<Customers.CustomerStoryService>();
        services.AddSingleton<Insights.InsightsService>();
        services.AddSingleton<Roadmap.RoadmapService>();
        services.AddSingleton<Roadmap.ChangelogService>();
        services.AddModeration();
        services.AddSingleton<Notifications.FollowService>();
        services.AddSingleton<Notifications.NotificationService>();
        services.AddSingleton<Notifications.NotificationInbox>();
        services.AddComplaints();
        services.AddSingleton<Staff.StaffDeskService>();
        services.AddSingleton<Admin.AdminService>();
        services.AddSingleton<Admin.SecurityEventService>();
        services.AddSingleton<PersonalData.PersonalDataExport>();
        services.AddSingleton<PersonalData.PersonalDataArchives>();
        services.AddSingleton<PersonalData.PersonalDataRequests>();
        services.AddOptions<PersonalData.ArchiveOptions>().BindConfiguration(PersonalData.ArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRetention();
        services.AddSingleton<PersonalData.AccountDeletion>();
        services.AddOptions<PersonalData.AccountDeletionOptions>().BindConfiguration(PersonalData.AccountDeletionOptions.Section)
            .Validate(o => Enum.IsDefined(o.PublicContent), "PersonalData:Deletion:PublicContent must be Anonymize or Remove.")
            .ValidateOnStart();
        services.AddPrivacyNotice();
        services.AddWebhooks();
        return services;
    }

    // Complaints: filing and lists, the owner, the resolution, the idea they led to, what a reply on one means, and the
    // clock that escalates a missed answer.
    private static void AddComplaints(this IServiceCollection services)
    {
        services.AddSingleton<ComplaintService>();
        services.AddSingleton<ComplaintOwnershipService>();
        services.AddSingleton<ComplaintResolutionService>();
        services.AddSingleton<ComplaintIdeaLinkService>();
        services.AddSingleton<Threads.IReplyEffects, ComplaintReplies>();
        services.AddResponseClock();
        services.AddSingleton<ComplaintEscalation>();
        services.AddHostedService<ComplaintEscalationWorker>();
    }

    // Moderation: editing, removing and restoring posts, hiding replies, reports and their queue, approving what waits,
    // blocking people.
    private static void AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<Moderation.ModerationService>();
        services.AddSingleton<Moderation.ReplyModerationService>();
        services.AddSingleton<Moderation.ReportService>();
        services.AddSingleton<Moderation.ModerationQueueService>();
        services.AddSingleton<Moderation.HoldReviewService>();
        services.AddSingleton<Moderation.BlockService>();
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
