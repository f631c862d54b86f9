namespace CustomerCare.Data.Entities;

/// <summary>
/// One time a customer waited for the company on their complaint: from filing (<see cref="First"/>) or from their first
/// message after a staff answer, until a public staff answer (<see cref="AnsweredAt"/>), or until the complaint was solved
/// without one (<see cref="EndedAt"/> only). Written in the same transaction as the message that opens or ends it, so
/// the insights read answer times, waiting customers and escalations by index instead of walking every thread.
/// </summary>
public sealed class ComplaintWait
{
    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public required DateTime Since { get; set; }

    /// <summary>The wait for the first answer to a new complaint; later waits have the next-answer target.</summary>
    public required bool First { get; set; }

    /// <summary>When the wait ended, by an answer or by the complaint being solved; null while the customer waits.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>When a public staff answer ended it; null while waiting and when the complaint was solved without one.</summary>
    public DateTime? AnsweredAt { get; set; }

    /// <summary>When the wait breached its target and went up to the team lead; kept after the answer, unlike <see cref="Post.EscalatedAt"/>.</summary>
    public DateTime? EscalatedAt { get; set; }
}
