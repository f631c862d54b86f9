using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Votes;

/// <summary>People who work here see who voted for an idea; nobody else does.</summary>
public abstract class VoterListServiceTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private VoterListService VoterList => portal.Services.GetRequiredService<VoterListService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData("customer", false)]
    [InlineData("author", false)]
    [InlineData(Roles.Staff, true)]
    [InlineData(Roles.ProductOwner, true)]
    [InlineData(Roles.Admin, true)]
    public async Task Only_people_who_work_here_see_who_voted(string who, bool allowed)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        await AddVoteAsync(ideaId, author.UserId!, DateTime.UtcNow);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };

        if (allowed)
        {
            Assert.Equal("Test person", Assert.Single(await VoterList.ListVotersAsync(ideaId, viewer, Ct)).DisplayName);
        }
        else
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => VoterList.ListVotersAsync(ideaId, viewer, Ct));
        }

        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));
    }

    [Fact]
    public async Task Voters_come_newest_first_with_when_they_voted_and_since_when_they_are_customers()
    {
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var users = await content.AddUsersAsync(2, Roles.Customer, Ct);
        var earlier = DateTime.UtcNow.AddDays(-2);
        var later = DateTime.UtcNow.AddHours(-1);
        await AddVoteAsync(ideaId, users[0], earlier);
        await AddVoteAsync(ideaId, users[1], later);

        var voters = await VoterList.ListVotersAsync(ideaId, staff, Ct);

        Assert.Equal(2, voters.Count);
        Assert.Equal(later, voters[0].VotedAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(earlier, voters[1].VotedAt, TimeSpan.FromMilliseconds(1));
        Assert.All(voters, v => Assert.NotEqual(default, v.CustomerSince));
    }

    private async Task AddVoteAsync(int postId, string userId, DateTime at)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        db.Votes.Add(new Vote { PostId = postId, UserId = userId, CreatedAt = at });
        await db.SaveChangesAsync(Ct);
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.VoteCount, p => p.VoteCount + 1), Ct);
    }
}

public sealed class SqliteVoterListServiceTests(EmptyPortalFactory portal) : VoterListServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresVoterListServiceTests(PostgresPortalFactory portal) : VoterListServiceTests(portal), IClassFixture<PostgresPortalFactory>;
