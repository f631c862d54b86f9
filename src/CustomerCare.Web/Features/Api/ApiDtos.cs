using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Api;

/// <summary>An idea on a board page. <paramref name="VotedByMe"/> is false for a caller nobody signed in.</summary>
public sealed record ApiIdeaSummary(
    int Id, string Title, string Excerpt, PostStatus Status, string Author, DateTime CreatedAt, int Votes, int Replies, bool VotedByMe)
{
    public static ApiIdeaSummary From(PostSummary p) =>
        new(p.Id, p.Title, p.Excerpt, p.Status, p.Author.DisplayName, p.CreatedAt, p.VoteCount, p.ReplyCount, p.VotedByViewer);
}

/// <summary>One board page; pass <paramref name="Next"/> as <c>after</c> for the next, null after the last.</summary>
public sealed record ApiIdeaPage(IReadOnlyList<ApiIdeaSummary> Ideas, string? Next);

public sealed record ApiIdea(
    int Id, string Title, string Body, PostStatus Status, string Author, DateTime CreatedAt, DateTime? EditedAt, int Votes, int Replies,
    bool VotedByMe, int? MergedInto)
{
    public static ApiIdea From(PostDetails d) => new(
        d.Post.Id, d.Post.Title, d.Body, d.Post.Status, d.Post.Author.DisplayName, d.Post.CreatedAt, d.EditedAt, d.Post.VoteCount,
        d.Post.ReplyCount, d.Post.VotedByViewer, d.MergedInto?.Id);
}

/// <summary>A reply as the caller may read it: internal notes only for people who work here, a hidden one without its text.</summary>
public sealed record ApiReply(long Id, long? ParentId, string Author, string Body, DateTime CreatedAt, DateTime? EditedAt, bool InternalNote, bool Hidden)
{
    public static ApiReply From(ReplyView r) =>
        new(r.Id, r.ParentReplyId, r.Author.DisplayName, r.Body, r.CreatedAt, r.EditedAt, r.IsInternalNote, r.Hidden is not null);
}

public sealed record ApiCategory(int Id, string Slug, string Name);

public sealed record ApiVote(bool Voted, int Votes);

public sealed record ApiVoter(string Name, DateTime At);

/// <summary>A new idea, or the new text of one (every field is sent; the category may be null).</summary>
public sealed record ApiIdeaInput(string? Title, string? Body, int? CategoryId);

/// <summary>A reply; <paramref name="InternalNote"/> is for people who work here only.</summary>
public sealed record ApiReplyInput(string? Body, long? ParentId, bool InternalNote = false);

public sealed record ApiAntiforgery(string Header, string Token);
