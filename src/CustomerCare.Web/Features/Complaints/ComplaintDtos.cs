using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>What the customer typed when filing; the service trims and checks it again, whatever the page did.</summary>
public sealed record FileComplaint(string? Title, string? Body, ComplaintMood? Mood, string? Reference, bool IsPublic);

/// <summary>Resource keys of the complaint-only validation messages (title and body share the ideas' rules).</summary>
public static class ComplaintErrors
{
    public const string MoodRequired = "Complaint_MoodRequired";
    public const string ReferenceTooLong = "Complaint_ReferenceTooLong";
}

public enum OwnershipOutcome
{
    /// <summary>The complaint changed hands; <see cref="OwnershipResult.Handover"/> says how.</summary>
    Done,

    /// <summary>Claiming a complaint you already own, or handing it to its owner: nothing to do.</summary>
    Unchanged,
    SignInRequired,

    /// <summary>Only staff, product owners and admins take over or hand over complaints.</summary>
    NotAllowed,
    NotFound,

    /// <summary>Solved or removed complaints keep the owner they ended with.</summary>
    Closed,

    /// <summary>The colleague picked does not work here (any more).</summary>
    TargetNotStaff,
    ReasonRequired,
    ReasonTooLong,

    /// <summary>Someone else changed the owner since the page was read; nothing was written.</summary>
    Conflict,
}

/// <summary>What became of a claim or hand-over; <see cref="MessageKey"/> names the UI string.</summary>
public sealed record OwnershipResult(OwnershipOutcome Outcome, Posts.AuthorInfo? Owner = null, Posts.HandoverView? Handover = null)
{
    public bool Succeeded => Outcome == OwnershipOutcome.Done;

    public string MessageKey => $"Ownership_{Outcome}";
}

/// <summary>A staff member the desk can hand a complaint to.</summary>
public sealed record Colleague(string Id, string DisplayName, string? JobTitle);

/// <summary>The owner the caller saw when deciding (null: unassigned); a change is refused if it is no longer so.</summary>
public sealed record SeenOwner(string? OwnerId);
