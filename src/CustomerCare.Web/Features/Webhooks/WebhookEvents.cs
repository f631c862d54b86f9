namespace CustomerCare.Web.Features.Webhooks;

/// <summary>The event types an endpoint may subscribe to, as they appear in a payload's "type".</summary>
public static class WebhookEvents
{
    public const string IdeaCreated = "idea.created";
    public const string IdeaStatusChanged = "idea.status_changed";
    public const string IdeaMerged = "idea.merged";
    public const string IdeaVotesChanged = "idea.votes_changed";
    public const string ReplyCreated = "reply.created";
    public const string ComplaintCreated = "complaint.created";
    public const string ComplaintEscalated = "complaint.escalated";
    public const string ComplaintResolved = "complaint.resolved";
    public const string ComplaintRatedByCustomer = "complaint.rated";

    /// <summary>What "Send a test event" sends; every endpoint receives it, whatever it subscribed to.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> All =
    [
        IdeaCreated, IdeaStatusChanged, IdeaMerged, IdeaVotesChanged, ReplyCreated,
        ComplaintCreated, ComplaintEscalated, ComplaintResolved, ComplaintRatedByCustomer,
    ];

    /// <summary>The stored form: known types only, space-separated, in the order of <see cref="All"/>.</summary>
    public static string Join(IEnumerable<string> types) => string.Join(' ', All.Where(types.Contains));

    public static IReadOnlyList<string> Split(string stored) =>
        [.. (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(All.Contains)];
}

/// <summary>
/// Something webhook receivers should hear of: <paramref name="Type"/> on <paramref name="PostId"/>, at
/// <paramref name="ReplyId"/> if a reply is the subject; <paramref name="Extra"/> adds what the event itself says (the
/// new status, the original of a merge) and <paramref name="InternalExtra"/> what only internal payloads carry (a rating
/// and its comment). <paramref name="Key"/> names this occurrence, so it is stored once per endpoint.
/// </summary>
public sealed record WebhookTrigger(
    string Type, int PostId, string Key, long? ReplyId = null,
    IReadOnlyDictionary<string, object?>? Extra = null, IReadOnlyDictionary<string, object?>? InternalExtra = null);
