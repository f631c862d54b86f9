namespace CustomerCare.Web.Features.Mentions;

/// <summary>
/// Someone the composer offers to mention: a participant of the thread (<paramref name="IsParticipant"/>: the post's
/// author or a visible replier) or someone who works here (<paramref name="IsStaff"/>, shown with their job title).
/// </summary>
public sealed record MentionCandidate(string Id, string DisplayName, string? AvatarUrl, string? JobTitle, bool IsStaff, bool IsParticipant)
{
    /// <summary>What the composer inserts for this person.</summary>
    public string Token => MentionToken.Format(DisplayName, Id);
}
