namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// Everything the portal holds about one person, as that person sees it (GDPR Art. 15 and 20): the archive's
/// <c>data.json</c> is this record, and <c>data.md</c> says the same for reading. Other people appear by their public name
/// only; what the person could never read in the portal (internal notes, who reported them) is not in it.
/// </summary>
public sealed record PersonalDataArchive(
    DateTime ExportedAt,
    ProfileData Profile,
    IReadOnlyList<PostData> Ideas,
    IReadOnlyList<PostData> Complaints,
    IReadOnlyList<ReplyData> Replies,
    IReadOnlyList<VoteData> Votes,
    IReadOnlyList<FollowData> Follows,
    IReadOnlyList<CategoryFollowData> CategoryFollows,
    IReadOnlyList<MailSettingData> MailSettings,
    IReadOnlyList<SolvesItData> SolvesItAnswers,
    IReadOnlyList<NotificationData> Notifications,
    IReadOnlyList<MailData> Mails,
    IReadOnlyList<ReportData> Reports,
    IReadOnlyList<SecurityEventData> SecurityEvents,
    IReadOnlyList<DecisionData> Decisions,
    IReadOnlyList<AccessTokenData> AccessTokens,
    IReadOnlyList<ThanksData> ThanksGiven,
    IReadOnlyList<ThanksData> ThanksReceived,
    IReadOnlyList<NoteData> NotesAboutYou,
    IReadOnlyList<HelpfulData> HelpfulMarks,
    IReadOnlyList<PictureData> Pictures);

public sealed record ProfileData(
    string Id, string DisplayName, string? Email, bool EmailConfirmed, string? JobTitle, string? AvatarUrl,
    DateTime CustomerSince, string? Language, IReadOnlyList<string> Roles, DateTime? BlockedAt, string? BlockReason);

/// <summary>An idea or complaint the person wrote, with its thread as they read it on its page.</summary>
public sealed record PostData(
    int Id, string Title, string Body, string Status, bool IsPublic, DateTime CreatedAt, DateTime UpdatedAt, string? Category,
    int Votes, string? ShippedIn, string? Mood, string? Reference, string? Owner, string? Outcome, int? Rating,
    string? RatingComment, DateTime? RatedAt, bool Removed, IReadOnlyList<ThreadReplyData> Thread, IReadOnlyList<WaitData> Waits);

/// <summary>A time the person waited for an answer on their complaint, as the insights count it (<c>ComplaintWait</c>).</summary>
public sealed record WaitData(DateTime Since, bool FirstAnswer, DateTime? AnsweredAt, DateTime? EndedAt, DateTime? EscalatedAt);

/// <summary>A reply in one of the person's own threads: theirs or someone else's, as the thread shows it.</summary>
public sealed record ThreadReplyData(long Id, string Author, bool Mine, string Body, DateTime CreatedAt, DateTime? EditedAt, bool ProposedResolution);

/// <summary>A reply the person wrote anywhere (in their own threads too), how many marked it helpful and who of the team endorsed it.</summary>
public sealed record ReplyData(
    long Id, int PostId, string? PostTitle, string Body, DateTime CreatedAt, DateTime? EditedAt, bool InternalNote, bool Hidden,
    int HelpfulCount = 0, string? EndorsedBy = null, bool MarkedAsAnswer = false);

public sealed record VoteData(int PostId, string? PostTitle, DateTime At);

public sealed record FollowData(int PostId, string? PostTitle, bool Following, string Reason, DateTime Since);

public sealed record CategoryFollowData(string Category, DateTime Since);

public sealed record MailSettingData(string Kind, string Delivery);

/// <summary>A thanks the person gave (<paramref name="Person"/> is whom) or received (who gave it), with the note and its leave to be shown.</summary>
public sealed record ThanksData(string Person, int PostId, string? PostTitle, long? ReplyId, string? Note, bool ShowNote, DateTime At);

/// <summary>A reply the person marked helpful: whose, on which post, when.</summary>
public sealed record HelpfulData(string Author, long ReplyId, int PostId, string? PostTitle, DateTime At);

/// <summary>A picture the person added to a post or reply; <see cref="File"/> is its name in the archive, beside data.json.</summary>
public sealed record PictureData(
    Guid Id, int PostId, long? ReplyId, string? PostTitle, string AltText, string ContentType, int Width, int Height, DateTime CreatedAt, string File)
{
    public static string FileFor(Guid id, string contentType) => $"pictures/{id:N}{(contentType == "image/png" ? ".png" : ".jpg")}";
}

/// <summary>A note the team wrote about the person on their story page (GDPR Art. 15: theirs to read, though the portal shows it to staff only).</summary>
public sealed record NoteData(string Author, string Body, DateTime At);

public sealed record SolvesItData(int PostId, string? PostTitle, bool Solves, DateTime At);

public sealed record NotificationData(string Kind, int PostId, string? PostTitle, string? From, string? Detail, DateTime CreatedAt, DateTime? ReadAt, DateTime? MailedAt);

/// <summary>A mail the portal wrote to the person: what and when (the text repeats a notification or carries a one-time link).</summary>
public sealed record MailData(string To, string Subject, DateTime CreatedAt, DateTime? SentAt, DateTime? GaveUpAt);

public sealed record ReportData(int PostId, long? ReplyId, string Reason, string? Note, DateTime CreatedAt, string? Resolution, DateTime? ResolvedAt);

public sealed record SecurityEventData(string Kind, string? ClientAddress, string? Detail, DateTime OccurredAt);

/// <summary>What the person did as staff or product owner: status decisions, hand-overs, moderation acts.</summary>
/// <summary>A personal access token of the person: its name and dates, never its secret (the portal holds only a hash).</summary>
public sealed record AccessTokenData(string Name, string Prefix, string Scope, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record DecisionData(string What, int PostId, string? PostTitle, string? Reason, DateTime At);
