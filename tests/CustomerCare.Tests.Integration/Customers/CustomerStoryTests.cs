using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Customers;
using CustomerCare.Web.Features.Thanks;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Customers;

/// <summary>
/// A customer's story for the people who work here, checked against what a test made by hand: since when, ideas,
/// complaints with mood, outcome and rating, votes, thanks, when they last wrote and the team last answered. Nobody else
/// gets it. On SQLite and PostgreSQL.
/// </summary>
public abstract class CustomerStoryTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CustomerStoryService Stories => portal.Services.GetRequiredService<CustomerStoryService>();

    [Fact]
    public async Task The_story_tells_everything_the_customer_did_and_how_it_ended()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Story", "Customer Care", Ct);
        var since = new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var firstIdea = await portal.ProposeIdeaAsync(clara, TestPeople.UniqueTitle("Paper invoices"), ct: Ct);
        var secondIdea = await portal.ProposeIdeaAsync(clara, TestPeople.UniqueTitle("Dark mode"), ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, TestPeople.UniqueTitle("Meter photos"), ct: Ct);
        var angry = await portal.FileComplaintAsync(clara, TestPeople.UniqueTitle("Charged twice"), ComplaintMood.Angry, ct: Ct);
        var hopeful = await portal.FileComplaintAsync(clara, TestPeople.UniqueTitle("Fibre slow"), ComplaintMood.Hopeful, ct: Ct);
        var votes = portal.Services.GetRequiredService<VoteService>();
        await votes.ToggleAsync(ottosIdea, clara.Viewer, Ct);
        await votes.ToggleAsync(firstIdea, otto.Viewer, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();
        var answer = (await threads.ReplyAsync(angry, null, "We refund it today.", false, anna.Viewer, Ct)).Reply!;
        await threads.ReplyAsync(angry, null, "Internal: refund ticket 12.", true, anna.Viewer, Ct);
        var last = (await threads.ReplyAsync(angry, null, "Thank you!", false, clara.Viewer, Ct)).Reply!;
        Assert.Equal(ThanksOutcome.Thanked, (await portal.Services.GetRequiredService<ThanksService>().ThankReplyAsync(answer.Id, "Quick!", true, clara.Viewer, Ct)).Outcome);
        await using (var db = await DbAsync())
        {
            await db.Users.Where(u => u.Id == clara.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, since).SetProperty(u => u.Language, "de"), Ct);
            await db.Posts.Where(p => p.Id == angry).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PostStatus.Solved).SetProperty(p => p.Outcome, ComplaintOutcome.ConfirmedByCustomer).SetProperty(p => p.Rating, 4), Ct);
        }

        var story = await Stories.StoryAsync(clara.Id, anna.Viewer, Ct);

        Assert.NotNull(story);
        Assert.Equal((since, "de", false), (story.Person.Since, story.Person.Language, story.Person.Deleted));
        Assert.Equal(2, story.IdeaCount);
        Assert.Equal([secondIdea, firstIdea], story.Ideas.Select(i => i.Id));
        Assert.Equal(1, story.Ideas.Single(i => i.Id == firstIdea).Votes);
        Assert.Equal(2, story.ComplaintCount);
        Assert.Equal([hopeful, angry], story.Complaints.Select(c => c.Id));
        var ended = story.Complaints.Single(c => c.Id == angry);
        Assert.Equal((ComplaintMood.Angry, PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer, 4),
            (ended.Mood!.Value, ended.Status, ended.Outcome!.Value, ended.Rating!.Value));
        Assert.Equal(ComplaintMood.Hopeful, story.Complaints.Single(c => c.Id == hopeful).Mood);
        Assert.Equal((1, ottosIdea), (story.VoteCount, Assert.Single(story.Votes).PostId));
        var thanks = Assert.Single(story.Thanks);
        Assert.Equal(("Anna Story", "Quick!", 1), (thanks.ToName, thanks.Note, story.ThanksCount));
        Assert.Equal(last.CreatedAt, story.LastHeard!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(answer.CreatedAt, story.LastAnswered!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Only_people_who_work_here_read_a_story_and_only_a_customers()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var owner = await portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);

        Assert.Null(await Stories.StoryAsync(clara.Id, Viewer.Anonymous, Ct));
        Assert.Null(await Stories.StoryAsync(clara.Id, otto.Viewer, Ct));
        Assert.Null(await Stories.StoryAsync(clara.Id, clara.Viewer, Ct));
        Assert.Null(await Stories.StoryAsync(anna.Id, owner.Viewer, Ct));
        Assert.Null(await Stories.StoryAsync("no-such-person", owner.Viewer, Ct));
        var empty = await Stories.StoryAsync(clara.Id, owner.Viewer, Ct);
        Assert.Equal((0, 0, 0, 0, (DateTime?)null, (DateTime?)null),
            (empty!.IdeaCount, empty.ComplaintCount, empty.VoteCount, empty.ThanksCount, empty.LastHeard, empty.LastAnswered));
    }

    [Fact]
    public async Task The_team_notes_what_to_remember_told_at_the_field_when_wrong_and_the_customer_reads_it_in_their_download()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Notes", "Customer Care", Ct);
        var sven = await portal.AddPersonAsync(Roles.Staff, "Sven Notes", "Customer Care", Ct);

        var empty = await Stories.AddNoteAsync(clara.Id, "  \n ", anna.Viewer, Ct);
        var tooLong = await Stories.AddNoteAsync(clara.Id, new string('x', CustomerNote.BodyMaxLength + 1), anna.Viewer, Ct);
        var byCustomer = await Stories.AddNoteAsync(clara.Id, "I am nice", clara.Viewer, Ct);
        var aboutStaff = await Stories.AddNoteAsync(sven.Id, "Colleague", anna.Viewer, Ct);
        var first = await Stories.AddNoteAsync(clara.Id, "Prefers a call after 5 pm.", anna.Viewer, Ct);
        var second = await Stories.AddNoteAsync(clara.Id, "Moved to fibre in May.", sven.Viewer, Ct);

        Assert.Equal((NoteOutcome.Invalid, "Story_NoteRequired"), (empty.Outcome, empty.Error));
        Assert.Equal((NoteOutcome.Invalid, "Story_NoteTooLong"), (tooLong.Outcome, tooLong.Error));
        Assert.Equal(NoteOutcome.NotFound, byCustomer.Outcome);
        Assert.Equal(NoteOutcome.NotFound, aboutStaff.Outcome);
        Assert.Equal((NoteOutcome.Added, NoteOutcome.Added), (first.Outcome, second.Outcome));
        var story = await Stories.StoryAsync(clara.Id, anna.Viewer, Ct);
        Assert.Equal([("Sven Notes", "Moved to fibre in May."), ("Anna Notes", "Prefers a call after 5 pm.")],
            story!.Notes.Select(n => (n.AuthorName, n.Body)));
        var download = await portal.Services.GetRequiredService<Web.Features.PersonalData.PersonalDataExport>().CollectAsync(clara.Viewer, ct: Ct);
        Assert.Equal(["Prefers a call after 5 pm.", "Moved to fibre in May."], download!.NotesAboutYou.Select(n => n.Body));
    }

    [Fact]
    public async Task Everyone_sees_a_customers_public_profile_with_their_listed_ideas_and_nothing_internal()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var shown = await portal.ProposeIdeaAsync(clara, TestPeople.UniqueTitle("Paper invoices"), ct: Ct);
        var removed = await portal.ProposeIdeaAsync(clara, TestPeople.UniqueTitle("Removed one"), ct: Ct);
        await portal.FileComplaintAsync(clara, TestPeople.UniqueTitle("Private trouble"), isPublic: true, ct: Ct);
        await using (var db = await DbAsync())
        {
            await db.Posts.Where(p => p.Id == removed).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, DateTime.UtcNow), Ct);
        }

        var profile = await Stories.ProfileAsync(clara.Id, Ct);

        Assert.NotNull(profile);
        Assert.Equal((1, shown), (profile.IdeaCount, Assert.Single(profile.Ideas).Id));
        Assert.Null(await Stories.ProfileAsync(anna.Id, Ct));
        Assert.Null(await Stories.ProfileAsync("no-such-person", Ct));
    }

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
}

public sealed class SqliteCustomerStoryTests(EmptyPortalFactory portal) : CustomerStoryTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresCustomerStoryTests(PostgresPortalFactory portal) : CustomerStoryTests(portal), IClassFixture<PostgresPortalFactory>;
