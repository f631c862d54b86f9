using CustomerCare.Data;
using Npgsql;

namespace CustomerCare.Tests.Integration.Providers;

public sealed class PostgresAutoPrepareTests
{
    [Fact]
    public void Postgres_connection_without_a_choice_keeps_the_portals_statements_prepared()
    {
        var connection = new NpgsqlConnectionStringBuilder(CareDbOptions.WithAutoPrepare("Host=db;Database=customercare;Username=cc"));

        Assert.Equal(CareDbOptions.PostgresAutoPrepare, connection.MaxAutoPrepare);
        Assert.Equal("db", connection.Host);
        Assert.Equal("customercare", connection.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    public void Postgres_connection_that_chooses_its_preparation_keeps_the_choice(string connectionString, int expected)
    {
        var connection = new NpgsqlConnectionStringBuilder(CareDbOptions.WithAutoPrepare(connectionString));

        Assert.Equal(expected, connection.MaxAutoPrepare);
    }
}
