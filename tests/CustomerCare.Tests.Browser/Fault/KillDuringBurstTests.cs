using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Fault;

/// <summary>
/// The portal process killed with SIGKILL in the middle of a burst of replies and votes from three customers' open
/// pages: every reply and vote a page was told succeeded is in the database afterwards, nothing is written twice, the
/// counters agree with the rows, and the portal starts again on that database. What was still on its way when the
/// process died may be there or not; it is only never half there.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class KillDuringBurstTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";
    private const int Writers = 3;

    [Fact]
    public Task On_SQLite_the_killed_portal_loses_no_acknowledged_reply_or_vote() => BurstAndKillAsync(DatabaseProvider.Sqlite);

    [Fact]
    public Task On_PostgreSQL_the_killed_portal_loses_no_acknowledged_reply_or_vote()
    {
        _ = TestDependencies.Postgres;
        return BurstAndKillAsync(DatabaseProvider.Postgres);
    }

    private async Task BurstAndKillAsync(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        _ = TestDependencies.Chromium;
        await using var portal = await FaultPortal.CreateAsync(provider, ct);
        await portal.StartAsync(ct);

        var writers = new List<Writer>();
        var contexts = new List<IBrowserContext>();
        await using (var db = portal.OpenDatabase())
        {
            var author = await db.AddPersonAsync(Roles.Customer, ct: ct);
            for (var i = 0; i < Writers; i++)
            {
                var person = await db.AddPersonAsync(Roles.Customer, ct: ct);
                var idea = await db.AddIdeaAsync(author, ct: ct);
                var context = await browser.NewContextAsync(new() { BaseURL = portal.Root.ToString() });
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.SignInAsync(person);
                await page.GotoAsync($"/posts/{idea.Id}");
                await page.WaitForCircuitAsync();
                writers.Add(new Writer(page, person, idea.Id));
            }
        }

        using var stop = new CancellationTokenSource();
        var bursts = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token), CancellationToken.None)).ToList();

        // Kill once every page has had writes acknowledged, while they keep writing.
        await WaitUntilAsync(() => writers.All(w => w.AckedReplies.Count >= 4 && w.AckedVotes >= 2), bursts, ct);
        await portal.Process.KillAsync();
        stop.Cancel();
        foreach (var context in contexts)
        {
            await context.CloseAsync(); // ends the waits of writes that can no longer be answered
        }

        await Task.WhenAll(bursts.Select(b => b.ContinueWith(_ => { }, TaskScheduler.Default)));

        await using (var db = portal.OpenDatabase())
        {
            foreach (var writer in writers)
            {
                await writer.AssertSurvivedAsync(db, ct);
            }

            var ideas = writers.Select(w => w.IdeaId).ToList();
            var counters = await db.Posts.AsNoTracking().Where(p => ideas.Contains(p.Id))
                .Select(p => new
                {
                    p.Id,
                    p.VoteCount,
                    Votes = p.Votes.Count(),
                    p.ReplyCount,
                    Replies = p.Replies.Count(r => !r.IsInternalNote),
                })
                .ToListAsync(ct);
            Assert.All(counters, c => Assert.Equal((c.Votes, c.Replies), (c.VoteCount, c.ReplyCount)));
        }

        // The portal comes back on the database the kill left behind.
        await portal.StartAsync(ct);
    }

    // Waits for the condition; a burst that stopped early fails the test with its own error instead of a timeout.
    private static async Task WaitUntilAsync(Func<bool> condition, IReadOnlyList<Task> bursts, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TestTimeouts.Wait * 4);
        while (!condition())
        {
            if (bursts.FirstOrDefault(b => b.IsCompleted) is { } ended)
            {
                await ended;
                Assert.Fail("A page stopped writing before the portal was killed.");
            }

            await Task.Delay(50, limit.Token);
        }
    }

    /// <summary>One customer's open idea page, replying and toggling their vote in turn, and what the page was told.</summary>
    private sealed class Writer(IPage page, TestPerson person, int ideaId)
    {
        private readonly List<string> acked = [];
        private volatile string? replyInFlight;
        private volatile bool voteInFlight;
        private bool? lastAckedVote;
        private int ackedVotes;

        public int IdeaId => ideaId;

        public IReadOnlyList<string> AckedReplies
        {
            get
            {
                lock (acked)
                {
                    return [.. acked];
                }
            }
        }

        public int AckedVotes => Volatile.Read(ref ackedVotes);

        public async Task RunAsync(CancellationToken stop)
        {
            var vote = page.GetByTestId("vote-button").First;
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var text = $"Burst by {person.Id} reply {n:D3}";
                await page.Locator(Composer).FillAsync(text);
                replyInFlight = text;
                await page.GetByTestId("composer-submit").ClickAsync();
                await Expect(page.Locator("[data-testid=reply]", new() { HasText = text })).ToBeVisibleAsync();
                lock (acked)
                {
                    acked.Add(text);
                }

                replyInFlight = null;

                var voted = await vote.GetAttributeAsync("aria-pressed") == "true";
                voteInFlight = true;
                await vote.ClickAsync();
                await Expect(vote).ToHaveAttributeAsync("aria-pressed", voted ? "false" : "true");
                lastAckedVote = !voted;
                Interlocked.Increment(ref ackedVotes);
                voteInFlight = false;
            }
        }

        public async Task AssertSurvivedAsync(CareDb db, CancellationToken ct)
        {
            var stored = await db.Replies.AsNoTracking().Where(r => r.PostId == ideaId && r.AuthorId == person.Id)
                .Select(r => r.Body).ToListAsync(ct);
            foreach (var text in AckedReplies)
            {
                Assert.Equal(1, stored.Count(body => body == text));
            }

            // Nothing but what was sent, and the one still on its way at most once.
            var sent = AckedReplies.Append(replyInFlight).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Assert.All(stored, body => Assert.Contains(body, sent));
            Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());

            if (!voteInFlight)
            {
                var votes = await db.Votes.AsNoTracking().CountAsync(v => v.PostId == ideaId && v.UserId == person.Id, ct);
                Assert.Equal(lastAckedVote == true ? 1 : 0, votes);
            }
        }
    }
}
