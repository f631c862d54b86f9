namespace CustomerCare.Tests.Unit.Architecture;

/// <summary>
/// Each feature owns its reads and records and depends on the shared place (Posts), not on its siblings — except for
/// the few collaborations named here, each with its reason (docs/architecture.md, "Slices"). A new edge fails until it
/// is named here or removed; a named edge nobody uses any more fails too, so the list stays true.
/// </summary>
public sealed class FeatureDependencyTests
{
    /// <summary>How every feature tells people: notifications and follows. They depend on Posts only.</summary>
    private const string Notifications = "Notifications";

    /// <summary>How every feature tells other systems (webhook receivers), after its commit as it notifies people.</summary>
    private const string Webhooks = "Webhooks";

    // The post page and the board card are where the features meet: they compose every feature's panels.
    private static readonly HashSet<string> CompositionFiles = new(StringComparer.Ordinal)
    {
        "Posts/PostPage.razor", "Posts/PostPageState.cs", "Posts/PostCard.razor",
    };

    private static readonly Dictionary<(string From, string To), string> Collaborations = new()
    {
        [("Ideas", "Votes")] = "similar ideas offer their vote button, so customers vote instead of posting a duplicate",
        [("Ideas", "Search")] = "the board's search and similar ideas use the providers' full-text search",
        [("Complaints", "Threads")] = "a resolution proposal and a customer's 'not yet' are replies; what a reply on a complaint means is its IReplyEffects",
        [("Complaints", "Ideas")] = "a complaint leads to an idea, an existing one or one staff propose from it",
        [("Complaints", "Votes")] = "the idea a complaint led to shows its live vote count",
        [("Threads", "Pictures")] = "a reply carries pictures: the composer offers them, the reply's transaction saves them and the thread shows them",
        [("Ideas", "Pictures")] = "a new idea carries pictures, chosen on its form and saved in its own transaction",
        [("Complaints", "Pictures")] = "a new complaint carries pictures (a screenshot of the fault), chosen on its form and saved in its own transaction",
        [("PersonalData", "Pictures")] = "the person's pictures are in their download and go with their account and with an anonymized complaint, files included",
        [("Threads", "Helpful")] = "the thread keeps each reply's helpful count live from HelpfulChanged, as it keeps replies live from its own events",
        [("Complaints", "Thanks")] = "on a solved complaint its customer thanks the owner, in the complaint's outcome panel",
        [("Answers", "Complaints")] = "a customer accepting another customer's answer on their public complaint says it is solved, by the resolution's own confirmation",
        [("Answers", "Thanks")] = "that acceptance thanks the customer who gave the answer, as one more kind of the one thanks",
        [("Answers", "Helpful")] = "a reply that may be the answer is one that may be marked helpful: visible to every reader of the post",
        [("Decisions", "Votes")] = "a merge moves the duplicate's votes and announces the new count",
        [("Customers", "Complaints")] = "a customer's story shows their complaints' moods with the complaint form's own mood icons",
        [("Staff", "Customers")] = "each desk row links to its customer's story",
        [("Insights", "Complaints")] = "answer times are business time by the desk's own response clock and answer targets; the page labels weeks in that clock's zone and follows complaint activity and ratings live",
        [("Staff", "Complaints")] = "the desk lists open complaints by their clock and files complaints for customers",
        [("PersonalData", "Complaints")] = "deleting an account names the open complaints it erases by the one definition of an open complaint",
        [("PersonalData", "Threads")] = "an erased account's replies reach open threads as the thread's own ReplyEdited (by 'Former customer', a removed text gone), and a pinned answer of theirs is unpinned with OfficialAnswerChanged, as hiding does",
        [("PersonalData", "Moderation")] = "what an erasure takes from the moderation queue (waiting or reported ideas, replies, complaints) is announced with the queue's own ModerationDecided, as moderation's removals are",
        [("Api", "Ideas")] = "the REST API lists, shows and proposes ideas with the board's and the proposal's own services, so it has no rules of its own",
        [("Api", "Moderation")] = "an idea edited through the API goes through the moderation service's edit, with the author's window and the audit entry",
        [("Api", "Threads")] = "replies through the API are the thread service's, with its internal-note and limit rules",
        [("Api", "Complaints")] = "complaints through the API are the complaints service's list (own or all) and filing",
        [("Api", "Decisions")] = "status decisions through the API are the decision service's, with its one permission",
        [("Api", "Admin")] = "the users list through the API is the admin service's, which checks the stored admin role",
        [("Api", "Votes")] = "votes through the API are the vote service's toggle and the voter list's staff-only rule",
        [("Webhooks", "Admin")] = "endpoints are the admins' to manage, checked by the one admin check",
        [("Insights", "Staff")] = "the tenure filter takes the desk's steps, so 'customers of ten years' means the same on both pages",
        [("Insights", "Decisions")] = "ideas by status change with every merge, which the page hears on the decisions topic",
        [("Insights", "Votes")] = "the page follows the vote counts of the ideas it ranks",
        [("Insights", "SolvesIt")] = "the page follows the 'does this solve it?' answers of the shipped ideas it shows",
        [("Threads", "Mentions")] = "a reply tells whom it mentions (MentionNotifier) and its composer offers people to mention (MentionSuggest)",
        [("PersonalData", "Mentions")] = "deleting an account renames the mentions of it in everyone's texts by the token's own syntax, so its name does not outlive it",
        [("Moderation", "Mentions")] = "approving a held reply tells whom it mentions, as posting it would have, before its followers hear of it",
        [("Moderation", "Threads")] = "approving a held reply publishes the thread's own ReplyAdded, and hiding the pinned answer unpins it, so open threads and cards follow as for any reply",
    };

    [Fact]
    public void Features_name_only_the_shared_place_notifications_webhooks_and_their_named_collaborators()
    {
        var unexpected = new List<string>();
        foreach (var (from, to, file, names) in Edges())
        {
            if (to != "Posts" && to != Notifications && to != Webhooks && !Collaborations.ContainsKey((from, to)))
            {
                unexpected.Add($"{file} names {to}: {string.Join(", ", names)}");
            }
        }

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Posts_and_notifications_name_no_feature_but_where_the_post_page_and_card_compose_them()
    {
        var unexpected = Edges()
            .Where(e => e.From == "Posts" || (e.From == Notifications && e.To != "Posts"))
            .Select(e => $"{e.File} names {e.To}: {string.Join(", ", e.Names)}")
            .ToList();

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Every_named_collaboration_is_still_used()
    {
        var used = Edges().Select(e => (e.From, e.To)).ToHashSet();

        var unused = Collaborations.Keys.Where(edge => !used.Contains(edge)).Select(edge => $"{edge.From} → {edge.To}").ToList();

        Assert.Empty(unused);
    }

    [Fact]
    public void Features_depend_on_each_other_without_a_cycle()
    {
        var graph = Edges().Select(e => (e.From, e.To)).Distinct().ToLookup(e => e.From, e => e.To);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in FeatureSource.Features)
        {
            var cycle = FindCycle(feature, graph, [], done);
            Assert.True(cycle is null, $"Features depend on each other in a circle: {string.Join(" → ", cycle ?? [])}");
        }
    }

    [Fact]
    public void The_source_reader_finds_the_features_and_their_types()
    {
        Assert.Contains("Complaints", FeatureSource.Features);
        Assert.Equal("Complaints", FeatureSource.DeclaringFeature["ComplaintService"]);
        Assert.Equal("Threads", FeatureSource.DeclaringFeature["ReplyThread"]);
        var page = Path.Combine(FeatureSource.FeaturesFolder, "Posts", "PostPage.razor");
        Assert.Contains("Complaints", FeatureSource.NamedFeatures("Posts", page).Keys);
    }

    private static List<string>? FindCycle(string feature, ILookup<string, string> graph, List<string> path, HashSet<string> done)
    {
        if (path.Contains(feature))
        {
            return [.. path.SkipWhile(f => f != feature), feature];
        }

        if (!done.Add(feature))
        {
            return null;
        }

        path.Add(feature);
        foreach (var next in graph[feature])
        {
            if (FindCycle(next, graph, path, done) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

    // Every file's references to other features, the composition files left out.
    private static IEnumerable<(string From, string To, string File, IReadOnlyList<string> Names)> Edges()
    {
        foreach (var feature in FeatureSource.Features)
        {
            foreach (var file in FeatureSource.FilesOf(feature))
            {
                var relative = Path.GetRelativePath(FeatureSource.FeaturesFolder, file).Replace('\\', '/');
                if (CompositionFiles.Contains(relative))
                {
                    continue;
                }

                foreach (var (to, names) in FeatureSource.NamedFeatures(feature, file))
                {
                    yield return (feature, to, relative, names);
                }
            }
        }
    }
}
