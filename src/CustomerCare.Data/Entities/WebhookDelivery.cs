namespace CustomerCare.Data.Entities;

/// <summary>
/// One event for one endpoint, stored before it is sent (it survives a restart) and kept as the delivery log. The
/// sender claims it with a lease (<see cref="LockToken"/> until <see cref="LockedUntil"/>) like the mail outbox, so two
/// servers never send it twice; it is delivered (<see cref="DeliveredAt"/>), retried with back-off, or given up
/// (<see cref="GaveUpAt"/>). <see cref="DedupKey"/> is unique, so the same event is stored once per endpoint.
/// </summary>
public sealed class WebhookDelivery
{
    public const int EventTypeMaxLength = 60;
    public const int DedupKeyMaxLength = 200;
    public const int MessageIdMaxLength = 64;
    public const int ResponseMaxLength = 1_000;
    public const int ErrorMaxLength = 1_000;

    public long Id { get; set; }

    public required int EndpointId { get; set; }

    public WebhookEndpoint? Endpoint { get; set; }

    /// <summary>The post the event is about (null for a test event): its deliveries go when the post is erased.</summary>
    public int? PostId { get; set; }

    /// <summary>The reply the event is about, if any: its deliveries go when the reply's text is erased.</summary>
    public long? ReplyId { get; set; }

    /// <summary>"idea.created", "complaint.rated", "webhook.test" …</summary>
    public required string EventType { get; set; }

    /// <summary>"{endpoint}:{event}:{subject}": the same event is stored once per endpoint.</summary>
    public required string DedupKey { get; set; }

    /// <summary>The webhook-id header: the same for every attempt (and a redelivery), so a receiver can skip repeats.</summary>
    public required string MessageId { get; set; }

    /// <summary>The JSON body as signed: {"type", "timestamp", "data"}.</summary>
    public required string Payload { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The receiver's HTTP status of the last attempt; null when it never answered (timeout, refused).</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>The start of the receiver's answer, or why there was none.</summary>
    public string? LastResponse { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? GaveUpAt { get; set; }

    public Guid? LockToken { get; set; }

    public DateTime? LockedUntil { get; set; }
}
