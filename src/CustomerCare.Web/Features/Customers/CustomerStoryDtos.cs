using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Customers;

/// <summary>Who the customer is: since when, their mail language, and whether their account is deleted or blocked.</summary>
public sealed record StoryPerson(
    string Id, string DisplayName, string? AvatarUrl, DateTime Since, string? Language, bool Deleted, DateTime? BlockedAt);

public sealed record StoryIdea(int Id, string Title, PostStatus Status, int Votes, DateTime CreatedAt, bool Removed);

/// <summary>A complaint as its story tells it: how the customer felt when filing it, how it ended and how they rated it.</summary>
public sealed record StoryComplaint(
    int Id, string Title, PostStatus Status, ComplaintMood? Mood, ComplaintOutcome? Outcome, int? Rating, DateTime CreatedAt, bool IsPublic);

public sealed record StoryVote(int PostId, string Title, DateTime At);

public sealed record StoryThanks(string ToName, int PostId, DateTime At, string? Note);

/// <summary>A note of the team about the customer: who wrote it and when; never edited.</summary>
public sealed record StoryNote(long Id, string AuthorName, string Body, DateTime At);

public enum NoteOutcome
{
    Added,
    Invalid,
    NotFound,
}

/// <summary>What adding a note did; <paramref name="Error"/> is the resource key the field shows when refused.</summary>
public sealed record NoteResult(NoteOutcome Outcome, string? Error = null, StoryNote? Note = null);

/// <summary>
/// A customer's whole story for the people who work here: every idea and complaint (the newest <see cref="CustomerStoryService.Shown"/>
/// of each, with the totals), their votes, the thanks they gave, when the customer last wrote and when the team last
/// answered them, and the team's notes about them.
/// </summary>
public sealed record CustomerStory(
    StoryPerson Person,
    IReadOnlyList<StoryIdea> Ideas, int IdeaCount,
    IReadOnlyList<StoryComplaint> Complaints, int ComplaintCount,
    IReadOnlyList<StoryVote> Votes, int VoteCount,
    IReadOnlyList<StoryThanks> Thanks, int ThanksCount,
    DateTime? LastHeard, DateTime? LastAnswered,
    IReadOnlyList<StoryNote> Notes);

/// <summary>
/// A customer as everyone may see them: their name and face, since when they are a customer, and the ideas they proposed
/// that the board lists, their answers that others marked helpful in threads everyone may read, and how many customers
/// those helped. Nothing internal: no complaint of theirs, no vote, no note.
/// </summary>
public sealed record CustomerProfile(
    string Id, string DisplayName, string? AvatarUrl, DateTime Since, IReadOnlyList<StoryIdea> Ideas, int IdeaCount,
    IReadOnlyList<HelpfulAnswerView> HelpfulAnswers, int Helped);

/// <summary>A reply of the customer that people marked helpful, the public post it answers, and whether it is that post's answer.</summary>
public sealed record HelpfulAnswerView(long ReplyId, int PostId, string PostTitle, int HelpfulCount, DateTime CreatedAt, bool IsTheAnswer = false);
