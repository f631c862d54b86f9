namespace CustomerCare.Data.Entities;

/// <summary>Why someone follows a post: it decides nothing but is shown ("you follow this because you voted").</summary>
public enum FollowReason
{
    Author,
    Voted,
    Replied,
    Chose,
}

/// <summary>
/// Someone follows an idea or a complaint and hears of its replies and changes. Authors and voters follow
/// automatically; <see cref="Following"/> false remembers an unfollow, so voting again does not undo it.
/// </summary>
public sealed class PostFollow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public bool Following { get; set; } = true;

    public required FollowReason Reason { get; set; }

    public required DateTime Since { get; set; }
}
