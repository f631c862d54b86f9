using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerCare.Data.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CareDb>
{
    public CareDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(DatabaseProvider.Postgres, "Host=design;Database=customercare");
        return new CareDb(options.Options);
    }
}
