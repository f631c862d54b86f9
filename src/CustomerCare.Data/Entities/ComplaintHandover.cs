namespace CustomerCare.Data.Entities;

/// <summary>
/// A complaint changed hands: the first assignment (no <see cref="FromOwnerId"/>), a claim or a
/// reassignment. The thread shows each one with who and why, so the customer always knows who is on it.
/// </summary>
public sealed class ComplaintHandover
{
    public const int ReasonMaxLength = 500;

    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public string? FromOwnerId { get; set; }

    public CareUser? FromOwner { get; set; }

    public required string ToOwnerId { get; set; }

    public CareUser? ToOwner { get; set; }

    /// <summary>Who handed it over; null when the portal assigned it on filing.</summary>
    public string? ById { get; set; }

    public CareUser? By { get; set; }

    public string? Reason { get; set; }

    public required DateTime At { get; set; }
}
