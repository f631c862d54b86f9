using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerCare.Data.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CareDb>
{
    public CareDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(DatabaseProvider.SqlServer, "Server=(design);Database=CustomerCare;Trusted_Connection=True;TrustServerCertificate=True");
        return new CareDb(options.Options);
    }
}
