using System.Globalization;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCare.Tests.Unit.Shared;

/// <summary>Other people's live changes reach a screen reader as one polite message per window, never a flood.</summary>
public sealed class LiveAnnouncerTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly LiveAnnouncer announcer;
    private int changes;

    public LiveAnnouncerTests()
    {
        announcer = new LiveAnnouncer(time, Text());
        announcer.Changed += () => changes++;
    }

    [Fact]
    public void A_reply_is_said_with_its_authors_name_when_the_window_closes()
    {
        UseCulture("en");
        announcer.Reply("Anna Berger");
        time.Advance(LiveAnnouncer.Window - TimeSpan.FromMilliseconds(1));
        Assert.Equal("", announcer.Message);

        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("New reply by Anna Berger.", announcer.Message);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Replies_within_the_window_are_counted_in_one_message()
    {
        UseCulture("en");
        announcer.Reply("Anna Berger");
        time.Advance(TimeSpan.FromMilliseconds(700));
        announcer.Reply("Clara Schmidt");
        time.Advance(TimeSpan.FromMilliseconds(700));
        announcer.Reply("Anna Berger");
        time.Advance(TimeSpan.FromMilliseconds(600));

        Assert.Equal("3 new replies.", announcer.Message);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Different_changes_in_one_window_make_one_message_with_the_latest_status()
    {
        UseCulture("en");
        announcer.Status("Under review");
        announcer.Reply("Anna Berger");
        announcer.Status("Planned");
        announcer.Owner("Mira Schulz");
        time.Advance(LiveAnnouncer.Window);

        Assert.Equal("New reply by Anna Berger. Status changed to Planned. Mira Schulz now takes care of this complaint.", announcer.Message);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void A_writer_is_said_once_while_they_keep_writing_and_again_when_they_start_anew()
    {
        UseCulture("en");
        announcer.Writing(["Anna Berger"]);
        time.Advance(LiveAnnouncer.Window);
        Assert.Equal("Anna Berger is typing…", announcer.Message);

        for (var i = 0; i < 5; i++)
        {
            announcer.Writing(["Anna Berger"]);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, changes);

        announcer.Writing([]);
        announcer.Writing(["Anna Berger"]);
        time.Advance(LiveAnnouncer.Window);
        Assert.Equal(2, changes);
        Assert.Equal("Anna Berger is typing…", announcer.Message.Trim());
    }

    [Fact]
    public void Two_people_starting_to_write_together_are_said_in_one_message()
    {
        UseCulture("en");
        announcer.Writing(["Anna Berger"]);
        announcer.Writing(["Anna Berger", "Clara Schmidt"]);
        time.Advance(LiveAnnouncer.Window);

        Assert.Equal("Anna Berger and Clara Schmidt are typing…", announcer.Message);
    }

    [Fact]
    public void A_nameless_writer_is_someone()
    {
        UseCulture("en");
        announcer.Writing([LiveAnnouncer.Someone]);
        time.Advance(LiveAnnouncer.Window);

        Assert.Equal("Someone is typing…", announcer.Message);
    }

    [Fact]
    public void The_same_words_again_still_change_the_region_so_they_are_read_again()
    {
        UseCulture("en");
        announcer.Reply("Anna Berger");
        time.Advance(LiveAnnouncer.Window);
        var first = announcer.Message;
        announcer.Reply("Anna Berger");
        time.Advance(LiveAnnouncer.Window);

        Assert.NotEqual(first, announcer.Message);
        Assert.Equal(first, announcer.Message.Trim());
        Assert.Equal(2, changes);
    }

    [Fact]
    public void Nothing_happening_says_nothing()
    {
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("", announcer.Message);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void German_readers_hear_German()
    {
        UseCulture("de");
        announcer.Reply("Anna Berger");
        announcer.Reply("Clara Schmidt");
        announcer.Owner("Mira Schulz");
        time.Advance(LiveAnnouncer.Window);

        Assert.Equal("2 neue Antworten. Mira Schulz kümmert sich jetzt um diese Beschwerde.", announcer.Message);
    }

    public void Dispose() => announcer.Dispose();

    // The timer fires on the thread that advances the fake clock: the test's culture is the message's.
    private static void UseCulture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);

    private static IStringLocalizer Text() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Strings));
}
