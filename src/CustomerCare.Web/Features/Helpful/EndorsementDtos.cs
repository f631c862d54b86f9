namespace CustomerCare.Web.Features.Helpful;

public enum EndorsementOutcome
{
    /// <summary>The answer carries the viewer's endorsement now (or already carried one).</summary>
    Endorsed,

    /// <summary>The endorsement is taken back (or there was none).</summary>
    Withdrawn,

    /// <summary>Only people who work here endorse.</summary>
    NotAllowed,

    /// <summary>No such reply, or one the viewer may not see, or its post was removed.</summary>
    NotFound,

    /// <summary>Only a customer's visible answer is endorsed: not the team's own replies, notes, waiting or hidden ones.</summary>
    NotEndorsable,

    /// <summary>A colleague endorsed it already; their name stays on it.</summary>
    EndorsedByAnother,
}

/// <summary>What became of an endorsement; <see cref="MessageKey"/> names the UI string.</summary>
public sealed record EndorsementResult(EndorsementOutcome Outcome, Posts.Endorsement? Endorsement = null)
{
    public bool Succeeded => Outcome is EndorsementOutcome.Endorsed or EndorsementOutcome.Withdrawn;

    public string MessageKey => $"Endorsement_{Outcome}";
}
