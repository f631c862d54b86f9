using System.Globalization;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>The promise a customer reads: "you get an answer by Tuesday 14:00", in their language and the portal's zone.</summary>
public sealed class ResponsePromise(ResponseClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>The whole acknowledgement, e.g. "Your complaint is with our team — you get an answer by tomorrow 09:00".</summary>
    public string PromiseText(DateTime dueUtc) =>
        string.Format(CultureInfo.CurrentUICulture, text["Complaints_Promise"].Value, When(dueUtc));

    /// <summary>
    /// The due time relative to now in the portal's zone: "today 14:00", "tomorrow 09:00", "Tuesday 14:00" within
    /// the coming week, else with the date ("Tuesday, 5 January, 14:00"), since a bare weekday a week ahead is ambiguous.
    /// Day names follow the viewer's UI culture, the language the rest of the sentence is in.
    /// </summary>
    public string When(DateTime dueUtc)
    {
        var due = clock.ToLocal(dueUtc);
        var days = due.Date.Subtract(clock.ToLocal(clock.UtcNow).Date).Days;
        var key = days switch
        {
            0 => "Complaints_PromiseToday",
            1 => "Complaints_PromiseTomorrow",
            > 1 and < 7 => "Complaints_PromiseWeekday",
            _ => "Complaints_PromiseDate",
        };
        return string.Format(CultureInfo.CurrentUICulture, text[key].Value, due);
    }
}
