using System.Globalization;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// A post's title as a reader sees it: an anonymized complaint keeps the marker <see cref="Post.AnonymizedTitle"/> as its
/// stored title, shown here in the reader's language; every other title is the author's words, shown as written.
/// </summary>
public static class PostTitle
{
    public const string AnonymizedKey = "Post_AnonymizedTitle";

    public static bool IsAnonymized(string? title) => title == Post.AnonymizedTitle;

    /// <summary>The title in the language of <paramref name="l"/>: a page's or a request's, the reader's.</summary>
    public static string Shown(string? title, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return IsAnonymized(title) ? l[AnonymizedKey] : title ?? "";
    }

    /// <summary>The title in <paramref name="culture"/>, for words written for someone not asking now (a mail's recipient).</summary>
    public static string Shown(string? title, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return IsAnonymized(title) ? StringsIn.Get(AnonymizedKey, culture) : title ?? "";
    }
}
