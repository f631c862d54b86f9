namespace CustomerCare.Data.Entities;

/// <summary>
/// A customer's thanks to the person who helped: for a staff reply (<see cref="ReplyId"/>), or for solving their complaint
/// (<see cref="ReplyId"/> null; thanked is the complaint's owner). One per person per reply or complaint
/// (<see cref="Target"/>). The note is the customer's words; <see cref="ShowNote"/> is their leave to show it on the staff
/// member's public profile.
/// </summary>
public sealed class Thanks
{
    public const int NoteMaxLength = 500;

    public long Id { get; set; }

    public required string FromUserId { get; set; }

    public CareUser? From { get; set; }

    public required string ToUserId { get; set; }

    public CareUser? To { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public long? ReplyId { get; set; }

    public Reply? Reply { get; set; }

    /// <summary>What was thanked, <c>reply:{id}</c> or <c>complaint:{id}</c>: with the giver, the key that makes it once.</summary>
    public required string Target { get; set; }

    public string? Note { get; set; }

    public bool ShowNote { get; set; }

    public required DateTime CreatedAt { get; set; }

    public static string ReplyTarget(long replyId) => $"reply:{replyId}";

    public static string ComplaintTarget(int postId) => $"complaint:{postId}";
}
