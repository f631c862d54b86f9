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
