using System.Globalization;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// A person's name as a reader sees it: a deleted account keeps <see cref="CareUser.FormerCustomerName"/> as its stored
/// name (nobody else may take it, <c>DisplayNames</c>), shown here in the reader's language. Every projection of a name
/// stays as it is; every place that shows one to a reader asks this — pages, the bell, mails, CSV files, the archive's
/// text (a test of the .razor sources holds the pages to it).
/// </summary>
public static class PersonName
{
    public const string FormerCustomerKey = "Person_FormerCustomer";

    public static bool IsFormerCustomer(string? name) => name == CareUser.FormerCustomerName;

    /// <summary>The name in the language of <paramref name="l"/>: a page's or a request's, the reader's.</summary>
    public static string Shown(string? name, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return IsFormerCustomer(name) ? l[FormerCustomerKey] : name ?? "";
    }

    /// <summary>The name in <paramref name="culture"/>, for words written for someone not asking now (a mail's recipient).</summary>
    public static string Shown(string? name, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return IsFormerCustomer(name) ? StringsIn.Get(FormerCustomerKey, culture) : name ?? "";
    }
}
