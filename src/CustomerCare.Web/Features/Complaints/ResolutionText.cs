using System.Globalization;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>The resolution's texts that need a value: a refusal with its limit or date, and dates in the portal's zone.</summary>
public sealed class ResolutionText(IStringLocalizer<Strings> text, ResponseClock clock)
{
    /// <summary>A date and time as the customer's calendar has it: the portal's zone, the viewer's language.</summary>
    public string When(DateTime utc) => clock.ToLocal(utc).ToString("f", CultureInfo.CurrentCulture);

    public string Message(ResolutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ResolutionOutcome.TooEarly when result.MayCloseFrom is { } from => text[result.MessageKey, When(from)],
            ResolutionOutcome.CommentTooLong => text[result.MessageKey, Post.RatingCommentMaxLength],
            ResolutionOutcome.MessageTooLong => text[result.MessageKey, Reply.BodyMaxLength],
            ResolutionOutcome.NoteTooLong => text[result.MessageKey, StatusChange.NoteMaxLength],
            ResolutionOutcome.LimitReached => text[result.MessageKey, ActivityLimits.Minutes(result.RetryAfter ?? TimeSpan.Zero)],
            _ => text[result.MessageKey],
        };
    }
}
