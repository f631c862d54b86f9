using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Components.Account.Shared;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Components.Account;

public enum DisplayNameProblem
{
    /// <summary>Shorter or longer than the limits once cleaned, or nothing that shows.</summary>
    Length,

    /// <summary>A colleague's name: a customer must not pass for someone who works here.</summary>
    TakenByStaff,

    /// <summary>The name deleted accounts are shown by ("Former customer" in any language): nobody may pass for one.</summary>
    Reserved,
}

/// <summary>
/// The rule for a name shown beside everything a person writes, wherever it is set (registration today; a profile page
/// later asks the same): cleaned by <see cref="TextRules.Line"/>, 2 to 80 characters, and for a customer never a name of
/// someone who works here, compared by <see cref="TextRules.NameKey"/> (case, spaces, zero-width characters and
/// look-alike letters do not make "Anna Berger" another name). People who work here keep their names.
/// </summary>
public sealed class DisplayNames(IDbContextFactory<CareDb> dbs)
{
    private static readonly HashSet<string> Reserved =
        new([TextRules.NameKey(CareUser.FormerCustomerName), TextRules.NameKey("Ehemaliger Kunde")], StringComparer.Ordinal);

    /// <summary>The name as it would be stored, and what is wrong with it (null: it may be used).</summary>
    /// <param name="userId">Who takes the name; null at registration. Staff may keep theirs, and nobody collides with themselves.</param>
    public async Task<(string Name, DisplayNameProblem? Problem)> CheckAsync(string? name, string? userId, CancellationToken ct = default)
    {
        var clean = TextRules.Line(name);
        if (TextRules.IsBlank(clean) || clean.Length is < AccountForms.DisplayNameMinLength or > AccountForms.DisplayNameMaxLength)
        {
            return (clean, DisplayNameProblem.Length);
        }

        var key = TextRules.NameKey(clean);
        if (Reserved.Contains(key))
        {
            return (clean, DisplayNameProblem.Reserved);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        if (userId is not null && await staff.ContainsAsync(userId, ct))
        {
            return (clean, null);
        }

        // People who work here are a few dozen: their names are compared in memory, where NFKC and look-alikes are known.
        var colleagues = await db.Users.AsNoTracking().Where(u => staff.Contains(u.Id) && u.Id != userId).Select(u => u.DisplayName).ToListAsync(ct);
        return (clean, colleagues.Any(c => TextRules.NameKey(c) == key) ? DisplayNameProblem.TakenByStaff : null);
    }
}
