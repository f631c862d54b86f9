using System.Globalization;
using CustomerCare.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Posts;

/// <summary>A category as lists and forms offer it: slug for the address, name in the reader's language.</summary>
public sealed record CategoryOption(int Id, string Slug, string Name);

/// <summary>The categories ideas are filed under, for the board's filter, the proposal and edit forms and following.</summary>
public sealed class CategoryService(IDbContextFactory<CareDb> dbs)
{
    public async Task<IReadOnlyList<CategoryOption>> ListAsync(CancellationToken ct = default)
    {
        var german = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de";
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking()
            .OrderBy(c => c.SortOrder)
            .Select(c => new CategoryOption(c.Id, c.Slug, german ? c.NameGerman : c.NameEnglish))
            .ToListAsync(ct);
    }
}
