using CustomerCare.Data.Entities;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// A person's name as a reader sees it: a deleted account keeps <see cref="CareUser.FormerCustomerName"/> as its stored
/// name (nobody else may take it, <c>DisplayNames</c>), shown here in the reader's language. Every projection of a name
/// stays as it is; the places that show one ask this.
/// </summary>
public static class PersonName
{
    public const string FormerCustomerKey = "Person_FormerCustomer";

    public static string Shown(string? name, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return name == CareUser.FormerCustomerName ? l[FormerCustomerKey] : name ?? "";
    }
}
