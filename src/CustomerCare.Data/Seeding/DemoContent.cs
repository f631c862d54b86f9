using CustomerCare.Data.Entities;

namespace CustomerCare.Data.Seeding;

/// <summary>A person of the demo company; <paramref name="MonthsWithUs"/> becomes CustomerSince (for staff: their start).</summary>
internal sealed record DemoPerson(string Key, string Email, string DisplayName, string Role, int MonthsWithUs, string? Avatar = null, string? JobTitle = null);

/// <summary>One status change; the "from" status is the previous step's, starting at Open.</summary>
internal sealed record DemoStep(double DaysAgo, PostStatus To, string By, string? Note = null, string? ShippedIn = null);

internal sealed record DemoReply(double DaysAgo, string By, string Body, bool Internal = false)
{
    /// <summary>Answers to this reply (one level of threading, as in the portal).</summary>
    public IReadOnlyList<DemoReply> Answers { get; init; } = [];

    public double? EditedDaysAgo { get; init; }
}

internal sealed record DemoPost(PostKind Kind, double DaysAgo, string By, string Title, string Body)
{
    public bool IsPublic { get; init; } = true;

    /// <summary>Slug of one of the categories the migration creates.</summary>
    public string? Category { get; init; }

    /// <summary>How many customers vote for the idea; the seeder picks them and writes one row each.</summary>
    public int Votes { get; init; }

    public IReadOnlyList<DemoStep> Steps { get; init; } = [];

    /// <summary>How a complaint's customer felt when they filed it (the insights' mood chart).</summary>
    public ComplaintMood? Mood { get; init; }

    /// <summary>A complaint's owner (a staff member's key), assigned on filing as the portal does.</summary>
    public string? Owner { get; init; }

    public IReadOnlyList<DemoReply> Replies { get; init; } = [];

    /// <summary>Derived from the history, so the current status and the last status change cannot disagree.</summary>
    public PostStatus Status => Steps.Count == 0 ? PostStatus.Open : Steps[^1].To;
}

/// <summary>
/// Lindenhof Energie, a fictional regional supplier of electricity, gas and fibre internet, and the
/// people around its portal. Times are days before "now", so the demo always looks recent.
/// </summary>
internal static partial class DemoContent
{
    public const string ProductOwner = "jonas";

    public static readonly IReadOnlyList<DemoPerson> People =
    [
        // Staff: every one with a face, because customers should see who answers them.
        new("anna", DemoAccounts.Staff.Email, DemoAccounts.Staff.DisplayName, Roles.Staff, 86, "avatars/anna-berger.svg", "Customer Care"),
        new("mehmet", "mehmet.yilmaz@demo.local", "Mehmet Yılmaz", Roles.Staff, 41, "avatars/mehmet-yilmaz.svg", "Customer Care"),
        new("julia", "julia.hoffmann@demo.local", "Julia Hoffmann", Roles.Staff, 131, "avatars/julia-hoffmann.svg", "Team Lead Customer Care"),
        new("jonas", DemoAccounts.ProductOwner.Email, DemoAccounts.ProductOwner.DisplayName, Roles.ProductOwner, 62, "avatars/jonas-weber.svg", "Product Owner App & Portal"),
        new("sabine", DemoAccounts.Admin.Email, DemoAccounts.Admin.DisplayName, Roles.Admin, 152, "avatars/sabine-krueger.svg", "IT Administration"),

        // Customers, from the very loyal to the brand new; some chose a picture, most did not.
        new("clara", DemoAccounts.Customer.Email, DemoAccounts.Customer.DisplayName, Roles.Customer, 110, "avatars/clara-schmidt.svg"),
        new("klaus", "klaus.meier@demo.local", "Klaus Meier", Roles.Customer, 206, "avatars/klaus-meier.svg"),
        new("petra", "petra.wagner@demo.local", "Petra Wagner", Roles.Customer, 180),
        new("daniel", "daniel.fischer@demo.local", "Daniel Fischer", Roles.Customer, 147),
        new("aylin", "aylin.demir@demo.local", "Aylin Demir", Roles.Customer, 95, "avatars/aylin-demir.svg"),
        new("lukas", "lukas.braun@demo.local", "Lukas Braun", Roles.Customer, 70),
        new("emily", "emily.carter@demo.local", "Emily Carter", Roles.Customer, 88, "avatars/emily-carter.svg"),
        new("raj", "raj.patel@demo.local", "Raj Patel", Roles.Customer, 58),
        new("sophie", "sophie.laurent@demo.local", "Sophie Laurent", Roles.Customer, 47, "avatars/sophie-laurent.svg"),
        new("marco", "marco.rossi@demo.local", "Marco Rossi", Roles.Customer, 36),
        new("hannah", "hannah.schulz@demo.local", "Hannah Schulz", Roles.Customer, 115),
        new("ingrid", "ingrid.neumann@demo.local", "Ingrid Neumann", Roles.Customer, 168),
        new("olena", "olena.kovalenko@demo.local", "Olena Kovalenko", Roles.Customer, 26),
        new("ben", "ben.richter@demo.local", "Ben Richter", Roles.Customer, 1),
    ];

    public static IEnumerable<DemoPost> Posts => [.. NewIdeas, .. RoadmapIdeas, .. ClosedIdeas, .. Complaints];

    private static DemoPost Idea(double daysAgo, string by, string title, string category, string body) =>
        new(PostKind.Idea, daysAgo, by, title, body) { Category = category };

    /// <summary>Complaints start private: only the customer and the staff see them.</summary>
    private static DemoPost Complaint(double daysAgo, string by, string title, string body) =>
        new(PostKind.Complaint, daysAgo, by, title, body) { IsPublic = false };
}
