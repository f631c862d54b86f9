using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerCare.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CareDb>
{
    public CareDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(DatabaseProvider.Sqlite, "Data Source=design.db");
        return new CareDb(options.Options);
    }
}
