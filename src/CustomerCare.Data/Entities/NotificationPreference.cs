namespace CustomerCare.Data.Entities;

/// <summary>How someone wants to hear of a kind of event by mail; the bell always shows it.</summary>
public enum MailDelivery
{
    Instantly,
    DailyDigest,
    Never,
}

/// <summary>One person's mail choice for one <see cref="NotificationKind"/>; no row means the kind's default.</summary>
public sealed class NotificationPreference
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    public required NotificationKind Kind { get; set; }

    public required MailDelivery Email { get; set; }
}
