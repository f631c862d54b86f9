using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Answers;

/// <summary>The post's author or someone who works here marked a reply as the answer, or took the mark back (<paramref name="Mark"/> null).</summary>
public sealed record AnswerMarked(int PostId, Posts.AnswerMark? Mark, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);
