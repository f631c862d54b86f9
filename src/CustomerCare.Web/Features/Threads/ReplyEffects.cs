using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Threads;

/// <summary>
/// A reply about to be saved, as a kind of post's own rules see it: the post, the reply (not saved yet), who wrote it
/// (<paramref name="ByStaff"/>: someone who works here) and why (<paramref name="Intent"/>).
/// </summary>
public sealed record ReplyWrite(int PostId, PostKind Kind, string PostAuthorId, Reply Reply, AuthorInfo Author, bool ByStaff, ReplyIntent Intent);

/// <summary>
/// What a reply means beyond its thread for one kind of post. A complaint's clock, escalation and reopening belong to
/// Complaints; the thread asks them here instead of knowing them, so every reply still goes through one path.
/// </summary>
public interface IReplyEffects
{
    /// <summary>
    /// Runs inside the reply's transaction, after the post's row is locked and before the reply is saved. Returns
    /// <see cref="ReplyEffect.Refused"/> to write nothing, or what to publish once the reply is committed.
    /// </summary>
    Task<ReplyEffect> ApplyAsync(CareDb db, ReplyWrite write, CancellationToken ct);
}

/// <summary>What a reply's effects decided: refuse it, or run <see cref="AfterCommit"/> (if any) once it is saved.</summary>
public sealed record ReplyEffect(bool Refuses, Func<CancellationToken, Task>? AfterCommit)
{
    public static ReplyEffect None { get; } = new(false, null);

    public static ReplyEffect Refused { get; } = new(true, null);

    public static ReplyEffect Then(Func<CancellationToken, Task> afterCommit) => new(false, afterCommit);
}
