namespace CustomerCare.Web.Features.PersonalData;

/// <summary>What happens to a deleted person's public ideas and their replies in other people's threads.</summary>
public enum PublicContentOnDeletion
{
    /// <summary>They stay, written by "Former customer": the threads others took part in still read whole.</summary>
    Anonymize,

    /// <summary>Their text is erased: ideas are removed as moderation removes them, replies hidden in their place.</summary>
    Remove,
}

/// <summary><c>PersonalData:Deletion</c>: what deleting an account does to what the person wrote in public.</summary>
public sealed class AccountDeletionOptions
{
    public const string Section = "PersonalData:Deletion";

    public PublicContentOnDeletion PublicContent { get; set; } = PublicContentOnDeletion.Anonymize;
}

/// <summary>A complaint of the person the team still works on: deleting the account erases it, which they confirm first.</summary>
public sealed record OpenComplaint(int Id, string Title);

/// <summary>
/// What deleting the account would do, counted for the person now: shown on the confirmation page before they decide.
/// </summary>
public sealed record DeletionPreview(
    string UserId,
    int Ideas,
    int RepliesInOtherThreads,
    int Complaints,
    int ComplaintReplies,
    int Votes,
    int Follows,
    int Notifications,
    IReadOnlyList<OpenComplaint> OpenComplaints,
    PublicContentOnDeletion PublicContent,
    bool WorksHere);

public enum DeletionOutcome
{
    Deleted,

    /// <summary>The password did not match: deleting needs the person to prove again that they are who the cookie says.</summary>
    WrongPassword,

    /// <summary>An open complaint the person was not shown (or did not confirm) would be erased: they are told first.</summary>
    OpenComplaintsNotConfirmed,

    /// <summary>People who work here are removed by an admin: their answers and decisions belong to customers' threads.</summary>
    WorksHere,

    /// <summary>The account is already deleted (a second click, another tab).</summary>
    Gone,

    /// <summary>An admin acting on someone's behalf said no reason (or too long a one): it is recorded with the deletion.</summary>
    ReasonRequired,

    /// <summary>An admin asked to delete their own account on the admin path: that is the person's own path, with the password.</summary>
    OwnAccount,
}

/// <summary>The answer to a deletion: done, or why not (with the open complaints still to confirm).</summary>
public sealed record DeletionResult(DeletionOutcome Outcome, IReadOnlyList<OpenComplaint> Unconfirmed)
{
    public static DeletionResult Of(DeletionOutcome outcome) => new(outcome, []);

    public bool Succeeded => Outcome == DeletionOutcome.Deleted;

    public string MessageKey => $"DeleteAccount_{Outcome}";
}
